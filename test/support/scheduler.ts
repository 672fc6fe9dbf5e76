import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { createNotifier } from '../../src/bot/create-bot.js';
import type { MessagingPort } from '../../src/bot/messaging-port.js';
import { Scheduler, type DeliveryPolicy, type SchedulerOptions } from '../../src/scheduler/scheduler.js';
import type { PlatformName } from '../../src/usecases/ports/platform.js';
import { captureLogger } from './capture-logger.js';
import type { LarkHarness } from './lark-harness.js';
import type { Township } from './township.js';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A queue prefix of its own per test (with a hash tag, as in production), so tests never share jobs. */
export const testPrefix = () => `{xt${randomBytes(4).toString('hex')}}`;

export const FAST_DELIVERY: DeliveryPolicy = { attempts: 5, backoffMs: 20, limiter: { max: 1000, durationMs: 1000 } };

/**
 * The scheduler as main.ts composes it for the worker role, delivering through the harness's Lark.
 * `periodicPattern: null` leaves out the hourly sweep, for tests about one kind of duty only.
 */
export function schedulerFor(town: Township, h: LarkHarness, prefix: string, delivery: DeliveryPolicy = FAST_DELIVERY, more: Partial<SchedulerOptions> = {}): Scheduler {
  return schedulerWith(town, new Map<PlatformName, MessagingPort>([['LARK', h.lark.messenger]]), prefix, delivery, more);
}

/** The same, delivering through any platforms' messengers (DingTalk, or several at once). */
export function schedulerWith(town: Township, messengers: Map<PlatformName, MessagingPort>, prefix: string, delivery: DeliveryPolicy = FAST_DELIVERY, more: Partial<SchedulerOptions> = {}): Scheduler {
  const { logger } = captureLogger('warn');
  const notifier = createNotifier({ deps: town.deps, messengers, logger });
  return new Scheduler({
    deps: town.deps,
    clock: town.clock,
    logger,
    connection: { host: new URL(REDIS_URL).hostname, port: Number(new URL(REDIS_URL).port || 6379), maxRetriesPerRequest: null },
    prefix,
    deliver: (push) => notifier.deliverTo(push.notification, push.personId),
    delivery,
    reconcileEveryMs: 0,
    redisCheckEveryMs: 0,
    ...more,
  });
}

/** Waits until no job of the scheduler's queues is waiting or running (delayed ones stay). */
export async function drained(s: Scheduler, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  let quiet = 0;
  while (quiet < 3) {
    if (Date.now() > end) throw new Error('scheduler queues did not drain');
    const counts = await Promise.all([s.queues.duties, s.queues.deliveries].map((q) => q.getJobCounts('waiting', 'active', 'prioritized')));
    quiet = counts.every((c) => Object.values(c).every((n) => n === 0)) ? quiet + 1 : 0;
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Deletes every Redis key of a prefix: for the queues, Redis lost everything. */
export async function flushPrefix(prefix: string): Promise<number> {
  const redis = new Redis(REDIS_URL);
  try {
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) deleted += await redis.del(...keys);
    } while (cursor !== '0');
    return deleted;
  } finally {
    redis.disconnect();
  }
}
