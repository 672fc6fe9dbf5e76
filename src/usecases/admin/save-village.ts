import { z } from 'zod';
import { assertGlobalAllowed } from '../../domain/authorization.js';
import { DomainError } from '../../domain/errors.js';
import type { Actor } from '../../domain/model.js';
import { linkedLeaderProblem } from '../../domain/organisation.js';
import type { Deps, Repos, Village } from '../ports.js';
import { audit } from '../support/audit.js';
import { id } from '../support/fields.js';
import { parseInput } from '../support/parse-input.js';
import { chosenId, optionalId, orgName } from './fields.js';
import { changesNothing, chosenPerson, given } from './support.js';

/** 「村（社区）名称：不能为空」, not 姓名. */
const LABELS = { name: '村（社区）名称' };
const createInput = z.object({ name: orgName, areaId: chosenId, linkedLeaderId: optionalId }).strict();
const updateInput = z.object({ villageId: id, name: orgName.optional(), areaId: id.optional(), linkedLeaderId: optionalId }).strict();

/** A village (村/社区) in an area, with the town leader linked to it who visits it every month (R15). */
export async function createVillage(deps: Deps, actor: Actor, raw: unknown): Promise<{ village: Village }> {
  assertGlobalAllowed(actor.person, 'MANAGE_PEOPLE');
  const v = parseInput(createInput, raw, LABELS);
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    const data = { name: v.name, areaId: v.areaId, linkedLeaderId: v.linkedLeaderId ?? null };
    await assertNameFree(repos, data.name, null);
    await assertAreaExists(repos, data.areaId);
    if (data.linkedLeaderId) await chosenPerson(repos, data.linkedLeaderId, linkedLeaderProblem);
    const village = await repos.organisation.createVillage(data);
    await audit(repos, actor, now, { action: 'village.create', entityType: 'Village', entityId: village.id, after: village });
    return { village };
  });
}

export async function updateVillage(deps: Deps, actor: Actor, raw: unknown): Promise<{ village: Village; changed: boolean }> {
  assertGlobalAllowed(actor.person, 'MANAGE_PEOPLE');
  const v = parseInput(updateInput, raw, LABELS);
  const patch = given({ name: v.name, areaId: v.areaId, linkedLeaderId: v.linkedLeaderId });
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    const before = await repos.directory.village(v.villageId);
    if (!before) throw new DomainError('NOT_FOUND', '找不到该村');
    if (changesNothing(before, patch)) return { village: before, changed: false };
    if (patch.name) await assertNameFree(repos, patch.name, before.id);
    if (patch.areaId) await assertAreaExists(repos, patch.areaId);
    if (patch.linkedLeaderId && patch.linkedLeaderId !== before.linkedLeaderId) await chosenPerson(repos, patch.linkedLeaderId, linkedLeaderProblem);
    const village = await repos.organisation.updateVillage(before.id, patch);
    await audit(repos, actor, now, { action: 'village.update', entityType: 'Village', entityId: village.id, before, after: village });
    return { village, changed: true };
  });
}

async function assertNameFree(repos: Repos, name: string, selfId: string | null): Promise<void> {
  const other = await repos.organisation.villageByName(name);
  if (other && other.id !== selfId) throw new DomainError('CONFLICT', `村「${name}」已存在`);
}

async function assertAreaExists(repos: Repos, areaId: string): Promise<void> {
  if (!(await repos.directory.area(areaId))) throw new DomainError('NOT_FOUND', '找不到所选片区');
}
