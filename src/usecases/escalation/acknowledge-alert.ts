import { z } from 'zod';
import { assertDutyAllowed } from '../../domain/authorization.js';
import { ACK_STAGE_LABELS, hasReached, REPORTABLE_STAGES, stageRank } from '../../domain/escalation/ack-stage.js';
import { isSettled } from '../../domain/escalation/next-step.js';
import { DomainError } from '../../domain/errors.js';
import type { Actor } from '../../domain/model.js';
import type { Notification } from '../../domain/notifications.js';
import type { Deps } from '../ports.js';
import type { AlertRecord } from '../ports/escalation.js';
import { audit } from '../support/audit.js';
import { id } from '../support/fields.js';
import { parseInput } from '../support/parse-input.js';

export const acknowledgeAlertInput = z.object({
  alertId: id,
  stage: z.enum(REPORTABLE_STAGES, { error: '应为收到、已出发或已到场' }),
});

export interface AcknowledgeAlertResult {
  alert: AlertRecord;
  /** False when the recipient had already reached this stage (a repeated tap changes nothing). */
  changed: boolean;
  /** The acknowledgement completed the alert. */
  closed: boolean;
  notifications: Notification[];
}

/**
 * R18, R20, R21: a recipient acknowledges (收到 < 已出发 < 已到场). Stages only go forward; the same
 * acknowledgement twice has one effect. Any acknowledgement stops that recipient's repeats; the
 * alert closes once every recipient reached the stage required of them.
 */
export async function acknowledgeAlert(deps: Deps, actor: Actor, raw: unknown): Promise<AcknowledgeAlertResult> {
  const input = parseInput(acknowledgeAlertInput, raw);
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    const alert = await repos.alerts.lock(input.alertId);
    if (!alert) throw new DomainError('NOT_FOUND', '找不到该预警', { alertId: input.alertId });
    const me = alert.recipients.find((r) => r.personId === actor.person.id);
    assertDutyAllowed(actor.person, 'ACK_ALERT', { personId: me?.personId ?? null });
    if (!me || stageRank(input.stage) <= stageRank(me.stage)) {
      return { alert, changed: false, closed: false, notifications: [] };
    }
    const settlesNow = !isSettled(me) && hasReached(input.stage, me.required);
    if (!(await repos.alerts.advanceStage(alert.id, me.personId, input.stage, settlesNow ? now : null))) {
      return { alert, changed: false, closed: false, notifications: [] };
    }
    await audit(repos, actor, now, {
      action: 'alert.ack',
      entityType: 'AlertRecipient',
      entityId: `${alert.id}:${me.personId}`,
      caseId: alert.caseId,
      before: { stage: me.stage },
      after: { stage: input.stage, required: me.required, settled: hasReached(input.stage, me.required) },
      reason: ACK_STAGE_LABELS[input.stage],
    });
    let after = (await repos.alerts.get(alert.id))!;
    let closed = false;
    if (after.status === 'OPEN' && after.recipients.every(isSettled) && (await repos.alerts.close(alert.id, now))) {
      closed = true;
      await audit(repos, actor, now, {
        action: 'alert.close',
        entityType: 'Alert',
        entityId: alert.id,
        caseId: alert.caseId,
        before: { status: 'OPEN' },
        after: { status: 'CLOSED' },
        reason: '全部接收人已按要求确认',
      });
      after = (await repos.alerts.get(alert.id))!;
    }
    return { alert: after, changed: true, closed, notifications: [] };
  });
}
