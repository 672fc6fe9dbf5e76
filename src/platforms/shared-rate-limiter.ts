import type { Redis } from 'ioredis';
import type { Logger } from '../lib/logger.js';
import { TokenBucketLimiter, type BucketRef } from './rate-limiter.js';

/** Waits until a call may go out under every bucket named, and takes one token from each. */
export interface RateLimiter {
  acquire(refs: BucketRef[]): Promise<void>;
}

// Token buckets in Redis, checked and taken atomically: all buckets have a token and each loses
// one, or none is touched and the script answers how long to wait. Time comes from the caller
// (the injected clock); an idle bucket expires, which is the same as a full one.
const TAKE = `
local now = tonumber(ARGV[1])
local wait = 0
local levels = {}
for i, key in ipairs(KEYS) do
  local cap = tonumber(ARGV[2 * i])
  local interval = tonumber(ARGV[2 * i + 1])
  local b = redis.call('HMGET', key, 'tokens', 'at')
  local tokens = tonumber(b[1]) or cap
  local at = tonumber(b[2]) or now
  local elapsed = now - at
  if elapsed < 0 then elapsed = 0 end
  tokens = math.min(cap, tokens + elapsed * cap / interval)
  levels[i] = tokens
  if tokens < 1 then
    local w = math.ceil((1 - tokens) * interval / cap)
    if w > wait then wait = w end
  end
end
if wait > 0 then return wait end
for i, key in ipairs(KEYS) do
  local interval = tonumber(ARGV[2 * i + 1])
  redis.call('HSET', key, 'tokens', tostring(levels[i] - 1), 'at', tostring(now))
  redis.call('PEXPIRE', key, 2 * interval)
end
return 0
`;

/**
 * One rate limit for every process of a deployment (web and workers send for the same Lark
 * app): buckets live in Redis under the queue prefix's hash tag. If Redis does not answer, sends
 * fall back to this process's own buckets rather than stop.
 */
export class RedisTokenBucketLimiter implements RateLimiter {
  private readonly local: TokenBucketLimiter;
  private degraded = false;

  constructor(
    private readonly redis: Pick<Redis, 'eval'>,
    private readonly keyPrefix: string,
    private readonly now: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
    private readonly logger: Logger,
  ) {
    this.local = new TokenBucketLimiter(now, sleep);
  }

  async acquire(refs: BucketRef[]): Promise<void> {
    for (;;) {
      let wait: number;
      try {
        const keys = refs.map((r) => `${this.keyPrefix}:${r.key}`);
        const args = [this.now(), ...refs.flatMap((r) => [r.rule.capacity, r.rule.intervalMs])];
        wait = Number(await this.redis.eval(TAKE, keys.length, ...keys, ...args));
        if (this.degraded) this.logger.info('shared rate limit back in Redis');
        this.degraded = false;
      } catch (err) {
        if (!this.degraded) this.logger.warn({ err }, 'shared rate limit unavailable: this process limits itself until Redis answers');
        this.degraded = true;
        return this.local.acquire(refs);
      }
      if (wait === 0) return;
      await this.sleep(wait);
    }
  }
}
