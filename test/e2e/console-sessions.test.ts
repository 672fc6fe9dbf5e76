import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbLoginLinks } from '../../src/db/console-login-links.js';
import { SESSION_HOURS, SESSION_IDLE_MINUTES } from '../../src/http/console/session.js';
import { setPersonActive } from '../../src/usecases/admin/set-person-active.js';
import { updatePerson } from '../../src/usecases/admin/update-person.js';
import { startConsole, type ConsoleHarness } from '../support/console.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { rawRequest } from '../support/http-server.js';
import { buildTownship, type Township } from '../support/township.js';

// Issue #14: console sessions live on the server, so that logging out, a change of roles and a
// deactivation end them at once, and they end by themselves when idle or old.

const START = '2026-11-24T10:00:00+08:00';

describe('console sessions kept on the server (real PostgreSQL)', () => {
  let t: TestDatabase;
  let town: Township;
  let c: ConsoleHarness;
  beforeAll(async () => {
    t = await freshDatabase('postgres');
    town = await buildTownship(t.db, START);
    c = await startConsole(t, town);
  });
  afterAll(async () => {
    await c?.close();
    await t?.drop();
  });

  const valueOf = (cookie: string) => cookie.slice(cookie.indexOf('=') + 1);
  /** Whether the cookie still opens the console. */
  const works = async (cookie: string) => (await c.get('/console/ledger', cookie)).status === 200;
  const sessionsOf = (personId: string) => t.db.prisma.consoleSession.count({ where: { personId } });
  const asOffice = async () => {
    const office = await c.login(town.people.office);
    return { ...office, token: office.csrf(await (await c.get('/console/admin/people', office.cookie)).text()) };
  };

  it('the cookie carries only a random token; the database keeps its hash, never the token', async () => {
    const { cookie } = await c.login(town.people.office);
    const token = valueOf(cookie);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await t.db.prisma.consoleSession.findMany({ where: { personId: town.people.office.id } });
    expect(rows.map((r) => r.id)).toContain(createHash('sha256').update(token).digest('base64url'));
    expect(rows.map((r) => r.id)).not.toContain(token);
    // A token of the right shape that was never issued is no session.
    expect(await works(`xf_console=${'A'.repeat(43)}`)).toBe(false);
  });

  it('after logout the old cookie is refused at once, for pages and forms alike', async () => {
    const { cookie, csrf } = await c.login(town.people.office);
    const token = csrf(await (await c.get('/console/ledger', cookie)).text());
    const before = await sessionsOf(town.people.office.id);
    const out = await c.post('/console/logout', { _csrf: token }, cookie, { origin: c.base });
    expect(out.status).toBe(302);
    expect(await sessionsOf(town.people.office.id)).toBe(before - 1);
    // Someone who kept the cookie (a copy, another tab) is sent to the login page.
    const page = await c.get('/console/ledger', cookie);
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toMatch(/^\/console\/login\?next=/);
    const form = await c.post('/console/logout', { _csrf: token }, cookie, { origin: c.base });
    expect(form.status).toBe(401);
    expect(await form.text()).toContain('登录已失效');
  });

  it('a role change ends every session of that person at once (and only theirs), in the same change', async () => {
    const office = await asOffice();
    const mayor = await c.login(town.people.mayor);
    const mayorElsewhere = await c.login(town.people.mayor);
    expect(await works(mayor.cookie)).toBe(true);
    // Saving without a change of roles leaves the sessions be.
    const same = await c.post(`/console/admin/people/${town.people.mayor.id}`, { _csrf: office.token, name: '钱镇长', roles: 'PRINCIPAL_LEADER', mobile: '13800000004' }, office.cookie);
    expect(same.status).toBe(302);
    expect(await works(mayor.cookie)).toBe(true);

    // The form sends one roles field per ticked box, as the browser does.
    const form = new URLSearchParams({ _csrf: office.token, name: '钱镇长', mobile: '13800000004' });
    form.append('roles', 'PRINCIPAL_LEADER');
    form.append('roles', 'APPROVER');
    const res = await fetch(`${c.base}/console/admin/people/${town.people.mayor.id}`, { method: 'POST', redirect: 'manual', body: form, headers: { cookie: office.cookie } });
    expect(res.status).toBe(302);
    expect(decodeURIComponent(res.headers.get('location')!)).toContain('已保存钱镇长的信息');
    expect((await t.db.prisma.person.findUniqueOrThrow({ where: { id: town.people.mayor.id } })).roles).toEqual(['PRINCIPAL_LEADER', 'APPROVER']);
    expect(await works(mayor.cookie)).toBe(false);
    expect(await works(mayorElsewhere.cookie)).toBe(false);
    expect(await sessionsOf(town.people.mayor.id)).toBe(0);
    expect(await works(office.cookie)).toBe(true);
    // Logging in again gives the new roles' session.
    expect(await works((await c.login(town.people.mayor)).cookie)).toBe(true);
  });

  it('deactivating a person ends their sessions at once; activating them again does not bring a session back', async () => {
    const office = await asOffice();
    const approver = await c.login(town.people.approver);
    expect(await works(approver.cookie)).toBe(true);
    const off = await c.post(`/console/admin/people/${town.people.approver.id}/active`, { _csrf: office.token, active: '0' }, office.cookie);
    expect(decodeURIComponent(off.headers.get('location')!)).toContain('已停用');
    expect(await works(approver.cookie)).toBe(false);
    expect(await sessionsOf(town.people.approver.id)).toBe(0);
    await c.post(`/console/admin/people/${town.people.approver.id}/active`, { _csrf: office.token, active: '1' }, office.cookie);
    expect(await works(approver.cookie)).toBe(false);
  });

  it('the use cases end the sessions in their own transaction: a refused change ends none', async () => {
    const deputy2 = town.people.deputy2;
    await c.login(deputy2);
    const actor = town.actor(town.people.office);
    // Refused (a mobile already someone else's): nothing changes, the sessions stay.
    await expect(updatePerson(town.deps, actor, { personId: deputy2.id, roles: ['CADRE'], mobile: '13800000001' })).rejects.toThrow(/已登记给/);
    expect(await sessionsOf(deputy2.id)).toBe(1);
    await setPersonActive(town.deps, actor, { personId: deputy2.id, active: false });
    expect(await sessionsOf(deputy2.id)).toBe(0);
    await setPersonActive(town.deps, actor, { personId: deputy2.id, active: true });
  });

  it(`a session ends after ${SESSION_IDLE_MINUTES} minutes unused, and ${SESSION_HOURS} hours after login however busy`, async () => {
    try {
      const idle = await c.login(town.people.office);
      town.clock.set(new Date(town.clock.now().getTime() + (SESSION_IDLE_MINUTES - 1) * 60_000));
      expect(await works(idle.cookie)).toBe(true); // used: the idle time starts again
      town.clock.set(new Date(town.clock.now().getTime() + (SESSION_IDLE_MINUTES - 1) * 60_000));
      expect(await works(idle.cookie)).toBe(true);
      town.clock.set(new Date(town.clock.now().getTime() + (SESSION_IDLE_MINUTES + 1) * 60_000));
      expect(await works(idle.cookie)).toBe(false);

      town.clock.set(START);
      const busy = await c.login(town.people.office);
      for (let hour = 1; hour < SESSION_HOURS; hour += 1) {
        town.clock.set(new Date(new Date(START).getTime() + hour * 3_600_000));
        expect(await works(busy.cookie), `hour ${hour}`).toBe(true);
      }
      town.clock.set(new Date(new Date(START).getTime() + SESSION_HOURS * 3_600_000));
      expect(await works(busy.cookie)).toBe(false);
    } finally {
      town.clock.set(START);
    }
  });

  const linkFor = (personId: string) => dbLoginLinks(t.db.prisma).issue(personId, town.clock.now());

  it('the cookie is HttpOnly and SameSite=Lax, and not Secure over plain http', async () => {
    const res = await c.get(`/console/login/link?token=${await linkFor(town.people.office.id)}`);
    const set = res.headers.get('set-cookie')!;
    expect(set).toMatch(/xf_console=[A-Za-z0-9_-]{43}; path=\/console; expires=[^;]+; samesite=lax; httponly/i);
    expect(set).not.toMatch(/secure/i);
  });

  it('cookies are Secure when PUBLIC_URL is https, even where TLS ends at a proxy in front', async () => {
    const https = await startConsole(t, town, { publicUrl: 'https://xinfang.example.gov.cn' });
    try {
      const login = await https.get(`/console/login/link?token=${await linkFor(town.people.office.id)}`);
      expect(login.status).toBe(302);
      expect(login.headers.get('set-cookie')).toMatch(/xf_console=[^;]+;.*; secure; httponly/i);
    } finally {
      await https.close();
    }
  });

  it('behind a trusted proxy (TRUST_PROXY=true) X-Forwarded-Proto: https makes the cookie Secure; an untrusted one is not believed', async () => {
    const proto = { 'x-forwarded-proto': 'https' };
    const trusted = await startConsole(t, town, {}, { trustProxy: true });
    try {
      const res = await rawRequest(trusted.base, { path: `/console/login/link?token=${await linkFor(town.people.office.id)}`, headers: proto });
      expect(res.status).toBe(302);
      expect(res.headers['set-cookie']?.join()).toMatch(/xf_console=[^;]+;.*; secure; httponly/i);
      const plain = await rawRequest(trusted.base, { path: `/console/login/link?token=${await linkFor(town.people.office.id)}` });
      expect(plain.headers['set-cookie']?.join()).not.toMatch(/secure/i);
    } finally {
      await trusted.close();
    }
    // c does not trust proxies: anyone can send the header.
    const untrusted = await rawRequest(c.base, { path: `/console/login/link?token=${await linkFor(town.people.office.id)}`, headers: proto });
    expect(untrusted.status).toBe(302);
    expect(untrusted.headers['set-cookie']?.join()).not.toMatch(/secure/i);
  });
});
