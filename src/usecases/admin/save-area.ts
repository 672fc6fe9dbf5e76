import { z } from 'zod';
import { assertGlobalAllowed } from '../../domain/authorization.js';
import { DomainError } from '../../domain/errors.js';
import type { Actor } from '../../domain/model.js';
import { areaLeaderProblem } from '../../domain/organisation.js';
import type { Area, Deps, Repos } from '../ports.js';
import { audit } from '../support/audit.js';
import { id } from '../support/fields.js';
import { parseInput } from '../support/parse-input.js';
import { optionalId, orgName } from './fields.js';
import { changesNothing, chosenPerson, given } from './support.js';

/** 「片区名称：不能为空」, not 姓名. */
const LABELS = { name: '片区名称' };
const createInput = z.object({ name: orgName, areaLeaderId: optionalId }).strict();
const updateInput = z.object({ areaId: id, name: orgName.optional(), areaLeaderId: optionalId }).strict();

/** An area (片区) groups villages; its leader (包片领导) visits them (R15) and goes to major events there (R18). */
export async function createArea(deps: Deps, actor: Actor, raw: unknown): Promise<{ area: Area }> {
  assertGlobalAllowed(actor.person, 'MANAGE_PEOPLE');
  const v = parseInput(createInput, raw, LABELS);
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    const data = { name: v.name, leaderId: v.areaLeaderId ?? null };
    await assertNameFree(repos, data.name, null);
    if (data.leaderId) await chosenPerson(repos, data.leaderId, areaLeaderProblem);
    const area = await repos.organisation.createArea(data);
    await audit(repos, actor, now, { action: 'area.create', entityType: 'Area', entityId: area.id, after: area });
    return { area };
  });
}

export async function updateArea(deps: Deps, actor: Actor, raw: unknown): Promise<{ area: Area; changed: boolean }> {
  assertGlobalAllowed(actor.person, 'MANAGE_PEOPLE');
  const v = parseInput(updateInput, raw, LABELS);
  const patch = given({ name: v.name, leaderId: v.areaLeaderId });
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    const before = await repos.directory.area(v.areaId);
    if (!before) throw new DomainError('NOT_FOUND', '找不到该片区');
    if (changesNothing(before, patch)) return { area: before, changed: false };
    if (patch.name) await assertNameFree(repos, patch.name, before.id);
    if (patch.leaderId && patch.leaderId !== before.leaderId) await chosenPerson(repos, patch.leaderId, areaLeaderProblem);
    const area = await repos.organisation.updateArea(before.id, patch);
    await audit(repos, actor, now, { action: 'area.update', entityType: 'Area', entityId: area.id, before, after: area });
    return { area, changed: true };
  });
}

async function assertNameFree(repos: Repos, name: string, selfId: string | null): Promise<void> {
  const other = await repos.organisation.areaByName(name);
  if (other && other.id !== selfId) throw new DomainError('CONFLICT', `片区「${name}」已存在`);
}
