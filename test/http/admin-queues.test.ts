import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp, type HttpDeps } from '../../src/http/app.js';
import { openQueueClient, type QueueClient } from '../../src/scheduler/queue-client.js';
import { captureLogger } from '../support/capture-logger.js';
import { freshPostgres, type TestDatabase } from '../support/database.js';
import { serve } from '../support/http-server.js';
import { REDIS_URL, flushPrefix, testPrefix } from '../support/scheduler.js';

// Issue #4: Bull Board at /admin/queues, behind admin authentication (ADMIN_TOKEN).

const TOKEN = 'admin-token-0123456789abcdef';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('/admin/queues', () => {
  let t: TestDatabase;
  let client: QueueClient;
  const prefix = testPrefix();
  let server: Awaited<ReturnType<typeof serve>>;
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.base}${path}`, { headers });

  const withApp = async (deps: Partial<HttpDeps>, fn: (base: string) => Promise<void>) => {
    const other = await serve(createHttpApp({ db: t.db, logger: captureLogger('silent').logger, ...deps }));
    try {
      await fn(other.base);
    } finally {
      await other.close();
    }
  };

  beforeAll(async () => {
    t = await freshPostgres();
    client = openQueueClient(REDIS_URL, prefix, captureLogger('silent').logger);
    await client.queues.duties.add('deadline', { type: 'deadline', caseId: 'c1', dueAt: new Date().toISOString() }, { jobId: 'board-job', delay: 3_600_000 });
    server = await serve(createHttpApp({ db: t.db, logger: captureLogger('silent').logger, queues: client.queues, redis: client.redis, adminToken: TOKEN }));
  });
  afterAll(async () => {
    await server.close();
    await client.close();
    await flushPrefix(prefix);
    await t.drop();
  });

  it('asks a browser to log in (401, Basic realm) without credentials or with wrong ones', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { Authorization: 'Bearer wrong-token-0123456789abcdef' },
      { Authorization: basic('admin', 'wrong-token-0123456789abcdef') },
      { Authorization: basic('root', TOKEN) },
      { Authorization: `Basic ${Buffer.from(TOKEN).toString('base64')}` },
      { Authorization: TOKEN },
    ]) {
      const res = await get('/admin/queues', headers);
      expect(res.status, JSON.stringify(headers)).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('Basic realm="xinfang-admin"');
      expect(await res.text()).not.toContain('<html');
    }
    expect((await get('/admin/queues/api/queues')).status).toBe(401);
    expect((await get('/admin/queues/static/favicon-32x32.png')).status).toBe(401);
  });

  it('shows Bull Board to the admin, logged in with Basic (user admin, the token as password) or with the bearer token', async () => {
    for (const auth of [basic('admin', TOKEN), `Bearer ${TOKEN}`]) {
      const res = await get('/admin/queues', { Authorization: auth });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      const html = await res.text();
      expect(html).toContain('<base href="/admin/queues/" />');
      expect(html).toContain('信访包案助手 · 队列');
      // fonts.googleapis.com is unreachable from mainland China: the page must not wait for it.
      expect(html).not.toContain('googleapis');
      expect(html).toMatch(/static\/css\/main\.[0-9a-f]+\.css/);
      const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(html)![1]!;
      const asset = await get(`/admin/queues/${script}`, { Authorization: auth });
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toContain('javascript');
    }
  });

  it('lists the duties and deliveries queues through the board API', async () => {
    const res = await get('/admin/queues/api/queues', { Authorization: `Bearer ${TOKEN}` });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { queues: { name: string; counts: Record<string, number> }[] };
    expect(body.queues.map((q) => q.name).sort()).toEqual(['deliveries', 'duties']);
    expect(body.queues.find((q) => q.name === 'duties')!.counts.delayed).toBe(1);
  });

  it('refuses changes that another site makes the browser send with the remembered login', async () => {
    const put = (headers: Record<string, string>) =>
      fetch(`${server.base}/admin/queues/api/queues/duties/pause`, { method: 'PUT', headers: { Authorization: basic('admin', TOKEN), ...headers } });
    expect((await put({ 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await put({ Origin: 'https://evil.example' })).status).toBe(403);
    expect(await client.queues.duties.isPaused()).toBe(false);
    expect((await put({ 'Sec-Fetch-Site': 'same-origin', Origin: 'https://proxy.example' })).status).toBe(200);
    expect(await client.queues.duties.isPaused()).toBe(true);
    await client.queues.duties.resume();
  });

  it('answers 404 saying to set ADMIN_TOKEN when it is not configured', async () => {
    await withApp({ queues: client.queues }, async (base) => {
      const res = await fetch(`${base}/admin/queues`, { headers: { Authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(404);
      expect(((await res.json()) as { message: string }).message).toContain('ADMIN_TOKEN');
    });
  });

  it('answers 503 saying timed pushes are off when Redis is not configured', async () => {
    await withApp({ adminToken: TOKEN }, async (base) => {
      expect((await fetch(`${base}/admin/queues`)).status).toBe(401);
      const res = await fetch(`${base}/admin/queues`, { headers: { Authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(503);
      expect(((await res.json()) as { message: string }).message).toContain('定时推送未启用');
    });
  });
});
