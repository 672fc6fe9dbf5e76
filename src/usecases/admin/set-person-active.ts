import { z } from 'zod';
import { assertGlobalAllowed } from '../../domain/authorization.js';
import { DomainError } from '../../domain/errors.js';
import type { Actor, Person } from '../../domain/model.js';
import { endsSignIns, selfChangeProblem } from '../../domain/organisation.js';
import type { Deps } from '../ports.js';
import { audit } from '../support/audit.js';
import { id } from '../support/fields.js';
import { parseInput } from '../support/parse-input.js';

const input = z.object({ personId: id, active: z.boolean({ error: '请选择启用或停用' }) }).strict();

/**
 * A person who leaves is deactivated, never deleted: cases, duties and the audit log refer to
 * them. A deactivated person can do nothing (bot or console; their console sessions end at
 * once) and is offered in no picker.
 */
export async function setPersonActive(deps: Deps, actor: Actor, raw: unknown): Promise<{ person: Person; changed: boolean }> {
  assertGlobalAllowed(actor.person, 'MANAGE_PEOPLE');
  const v = parseInput(input, raw);
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    const before = await repos.directory.person(v.personId);
    if (!before) throw new DomainError('NOT_FOUND', '找不到该人员');
    const self = selfChangeProblem(actor.person, before, { active: v.active });
    if (self) throw new DomainError('CONFLICT', self);
    if (before.active === v.active) return { person: before, changed: false };
    const person = await repos.organisation.updatePerson(before.id, { active: v.active });
    if (endsSignIns(before, person)) await repos.consoleSessions.endAllOf(person.id);
    await audit(repos, actor, now, { action: v.active ? 'person.activate' : 'person.deactivate', entityType: 'Person', entityId: person.id, before, after: person });
    return { person, changed: true };
  });
}
