import { describe, expect, it } from 'vitest';
import { TokenBucketLimiter } from '../../src/platforms/rate-limiter.js';
import { larkBuckets, LARK_RATE_RULES } from '../../src/platforms/lark/limits.js';

function clock(start = 0) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('token bucket rate limiter', () => {
  it('lets 5 sends a second into one chat, then says how long to wait', () => {
    const c = clock();
    const limiter = new TokenBucketLimiter(c.now);
    const chat = larkBuckets({ chatId: 'oc_1' });
    for (let i = 0; i < 5; i++) expect(limiter.tryTake(chat)).toBe(0);
    expect(limiter.tryTake(chat)).toBe(200);
    c.advance(200);
    expect(limiter.tryTake(chat)).toBe(0);
  });

  it('keeps chats and users apart, but all of them under the app limit of 50 a second', () => {
    const c = clock();
    const limiter = new TokenBucketLimiter(c.now);
    for (let i = 0; i < 10; i++) for (let j = 0; j < 5; j++) expect(limiter.tryTake(larkBuckets({ chatId: `oc_${i}` }))).toBe(0);
    expect(limiter.tryTake(larkBuckets({ userId: 'ou_new' }))).toBe(20);
  });

  it('caps the app at 1000 a minute even when every second stays under 50', () => {
    const c = clock();
    const limiter = new TokenBucketLimiter(c.now);
    let sent = 0;
    for (let second = 0; second < 60; second++) {
      for (let i = 0; i < 50; i++) if (limiter.tryTake(larkBuckets({ userId: `ou_${second}_${i}` })) === 0) sent++;
      c.advance(1000);
    }
    // 1000 at once plus what one minute refills while it runs out (1000/60 per second).
    expect(sent).toBeGreaterThanOrEqual(1000);
    expect(sent).toBeLessThan(1000 + 60 * 17);
    expect(LARK_RATE_RULES.appPerMinute).toEqual({ capacity: 1000, intervalMs: 60_000 });
  });

  it('takes nothing when one bucket is empty, so a blocked chat does not spend the app budget', () => {
    const c = clock();
    const limiter = new TokenBucketLimiter(c.now);
    for (let i = 0; i < 5; i++) limiter.tryTake(larkBuckets({ chatId: 'oc_busy' }));
    for (let i = 0; i < 100; i++) expect(limiter.tryTake(larkBuckets({ chatId: 'oc_busy' }))).toBeGreaterThan(0);
    // 50 per second minus the 5 sent: 45 left for everyone else.
    let others = 0;
    while (limiter.tryTake(larkBuckets({ userId: `ou_${others}` })) === 0) others++;
    expect(others).toBe(45);
  });

  it('acquire waits through the injected sleep and moves on when the clock has', async () => {
    const c = clock();
    const slept: number[] = [];
    const limiter = new TokenBucketLimiter(c.now, async (ms) => {
      slept.push(ms);
      c.advance(ms);
    });
    const target = larkBuckets({ updatedMessageId: 'om_1' });
    for (let i = 0; i < 6; i++) await limiter.acquire(target);
    expect(slept).toEqual([200]);
  });
});
