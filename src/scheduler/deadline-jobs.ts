import { isOpen } from '../domain/case-status.js';
import type { DeliveryWindow } from '../domain/reminders/delivery-window.js';
import { windowOpening } from '../domain/reminders/delivery-window.js';
import { nextDeadlineReminder, type DeadlineReminder } from '../domain/reminders/deadline-reminders.js';
import { deliveryWindowOf } from '../domain/reminders/reminder-settings.js';
import { localDateOf } from '../lib/local-date.js';
import type { Deps } from '../usecases/ports.js';
import { dutyJobOf } from './job-options.js';
import { deadlineJobId, type SchedulerQueues } from './queues.js';

/**
 * The one pending deadline job of each case, remembered in a Redis hash (case → job id), so that a
 * moved deadline replaces its old job and a closed case's job is removed, instead of waiting to
 * run and find nothing to do. The job itself still re-checks the case: this is tidiness, not
 * correctness, and the reconciler rebuilds the hash with the jobs.
 */
export class DeadlineJobs {
  constructor(
    private readonly queues: SchedulerQueues,
    private readonly now: () => Date,
  ) {}

  /**
   * Schedules each case's next reminder and removes the job it replaces — unless that reminder
   * already ran (today's, found again after it went out): then the pending job after it stays.
   */
  async set(entries: readonly { caseId: string; reminder: DeadlineReminder }[], window: DeliveryWindow): Promise<void> {
    if (entries.length === 0) return;
    const now = this.now();
    const jobs = entries.map((e) => dutyJobOf({ type: 'deadline', caseId: e.caseId }, deadlineJobId(e.caseId, e.reminder.on, e.reminder.stage), windowOpening(e.reminder.on, window), now, 60_000));
    const redis = await this.redis();
    const previous = await redis.hmget(this.key(), ...entries.map((e) => e.caseId));
    await this.queues.duties.addBulk(jobs);
    const current: Record<string, string> = {};
    for (const [i, e] of entries.entries()) {
      const id = jobs[i]!.opts.jobId!;
      const before = previous[i];
      if (before === id) continue;
      const state = await this.queues.duties.getJobState(id);
      if (state === 'completed' || state === 'failed') continue;
      if (before) await this.queues.duties.remove(before); // a running job answers 0 and stays
      current[e.caseId] = id;
    }
    if (Object.keys(current).length > 0) await redis.hset(this.key(), current);
  }

  /** The case has no running deadline any more (closed, or none set): its pending job goes. */
  async clear(caseId: string): Promise<void> {
    const redis = await this.redis();
    const previous = await redis.hget(this.key(), caseId);
    // A job that is running answers 0 and stays: it re-checks the case and finds nothing due.
    if (previous) await this.queues.duties.remove(previous);
    await redis.hdel(this.key(), caseId);
  }

  private key(): string {
    return this.queues.duties.toKey('deadline-jobs');
  }

  private redis() {
    return this.queues.duties.getBackend().client;
  }
}

/** The cases' next reminders by their deadlines as stored now (moved, or ended): their jobs follow at once. */
export async function refreshDeadlineJobs(deadlines: DeadlineJobs, deps: Deps, caseIds: readonly string[]): Promise<void> {
  if (caseIds.length === 0) return;
  const [calendar, settings] = await Promise.all([deps.config.calendar(), deps.config.reminderSettings()]);
  const today = localDateOf(deps.clock.now());
  for (const caseId of new Set(caseIds)) {
    const c = await deps.uow.read((repos) => repos.cases.get(caseId));
    if (c && isOpen(c.status) && c.dueOn) await deadlines.set([{ caseId, reminder: nextDeadlineReminder(c.dueOn, today, calendar) }], deliveryWindowOf(settings));
    else await deadlines.clear(caseId);
  }
}
