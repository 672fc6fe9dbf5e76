import { z } from 'zod';
import { assertGlobalAllowed } from '../../domain/authorization.js';
import type { Actor, Person } from '../../domain/model.js';
import type { Deps } from '../ports.js';
import { audit } from '../support/audit.js';
import { parseInput } from '../support/parse-input.js';
import { email, jobTitle, mobile, optionalId, PERSON_LABELS, personName, roles } from './fields.js';
import { assertContactsFree, assertUnitExists } from './support.js';

const input = z.object({ name: personName, jobTitle, mobile, email, unitId: optionalId, roles }).strict();

/** The office registers a person with their unit and roles; the bot knows them once a platform account is linked. */
export async function createPerson(deps: Deps, actor: Actor, raw: unknown): Promise<{ person: Person }> {
  assertGlobalAllowed(actor.person, 'MANAGE_PEOPLE');
  const v = parseInput(input, raw, PERSON_LABELS);
  const data = { name: v.name, title: v.jobTitle ?? null, mobile: v.mobile ?? null, email: v.email ?? null, unitId: v.unitId ?? null, roles: v.roles };
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    await assertUnitExists(repos, data.unitId);
    await assertContactsFree(repos, data, null);
    const person = await repos.organisation.createPerson(data);
    await audit(repos, actor, now, { action: 'person.create', entityType: 'Person', entityId: person.id, after: person });
    return { person };
  });
}
