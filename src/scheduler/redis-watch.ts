import type { Redis } from 'ioredis';
import type { Logger } from '../lib/logger.js';

export interface RedisWatchOptions {
  /** A connection of the watch's own: its 'ready' after a reconnect is the first sign of a Redis that came back. */
  redis: Redis;
  /** A key that only this watch writes: gone means Redis lost its data (restarted without persistence, flushed, failed over to an empty replica). */
  markerKey: string;
  /** How often to look for the marker between reconnects; 0 = only on reconnect and when asked. */
  everyMs: number;
  /** Rebuilds what Redis lost; the marker is set again only when this succeeds. */
  rebuild: () => Promise<void>;
  logger: Logger;
  now: () => Date;
}

/**
 * Notices that Redis came back empty and has everything rebuilt at once, instead of at the next
 * periodic reconcile: the database is the truth, Redis only holds what follows from it.
 */
export class RedisWatch {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<boolean> | null = null;
  private readonly onReady = () => void this.check().catch(() => undefined);

  constructor(private readonly o: RedisWatchOptions) {}

  /** Marks Redis as holding the rebuilt state (call after the first rebuild), then watches. */
  async start(): Promise<void> {
    await this.mark();
    this.o.redis.on('ready', this.onReady);
    if (this.o.everyMs > 0) this.timer = setInterval(this.onReady, this.o.everyMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.o.redis.off('ready', this.onReady);
  }

  /** Rebuilds when the marker is gone; true when it did. One check at a time: a reconnect and a tick may meet. */
  check(): Promise<boolean> {
    this.running ??= this.checkOnce().finally(() => (this.running = null));
    return this.running;
  }

  private async checkOnce(): Promise<boolean> {
    try {
      if ((await this.o.redis.exists(this.o.markerKey)) === 1) return false;
    } catch (err) {
      // Redis away: the reconnect's 'ready' (or the next tick) looks again.
      this.o.logger.debug({ err }, 'redis watch: marker not readable');
      return false;
    }
    this.o.logger.warn('Redis 数据已丢失（重启未持久化或被清空），正在从数据库重建定时任务 (Redis came back empty: rebuilding the jobs from the database)');
    try {
      await this.o.rebuild();
      await this.mark();
      this.o.logger.info('定时任务已重建 (jobs rebuilt after Redis came back empty)');
      return true;
    } catch (err) {
      this.o.logger.error({ err }, 'rebuild after Redis came back empty failed; the next check tries again');
      return false;
    }
  }

  private async mark(): Promise<void> {
    await this.o.redis.set(this.o.markerKey, this.o.now().toISOString());
  }
}
