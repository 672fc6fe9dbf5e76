import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../src/domain/model.js';
import { intakeCase } from '../../src/usecases/intake-case.js';
import { startConsole, type ConsoleHarness } from '../support/console.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { buildTownship, intakeForm, type Township } from '../support/township.js';
import { sheetRows } from '../support/workbook.js';

// R24/R25 at the ledger: the unmasked export is a button for the office only, behind a page that
// says it is audited and that the data leaves the system; a search that finds cases through a
// petitioner's name or phone is a look-up of a person, audited without repeating the term.

describe('the ledger\'s full export and its searches of petitioners (real PostgreSQL)', () => {
  let t: TestDatabase;
  let town: Township;
  let c: ConsoleHarness;
  let office: Awaited<ReturnType<ConsoleHarness['login']>>;
  let mayor: Awaited<ReturnType<ConsoleHarness['login']>>;
  let k: CaseRecord;
  const audits = (action: string) => t.db.prisma.auditLog.findMany({ where: { action }, orderBy: { seq: 'asc' } });
  const afterOf = (entry: { after: unknown }) => JSON.parse(String(entry.after)) as Record<string, unknown>;
  const csrfOf = async (who: typeof office, path = '/console/ledger') => who.csrf(await (await c.get(path, who.cookie)).text());

  beforeAll(async () => {
    t = await freshDatabase('postgres');
    town = await buildTownship(t.db, '2026-11-24T10:00:00+08:00');
    c = await startConsole(t, town);
    const form = { title: '郑俊杰与邻居排水纠纷', petitioners: [{ name: '郑俊杰', phone: '13912345678', idNumber: '110101199003074514' }] };
    k = (await intakeCase(town.deps, town.actor(town.people.office), intakeForm(form))).case;
    await intakeCase(town.deps, town.actor(town.people.office), intakeForm({ title: '村道硬化资金去向不明' }));
    office = await c.login(town.people.office);
    mayor = await c.login(town.people.mayor);
  });
  afterAll(async () => {
    await c?.close();
    await t?.drop();
  });

  it('R24: the office has a clearly labelled button for the unmasked export; a principal leader has none, and its page is refused', async () => {
    const mine = await (await c.get('/console/ledger?status=REGISTERED', office.cookie)).text();
    expect(mine).toContain('href="/console/ledger/full-export?status=REGISTERED"');
    expect(mine).toContain('导出完整信息（含身份证号、电话）');
    const theirs = await (await c.get('/console/ledger', mayor.cookie)).text();
    expect(theirs).not.toContain('full-export');
    expect(theirs).toContain('导出 Excel');
    const refused = await c.get('/console/ledger/full-export', mayor.cookie);
    expect(refused.status).toBe(403);
    const posted = await c.post('/console/ledger/full-export', { _csrf: await csrfOf(mayor), confirm: '1' }, mayor.cookie);
    expect(posted.status).toBe(403);
    expect(await audits('ledger.export_personal_data')).toHaveLength(0);
  });

  it('R24/R25: the button leads to a confirmation that says the export is audited and the personal data leaves the system; unconfirmed, nothing is exported; confirmed, the file is full and the export audited', async () => {
    const confirm = await (await c.get('/console/ledger/full-export?status=REGISTERED', office.cookie)).text();
    expect(confirm).toContain('记入审计日志');
    expect(confirm).toContain('离开本系统');
    expect(confirm).toContain('共 2 件');
    expect(confirm).toContain('<input type="hidden" name="status" value="REGISTERED">');
    // The old link no longer downloads by itself: it shows the confirmation.
    const old = await c.get('/console/ledger.xlsx?full=1&status=REGISTERED', office.cookie);
    expect([old.status, old.headers.get('location')]).toEqual([302, '/console/ledger/full-export?status=REGISTERED']);
    const csrf = office.csrf(confirm);
    const unconfirmed = await c.post('/console/ledger/full-export', { _csrf: csrf, status: 'REGISTERED' }, office.cookie);
    expect(unconfirmed.status).toBe(302);
    expect(decodeURIComponent(unconfirmed.headers.get('location')!)).toContain('请先勾选');
    expect(await audits('ledger.export_personal_data')).toHaveLength(0);

    const rows = await sheetRows(await c.post('/console/ledger/full-export', { _csrf: csrf, status: 'REGISTERED', confirm: '1' }, office.cookie));
    expect(rows.flat().join('|')).toMatch(/郑俊杰[\s\S]*13912345678/);
    const [entry] = await audits('ledger.export_personal_data');
    expect([entry!.actorId, afterOf(entry!)]).toEqual([town.people.office.id, { filter: '状态：登记', count: 2 }]);
  });

  it('R25: a search that finds a case through its petitioner\'s name or phone is audited — who, when, the term masked, the cases it reached; the name and number are nowhere in the log', async () => {
    town.clock.set('2026-11-24T10:30:00+08:00');
    const page = await (await c.get(`/console/ledger?q=${encodeURIComponent('郑俊杰')}`, office.cookie)).text();
    expect(page).toContain(k.number);
    expect(page).toContain('已记入审计日志');
    await c.get('/console/ledger?q=13912345678', office.cookie);
    const searches = await audits('ledger.search_personal_data');
    expect(searches.map((e) => [e.actorId, e.at.toISOString(), afterOf(e)])).toEqual([
      [town.people.office.id, '2026-11-24T02:30:00.000Z', { term: '郑*杰', count: 1, cases: [k.number], output: 'PAGE' }],
      [town.people.office.id, '2026-11-24T02:30:00.000Z', { term: '139****5678', count: 1, cases: [k.number], output: 'PAGE' }],
    ]);
    const log = (await t.db.prisma.auditLog.findMany()).map((e) => `${String(e.before)} ${String(e.after)} ${e.reason ?? ''}`).join('\n');
    expect(log).not.toMatch(/郑俊杰|13912345678/);
  });

  it('R25: a search that reaches no petitioner (a title, a number) is not a look-up of a person; a leader\'s search never reaches petitioners, so neither is theirs', async () => {
    const before = (await audits('ledger.search_personal_data')).length;
    for (const q of ['村道', k.number, '王五']) expect((await c.get(`/console/ledger?q=${encodeURIComponent(q)}`, office.cookie)).status).toBe(200);
    expect(await (await c.get(`/console/ledger?q=${encodeURIComponent('郑俊杰')}`, mayor.cookie)).text()).toContain('共 0 件');
    expect(await audits('ledger.search_personal_data')).toHaveLength(before);
  });

  it('R24/R25: an export of such a search is audited as a search too, and the masked file and the export\'s log entry write the term masked', async () => {
    const rows = await sheetRows(await c.get(`/console/ledger.xlsx?q=${encodeURIComponent('郑俊杰')}`, office.cookie));
    expect(rows[1]![0]).toBe('关键词：郑*杰');
    expect(rows.flat().join('|')).not.toContain('郑俊杰');
    expect(afterOf((await audits('ledger.search_personal_data')).at(-1)!)).toMatchObject({ term: '郑*杰', output: 'EXPORT' });
    expect(afterOf((await audits('ledger.export')).at(-1)!)).toEqual({ filter: '关键词：郑*杰', count: 1 });
  });
});
