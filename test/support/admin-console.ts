import { expect } from 'vitest';
import type { Person } from '../../src/domain/model.js';
import type { ConsoleHarness } from './console.js';
import type { TestDatabase } from './database.js';

/** Everything an administration form may change, to show that a refused submit changed nothing. */
export async function adminSnapshot(t: TestDatabase) {
  const p = t.db.prisma;
  return {
    people: await p.person.findMany({ orderBy: { id: 'asc' } }),
    units: await p.unit.findMany({ orderBy: { id: 'asc' } }),
    areas: await p.area.findMany({ orderBy: { id: 'asc' } }),
    villages: await p.village.findMany({ orderBy: { id: 'asc' } }),
    identities: await p.platformIdentity.findMany({ orderBy: { id: 'asc' } }),
    villageLinks: await p.personVillage.findMany({ orderBy: [{ personId: 'asc' }, { villageId: 'asc' }, { relation: 'asc' }] }),
    overrides: await p.calendarOverride.findMany({ orderBy: { date: 'asc' }, select: { date: true, isWorkingDay: true, note: true } }),
    keywords: await p.keywordRule.findMany({ orderBy: { id: 'asc' } }),
    settings: await p.setting.findMany({ orderBy: { key: 'asc' }, select: { key: true, value: true } }),
    rules: (await p.assessmentRule.findMany({ orderBy: { code: 'asc' } })).map((r) => ({ ...r, points: Number(r.points) })),
    audit: await p.auditLog.count(),
  };
}

export interface AdminSession {
  cookie: string;
  csrf: string;
}

/** Logs `person` in on the console: the session cookie and the CSRF token of its forms. */
export async function adminSession(c: ConsoleHarness, person: Person): Promise<AdminSession> {
  const login = await c.login(person);
  return { cookie: login.cookie, csrf: login.csrf(await (await c.get('/console/admin', login.cookie)).text()) };
}

/** The deadline-policy form of 时限与提醒 as the page fills it with the defaults. */
export const POLICY_FORM = {
  counting: 'CIVIL_CODE', generalWorkingDays: '15', complexMonths: '2', registerDays: '15', acceptanceDays: '15', objectionWorkingDays: '5',
  handlingDays: '60', maxExtensionDays: '30', reviewRequestDays: '30', reviewAnswerDays: '30', followUpWindowDays: '30',
};

/** The error flash of a console page, as the browser shows it. */
export function errorFlash(page: string): string | null {
  const m = /<p class="flash error" role="alert">([^<]*)<\/p>/.exec(page);
  return m ? m[1]!.replace(/&quot;|&#34;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&') : null;
}

/**
 * Submitting the administration forms on the console `c` as `session`; read at each submit
 * (the harness is started in beforeAll, and a test may log in again).
 */
export function adminForms(current: () => { c: ConsoleHarness; t: TestDatabase; session: AdminSession }) {
  /** A submit: the redirect back, and the page it lands on. */
  const submit = async (path: string, fields: Record<string, string>) => {
    const { c, session: { cookie, csrf } } = current();
    const res = await c.post(path, { ...fields, _csrf: csrf }, cookie);
    expect(res.status, path).toBe(302);
    const location = res.headers.get('location')!;
    return { location, page: await (await c.get(location, cookie)).text() };
  };

  /** A refused or invalid submit: back to the page with the Chinese reason, and nothing changed; the reason shown. */
  const refused = async (path: string, fields: Record<string, string>, reason: string): Promise<string> => {
    const { t } = current();
    const before = await adminSnapshot(t);
    const { location, page } = await submit(path, fields);
    expect(location, path).toContain('error=');
    const flash = errorFlash(page);
    expect(flash, path).not.toBeNull();
    expect(flash, path).toContain(reason);
    expect(await adminSnapshot(t), path).toEqual(before);
    return flash!;
  };

  return { submit, refused };
}
