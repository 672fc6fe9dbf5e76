import type { PushQueue } from '../bot/ports/push-queue.js';
import { nextCheckAt } from '../domain/escalation/next-step.js';
import { escalationPolicyOf } from '../domain/reminders/reminder-settings.js';
import { DeadlineJobs, refreshDeadlineJobs } from './deadline-jobs.js';
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
    refreshCases: (caseIds) => refreshDeadlineJobs(deadlines, deps, caseIds),
  };
}
