import { UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { z } from 'zod';
import { windowOpening, type DeliveryWindow } from '../domain/reminders/delivery-window.js';
import { deliveryWindowOf, escalationPolicyOf } from '../domain/reminders/reminder-settings.js';
import type { Clock } from '../lib/clock.js';
import { localDateOf } from '../lib/local-date.js';
import { nextApprovalReminderOn } from '../domain/reminders/approval-reminders.js';
import { remindApproval } from '../usecases/reminders/remind-approval.js';
import type { Logger } from '../lib/logger.js';
import type { Deps, Repos } from '../usecases/ports.js';
import type { PushRecord } from '../usecases/ports/pushes.js';
import type { AuditAnchorLog } from '../usecases/ports/audit-anchors.js';
import { remindDeadline, type DeadlineDuty } from '../usecases/reminders/remind-deadline.js';
import { nextDeadlineReminder } from '../domain/reminders/deadline-reminders.js';
import type { EscalationPolicy } from '../domain/escalation/escalation-policy.js';
import { DEFAULT_PAYLOAD_RETENTION, type PayloadRetention } from '../domain/privacy/payload-retention.js';
import { nextCheckAt } from '../domain/escalation/next-step.js';
import { checkAlert } from '../usecases/escalation/check-alert.js';
import { remindPeriodicDuties, type PeriodicRemindersResult } from '../usecases/reminders/remind-periodic-duties.js';
import { runSystemJobs } from '../jobs/system-jobs.js';
import { DeadlineJobs, refreshDeadlineJobs } from './deadline-jobs.js';
import { deliveryJobOf, dutyJobOf, SWEEP_JOB_OPTIONS, DEFAULT_DELIVERY_POLICY, type DeliveryPolicy } from './job-options.js';
import { RedisWatch } from './redis-watch.js';
import { alertJobId, approvalJobId, DEFAULT_QUEUE_PREFIX, deadlineJobId, DELIVERIES_QUEUE, DUTIES_QUEUE, openQueues, PERIODIC_SCHEDULER_ID, sweepJobId, type DeliveryJobData, type DutyJobData, type SchedulerQueues } from './queues.js';

export { DEFAULT_DELIVERY_POLICY, type DeliveryPolicy } from './job-options.js';

export interface SchedulerOptions {
  deps: Deps;
  clock: Clock;
  logger: Logger;
  connection: ConnectionOptions;
  prefix?: string;
  /** Delivers one push on every platform of its recipient; the count of platforms, throws on failure. */
  /** Platforms it reached, or 'withheld' when the rules forbid telling this recipient (R24/R26). */
  deliver(push: PushRecord): Promise<number | 'withheld'>;
  /** Working hours of routine pushes; default: the run-time reminder settings (read for each job). */
  window?: DeliveryWindow;
  delivery?: DeliveryPolicy;
  /** How alerts repeat and climb (R18, R20, R21); default: the run-time reminder settings. */
  escalation?: EscalationPolicy;
  /** How often the reconciler rebuilds the jobs from the database (default 5 minutes; 0 = only at start). */
  reconcileEveryMs?: number;
  /** How often to look whether Redis came back empty, besides at each reconnect (default 20 seconds; 0 = only at reconnects). */
  redisCheckEveryMs?: number;
  /** How long sent pushes and cards keep their content (R24); default 7 days delivered, 30 undelivered. */
  retention?: PayloadRetention;
  /** R25: where the periodic sweep anchors the audit log's head; none = no anchors from this scheduler. */
  auditAnchors?: AuditAnchorLog;
  /** Issue 16: after each periodic sweep, brings people's tasks in the platforms' to-do lists up to date (LARK_TASKS). */
  syncTasks?: () => Promise<unknown>;
  /** Cron pattern (Asia/Shanghai) of the periodic sweep: system jobs and the periodic reminders. Default hourly; null = no sweep (a scheduler for case deadlines and alerts only). */
  periodicPattern?: string | null;
}

export const DEFAULT_PERIODIC_PATTERN = '0 * * * *';

const PAGE = 500;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
const dutyData = z.discriminatedUnion('type', [
  z.object({ type: z.literal('deadline'), caseId: z.string().min(1), dueAt: z.iso.datetime() }),
  z.object({ type: z.literal('alert'), alertId: z.string().min(1), dueAt: z.iso.datetime() }),
  z.object({ type: z.literal('approval'), proposalId: z.string().min(1), dueAt: z.iso.datetime() }),
  z.object({ type: z.literal('sweep'), dueAt: z.iso.datetime().optional() }),
]);
const deliveryData = z.object({ pushId: z.string().min(1), dueAt: z.iso.datetime() });

/**
 * The BullMQ side of issue #4: one delayed job per duty and due time (deterministic ids, so the
 * reconciler and the jobs themselves can add the same job again without doubling it), one job per
 * outbox row for delivery. The database is the truth: `reconcile()` rebuilds every job from it.
 */
export class Scheduler {
  readonly queues: SchedulerQueues;
  private readonly deadlineJobs: DeadlineJobs;
  private readonly workers: Worker[] = [];
  private timer: NodeJS.Timeout | undefined;
  private watch: { redis: Redis; watch: RedisWatch } | undefined;
  private readonly delivery: DeliveryPolicy;
  private readonly retention: PayloadRetention;

  constructor(private readonly o: SchedulerOptions) {
    this.queues = openQueues(o.connection, o.prefix);
    this.deadlineJobs = new DeadlineJobs(this.queues, () => o.clock.now());
    this.delivery = o.delivery ?? DEFAULT_DELIVERY_POLICY;
    this.retention = o.retention ?? DEFAULT_PAYLOAD_RETENTION;
  }

  /** Starts the workers, rebuilds the jobs, and keeps rebuilding them every few minutes. */
  async start(): Promise<void> {
    const common = { connection: this.o.connection, prefix: this.o.prefix ?? undefined };
    this.workers.push(
      new Worker<DutyJobData>(DUTIES_QUEUE, (job) => this.runDuty(job), { ...common, concurrency: 4 }),
      new Worker<DeliveryJobData>(DELIVERIES_QUEUE, (job) => this.runDelivery(job), {
        ...common,
        concurrency: 8,
        limiter: { max: this.delivery.limiter.max, duration: this.delivery.limiter.durationMs },
      }),
    );
    for (const w of this.workers) w.on('error', (err) => this.o.logger.error({ err, queue: w.name }, 'scheduler worker error'));
    await this.rebuild();
    const every = this.o.reconcileEveryMs ?? 5 * 60_000;
    if (every > 0) {
      this.timer = setInterval(() => void this.reconcile().catch((err: unknown) => this.o.logger.error({ err }, 'reconcile failed')), every);
    }
    const redis = watchConnection(this.o.connection);
    redis.on('error', (err) => this.o.logger.debug({ err }, 'redis watch connection error'));
    const watch = new RedisWatch({
      redis,
      markerKey: `${this.o.prefix ?? DEFAULT_QUEUE_PREFIX}:scheduler:alive`,
      everyMs: this.o.redisCheckEveryMs ?? 20_000,
      rebuild: () => this.rebuild().then(() => undefined),
      logger: this.o.logger,
      now: () => this.o.clock.now(),
    });
    this.watch = { redis, watch };
    await watch.start();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.watch?.watch.stop();
    this.watch?.redis.disconnect();
    await Promise.all(this.workers.map((w) => w.close()));
    await this.queues.close();
  }

  /** Everything Redis should hold, from the database: the hourly job scheduler, then every job (reconcile). */
  async rebuild(): Promise<{ duties: number; alerts: number; deliveries: number }> {
    if (this.o.periodicPattern !== null) {
      await this.queues.duties.upsertJobScheduler(
        PERIODIC_SCHEDULER_ID,
        { pattern: this.o.periodicPattern ?? DEFAULT_PERIODIC_PATTERN, tz: 'Asia/Shanghai' },
        { name: 'sweep', data: { type: 'sweep' }, opts: SWEEP_JOB_OPTIONS },
      );
    }
    return this.reconcile();
  }

  /** Looks now whether Redis came back empty, and rebuilds at once if so (also done at every reconnect and every `redisCheckEveryMs`); true when it rebuilt. */
  checkRedis(): Promise<boolean> {
    if (!this.watch) throw new Error('scheduler not started');
    return this.watch.watch.check();
  }

  /** Adds every job the database implies (pending pushes, each open case's next reminder, each open alert's next check); existing jobs are left alone. */
  async reconcile(): Promise<{ duties: number; alerts: number; deliveries: number }> {
    const calendar = await this.o.deps.config.calendar();
    const { window, escalation } = await this.settings();
    const today = localDateOf(this.o.clock.now());
    // One Redis round trip per page: 100,000 open cases reconcile in seconds, not minutes.
    const deadlines = await this.eachPage(
      (repos, after) => repos.cases.openDeadlines(PAGE, after),
      (c) => c.id,
      (page) => this.queues.duties.addBulk(page.map((c) => this.deadlineJob({ caseId: c.id, reminder: nextDeadlineReminder(c.dueOn, today, calendar) }, window))),
    );
    const approvals = await this.eachPage(
      (repos, after) => repos.proposals.pendingIds(PAGE, after),
      (id) => id,
      async (page) => {
        for (const proposalId of page) {
          const proposal = await this.o.deps.uow.read((repos) => repos.proposals.get(proposalId));
          if (proposal?.status === 'PENDING') await this.scheduleApproval(proposalId, nextApprovalReminderOn(localDateOf(proposal.proposedAt), today, calendar));
        }
      },
    );
    const alerts = await this.eachPage(
      (repos, after) => repos.alerts.openIds(PAGE, after),
      (id) => id,
      async (page) => {
        for (const alertId of page) {
          const alert = await this.o.deps.uow.read((repos) => repos.alerts.get(alertId));
          const at = alert ? nextCheckAt(alert, escalation) : null;
          if (at) await this.scheduleAlertCheck(alertId, at);
        }
      },
    );
    const deliveries = await this.eachPage(
      (repos, after) => repos.pushes.pending(PAGE, after),
      (p) => p.id,
      (page) => this.queues.deliveries.addBulk(page.map((p) => this.deliveryJob(p))),
    );
    // The hour's sweep: after a restart (or Redis lost) the periodic duties catch up at once.
    if (this.o.periodicPattern !== null) await this.addDuty({ type: 'sweep' }, sweepJobId(this.o.clock.now().toISOString().slice(0, 13).replace('T', '-')), this.o.clock.now(), 60_000);
    const duties = deadlines + approvals;
    this.o.logger.info({ duties, alerts, deliveries }, 'scheduler reconciled');
    return { duties, alerts, deliveries };
  }

  /**
   * Runs now the delayed jobs whose time has come by the application's clock. BullMQ times delays
   * by the system clock; with another clock (tests, a replay) this is what moves time forward.
   */
  async promoteDue(): Promise<number> {
    const now = this.o.clock.now().getTime();
    let promoted = 0;
    for (const queue of [this.queues.duties, this.queues.deliveries] as const) {
      for (const job of await queue.getDelayed(0, -1)) {
        if (Date.parse((job.data as { dueAt: string }).dueAt) <= now) {
          await job.promote();
          promoted += 1;
        }
      }
    }
    return promoted;
  }

  /** The case's next reminder, replacing the job of its previous one (a moved deadline). */
  async scheduleDeadline(duty: DeadlineDuty): Promise<void> {
    await this.deadlineJobs.set([duty], (await this.settings()).window);
  }

  /** The options' window and escalation, else the run-time reminder settings (cached by the config source). */
  private async settings(): Promise<{ window: DeliveryWindow; escalation: EscalationPolicy }> {
    const settings = this.o.window && this.o.escalation ? null : await this.o.deps.config.reminderSettings();
    return { window: this.o.window ?? deliveryWindowOf(settings!), escalation: this.o.escalation ?? escalationPolicyOf(settings!) };
  }

  private deadlineJob(duty: DeadlineDuty, window: DeliveryWindow) {
    return this.dutyJob({ type: 'deadline', caseId: duty.caseId }, deadlineJobId(duty.caseId, duty.reminder.on, duty.reminder.stage), windowOpening(duty.reminder.on, window), 60_000);
  }

  /** R4: the approvers' reminder of a proposal still pending on `on`. */
  async scheduleApproval(proposalId: string, on: string): Promise<void> {
    const { window } = await this.settings();
    await this.addDuty({ type: 'approval', proposalId }, approvalJobId(proposalId, on), windowOpening(on, window), 60_000);
  }

  /** The next look at an alert (R18, R20, R21): repeats to the silent, the climb, or closing it. */
  async scheduleAlertCheck(alertId: string, at: Date): Promise<void> {
    await this.addDuty({ type: 'alert', alertId }, alertJobId(alertId, at), at, 10_000);
  }

  async scheduleDelivery(push: PushRecord): Promise<void> {
    const job = this.deliveryJob(push);
    await this.queues.deliveries.add(job.name, job.data, job.opts);
  }

  private deliveryJob(push: PushRecord) {
    return deliveryJobOf(push, this.o.clock.now(), this.delivery);
  }


  /** One delayed job per duty and time: the deterministic id makes adding it again a no-op. */
  private async addDuty(duty: DistributiveOmit<DutyJobData, 'dueAt'>, jobId: string, dueAt: Date, retryDelayMs: number): Promise<void> {
    const job = this.dutyJob(duty, jobId, dueAt, retryDelayMs);
    await this.queues.duties.add(job.name, job.data, job.opts);
  }

  private dutyJob(duty: DistributiveOmit<DutyJobData, 'dueAt'>, jobId: string, dueAt: Date, retryDelayMs: number) {
    return dutyJobOf(duty, jobId, dueAt, this.o.clock.now(), retryDelayMs);
  }


  /** Walks a table of the database page by page (by id), handing each page to `onPage`; the count of rows. */
  private async eachPage<T>(fetch: (repos: Repos, after: string | undefined) => Promise<T[]>, idOf: (row: T) => string, onPage: (page: T[]) => Promise<unknown>): Promise<number> {
    let count = 0;
    for (let after: string | undefined; ; ) {
      const page = await this.o.deps.uow.read((repos) => fetch(repos, after));
      if (page.length) await onPage(page);
      count += page.length;
      if (page.length < PAGE) return count;
      after = idOf(page.at(-1)!);
    }
  }



  private async runDuty(job: Job<DutyJobData>): Promise<void> {
    const data = dutyData.safeParse(job.data);
    if (!data.success) throw new UnrecoverableError(`malformed duty job ${job.id}: ${data.error.message}`);
    if (data.data.type === 'sweep') {
      await this.runPeriodicDuties();
      return;
    }
    if (data.data.type === 'approval') {
      const result = await remindApproval(this.o.deps, { proposalId: data.data.proposalId }, this.o.window);
      for (const p of result.pushes) await this.scheduleDelivery(p);
      if (result.next) await this.scheduleApproval(result.next.proposalId, result.next.on);
      return;
    }
    if (data.data.type === 'alert') {
      const result = await checkAlert(this.o.deps, { alertId: data.data.alertId }, this.o.escalation, this.o.window);
      for (const p of result.pushes) await this.scheduleDelivery(p);
      if (result.nextCheckAt) await this.scheduleAlertCheck(data.data.alertId, result.nextCheckAt);
      return;
    }
    const result = await remindDeadline(this.o.deps, { caseId: data.data.caseId }, this.o.window);
    for (const p of result.pushes) await this.scheduleDelivery(p);
    if (result.next) await this.scheduleDeadline(result.next);
    else await this.deadlineJobs.clear(data.data.caseId);
  }

  /** The state-keeping system jobs, then the periodic reminders (with what the jobs had to say) into the outbox. */
  async runPeriodicDuties(): Promise<PeriodicRemindersResult> {
    const { notifications, movedCaseIds } = await runSystemJobs(this.o.deps, this.o.logger, { retention: this.retention, ...(this.o.auditAnchors ? { anchors: this.o.auditAnchors } : {}) });
    await refreshDeadlineJobs(this.deadlineJobs, this.o.deps, movedCaseIds);
    const result = await remindPeriodicDuties(this.o.deps, notifications, this.o.window);
    for (const p of result.pushes) await this.scheduleDelivery(p);
    if (result.pushes.length > 0) this.o.logger.info({ pushes: result.pushes.length, due: result.due }, 'periodic duties recorded');
    // The to-do lists follow the 待办; a failure there must not fail the sweep (the next one tries again).
    if (this.o.syncTasks) await this.o.syncTasks().catch((err: unknown) => this.o.logger.error({ err }, 'platform to-do sync failed'));
    return result;
  }

  private async runDelivery(job: Job<DeliveryJobData>): Promise<string> {
    const data = deliveryData.safeParse(job.data);
    if (!data.success) throw new UnrecoverableError(`malformed delivery job ${job.id}: ${data.error.message}`);
    const { pushId } = data.data;
    const push = await this.o.deps.uow.read((repos) => repos.pushes.get(pushId));
    if (!push || push.status !== 'PENDING') return 'skipped';
    const attempt = job.attemptsMade + 1;
    const now = () => this.o.clock.now();
    try {
      const platforms = await this.o.deliver(push);
      if (platforms === 'withheld') {
        await this.o.deps.uow.run((repos) => repos.pushes.markWithheld(pushId, '依规回避：收件人不得知悉该事项'));
        return 'withheld';
      }
      if (platforms === 0) {
        await this.o.deps.uow.run((repos) => repos.pushes.markAttemptFailed(pushId, '收件人没有关联任何平台账号', attempt, true));
        this.o.logger.warn({ pushId, personId: push.personId }, 'push recipient has no platform account');
        return 'no-account';
      }
      await this.o.deps.uow.run((repos) => repos.pushes.markSent(pushId, now(), attempt, this.retention.sentDays === 0));
      return 'sent';
    } catch (err) {
      const final = attempt >= this.delivery.attempts;
      const message = err instanceof Error ? err.message : String(err);
      await this.o.deps.uow.run((repos) => repos.pushes.markAttemptFailed(pushId, message, attempt, final));
      this.o.logger.warn({ pushId, attempt, final, error: message }, 'push delivery failed');
      throw err;
    }
  }
}

/** A connection of the watch's own (a reconnect shows on it), failing a command fast while Redis is away. */
function watchConnection(connection: ConnectionOptions): Redis {
  const own = { maxRetriesPerRequest: 1 };
  return connection instanceof Redis ? connection.duplicate(own) : new Redis({ ...(connection as RedisOptions), ...own });
}
