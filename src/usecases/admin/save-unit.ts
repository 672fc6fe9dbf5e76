import { z } from 'zod';
import { assertGlobalAllowed } from '../../domain/authorization.js';
import { DomainError } from '../../domain/errors.js';
import type { Actor } from '../../domain/model.js';
import { leaderInChargeProblem, unitHeadProblem, UNIT_KIND_LABELS, type UnitKind } from '../../domain/organisation.js';
import type { Deps, Repos, Unit } from '../ports.js';
import { audit } from '../support/audit.js';
import { id } from '../support/fields.js';
import { parseInput } from '../support/parse-input.js';
import { optionalId, orgName, unitKind } from './fields.js';
import { changesNothing, chosenPerson, given } from './support.js';

/** 「单位名称：不能为空」, not 姓名. */
const LABELS = { name: '单位名称' };
const createInput = z.object({ name: orgName, kind: unitKind, villageId: optionalId, headId: optionalId, leaderInChargeId: optionalId }).strict();
const updateInput = z.object({ unitId: id, name: orgName.optional(), kind: unitKind.optional(), headId: optionalId, leaderInChargeId: optionalId }).strict();

/** A responsible unit (责任单位): a department, a village committee (of one village), discipline, or the petition office. */
export async function createUnit(deps: Deps, actor: Actor, raw: unknown): Promise<{ unit: Unit }> {
  assertGlobalAllowed(actor.person, 'MANAGE_PEOPLE');
  const v = parseInput(createInput, raw, LABELS);
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    const data = { name: v.name, kind: v.kind, villageId: v.villageId ?? null, headId: v.headId ?? null, leaderInChargeId: v.leaderInChargeId ?? null };
    await assertNameFree(repos, data.name, null);
    await assertKind(repos, null, data.kind, data.villageId);
    await assertPosts(repos, data);
    const unit = await repos.organisation.createUnit(data);
    await audit(repos, actor, now, { action: 'unit.create', entityType: 'Unit', entityId: unit.id, after: unit });
    return { unit };
  });
}

/** Renames a unit, changes its kind, head or leader in charge (a committee's village stays). */
export async function updateUnit(deps: Deps, actor: Actor, raw: unknown): Promise<{ unit: Unit; changed: boolean }> {
  assertGlobalAllowed(actor.person, 'MANAGE_PEOPLE');
  const v = parseInput(updateInput, raw, LABELS);
  const patch = given({ name: v.name, kind: v.kind, headId: v.headId, leaderInChargeId: v.leaderInChargeId });
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    const before = await repos.directory.unit(v.unitId);
    if (!before) throw new DomainError('NOT_FOUND', '找不到该单位');
    if (changesNothing(before, patch)) return { unit: before, changed: false };
    if (patch.name) await assertNameFree(repos, patch.name, before.id);
    if (patch.kind) await assertKind(repos, before, patch.kind, before.villageId);
    await assertPosts(repos, { headId: patch.headId && patch.headId !== before.headId ? patch.headId : null, leaderInChargeId: patch.leaderInChargeId && patch.leaderInChargeId !== before.leaderInChargeId ? patch.leaderInChargeId : null });
    const unit = await repos.organisation.updateUnit(before.id, patch);
    await audit(repos, actor, now, { action: 'unit.update', entityType: 'Unit', entityId: unit.id, before, after: unit });
    return { unit, changed: true };
  });
}

async function assertNameFree(repos: Repos, name: string, selfId: string | null): Promise<void> {
  const other = await repos.organisation.unitByName(name);
  if (other && other.id !== selfId) throw new DomainError('CONFLICT', `单位「${name}」已存在`);
}

/** One petition office; a village committee belongs to exactly one village, and only a committee has one. */
async function assertKind(repos: Repos, before: Unit | null, kind: UnitKind, villageId: string | null): Promise<void> {
  if (before?.kind === 'OFFICE' && kind !== 'OFFICE') throw new DomainError('CONFLICT', '信访办单位的类型不能修改');
  if (kind === 'OFFICE' && before?.kind !== 'OFFICE') {
    const office = await repos.directory.officeUnit();
    if (office) throw new DomainError('CONFLICT', `已有信访办单位「${office.name}」，不能再设一个`);
  }
  if (kind === 'VILLAGE_COMMITTEE' && !villageId) throw new DomainError('VALIDATION', `输入有误：${UNIT_KIND_LABELS.VILLAGE_COMMITTEE}须选择所属村`);
  if (kind !== 'VILLAGE_COMMITTEE' && villageId) throw new DomainError('VALIDATION', `输入有误：只有${UNIT_KIND_LABELS.VILLAGE_COMMITTEE}关联所属村`);
  if (before || !villageId) return;
  const village = await repos.directory.village(villageId);
  if (!village) throw new DomainError('NOT_FOUND', '找不到所选村');
  const committee = await repos.directory.villageUnit(villageId);
  if (committee) throw new DomainError('CONFLICT', `${village.name}已有村委会「${committee.name}」`);
}

async function assertPosts(repos: Repos, posts: { headId: string | null; leaderInChargeId: string | null }): Promise<void> {
  if (posts.headId) await chosenPerson(repos, posts.headId, unitHeadProblem);
  if (posts.leaderInChargeId) await chosenPerson(repos, posts.leaderInChargeId, leaderInChargeProblem);
}
