import type { PushQueue } from '../bot/ports/push-queue.js';
import { nextCheckAt } from '../domain/escalation/next-step.js';
import { deliveryWindowOf, escalationPolicyOf } from '../domain/reminders/reminder-settings.js';
import { isOpen } from '../domain/case-status.js';
import { nextDeadlineReminder } from '../domain/reminders/deadline-reminders.js';
import { localDateOf } from '../lib/local-date.js';
import { DeadlineJobs } from './deadline-jobs.js';
import type { Deps } from '../usecases/ports.js';
import { DEFAULT_DELIVERY_POLICY, deliveryJobOf, dutyJobOf, type DeliveryPolicy } from './job-options.js';
import { alertJobId, type SchedulerQueues } from './queues.js';

/** The web role's handle on the scheduler's queues: the same jobs, with the same ids, as the worker's reconciler adds. */
export function createPushQueue(queues: SchedulerQueues, deps: Deps, delivery: DeliveryPolicy = DEFAULT_DELIVERY_POLICY): PushQueue {
  const deadlines = new DeadlineJobs(queues, () => deps.clock.now());
  return {
    async deliver(pushes) {
      if (pushes.length === 0) return;
      const now = deps.clock.now();
      await queues.deliveries.addBulk(pushes.map((p) => deliveryJobOf(p, now, delivery)));
    },
    async watchAlerts(alertIds) {
      if (alertIds.length === 0) return;
      const policy = escalationPolicyOf(await deps.config.reminderSettings());
      const now = deps.clock.now();
      for (const alertId of new Set(alertIds)) {
        const alert = await deps.uow.read((repos) => repos.alerts.get(alertId));
        const at = alert ? nextCheckAt(alert, policy) : null;
        if (at) {
          const job = dutyJobOf({ type: 'alert', alertId }, alertJobId(alertId, at), at, now, 10_000);
          await queues.duties.add(job.name, job.data, job.opts);
        }
      }
    },
    async refreshCases(caseIds) {
      if (caseIds.length === 0) return;
      const [calendar, settings] = await Promise.all([deps.config.calendar(), deps.config.reminderSettings()]);
      const today = localDateOf(deps.clock.now());
      for (const caseId of new Set(caseIds)) {
        const c = await deps.uow.read((repos) => repos.cases.get(caseId));
        if (c && isOpen(c.status) && c.dueOn) await deadlines.set([{ caseId, reminder: nextDeadlineReminder(c.dueOn, today, calendar) }], deliveryWindowOf(settings));
        else await deadlines.clear(caseId);
      }
    },
  };
}
