import { z } from 'zod';
import { assertCaseAllowed } from '../../domain/authorization.js';
import { DomainError } from '../../domain/errors.js';
import type { Actor, CaseRecord } from '../../domain/model.js';
import { notification, type Notification } from '../../domain/notifications.js';
import { minDate } from '../../lib/local-date.js';
import type { Deps } from '../ports.js';
import { audit } from '../support/audit.js';
import { deadlineOf } from '../support/deadline.js';
import { id } from '../support/fields.js';
import { lockCase } from '../support/load.js';
import { parseInput } from '../support/parse-input.js';
import { transition } from '../support/transition.js';

const input = z.object({
  extensionId: id,
  approve: z.boolean(),
  // Art 34: the petitioner must be told why; the reason is recorded with the decision.
  reason: z.string().trim().min(1, { error: '请填写审批意见（批准时即告知信访人的延期理由）' }).max(1000),
});

/** R10: the leading group decides; an approved date is capped at R9's ceiling (60 + 30 days). */
export async function decideExtension(
  deps: Deps,
  actor: Actor,
  raw: unknown,
): Promise<{ case: CaseRecord; grantedDueOn: string | null; capped: boolean; notifications: Notification[] }> {
  const v = parseInput(input, raw);
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    const found = await repos.extensions.get(v.extensionId);
    if (!found) throw new DomainError('NOT_FOUND', '找不到该延期申请');
    const c = await lockCase(repos, found.caseId);
    assertCaseAllowed(actor.person, 'DECIDE_EXTENSION', c);
    const ext = await repos.extensions.get(v.extensionId);
    if (!ext || ext.status !== 'PENDING') throw new DomainError('ALREADY_DONE', '该延期申请已经审批过了');
    let granted: string | null = null;
    let capped = false;
    if (v.approve) {
      const { milestones } = await deadlineOf(repos, deps.config, c);
      granted = minDate(ext.requestedDueOn, milestones.statutoryCeiling);
      capped = granted !== ext.requestedDueOn;
    }
    const ok = await repos.extensions.decide(ext.id, {
      status: v.approve ? 'APPROVED' : 'REJECTED',
      decidedById: actor.person.id,
      decidedAt: now,
      grantedDueOn: granted,
      decisionReason: v.reason,
    });
    if (!ok) throw new DomainError('ALREADY_DONE', '该延期申请已经审批过了');
    let updated = c;
    if (v.approve) {
      const deadline = await deadlineOf(repos, deps.config, c);
      updated = await transition(repos, actor, now, c, 'EXTENDED', `R10 批准延期：${v.reason}`, { dueOn: deadline.dueOn, dueRule: deadline.rule });
    }
    await audit(repos, actor, now, {
      action: v.approve ? 'extension.approve' : 'extension.reject',
      entityType: 'Extension',
      entityId: ext.id,
      caseId: c.id,
      before: { dueOn: c.dueOn },
      after: { dueOn: updated.dueOn, grantedDueOn: granted, capped },
      reason: v.reason,
    });
    return {
      case: updated,
      grantedDueOn: granted,
      capped,
      notifications: [
        notification({
          kind: 'EXTENSION_DECIDED',
          key: `extension-decided:${ext.id}`,
          urgency: 'NORMAL',
          recipientIds: [ext.requestedById, ...(c.ownerLeaderId ? [c.ownerLeaderId] : [])],
          caseId: c.id,
          title: v.approve
            ? `${c.number} 延期已批准，新办结时限 ${updated.dueOn}${capped ? '（已按法定上限调整）' : ''}`
            : `${c.number} 延期申请未获批准`,
          body: v.reason,
        }),
      ],
    };
  });
}
