import type { JobsOptions } from 'bullmq';
import type { PushRecord } from '../usecases/ports/pushes.js';
import type { DeliveryJobData, DutyJobData } from './queues.js';

export interface DeliveryPolicy {
  /** Tries per push before it is recorded as failed. */
  attempts: number;
  /** First retry delay; each next one doubles. */
  backoffMs: number;
  /** BullMQ's limiter across all workers: at most `max` pushes per `durationMs` (the platform's quota). */
  limiter: { max: number; durationMs: number };
}

/**
 * BullMQ's limiter counts fixed windows: 50 per 1000 ms lets a burst at the end of one window and
 * another at the start of the next put ~100 into one sliding second (bench:scheduler saw 84).
 * One push per 21 ms keeps any sliding second at 48 or fewer, under Lark's 50/s per app.
 */
export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = Object.freeze({ attempts: 8, backoffMs: 30_000, limiter: { max: 1, durationMs: 21 } });

const KEEP_DONE_DUTIES_S = 2 * 86_400;
const KEEP_FAILED_S = 7 * 86_400;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface JobSpec<T> {
  name: string;
  data: T;
  opts: JobsOptions;
}

/** One delayed job per duty and time: the deterministic id makes adding it again a no-op. */
export function dutyJobOf(duty: DistributiveOmit<DutyJobData, 'dueAt'>, jobId: string, dueAt: Date, now: Date, retryDelayMs: number): JobSpec<DutyJobData> {
  return {
    name: duty.type,
    data: { ...duty, dueAt: dueAt.toISOString() } as DutyJobData,
    opts: {
      jobId,
      delay: Math.max(0, dueAt.getTime() - now.getTime()),
      removeOnComplete: { age: KEEP_DONE_DUTIES_S },
      removeOnFail: { age: KEEP_FAILED_S },
      attempts: 5,
      backoff: { type: 'exponential', delay: retryDelayMs },
    },
  };
}

/** One job per outbox row, named by the row: adding it twice delivers it once. */
export function deliveryJobOf(push: PushRecord, now: Date, policy: DeliveryPolicy): JobSpec<DeliveryJobData> {
  return {
    name: 'push',
    data: { pushId: push.id, dueAt: push.dueAt.toISOString() },
    opts: {
      jobId: push.id,
      delay: Math.max(0, push.dueAt.getTime() - now.getTime()),
      attempts: policy.attempts,
      backoff: { type: 'exponential', delay: policy.backoffMs },
      removeOnComplete: true,
      removeOnFail: { age: KEEP_FAILED_S },
    },
  };
}

/** Options of the jobs the periodic job scheduler makes: kept a while after they ran, like the other duties. */
export const SWEEP_JOB_OPTIONS: JobsOptions = { removeOnComplete: { age: KEEP_DONE_DUTIES_S }, removeOnFail: { age: KEEP_FAILED_S } };
