import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { larkBuckets } from '../../src/platforms/lark/limits.js';
import { RedisTokenBucketLimiter } from '../../src/platforms/shared-rate-limiter.js';
import { captureLogger } from '../support/capture-logger.js';
import { flushPrefix, REDIS_URL, testPrefix } from '../support/scheduler.js';

describe('Lark rate limits shared through Redis by every process (real Redis)', () => {
  let redis: Redis;
  const prefix = testPrefix();
  beforeAll(() => {
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    await flushPrefix(prefix);
    redis.disconnect();
  });

  /** One shared fake clock; a wait moves it, as two processes waiting in real time would see. */
  function clockAt(start: number) {
    let t = start;
    const waits: number[] = [];
    return { now: () => t, sleep: async (ms: number) => void (waits.push(ms), (t += ms)), waits };
  }

  it('two processes sending for one app share its 50/s: together, 50 go at once and the 51st waits 20 ms', async () => {
    const clock = clockAt(1_800_000_000_000);
    const { logger } = captureLogger('warn');
    const web = new RedisTokenBucketLimiter(redis, `${prefix}:rate:LARK`, clock.now, clock.sleep, logger);
    const worker = new RedisTokenBucketLimiter(redis, `${prefix}:rate:LARK`, clock.now, clock.sleep, logger);
    for (let i = 0; i < 50; i += 1) await (i % 2 ? web : worker).acquire(larkBuckets({ app: true }));
    expect(clock.waits).toEqual([]);
    await web.acquire(larkBuckets({ app: true }));
    expect(clock.waits).toEqual([20]);
    // A user's 5/s is shared too: 5 to the same person at once, the 6th waits 200 ms.
    const user = clockAt(1_800_000_100_000);
    const a = new RedisTokenBucketLimiter(redis, `${prefix}:rate:LARK`, user.now, user.sleep, logger);
    const b = new RedisTokenBucketLimiter(redis, `${prefix}:rate:LARK`, user.now, user.sleep, logger);
    for (let i = 0; i < 5; i += 1) await (i % 2 ? a : b).acquire(larkBuckets({ userId: 'ou_same' }));
    expect(user.waits).toEqual([]);
    await a.acquire(larkBuckets({ userId: 'ou_same' }));
    expect(user.waits).toEqual([200]);
  });

  it('a send blocked by its chat takes nothing from the app: the other buckets stay as they were', async () => {
    const clock = clockAt(1_800_000_200_000);
    const { logger } = captureLogger('warn');
    const limiter = new RedisTokenBucketLimiter(redis, `${prefix}:rate2:LARK`, clock.now, clock.sleep, logger);
    for (let i = 0; i < 5; i += 1) await limiter.acquire(larkBuckets({ chatId: 'oc_busy' }));
    await limiter.acquire(larkBuckets({ chatId: 'oc_busy' }));
    expect(clock.waits).toEqual([200]);
    const app = await redis.hget(`${prefix}:rate2:LARK:app:s`, 'tokens');
    // 45 left after five; the refused try took nothing; 200 ms later the app is full again and the sixth takes one.
    expect(Number(app)).toBe(49);
  });

  it('when Redis does not answer, the process limits itself and says so once', async () => {
    const clock = clockAt(1_800_000_300_000);
    const { logger, lines } = captureLogger('warn');
    const broken = { eval: async () => Promise.reject(new Error('Connection is closed.')) };
    const limiter = new RedisTokenBucketLimiter(broken, `${prefix}:rate:LARK`, clock.now, clock.sleep, logger);
    for (let i = 0; i < 51; i += 1) await limiter.acquire(larkBuckets({ app: true }));
    expect(clock.waits).toEqual([20]);
    expect(lines.filter((l) => l.msg === 'shared rate limit unavailable: this process limits itself until Redis answers')).toHaveLength(1);
  });
});
