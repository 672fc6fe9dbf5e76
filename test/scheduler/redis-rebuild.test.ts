import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MessagingPort } from '../../src/bot/messaging-port.js';
import { PERIODIC_SCHEDULER_ID } from '../../src/scheduler/queues.js';
import { RedisWatch } from '../../src/scheduler/redis-watch.js';
import type { Scheduler } from '../../src/scheduler/scheduler.js';
import type { PlatformName } from '../../src/usecases/ports/platform.js';
import { captureLogger } from '../support/capture-logger.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { ownedCase } from '../support/flows.js';
import { FAST_DELIVERY, flushPrefix, REDIS_URL, schedulerWith, testPrefix } from '../support/scheduler.js';
import { buildTownship, type Township } from '../support/township.js';

/** Polls real time for what a timer or a reconnect does by itself; fails after `ms`. */
async function eventually<T>(probe: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the scheduler rebuilds at once when Redis comes back empty (real Redis, real PostgreSQL)', () => {
  let t: TestDatabase;
  let town: Township;
  let caseId: string;
  const running: Scheduler[] = [];
  const prefixes: string[] = [];
  beforeAll(async () => {
    t = await freshDatabase('postgres');
    town = await buildTownship(t.db, '2026-11-02T09:00:00+08:00');
    caseId = (await ownedCase(town)).id;
  });
  afterEach(async () => {
    for (const s of running.splice(0)) await s.stop();
    for (const p of prefixes.splice(0)) await flushPrefix(p);
  });
  afterAll(() => t.drop());

  /** The worker's scheduler with its production timings: a reconcile only every 5 minutes. */
  async function start(prefix: string, redisCheckEveryMs: number): Promise<Scheduler> {
    const s = schedulerWith(town, new Map<PlatformName, MessagingPort>(), prefix, FAST_DELIVERY, { reconcileEveryMs: 5 * 60_000, redisCheckEveryMs });
    running.push(s);
    prefixes.push(prefix);
    await s.start();
    return s;
  }

  const state = async (s: Scheduler) => ({
    schedulers: (await s.queues.duties.getJobSchedulers()).map((j) => [j.key, j.pattern, j.tz]),
    deadlineJobs: (await s.queues.duties.getDelayed(0, -1)).filter((j) => j.data.type === 'deadline' && j.data.caseId === caseId).length,
  });
  const rebuilt = { schedulers: [[PERIODIC_SCHEDULER_ID, '0 * * * *', 'Asia/Shanghai']], deadlineJobs: 1 };

  it('R7/R11: Redis emptied under a running worker: its next look finds the marker gone and rebuilds the deadline reminder jobs and the hourly job scheduler from the database — not 5 minutes later', async () => {
    const prefix = testPrefix();
    const s = await start(prefix, 0);
    expect(await state(s)).toEqual(rebuilt);
    expect(await s.checkRedis()).toBe(false);

    // What a Redis restarted without persistence holds for this worker: nothing.
    expect(await flushPrefix(prefix)).toBeGreaterThan(0);
    expect(await state(s)).toEqual({ schedulers: [], deadlineJobs: 0 });

    expect(await s.checkRedis()).toBe(true);
    expect(await state(s)).toEqual(rebuilt);
    // The hour's catch-up sweep is back too, so the periodic duties do not wait for the next full hour.
    expect((await s.queues.duties.getJobs(['delayed', 'waiting', 'prioritized'])).some((j) => j.data.type === 'sweep')).toBe(true);
    expect(await s.checkRedis()).toBe(false);
  });

  it('R7/R11: nobody asks: the periodic look (every 20 seconds in production, here 100 ms) rebuilds by itself', async () => {
    const prefix = testPrefix();
    const s = await start(prefix, 100);
    await flushPrefix(prefix);
    expect(await eventually(() => state(s), (v) => v.deadlineJobs === 1 && v.schedulers.length === 1)).toEqual(rebuilt);
  });

  it('a reconnect is looked at at once: the marker gone, the rebuild runs; a failed rebuild leaves the marker unset so the next look tries again; the marker there, nothing runs', async () => {
    const { logger, lines } = captureLogger('info');
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    const markerKey = `${testPrefix()}:scheduler:alive`;
    let calls = 0;
    const watch = new RedisWatch({
      redis, markerKey, everyMs: 0, logger, now: () => town.clock.now(),
      rebuild: async () => {
        calls += 1;
        if (calls === 1) throw new Error('database away');
      },
    });
    try {
      await watch.start();
      expect(await redis.get(markerKey)).toBe(town.clock.now().toISOString());
      await redis.del(markerKey);
      redis.disconnect(true);
      expect(await eventually(async () => calls, (n) => n === 1)).toBe(1);
      expect(await redis.exists(markerKey)).toBe(0);
      expect(lines.some((l) => l.msg === 'rebuild after Redis came back empty failed; the next check tries again')).toBe(true);
      expect(await watch.check()).toBe(true);
      expect(calls).toBe(2);
      expect(await redis.exists(markerKey)).toBe(1);
      redis.disconnect(true);
      await eventually(async () => redis.status, (st) => st === 'ready');
      expect(await watch.check()).toBe(false);
      expect(calls).toBe(2);
    } finally {
      watch.stop();
      await redis.del(markerKey);
      redis.disconnect();
    }
  });
});
