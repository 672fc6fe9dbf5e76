import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbLoginLinks } from '../../src/db/console-login-links.js';
import { dbConsoleSessions } from '../../src/db/console-sessions.js';
import { consoleRouter } from '../../src/http/console/router.js';
import { captureLogger } from '../support/capture-logger.js';
import { startConsole, type ConsoleHarness } from '../support/console.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { buildTownship, type Township } from '../support/township.js';

// Every console route, found by walking the router itself: a route added later is covered too.

const PUBLIC = new Set(['/console/login', '/console/login/link', '/console/login/lark', '/console/login/lark/callback', '/console/login/dingtalk', '/console/login/dingtalk/callback', '/console/login/sandbox', '/console/assets/console.css']);

describe('authorization and CSRF on every console route (real PostgreSQL)', () => {
  let t: TestDatabase;
  let town: Township;
  let c: ConsoleHarness;
  let routes: { method: string; path: string }[];
  beforeAll(async () => {
    t = await freshDatabase('postgres');
    town = await buildTownship(t.db, '2026-11-24T10:00:00+08:00');
    c = await startConsole(t, town);
    const router = consoleRouter({
      prisma: t.db.prisma, deps: town.deps, logger: captureLogger('silent').logger, links: dbLoginLinks(t.db.prisma),
      sessions: dbConsoleSessions(t.db.prisma), publicDir: join(process.cwd(), 'public', 'console'),
    });
    routes = router.stack
      .flatMap((layer) => layer.methods.filter((m) => m !== 'HEAD').map((method) => ({ method, path: String(layer.path) })))
      .filter((r) => r.path.startsWith('/console') && !PUBLIC.has(r.path))
      .map((r) => ({ ...r, path: r.path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000') }));
  });
  afterAll(async () => {
    await c?.close();
    await t?.drop();
  });

  it('there are routes to check (the walk found the pages)', () => {
    expect(routes.map((r) => r.path)).toEqual(expect.arrayContaining(['/console/ledger', '/console/figures', '/console/exports']));
  });

  it('without a session no route answers: pages send to the login, forms are refused', async () => {
    for (const r of routes) {
      const res = r.method === 'GET' ? await c.get(r.path) : await c.post(r.path, {});
      expect([302, 401], `${r.method} ${r.path}`).toContain(res.status);
      if (res.status === 302) expect(res.headers.get('location'), r.path).toMatch(/^\/console\/login/);
    }
  });

  it('a cadre (no console role) is refused everywhere', async () => {
    const { cookie } = await c.login(town.people.cadre);
    for (const r of routes) {
      const res = r.method === 'GET' ? await c.get(r.path, cookie) : await c.post(r.path, {}, cookie);
      expect(res.status, `${r.method} ${r.path}`).toBe(403);
    }
  });

  it('every form (POST) without the session\'s CSRF token is refused, even for the office', async () => {
    const { cookie } = await c.login(town.people.office);
    const posts = routes.filter((r) => r.method === 'POST');
    expect(posts.length).toBeGreaterThan(0);
    for (const r of posts) {
      const res = await c.post(r.path, { _csrf: 'not-the-token' }, cookie);
      expect(res.status, r.path).toBe(403);
    }
  });
});
