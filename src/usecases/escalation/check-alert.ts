import { z } from 'zod';
import { alertNotifications, escalationNotification } from '../../domain/escalation/alert-notifications.js';
import type { EscalationPolicy } from '../../domain/escalation/escalation-policy.js';
import { deliveryWindowOf, escalationPolicyOf } from '../../domain/reminders/reminder-settings.js';
import { nextStep, type NextStep } from '../../domain/escalation/next-step.js';
import { DomainError } from '../../domain/errors.js';
import type { Notification } from '../../domain/notifications.js';
import type { Deps } from '../ports.js';
import type { PushRecord } from '../ports/pushes.js';
import type { DeliveryWindow } from '../../domain/reminders/delivery-window.js';
import { planPushes } from '../reminders/plan-pushes.js';
import type { AlertRecord } from '../ports/escalation.js';
import { audit } from '../support/audit.js';
import { id } from '../support/fields.js';
import { parseInput } from '../support/parse-input.js';
import { ladderFor, subjectOf } from './support/ladder-facts.js';

export const checkAlertInput = z.object({ alertId: id });

export interface CheckAlertResult {
  alert: AlertRecord;
  step: NextStep;
  notifications: Notification[];
  /** When the scheduler should look again; null when nothing more will happen by itself. */
  nextCheckAt: Date | null;
  /** The notifications as outbox rows, recorded in the same transaction (urgent: due at once). */
  pushes: PushRecord[];
}

/**
 * The scheduler's job for one alert (R18, R20, R21): reloads it, asks the ladder what is due at
 * `now` and does it — repeats to the silent, climbs a level, or closes. A closed alert is a no-op.
 */
export async function checkAlert(
  deps: Deps,
  raw: unknown,
  policyOverride?: EscalationPolicy,
  windowOverride?: DeliveryWindow,
): Promise<CheckAlertResult> {
  const input = parseInput(checkAlertInput, raw);
  const settings = await deps.config.reminderSettings();
  const policy = policyOverride ?? escalationPolicyOf(settings);
  const window = windowOverride ?? deliveryWindowOf(settings);
  const now = deps.clock.now();
  const calendar = await deps.config.calendar();
  return deps.uow.run(async (repos) => {
    const alert = await repos.alerts.lock(input.alertId);
    if (!alert) throw new DomainError('NOT_FOUND', '找不到该预警', { alertId: input.alertId });
    const c = alert.caseId ? await repos.cases.get(alert.caseId) : null;
    const ladder = alert.status === 'OPEN' ? await ladderFor(repos, await subjectOf(repos, alert, c), c) : [];
    const step = nextStep(alert, ladder, policy, now);
    const notifications: Notification[] = [];
    const entry = { entityType: 'Alert', entityId: alert.id, caseId: alert.caseId };

    if (step.close && (await repos.alerts.close(alert.id, now))) {
      await audit(repos, null, now, { ...entry, action: 'alert.close', before: { status: 'OPEN' }, after: { status: 'CLOSED' }, reason: '全部接收人已按要求确认' });
    }
    if (step.climb) {
      const { to, added, audience, missed } = step.climb;
      await repos.alerts.climb(alert.id, to, now, added, missed);
      await audit(repos, null, now, {
        ...entry,
        action: 'alert.escalate',
        before: { level: alert.level },
        after: { level: to, added: added.map((a) => a.personId), missed },
        reason: `超过${Math.round(policy.climbAfterMs / 60_000)}分钟未按要求确认`,
      });
      const names = [];
      for (const m of missed) names.push({ ...m, name: (await repos.directory.person(m.personId))?.name ?? m.personId });
      if (audience.length > 0) notifications.push(escalationNotification(alert, to, audience, names, step.urgentChannel));
    }
    if (step.repeatTo.length > 0) {
      await repos.alerts.markRepeated(alert.id, step.repeatTo, now);
      await audit(repos, null, now, { ...entry, action: 'alert.repeat', after: { personIds: step.repeatTo, at: now } });
      // Whoever hears of the climb in this step needs no second message.
      const told = new Set(step.climb?.audience ?? []);
      const repeatTo = alert.recipients.filter((r) => step.repeatTo.includes(r.personId) && !told.has(r.personId));
      notifications.push(...alertNotifications(alert, repeatTo, { tag: `repeat:${now.toISOString()}`, repeat: true, urgentChannel: step.urgentChannel }));
    }
    const after = (await repos.alerts.get(alert.id))!;
    const pushes = await repos.pushes.record(planPushes(notifications, now, calendar, window));
    return { alert: after, step, notifications, nextCheckAt: step.nextCheckAt, pushes };
  });
}
