import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type ConsoleHarness } from '../support/console.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { collectiveCase } from '../support/flows.js';
import { resolvedCase } from '../support/resolved-case.js';
import { buildTownship, type Township } from '../support/township.js';
import { sheetRows } from '../support/workbook.js';

describe('the office console pages (real PostgreSQL)', () => {
  let t: TestDatabase;
  let town: Township;
  let c: ConsoleHarness;
  let cookie: string;
  beforeAll(async () => {
    t = await freshDatabase('postgres');
    town = await buildTownship(t.db, '2026-11-24T10:00:00+08:00');
    c = await startConsole(t, town);
    await collectiveCase(town, { villageId: town.villages.a });
    const late = await resolvedCase(t, town, { resolvedAt: '2026-11-10T10:00:00+08:00', dueOn: '2026-11-05', title: '逾期办结的案件' });
    // R11: resolving after the deadline keeps the mark (as the resolve use case records it).
    await t.db.prisma.case.update({ where: { id: late.id }, data: { overdueOn: new Date('2026-11-06T00:00:00Z') } });
    ({ cookie } = await c.login(town.people.office));
  });
  afterAll(async () => {
    await c?.close();
    await t?.drop();
  });

  it('R11/R12/R15: the figures page draws the year by status, source, month and village, the overdue trend, and the duty grid', async () => {
    const res = await c.get('/console/figures?year=2026', cookie);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page.match(/<svg/g)?.length).toBe(6);
    for (const title of ['2026年案件状态', '2026年案件来源', '2026年每月收件', '逾期案件走势', '2026年各村（社区）案件', '定期工作落实情况']) expect(page).toContain(title);
    expect(page).toContain('逾期办结 1');
    expect(page).toContain('青山村');
    // A year that is not a number, or in the future, shows this year.
    expect(await (await c.get('/console/figures?year=abc', cookie)).text()).toContain('2026年案件状态');
    expect(await (await c.get('/console/figures?year=2099', cookie)).text()).toContain('2026年案件状态');
  });

  it('R11/R24: the ledger lists every case with petitioners masked, filters by overdue, text and status, and links each case', async () => {
    const all = await (await c.get('/console/ledger', cookie)).text();
    expect(all).toContain('共 2 件');
    expect(all).toContain('张*明');
    expect(all).not.toContain('13812345678');
    expect(all).toContain('逾期 5 天办结');
    const late = await (await c.get('/console/ledger?overdue=resolved-late', cookie)).text();
    expect(late).toContain('共 1 件');
    expect(late).toContain('逾期办结的案件');
    expect(late).not.toContain('征地补偿款分配不公');
    expect(await (await c.get(`/console/ledger?q=${encodeURIComponent('征地')}&status=AWAITING_OWNER`, cookie)).text()).toContain('共 1 件');
    // Malformed filters are ignored, not errors.
    expect((await c.get('/console/ledger?status=NOPE&villageId=x&from=2026-13-45&page=-3', cookie)).status).toBe(200);
  });

  it('R24/R25: the ledger exports to Excel masked and audited; full personal data only for the office, audited as such', async () => {
    const rows = await sheetRows(await c.get('/console/ledger.xlsx?overdue=resolved-late', cookie));
    expect(rows[0]![0]).toContain('信访事项台账');
    expect(rows.some((r) => r.includes('逾期办结的案件'))).toBe(true);
    const caseRow = rows.find((r) => r.includes('逾期办结的案件'))!;
    expect(caseRow.join('|')).toContain('张*明');
    expect(rows.at(-1)!.join('')).toContain('制表日期');
    expect(await t.db.prisma.auditLog.count({ where: { action: 'ledger.export' } })).toBe(1);

    // The unmasked export is a confirmed form of its own page (test/e2e/console-ledger-access.test.ts).
    const confirm = await (await c.get('/console/ledger/full-export', cookie)).text();
    const full = await sheetRows(await c.post('/console/ledger/full-export', { _csrf: /name="_csrf" value="([^"]+)"/.exec(confirm)![1]!, confirm: '1' }, cookie));
    expect(full.flat().join('|')).toContain('13812345678');
    expect(await t.db.prisma.auditLog.count({ where: { action: 'ledger.export_personal_data' } })).toBe(1);

    const leader = await c.login(town.people.mayor);
    const refused = await c.get('/console/ledger/full-export', leader.cookie);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('仅信访办可以导出');
  });

  it('R12/R15/R23: the quarterly report and the year-end assessment sheet download as workbooks; a quarter not begun is refused in Chinese', async () => {
    expect(await (await c.get('/console/exports', cookie)).text()).toContain('2026年第四季度');
    const quarterly = await c.get('/console/exports/quarterly.xlsx?quarter=2026Q4', cookie);
    const q = await sheetRows(quarterly);
    expect(q[0]![0]).toContain('季度');
    const bad = await c.get('/console/exports/quarterly.xlsx?quarter=2027Q1', cookie);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('请选择已开始的季度');
    const sheet = await sheetRows(await c.get('/console/exports/assessment.xlsx?year=2026', cookie));
    expect(sheet[0]![0]).toContain('2026');
  });
});
