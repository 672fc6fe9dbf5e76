import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbLoginLinks } from '../../src/db/console-login-links.js';
import { startConsole, type ConsoleHarness } from '../support/console.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { collectiveCase } from '../support/flows.js';
import { buildTownship, type Township } from '../support/township.js';

describe('the office console: login, sessions, roles, CSRF, R24 on the case page (real PostgreSQL)', () => {
  let t: TestDatabase;
  let town: Township;
  let c: ConsoleHarness;
  let caseId: string;
  beforeAll(async () => {
    t = await freshDatabase('postgres');
    town = await buildTownship(t.db, '2026-11-24T10:00:00+08:00');
    c = await startConsole(t, town);
    caseId = (await collectiveCase(town)).id;
  });
  afterAll(async () => {
    await c?.close();
    await t?.drop();
  });

  it('sends a visitor without a session to the login page, keeping where they wanted to go', async () => {
    const res = await c.get(`/console/cases/${caseId}`);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/console/login?next=${encodeURIComponent(`/console/cases/${caseId}`)}`);
    expect(await (await c.get('/console/login')).text()).toContain('一次性登录链接');
    // A forged or altered cookie is no session.
    expect((await c.get(`/console/cases/${caseId}`, 'xf_console=eyJwZXJzb25JZCI6IngifQ.forged')).status).toBe(302);
  });

  it('a one-time link logs in once, within 15 minutes, and never redirects off the site', async () => {
    const links = dbLoginLinks(t.db.prisma);
    const token = await links.issue(town.people.office.id, town.clock.now());
    const first = await c.get(`/console/login/link?token=${token}&next=${encodeURIComponent('//evil.example/')}`);
    expect(first.status).toBe(302);
    expect(first.headers.get('location')).toBe('/console/ledger');
    expect(first.headers.get('set-cookie')).toMatch(/xf_console=.+; path=\/console;.*httponly/i);
    expect((await c.get(`/console/login/link?token=${token}`)).status).toBe(403);
    const late = await links.issue(town.people.office.id, new Date(town.clock.now().getTime() - 16 * 60_000));
    const res = await c.get(`/console/login/link?token=${late}`);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('已使用或已过期');
  });

  it('R24: the office sees petitioners masked until it asks; asking shows them and is audited', async () => {
    const { cookie } = await c.login(town.people.office);
    const masked = await (await c.get(`/console/cases/${caseId}`, cookie)).text();
    expect(masked).toContain('张*明');
    expect(masked).not.toContain('13812345678');
    expect(masked).toContain('显示完整信息');
    const before = await t.db.prisma.auditLog.count({ where: { action: 'case.view_personal_data', caseId } });
    const full = await (await c.get(`/console/cases/${caseId}?full=1`, cookie)).text();
    expect(full).toContain('13812345678');
    expect(full).toContain('本次查看已记入审计日志');
    expect(await t.db.prisma.auditLog.count({ where: { action: 'case.view_personal_data', caseId } })).toBe(before + 1);
    // R25: the audit trail is on the page, in Chinese.
    expect(full).toContain('登记');
    expect(full).toContain('查看信访人完整信息');
  });

  it('R24: a principal leader not assigned to the case sees it masked and cannot ask for more', async () => {
    const { cookie } = await c.login(town.people.mayor);
    const page = await (await c.get(`/console/cases/${caseId}`, cookie)).text();
    expect(page).toContain('张*明');
    expect(page).not.toContain('显示完整信息');
    const refused = await c.get(`/console/cases/${caseId}?full=1`, cookie);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('仅信访办和承办人员可查看');
  });

  it('a cadre has no console: told politely to use the bot', async () => {
    const { cookie } = await c.login(town.people.cadre);
    const res = await c.get(`/console/cases/${caseId}`, cookie);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('请在飞书中使用机器人');
  });

  it('a form over 256 KB is answered 413 with a Chinese reason and changes nothing', async () => {
    const { cookie, csrf } = await c.login(town.people.office);
    const token = csrf(await (await c.get('/console/admin/people', cookie)).text());
    const before = await t.db.prisma.person.count();
    const res = await c.post('/console/admin/people', { _csrf: token, name: '新同志', roles: 'OFFICE_STAFF', jobTitle: '长'.repeat(100_000) }, cookie, { origin: c.base });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('请求内容过大：超过 256 KB 的上限');
    expect(await t.db.prisma.person.count()).toBe(before);
  });

  it('every form needs the session\'s CSRF token and this site as its origin', async () => {
    const { cookie, csrf } = await c.login(town.people.office);
    const token = csrf(await (await c.get(`/console/cases/${caseId}`, cookie)).text());
    expect((await c.post('/console/logout', {}, cookie)).status).toBe(403);
    expect((await c.post('/console/logout', { _csrf: 'x'.repeat(43) }, cookie)).status).toBe(403);
    expect((await c.post('/console/logout', { _csrf: token }, cookie, { origin: 'https://evil.example' })).status).toBe(403);
    const out = await c.post('/console/logout', { _csrf: token }, cookie, { origin: c.base });
    expect(out.status).toBe(302);
    expect(out.headers.get('set-cookie')).toMatch(/xf_console=;/);
  });
});
