import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPostgres, type TestDatabase } from '../support/database.js';
import { flushPrefix, REDIS_URL, testPrefix } from '../support/scheduler.js';
import { TEST_AUDIT_SECRET } from '../support/audit-key.js';

// Issue #4: the web role as main.ts composes it — its own Redis connection for /readyz, /metrics
// and Bull Board; it starts while Redis is away and says so on /readyz.

const ADMIN_TOKEN = 'e2e-admin-token-0123456789';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function startWeb(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let out = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'web'], { env: { ...process.env, LOG_LEVEL: 'info', SEED_DEMO: 'false', AUDIT_KEY: TEST_AUDIT_SECRET, ...env } });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return { child, output: () => out, exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
}

/** Polls `url` until `ok` holds for the answer (the process and its Redis connection come up asynchronously). */
async function until(url: string, ok: (status: number, body: string) => boolean, init: RequestInit = {}, ms = 60_000): Promise<{ status: number; body: string }> {
  const end = Date.now() + ms;
  let last = { status: 0, body: '' };
  while (Date.now() < end) {
    try {
      const res = await fetch(url, init);
      last = { status: res.status, body: await res.text() };
      if (ok(last.status, last.body)) return last;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} never answered as expected; last: ${last.status} ${last.body}`);
}

describe('the web role with REDIS_URL', () => {
  let t: TestDatabase;
  const prefix = testPrefix();
  beforeAll(async () => {
    t = await freshPostgres();
  });
  afterAll(async () => {
    await flushPrefix(prefix);
    await t.drop();
  });

  it('checks Redis on /readyz, counts the queues on /metrics and shows Bull Board to the admin; closes cleanly', async () => {
    const port = await freePort();
    const web = startWeb({ DATABASE_URL: t.url, PORT: String(port), REDIS_URL, QUEUE_PREFIX: prefix, ADMIN_TOKEN });
    try {
      const base = `http://127.0.0.1:${port}`;
      const ready = await until(`${base}/readyz`, (s) => s === 200);
      expect(JSON.parse(ready.body)).toEqual({ status: 'ready', database: 'postgres', redis: 'ready' });
      const metrics = await until(`${base}/metrics`, (s) => s === 200);
      expect(metrics.body).toContain('xinfang_queue_jobs{queue="duties",state="delayed"}');
      expect(metrics.body).toContain('xinfang_pushes{status="SENT"} 0');
      expect((await fetch(`${base}/admin/queues`)).status).toBe(401);
      const board = await fetch(`${base}/admin/queues`, { headers: { Authorization: `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}` } });
      expect(board.status).toBe(200);
    } finally {
      web.child.kill('SIGTERM');
    }
    expect(await web.exited).toBe(0);
  });

  it('starts while Redis is away and answers 503 on /readyz naming it', async () => {
    const port = await freePort();
    const web = startWeb({ DATABASE_URL: t.url, PORT: String(port), REDIS_URL: 'redis://127.0.0.1:1', QUEUE_PREFIX: prefix });
    try {
      const r = await until(`http://127.0.0.1:${port}/readyz`, (s) => s !== 0);
      expect(r.status).toBe(503);
      expect(JSON.parse(r.body)).toMatchObject({ status: 'unavailable', database: 'postgres', redis: 'unreachable', unreachable: ['redis'] });
      expect(web.output().match(/Redis 不可达/g)).toHaveLength(1);
    } finally {
      web.child.kill('SIGTERM');
    }
    expect(await web.exited).toBe(0);
  });
});
