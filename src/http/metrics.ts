import type { Job, Queue } from 'bullmq';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { Database } from '../db/database.js';
import { pushStatusCounts } from '../db/queries/push-status-counts.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import { withTimeout } from '../lib/timeout.js';
import type { SchedulerQueues } from '../scheduler/queues.js';

export interface MetricsDeps {
  db: Database;
  /** Present when REDIS_URL is configured; without it the queue metrics are absent. */
  queues?: SchedulerQueues | undefined;
  clock: Clock;
  logger: Logger;
  /** Upper bound of each source per scrape. */
  timeoutMs?: number;
}

export interface Metrics {
  /** Prometheus text exposition format 0.0.4. */
  contentType: string;
  render(): Promise<string>;
}

const JOB_STATES = ['waiting', 'prioritized', 'active', 'delayed', 'waiting-children', 'completed', 'failed'] as const;
/** Jobs looked at per queue and state for the lateness: the next ones BullMQ would run. */
const LATENESS_SAMPLE = 100;

/**
 * Figures read from the database and Redis at scrape time, so that they are right however many
 * processes run. A source that fails or does not answer in time leaves its figures out of that
 * scrape and shows as 0 in `xinfang_metrics_source_up`.
 */
export function createMetrics(deps: MetricsDeps): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const sourceUp = new Gauge({ name: 'xinfang_metrics_source_up', help: 'Whether the source answered during this scrape (1) or not (0)', labelNames: ['source'], registers });
  const pushes = new Gauge({ name: 'xinfang_pushes', help: 'Pushes in the outbox (Push table) by status', labelNames: ['status'], registers });
  const queueJobs = deps.queues && new Gauge({ name: 'xinfang_queue_jobs', help: 'Jobs in each scheduler queue by state', labelNames: ['queue', 'state'], registers });
  const lateness =
    deps.queues &&
    new Gauge({ name: 'xinfang_queue_lateness_seconds', help: 'Age of the oldest job that is due but not yet processed (0 when none)', labelNames: ['queue'], registers });
  const timeoutMs = deps.timeoutMs ?? 2000;

  const collect = async (source: string, work: () => Promise<void>, clear: () => void) => {
    try {
      await withTimeout(work(), timeoutMs, source);
      sourceUp.set({ source }, 1);
    } catch (err) {
      clear();
      sourceUp.set({ source }, 0);
      deps.logger.warn({ err, source }, 'metrics source failed');
    }
  };

  const render = async () => {
    await Promise.all([
      collect(
        'database',
        async () => {
          for (const [status, n] of Object.entries(await pushStatusCounts(deps.db.prisma))) pushes.set({ status }, n);
        },
        () => pushes.reset(),
      ),
      deps.queues &&
        collect(
          'redis',
          async () => {
            const now = deps.clock.now().getTime();
            for (const queue of [deps.queues!.duties, deps.queues!.deliveries] as Queue[]) {
              const [counts, oldest] = await Promise.all([queue.getJobCounts(...JOB_STATES), oldestDueAge(queue, now)]);
              for (const state of JOB_STATES) queueJobs!.set({ queue: queue.name, state }, counts[state] ?? 0);
              lateness!.set({ queue: queue.name }, oldest / 1000);
            }
          },
          () => {
            queueJobs!.reset();
            lateness!.reset();
          },
        ),
    ]);
    return registry.metrics();
  };

  // Concurrent scrapes share one collection, so that one never reads the gauges while another resets them.
  let inFlight: Promise<string> | undefined;
  return {
    contentType: registry.contentType,
    render() {
      inFlight ??= render().finally(() => (inFlight = undefined));
      return inFlight;
    },
  };
}

/**
 * When a job is due: ours carry `dueAt` by the application's clock, and a job scheduler's jobs
 * their planned time in `opts.prevMillis`. BullMQ's `timestamp + delay` is only the last resort:
 * a promoted job keeps its creation `timestamp` with `delay` reset to 0, and a retry changes
 * `delay` but not `timestamp`. A push waiting for its retry counts as late: it is.
 */
export function dueTimeOf(job: Pick<Job, 'data' | 'opts' | 'timestamp' | 'delay'>): number {
  const dueAt = (job.data as { dueAt?: unknown } | null | undefined)?.dueAt;
  const parsed = typeof dueAt === 'string' ? Date.parse(dueAt) : Number.NaN;
  if (!Number.isNaN(parsed)) return parsed;
  const planned = job.opts?.prevMillis;
  return typeof planned === 'number' && planned > 0 ? planned : job.timestamp + (job.delay ?? 0);
}

/** Milliseconds since the oldest job of the queue that is due and still waiting or delayed fell due (0 when none). */
async function oldestDueAge(queue: Queue, now: number): Promise<number> {
  const [ready, delayed] = await Promise.all([queue.getJobs(['waiting', 'prioritized'], 0, LATENESS_SAMPLE - 1, true), queue.getDelayed(0, LATENESS_SAMPLE - 1)]);
  let oldest = 0;
  for (const job of [...ready, ...delayed]) oldest = Math.max(oldest, now - dueTimeOf(job));
  return oldest;
}
