import type { Redis } from 'ioredis';

/** Every key of a queue prefix (SCAN, so Redis is never blocked). */
export async function keysOf(redis: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, page] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    keys.push(...page);
  } while (cursor !== '0');
  return keys;
}

/** MEMORY USAGE summed over the keys (SAMPLES 0: every element of the big sets counted). */
export async function memoryOf(redis: Redis, keys: readonly string[]): Promise<number> {
  let bytes = 0;
  for (let i = 0; i < keys.length; i += 1000) {
    const pipeline = redis.pipeline();
    for (const key of keys.slice(i, i + 1000)) pipeline.call('MEMORY', 'USAGE', key, 'SAMPLES', '0');
    for (const [err, n] of (await pipeline.exec()) ?? []) {
      if (err) throw err;
      bytes += Number(n ?? 0);
    }
  }
  return bytes;
}

/** How many of the keys are BullMQ job hashes of `queue` whose id starts with `idPrefix`. */
export function countJobKeys(keys: readonly string[], prefix: string, queue: string, idPrefix: string): number {
  const start = `${prefix}:${queue}:${idPrefix}`;
  // A job's hash is `<prefix>:<queue>:<id>`; its lock and logs add another `:part`.
  return keys.filter((k) => k.startsWith(start) && !k.slice(start.length).includes(':')).length;
}

/** The server's `used_memory` (INFO memory): every client's data, not only ours. */
export async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  const m = /^used_memory:(\d+)/m.exec(info);
  if (!m) throw new Error('INFO memory has no used_memory');
  return Number(m[1]);
}

/** Deletes every key of the prefix; the count deleted. */
export async function deletePrefix(redis: Redis, prefix: string): Promise<number> {
  const keys = await keysOf(redis, prefix);
  let deleted = 0;
  for (let i = 0; i < keys.length; i += 1000) deleted += await redis.unlink(...keys.slice(i, i + 1000));
  return deleted;
}
