import { z } from 'zod';
import { assertGlobalAllowed } from '../../domain/authorization.js';
import { DomainError } from '../../domain/errors.js';
import type { Actor } from '../../domain/model.js';
import { VILLAGE_RELATION_LABELS, VILLAGE_RELATIONS, villageRelationProblem } from '../../domain/organisation.js';
import type { Deps } from '../ports.js';
import { audit } from '../support/audit.js';
import { id } from '../support/fields.js';
import { parseInput } from '../support/parse-input.js';
import { chosenId } from './fields.js';
import { chosenPerson } from './support.js';

/** The village a person is linked to, as the people page names it. */
const LABELS = { villageId: '村（社区）' };
const input = z
  .object({ personId: id, villageId: chosenId, relation: z.enum(VILLAGE_RELATIONS, { error: '请选择与村的关系' }) })
  .strict();

/**
 * R16/R18: 驻村干部, 村干部 and 民情信息员 of a village — who is alerted to go to the scene and
 * whose sentiment reports reach the village's area leader. Needs the matching role.
 */
export async function linkPersonVillage(deps: Deps, actor: Actor, raw: unknown): Promise<{ changed: boolean }> {
  assertGlobalAllowed(actor.person, 'MANAGE_PEOPLE');
  const v = parseInput(input, raw, LABELS);
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    await chosenPerson(repos, v.personId, (p) => villageRelationProblem(p, v.relation));
    const village = await repos.directory.village(v.villageId);
    if (!village) throw new DomainError('NOT_FOUND', '找不到所选村（社区）');
    const changed = await repos.organisation.linkVillage(v.personId, v.villageId, v.relation);
    if (changed) {
      await audit(repos, actor, now, { action: 'person.village_link', entityType: 'Person', entityId: v.personId, after: { village: village.name, relation: VILLAGE_RELATION_LABELS[v.relation] } });
    }
    return { changed };
  });
}

export async function unlinkPersonVillage(deps: Deps, actor: Actor, raw: unknown): Promise<{ changed: boolean }> {
  assertGlobalAllowed(actor.person, 'MANAGE_PEOPLE');
  const v = parseInput(input, raw, LABELS);
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    const changed = await repos.organisation.unlinkVillage(v.personId, v.villageId, v.relation);
    if (changed) {
      const village = await repos.directory.village(v.villageId);
      await audit(repos, actor, now, { action: 'person.village_unlink', entityType: 'Person', entityId: v.personId, before: { village: village?.name ?? v.villageId, relation: VILLAGE_RELATION_LABELS[v.relation] } });
    }
    return { changed };
  });
}
