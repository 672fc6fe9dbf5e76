import { z } from 'zod';
import { assertCaseAllowed } from '../../domain/authorization.js';
import { DomainError } from '../../domain/errors.js';
import type { Actor, CaseRecord } from '../../domain/model.js';
import { notification, type Notification } from '../../domain/notifications.js';
import type { Deps } from '../ports.js';
import { id } from '../support/fields.js';
import { lockCase, requirePerson, requireUnit } from '../support/load.js';
import { parseInput } from '../support/parse-input.js';
import { transition } from '../support/transition.js';

const input = z.object({ caseId: id, unitId: id, responsiblePersonId: id, note: z.string().trim().max(500).optional() });

/** R5 交办: the leading group hands a case that needs no leader owner to a unit and a person. */
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
    await requirePerson(repos, responsiblePersonId, '责任人');
    const updated = await transition(repos, actor, now, c, 'IN_PROGRESS', note ?? 'R5 交办', {
      unitId,
      responsiblePersonId,
      assignedById: actor.person.id,
      assignedAt: now,
    });
    return {
      case: updated,
      notifications: [
        notification({
          kind: 'CASE_ASSIGNED',
          key: `assigned:${c.id}:${now.getTime()}`,
          urgency: 'NORMAL',
          recipientIds: [responsiblePersonId, ...(unit.headId ? [unit.headId] : [])],
          caseId: c.id,
          title: `${c.number} 已交办，请及时办理`,
          body: `${c.title}｜办结时限 ${c.dueOn}`,
        }),
      ],
    };
  });
}
