import { Redis } from 'ioredis';

/** A Redis connection for BullMQ (no per-command retry limit), checked before anything relies on it. */
export async function connectRedis(url: string, timeoutMs = 5000): Promise<Redis> {
  const redis = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true });
  try {
    await Promise.race([
      redis.connect().then(() => redis.ping()),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)),
    ]);
    return redis;
  } catch (err) {
    redis.disconnect();
    throw err;
  }
}
