import { z } from 'zod';
import { assertGlobalAllowed } from '../../domain/authorization.js';
import { DomainError } from '../../domain/errors.js';
import type { Actor, Person } from '../../domain/model.js';
import { endsSignIns, selfChangeProblem } from '../../domain/organisation.js';
import type { Deps } from '../ports.js';
import { audit } from '../support/audit.js';
import { id } from '../support/fields.js';
import { parseInput } from '../support/parse-input.js';
import { email, jobTitle, mobile, optionalId, PERSON_LABELS, personName, roles } from './fields.js';
import { assertContactsFree, assertUnitExists, changesNothing, given } from './support.js';

const input = z
  .object({ personId: id, name: personName.optional(), jobTitle, mobile, email, unitId: optionalId, roles: roles.optional() })
  .strict();

/** The office corrects a person's name, contact, unit or roles; fields not given stay as they are. New roles end the person's console sessions. */
export async function updatePerson(deps: Deps, actor: Actor, raw: unknown): Promise<{ person: Person; changed: boolean }> {
  assertGlobalAllowed(actor.person, 'MANAGE_PEOPLE');
  const v = parseInput(input, raw, PERSON_LABELS);
  const patch = given({ name: v.name, title: v.jobTitle, mobile: v.mobile, email: v.email, unitId: v.unitId, roles: v.roles });
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    const before = await repos.directory.person(v.personId);
    if (!before) throw new DomainError('NOT_FOUND', '找不到该人员');
    const self = selfChangeProblem(actor.person, before, { roles: patch.roles });
    if (self) throw new DomainError('CONFLICT', self);
    if (changesNothing(before, patch)) return { person: before, changed: false };
    await assertUnitExists(repos, patch.unitId);
    await assertContactsFree(repos, { mobile: patch.mobile ?? null, email: patch.email ?? null }, before.id);
    const person = await repos.organisation.updatePerson(before.id, patch);
    if (endsSignIns(before, person)) await repos.consoleSessions.endAllOf(person.id);
    await audit(repos, actor, now, { action: 'person.update', entityType: 'Person', entityId: person.id, before, after: person });
    return { person, changed: true };
  });
}
