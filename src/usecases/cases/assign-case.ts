import { z } from 'zod';
import { assertCaseAllowed } from '../../domain/authorization.js';
import { DomainError } from '../../domain/errors.js';
import type { Actor, CaseRecord } from '../../domain/model.js';
import { notification, type Notification } from '../../domain/notifications.js';
import type { Deps, NewCase, Repos } from '../ports.js';
import { audit } from '../support/audit.js';
import { id } from '../support/fields.js';
import { lockCase, requirePerson, requireUnit } from '../support/load.js';
import { parseInput } from '../support/parse-input.js';
import { transition } from '../support/transition.js';
import { whoMayBeTold } from '../support/case-people.js';
import { assertNotHandledByAccused } from '../../domain/privacy/accused-handlers.js';

const input = z.object({ caseId: id, unitId: id, responsiblePersonId: id, note: z.string().trim().max(500).optional() });

/** A working case left without a handler (R24: its handler was named as accused) can be handed on again. */
export const mayReassign = (c: Pick<CaseRecord, 'status' | 'ownerLeaderId' | 'responsiblePersonId'>): boolean =>
  (c.status === 'IN_PROGRESS' || c.status === 'EXTENDED') && c.ownerLeaderId === null && c.responsiblePersonId === null;

async function reassign(repos: Repos, actor: Actor, now: Date, c: CaseRecord, assignment: Partial<NewCase>, note: string | undefined): Promise<CaseRecord> {
  if (!mayReassign(c)) throw new DomainError('INVALID_TRANSITION', `${c.number} 已在办理中，不能再交办`);
  const updated = await repos.cases.update(c.id, assignment);
  await audit(repos, actor, now, { action: 'case.reassign', entityType: 'Case', entityId: c.id, caseId: c.id, before: { unitId: c.unitId, responsiblePersonId: c.responsiblePersonId }, after: assignment, reason: note ?? 'R5 重新交办' });
  return updated;
}

/** R5 交办: the leading group hands a case that needs no leader owner to a unit and a person (again, if its handler had to withdraw). */
export async function assignCase(deps: Deps, actor: Actor, raw: unknown): Promise<{ case: CaseRecord; notifications: Notification[] }> {
  const { caseId, unitId, responsiblePersonId, note } = parseInput(input, raw);
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    const c = await lockCase(repos, caseId);
    assertCaseAllowed(actor.person, 'ASSIGN', c);
    if (c.ownershipReasons.length > 0) {
      throw new DomainError('INVALID_TRANSITION', `${c.number} 属于领导包案范围，须先确定包案领导（R1）`);
    }
    const unit = await requireUnit(repos, unitId);
    const responsible = await requirePerson(repos, responsiblePersonId, '责任人');
    assertNotHandledByAccused(c, { people: [{ label: '责任人', person: responsible }], units: [{ label: '责任单位', unitId }] });
    const assignment = { unitId, responsiblePersonId, assignedById: actor.person.id, assignedAt: now };
    const updated = c.status === 'REGISTERED' ? await transition(repos, actor, now, c, 'IN_PROGRESS', note ?? 'R5 交办', assignment) : await reassign(repos, actor, now, c, assignment, note);
    return {
      case: updated,
      notifications: [
        notification({
          kind: 'CASE_ASSIGNED',
          key: `assigned:${c.id}:${now.getTime()}`,
          urgency: 'NORMAL',
          recipientIds: await whoMayBeTold(repos, updated, [responsiblePersonId, ...(unit.headId ? [unit.headId] : [])]),
          caseId: c.id,
          title: `${c.number} 已交办，请及时办理`,
          body: `${c.title}｜办结时限 ${c.dueOn}`,
        }),
      ],
    };
  });
}
