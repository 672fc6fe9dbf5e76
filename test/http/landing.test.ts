import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../src/http/app.js';
import { captureLogger } from '../support/capture-logger.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { rawRequest, serve } from '../support/http-server.js';

describe('GET / (the landing page)', () => {
  let t: TestDatabase;
  const servers: { base: string; close(): Promise<void> }[] = [];
  const start = async (deps: Partial<Parameters<typeof createHttpApp>[0]> = {}) => {
    const s = await serve(createHttpApp({ db: t.db, logger: captureLogger('silent').logger, ...deps }));
    servers.push(s);
    return s.base;
  };
  beforeAll(async () => {
    t = await freshDatabase('embedded');
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
    await t?.drop();
  });

  it('is a small Chinese page saying what this is, with the console login; no figures, no JSON, no English keys; the health checks stay JSON', async () => {
    const base = await start({ townName: async () => '青山镇' });
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const page = await res.text();
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toContain('<h1>青山镇信访包案助手</h1>');
    expect(page).toContain('href="/console/login"');
    expect(page).not.toContain('/sandbox');
    expect(page).not.toMatch(/"(summary|database|total)"/);
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    expect((await (await fetch(`${base}/readyz`)).json()) as object).toMatchObject({ status: 'ready', database: 'embedded' });
  });

  it('links the sandbox only when it is on, and only for a request the sandbox answers (this machine, by its own name, not through a proxy)', async () => {
    const local = await start({ sandbox: { loopbackOnly: true } });
    const port = new URL(local).port;
    const page = (headers: Record<string, string>) => rawRequest(local, { path: '/', headers }).then((r) => r.text);
    expect(await page({ host: `localhost:${port}` })).toContain('href="/sandbox"');
    expect(await page({ host: `evil.example:${port}` })).not.toContain('/sandbox');
    expect(await page({ host: `localhost:${port}`, 'x-forwarded-for': '203.0.113.9' })).not.toContain('/sandbox');
    // SANDBOX=true opened it to the network: linked for everyone.
    const open = await start({ sandbox: { loopbackOnly: false } });
    expect(await rawRequest(open, { path: '/', headers: { host: 'xinfang.example' } }).then((r) => r.text)).toContain('href="/sandbox"');
    expect(await (await fetch(`${await start()}/`)).text()).toContain('本镇信访包案助手');
  });
});
