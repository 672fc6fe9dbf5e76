import { Redis } from 'ioredis';
import type { Logger } from '../lib/logger.js';
import { openQueues, type SchedulerQueues } from './queues.js';

/** The web role's view of the scheduler's queues: for /readyz, /metrics and Bull Board. */
export interface QueueClient {
  redis: Redis;
  queues: SchedulerQueues;
  close(): Promise<void>;
}

/**
 * Unlike the worker, the web role starts while Redis is away: /readyz reports it. Commands fail at
 * once while disconnected instead of queueing up, and the outage is logged once, not per retry.
 */
export function openQueueClient(url: string, prefix: string, logger: Logger): QueueClient {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: null });
  let down = false;
  const onError = (err: unknown) => {
    if (down) return;
    down = true;
    logger.warn({ err }, 'Redis 不可达 (Redis unreachable): /readyz reports it until it answers again');
  };
  redis.on('error', onError);
  redis.on('ready', () => {
    if (down) logger.info('Redis 已恢复 (Redis reachable again)');
    down = false;
  });
  const queues = openQueues(redis, prefix);
  // A Queue re-emits its connection's errors; an 'error' event without a listener would crash the process.
  queues.duties.on('error', onError);
  queues.deliveries.on('error', onError);
  return {
    redis,
    queues,
    async close() {
      await queues.close();
      redis.disconnect();
    },
  };
}
