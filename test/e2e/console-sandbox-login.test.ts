import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, sessionCookieOf, type ConsoleHarness } from '../support/console.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { rawRequest } from '../support/http-server.js';
import { buildTownship, type Township } from '../support/township.js';

// The embedded demo's console after its one printed link is used: a person picker on the login
// page, only where the sandbox is on and answers (this machine, by its own name), audited.

describe('the console\'s sandbox person picker (real PostgreSQL)', () => {
  let t: TestDatabase;
  let town: Township;
  let demo: ConsoleHarness;
  let real: ConsoleHarness;
  beforeAll(async () => {
    t = await freshDatabase('postgres');
    town = await buildTownship(t.db, '2026-11-24T10:00:00+08:00');
    demo = await startConsole(t, town, { sandboxLogin: { loopbackOnly: true } });
    real = await startConsole(t, town);
  });
  afterAll(async () => {
    await demo?.close();
    await real?.close();
    await t?.drop();
  });

  /** The login page as this machine's browser gets it: its picker's token and the cookie it set. */
  async function loginPage(c: ConsoleHarness): Promise<{ page: string; pick: string; cookie: string }> {
    const res = await c.get('/console/login');
    const page = await res.text();
    const pick = /name="_pick" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    return { page, pick, cookie };
  }
  const counts = async () => ({ sessions: await t.db.prisma.consoleSession.count(), logins: await t.db.prisma.auditLog.count({ where: { action: 'console.login' } }) });

  it('R25: in sandbox mode the login page lists the demo people who may use the console; one click signs in, audited as a sandbox login', async () => {
    const { page, pick, cookie } = await loginPage(demo);
    expect(page).toContain('演示登录（沙盒）');
    for (const p of [town.people.office, town.people.secretary, town.people.approver]) expect(page).toContain(`value="${p.id}"`);
    // Nobody the console would turn away (a cadre, a village cadre) is offered.
    for (const p of [town.people.cadre, town.people.villageCadre]) expect(page).not.toContain(p.id);
    const before = await counts();
    const res = await demo.post('/console/login/sandbox', { _pick: pick, personId: town.people.office.id, next: '/console/figures' }, cookie);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/console/figures');
    const session = sessionCookieOf(res);
    expect((await demo.get('/console/ledger', session)).status).toBe(200);
    const entry = await t.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'console.login' }, orderBy: { seq: 'desc' } });
    expect([entry.actorId, entry.channel, JSON.parse(String(entry.after))]).toEqual([town.people.office.id, 'CONSOLE', { method: 'SANDBOX' }]);
    expect(await counts()).toEqual({ sessions: before.sessions + 1, logins: before.logins + 1 });
  });

  it('R25: a one-time link sign-in is audited the same way', async () => {
    const before = await counts();
    await demo.login(town.people.mayor);
    expect(await counts()).toEqual({ sessions: before.sessions + 1, logins: before.logins + 1 });
    const entry = await t.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'console.login' }, orderBy: { seq: 'desc' } });
    expect([entry.actorId, JSON.parse(String(entry.after))]).toEqual([town.people.mayor.id, { method: 'LINK' }]);
  });

  it('refused and offered nowhere else: not on a real deployment, not from a foreign Host or through a proxy, not without the page\'s token, not from another site, not as someone the console turns away — and nothing changes', async () => {
    const before = await counts();
    const { pick, cookie } = await loginPage(demo);
    const port = new URL(demo.base).port;
    const form = (personId: string, token = pick) => new URLSearchParams({ _pick: token, personId }).toString();
    const post = (headers: Record<string, string>, body = form(town.people.office.id)) =>
      rawRequest(demo.base, { method: 'POST', path: '/console/login/sandbox', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, host: `localhost:${port}`, ...headers }, body });

    // A real deployment (no sandbox on the demo database): no picker, and the route is not there.
    expect((await loginPage(real)).page).not.toContain('演示登录');
    expect((await real.post('/console/login/sandbox', { personId: town.people.office.id })).status).toBe(404);
    // DNS rebinding: this machine reached by another name; a proxy passing a request on.
    expect((await rawRequest(demo.base, { path: '/console/login', headers: { host: `evil.example:${port}` } })).text).not.toContain('演示登录');
    const foreign = await post({ host: `evil.example:${port}` });
    expect([foreign.status, foreign.text]).toEqual([403, expect.stringContaining('只对运行本程序的电脑开放')]);
    expect((await post({ 'x-forwarded-for': '203.0.113.9' })).status).toBe(403);
    // Login CSRF: another site's page, or a form without the token this page set.
    expect((await post({ origin: 'http://evil.example' })).status).toBe(403);
    expect((await post({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    const stale = await post({}, form(town.people.office.id, 'not-the-token'));
    expect([stale.status, stale.text]).toEqual([403, expect.stringContaining('请刷新登录页面后重试')]);
    const cadre = await post({}, form(town.people.cadre.id));
    expect([cadre.status, cadre.text]).toEqual([403, expect.stringContaining('请选择可以使用工作台的演示人员')]);
    for (const r of [foreign, stale, cadre]) expect(String(r.headers['set-cookie'] ?? '')).not.toContain('xf_console=');
    expect(await counts()).toEqual(before);
  });
});
