import { createServer, type Server } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp, type HttpDeps } from '../../src/http/app.js';
import { openQueueClient, type QueueClient } from '../../src/scheduler/queue-client.js';
import { captureLogger } from '../support/capture-logger.js';
import { freshPostgres, type TestDatabase } from '../support/database.js';
import { serve } from '../support/http-server.js';
import { REDIS_URL, flushPrefix, testPrefix } from '../support/scheduler.js';

// Issue #4: /readyz answers 200 only when the database and, when configured, Redis answer; never hangs.

async function readyz(deps: Omit<HttpDeps, 'logger' | 'summary'>): Promise<{ status: number; body: Record<string, unknown>; ms: number }> {
  const server = await serve(createHttpApp({ logger: captureLogger('silent').logger, ...deps }));
  try {
    const started = Date.now();
    const res = await fetch(`${server.base}/readyz`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown>, ms: Date.now() - started };
  } finally {
    await server.close();
  }
}

async function whenReady(redis: Redis): Promise<void> {
  if (redis.status !== 'ready') await new Promise((r) => redis.once('ready', r));
}

describe('/readyz', () => {
  let t: TestDatabase;
  const prefix = testPrefix();
  let up: QueueClient;
  beforeAll(async () => {
    t = await freshPostgres();
    up = openQueueClient(REDIS_URL, prefix, captureLogger('silent').logger);
    await whenReady(up.redis);
  });
  afterAll(async () => {
    await up.close();
    await flushPrefix(prefix);
    await t.drop();
  });

  it('is ready when the database and Redis both answer', async () => {
    expect(await readyz({ db: t.db, redis: up.redis })).toMatchObject({ status: 200, body: { status: 'ready', database: 'postgres', redis: 'ready' } });
  });

  it('checks only the database when Redis is not configured', async () => {
    const r = await readyz({ db: t.db });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ready', database: 'postgres' });
  });

  it('answers 503 naming Redis when the configured Redis is down', async () => {
    const down = openQueueClient('redis://127.0.0.1:1', testPrefix(), captureLogger('silent').logger);
    try {
      const r = await readyz({ db: t.db, redis: down.redis });
      expect(r.status).toBe(503);
      expect(r.body).toMatchObject({ status: 'unavailable', database: 'postgres', redis: 'unreachable', unreachable: ['redis'] });
      expect(r.body.message).toContain('Redis');
    } finally {
      await down.close();
    }
  });

  it('does not hang on a Redis that accepts the connection but never answers: 503 within about a second', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const port = (silent.address() as { port: number }).port;
    // The default ioredis client queues commands until it is connected: its PING would wait forever.
    const redis = new Redis({ host: '127.0.0.1', port, maxRetriesPerRequest: null });
    redis.on('error', () => undefined);
    try {
      const r = await readyz({ db: t.db, redis });
      expect(r.status).toBe(503);
      expect(r.body).toMatchObject({ redis: 'unreachable', unreachable: ['redis'] });
      expect(r.ms).toBeGreaterThanOrEqual(900);
      expect(r.ms).toBeLessThan(2000);
    } finally {
      redis.disconnect();
      silent.close();
    }
  });

  it('answers 503 naming the database when it is gone', async () => {
    const gone = await freshPostgres({ migrate: false });
    await gone.drop();
    const r = await readyz({ db: gone.db, redis: up.redis });
    expect(r.status).toBe(503);
    expect(r.body).toMatchObject({ status: 'unavailable', database: 'unreachable', redis: 'ready', unreachable: ['database'] });
    expect(r.body.message).toContain('数据库');
  });
});
