import { z } from 'zod';
import { assertGlobalAllowed } from '../../domain/authorization.js';
import { DomainError } from '../../domain/errors.js';
import type { Actor } from '../../domain/model.js';
import type { Deps } from '../ports.js';
import type { PlatformIds } from '../ports/platform.js';
import { audit } from '../support/audit.js';
import { id } from '../support/fields.js';
import { parseInput } from '../support/parse-input.js';
import { nullable } from './fields.js';

/** The chat platforms the office links by hand (the sandbox has its own demo accounts). */
export const LINKABLE_PLATFORMS = ['LARK', 'DINGTALK'] as const;
export const PLATFORM_LABELS: Record<(typeof LINKABLE_PLATFORMS)[number], string> = { LARK: '飞书', DINGTALK: '钉钉' };

const accountId = nullable(z.string().trim().max(64, { error: '不能超过64个字符' }).regex(/^[A-Za-z0-9_-]+$/, { error: '只能包含字母、数字、下划线和连字符' }));
const platform = z.enum(LINKABLE_PLATFORMS, { error: '请选择飞书或钉钉' });

const linkInput = z
  .object({ personId: id, platform, openId: accountId, userId: accountId })
  .strict()
  .refine((v) => v.openId || v.userId, { error: '请填写 open_id 或 user_id' });
const unlinkInput = z.object({ personId: id, platform }).strict();

/**
 * Links a person to their chat account by hand (when the directory sync cannot match them by
 * mobile or email). Ids not typed keep what was known; an account already linked to someone
 * else is refused.
 */
export async function linkPlatformIdentity(deps: Deps, actor: Actor, raw: unknown): Promise<{ ids: PlatformIds }> {
  assertGlobalAllowed(actor.person, 'MANAGE_PEOPLE');
  const v = parseInput(linkInput, raw);
  if (v.platform === 'LARK' && v.openId && !v.openId.startsWith('ou_')) throw new DomainError('VALIDATION', '输入有误：飞书 open_id 以 ou_ 开头');
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    const person = await repos.directory.person(v.personId);
    if (!person) throw new DomainError('NOT_FOUND', '找不到该人员');
    if (!person.active) throw new DomainError('CONFLICT', `${person.name}的账号已停用，请先启用再绑定平台账号`);
    const before = await repos.identities.idsOf(person.id, v.platform);
    const ids: PlatformIds = { openId: v.openId ?? before?.openId ?? null, userId: v.userId ?? before?.userId ?? null, unionId: before?.unionId ?? null };
    if (!(await repos.identities.link(person.id, v.platform, ids))) {
      const holder = await repos.identities.personOf(v.platform, { openId: v.openId, userId: v.userId });
      throw new DomainError('CONFLICT', `该${PLATFORM_LABELS[v.platform]}账号已绑定给${holder?.name ?? '其他人员'}，请先解除原绑定`);
    }
    await audit(repos, actor, now, {
      action: 'PLATFORM_IDENTITY_LINKED', entityType: 'Person', entityId: person.id, before, after: { platform: v.platform, ...ids }, reason: '信访办手动绑定',
    });
    return { ids };
  });
}

/** Removes a person's account on a platform (a wrong link, or a person who changed accounts). */
export async function unlinkPlatformIdentity(deps: Deps, actor: Actor, raw: unknown): Promise<void> {
  assertGlobalAllowed(actor.person, 'MANAGE_PEOPLE');
  const v = parseInput(unlinkInput, raw);
  const now = deps.clock.now();
  await deps.uow.run(async (repos) => {
    const person = await repos.directory.person(v.personId);
    if (!person) throw new DomainError('NOT_FOUND', '找不到该人员');
    const before = await repos.identities.unlink(person.id, v.platform);
    if (!before) throw new DomainError('NOT_FOUND', `${person.name}没有绑定${PLATFORM_LABELS[v.platform]}账号`);
    await audit(repos, actor, now, { action: 'PLATFORM_IDENTITY_UNLINKED', entityType: 'Person', entityId: person.id, before: { platform: v.platform, ...before }, reason: '信访办解除绑定' });
  });
}
