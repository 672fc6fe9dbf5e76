import { SYSTEM_SCOPE } from '../../src/domain/privacy/case-scope.js';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quarterlyReport, type QuarterlyReport } from '../../src/db/queries/quarterly-report.js';
import type { CaseSource, CaseStatus, Rating } from '../../src/domain/model.js';
import { quarterlyReportXlsx } from '../../src/export/quarterly-report-xlsx.js';
import { toDbDate } from '../../src/lib/local-date.js';
import { declareScreeningPeriod } from '../../src/usecases/duties/declare-screening-period.js';
import { logVisit } from '../../src/usecases/duties/log-visit.js';
import { openQuarterlyStatementDuties } from '../../src/usecases/duties/open-quarterly-statement-duties.js';
import { recordMeeting } from '../../src/usecases/duties/record-meeting.js';
import { submitStatement } from '../../src/usecases/duties/submit-statement.js';
import { submitUnitReport } from '../../src/usecases/duties/submit-unit-report.js';
import { intakeCase } from '../../src/usecases/intake-case.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { buildTownship, intakeForm, type Township } from '../support/township.js';

const TODAY = '2027-01-05';
const OPTS = { townName: '青山镇', madeOn: TODAY, madeBy: '王丽华' };

interface Spec {
  key: string;
  source: CaseSource;
  received: string;
  status: CaseStatus;
  dueOn: string | null;
  village?: 'a' | 'b';
  owner?: 'deputy' | 'deputy2';
  unit?: 'justice' | 'police';
  resolved?: string;
  overdueOn?: string;
}

// 2026Q4 is 2026-10-01 … 2026-12-31 in Beijing time; the report is made on 2027-01-05.
const SPECS: Spec[] = [
  // 00:30 on 1 Oct in Beijing is 30 Sep in UTC: received in Q4. Open and overdue at the end.
  { key: 'Q1', source: 'VISIT', received: '2026-10-01T00:30:00+08:00', status: 'IN_PROGRESS', dueOn: '2026-11-15', village: 'a', owner: 'deputy', unit: 'justice' },
  { key: 'Q2', source: 'LETTER', received: '2026-10-10T10:00:00+08:00', status: 'RESOLVED', dueOn: '2026-11-30', village: 'b', owner: 'deputy', unit: 'justice', resolved: '2026-11-20T10:00:00+08:00' },
  { key: 'Q3', source: 'VISIT', received: '2026-10-20T10:00:00+08:00', status: 'FOLLOWED_UP', dueOn: '2026-12-01', village: 'a', owner: 'deputy2', unit: 'police', resolved: '2026-12-05T10:00:00+08:00', overdueOn: '2026-12-02' },
  { key: 'Q4', source: 'PHONE', received: '2026-12-31T23:30:00+08:00', status: 'REGISTERED', dueOn: null },
  // Received in Q3 (23:30 on 30 Sep in Beijing), open and overdue at the end of Q4.
  { key: 'P1', source: 'VISIT', received: '2026-09-30T23:30:00+08:00', status: 'IN_PROGRESS', dueOn: '2026-12-20', village: 'a', owner: 'deputy2', unit: 'police' },
  // Resolved after the quarter, late: still open and overdue at its end.
  { key: 'P2', source: 'LETTER', received: '2026-07-01T10:00:00+08:00', status: 'RESOLVED', dueOn: '2026-12-10', village: 'b', owner: 'deputy', unit: 'justice', resolved: '2027-01-03T10:00:00+08:00', overdueOn: '2026-12-11' },
  // Resolved late in Q3 (23:00 on 30 Sep): not this quarter's.
  { key: 'P3', source: 'ONLINE', received: '2026-06-01T10:00:00+08:00', status: 'ARCHIVED', dueOn: '2026-09-01', village: 'b', owner: 'deputy', resolved: '2026-09-30T23:00:00+08:00', overdueOn: '2026-09-02' },
  // Resolved at 00:30 on 1 Oct in Beijing: resolved in Q4, in time.
  { key: 'P4', source: 'ONLINE', received: '2026-05-01T10:00:00+08:00', status: 'FOLLOWED_UP', dueOn: '2026-10-15', village: 'a', resolved: '2026-10-01T00:30:00+08:00' },
  { key: 'R', source: 'VISIT', received: '2027-01-02T10:00:00+08:00', status: 'REGISTERED', dueOn: '2027-01-20', village: 'a' },
];

async function seedCases(t: TestDatabase, town: Township) {
  const out: Record<string, { id: string; number: string }> = {};
  for (const s of SPECS) {
    const { case: c } = await intakeCase(town.deps, town.actor(town.people.office), intakeForm({ title: `案件${s.key}`, source: s.source, receivedAt: s.received }));
    await t.db.prisma.case.update({
      where: { id: c.id },
      data: {
        status: s.status,
        dueOn: s.dueOn ? toDbDate(s.dueOn) : null,
        villageId: s.village ? town.villages[s.village] : null,
        ownerLeaderId: s.owner ? town.people[s.owner].id : null,
        unitId: s.unit ? town.units[s.unit] : null,
        resolvedAt: s.resolved ? new Date(s.resolved) : null,
        overdueOn: s.overdueOn ? toDbDate(s.overdueOn) : null,
      },
    });
    out[s.key] = { id: c.id, number: c.number };
  }
  return out;
}

async function seedFollowUps(t: TestDatabase, cases: Record<string, { id: string }>) {
  const rows: [string, string, Rating, Rating][] = [
    ['Q2', '2026-11-25T10:00:00+08:00', 'SATISFIED', 'BASICALLY_SATISFIED'],
    ['Q3', '2026-12-10T10:00:00+08:00', 'UNSATISFIED', 'UNSATISFIED'],
    ['P4', '2026-12-31T23:30:00+08:00', 'NOT_RATED', 'NOT_RATED'],
    // Outside the quarter in Beijing time (the second is still 31 Dec in UTC).
    ['P3', '2026-09-30T20:00:00+08:00', 'SATISFIED', 'SATISFIED'],
    ['P2', '2027-01-01T00:10:00+08:00', 'SATISFIED', 'SATISFIED'],
  ];
  for (const [key, at, officeRating, unitRating] of rows) {
    await t.db.prisma.followUp.create({ data: { caseId: cases[key]!.id, officeRating, unitRating, recordedAt: new Date(at) } });
  }
}

async function seedDuties(town: Township, q1CaseId: string) {
  const { deps, clock, people, units, villages } = town;
  const office = town.actor(people.office);
  const at = (d: string) => clock.set(`${d}T18:00:00+08:00`);
  const meeting = (date: string) =>
    recordMeeting(deps, office, { date, topic: '研究重大疑难信访案件', decisions: '明确包案领导和办结时限', attendees: ['赵书记', '钱镇长'] });
  // R12: one meeting in Q3 (not counted), two in Q4.
  at('2026-09-25');
  await meeting('2026-09-20');
  at('2026-11-10');
  await meeting('2026-11-10');
  at('2026-12-15');
  await meeting('2026-12-15');
  // R15: 孙副镇长 is linked to 青山村; 陈片长 leads the area (青山村 and 河口村).
  at('2026-10-21');
  await logVisit(deps, town.actor(people.deputy), { villageId: villages.a, date: '2026-10-08' });
  await logVisit(deps, town.actor(people.deputy), { villageId: villages.a, date: '2026-10-20' });
  at('2026-11-13');
  await logVisit(deps, town.actor(people.areaLeader), { villageId: villages.b, date: '2026-11-12' });
  // Not one of 孙副镇长's villages: no visit for R15.
  await logVisit(deps, town.actor(people.deputy), { villageId: villages.b, date: '2026-11-05' });
  at('2026-12-04');
  await logVisit(deps, town.actor(people.deputy), { villageId: villages.a, date: '2026-12-03' });
  // R17: a period across the new year, and one that does not touch Q4.
  at('2026-12-18');
  const { period } = await declareScreeningPeriod(deps, office, {
    name: '元旦期间集中排查', kind: 'SENSITIVE', startsOn: '2026-12-20', endsOn: '2027-01-03', reportDueOn: '2027-01-04',
    unitIds: [units.justice, units.police, units.villageA],
  });
  await declareScreeningPeriod(deps, office, {
    name: '春节前排查', kind: 'REGULAR', startsOn: '2027-01-10', endsOn: '2027-01-20', reportDueOn: '2027-01-22', unitIds: [units.justice],
  });
  // R13: the duties opened on 20 Dec (Q1 and P2 overdue then); 孙副镇长 explains Q1 on 28 Dec.
  at('2026-12-20');
  const { opened } = await openQuarterlyStatementDuties(deps, '2026Q4');
  at('2026-12-28');
  expect(opened.map((s) => s.kind)).toEqual(['OVERDUE_EXPLANATION', 'OVERDUE_EXPLANATION']);
  return { periodId: period.id, q1StatementId: opened.find((s) => s.caseId === q1CaseId)!.id };
}

function texts(ws: ExcelJS.Worksheet, columns: number): string[][] {
  const out: string[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    out.push(Array.from({ length: columns }, (_, c) => {
      const v = ws.getRow(r).getCell(c + 1).value;
      return v === null || v === undefined ? '' : String(v);
    }));
  }
  return out;
}
/** The rows that follow the row whose first cell is `heading`, up to the next blank or heading-only row. */
function section(rows: string[][], heading: string): string[][] {
  const start = rows.findIndex((r) => r[0] === heading);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const out: string[][] = [];
  for (const r of rows.slice(start + 1)) {
    if (r[0] === '' || /^[一二三四五六]、/.test(r[0]!)) break;
    out.push(r);
  }
  return out;
}
const fillOf = (cell: ExcelJS.Cell) => (cell.fill && cell.fill.type === 'pattern' ? cell.fill.fgColor?.argb ?? null : null);

// The console runs on PGlite in sandbox mode: the report must work on both.
describe.each(['postgres', 'embedded'] as const)('R11–R17, R27 quarterly report (季度信访工作报表) on %s', (kind) => {
  let t: TestDatabase;
  let town: Township;
  let cases: Record<string, { id: string; number: string }>;
  let report: QuarterlyReport;
  let wb: ExcelJS.Workbook;

  beforeAll(async () => {
    t = await freshDatabase(kind);
    town = await buildTownship(t.db, `${TODAY}T09:00:00+08:00`);
    cases = await seedCases(t, town);
    await seedFollowUps(t, cases);
    const duties = await seedDuties(town, cases.Q1!.id);
    await submitStatement(town.deps, town.actor(town.people.deputy), { statementId: duties.q1StatementId, content: '该案涉及测量确权，因天气原因延误，已于12月底前完成测量。' });
    town.clock.set('2027-01-03T10:00:00+08:00');
    await submitUnitReport(town.deps, town.actor(town.people.office), { periodId: duties.periodId, unitId: town.units.justice, isZero: true });
    town.clock.set('2027-01-05T09:00:00+08:00');
    await submitUnitReport(town.deps, town.actor(town.people.office), { periodId: duties.periodId, unitId: town.units.police, isZero: false, findings: '排查邻里纠纷1起，已调处' });
    report = await quarterlyReport(t.db.prisma, town.deps, { quarter: '2026Q4', today: TODAY, scope: SYSTEM_SCOPE });
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await quarterlyReportXlsx(report, OPTS)) as never);
  });
  afterAll(() => t.drop());

  it('counts the quarter by Beijing days: received by source and village, resolved, open at the end', () => {
    expect(report).toMatchObject({ quarter: '2026Q4', label: '2026年第四季度', start: '2026-10-01', end: '2026-12-31', asOf: '2026-12-31' });
    expect(report.received.total).toBe(4);
    expect(report.received.bySource).toEqual({ VISIT: 2, LETTER: 1, ONLINE: 0, PHONE: 1, RECEPTION_DAY: 0, LEADER_VISIT: 0, REFERRED: 0, SENTIMENT: 0, SCREENING: 0 });
    expect(report.received.byVillage).toEqual([
      { villageName: '河口村', count: 1 },
      { villageName: '青山村', count: 2 },
      { villageName: '未关联村', count: 1 },
    ]);
    expect(report.resolved).toBe(3);
    expect(report.openAtEnd).toBe(4);
  });

  it('R11: overdue of the quarter: open past the deadline at its end (even if resolved since), and resolved late within it', () => {
    expect(report.overdue).toEqual({ open: 3, resolvedLate: 1 });
    expect(report.overdueCases.map((c) => [c.number, c.state, c.unitName, c.ownerLeaderName, c.dueOn, c.days, c.resolvedOn])).toEqual([
      [cases.Q1!.number, 'OPEN', '司法所', '孙副镇长', '2026-11-15', 46, null],
      [cases.P2!.number, 'OPEN', '司法所', '孙副镇长', '2026-12-10', 21, null],
      [cases.P1!.number, 'OPEN', '派出所', '周副书记', '2026-12-20', 11, null],
      [cases.Q3!.number, 'RESOLVED_LATE', '派出所', '周副书记', '2026-12-01', 4, '2026-12-05'],
    ]);
  });

  it('R27: follow-ups recorded in the quarter, rated for the office and the unit separately', () => {
    expect(report.satisfaction).toEqual({
      total: 3,
      office: { SATISFIED: 1, BASICALLY_SATISFIED: 0, UNSATISFIED: 1, NOT_RATED: 1 },
      unit: { SATISFIED: 0, BASICALLY_SATISFIED: 1, UNSATISFIED: 1, NOT_RATED: 1 },
    });
  });

  it('R12: the leading-group meetings of the quarter, not those of the quarter before', () => {
    expect(report.duties.meetings).toEqual({ status: 'HELD', dates: ['2026-11-10', '2026-12-15'] });
  });

  it('R15: visit days per leader per month to their own villages; a month without one is a gap', () => {
    expect(report.duties.visits.months).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(report.duties.visits.leaders.map((l) => [l.leaderName, ...l.months.map((m) => `${m.status}:${m.visits}`)])).toEqual([
      ['陈片长', 'GAP:0', 'VISITED:1', 'GAP:0'],
      ['孙副镇长', 'VISITED:2', 'GAP:0', 'VISITED:1'],
    ]);
  });

  it('R13: each overdue owned case of the quarter owes its leader a written explanation; submitted or not', () => {
    expect(report.duties.statements.map((s) => [s.authorName, s.kind, s.about, s.dueOn, s.submittedOn, s.overdue])).toEqual([
      ['孙副镇长', 'OVERDUE_EXPLANATION', `${cases.Q1!.number} 自2026-11-16起逾期`, '2026-12-31', '2026-12-28', false],
      ['孙副镇长', 'OVERDUE_EXPLANATION', `${cases.P2!.number} 自2026-12-11起逾期`, '2026-12-31', null, true],
      ['周副书记', 'OVERDUE_EXPLANATION', `${cases.P1!.number} 自2026-12-21起逾期`, '2026-12-31', null, true],
    ]);
  });

  it('R17: units of the screening periods overlapping the quarter: zero report, reported late, not reported past the due day', () => {
    expect(report.duties.screenings.map((s) => s.name)).toEqual(['元旦期间集中排查']);
    expect(report.duties.screenings[0]!.units).toEqual([
      { unitName: '派出所', state: 'REPORTED', late: true },
      { unitName: '青山村委会', state: 'OVERDUE', late: false },
      { unitName: '司法所', state: 'ZERO', late: false },
    ]);
  });

  it('the workbook has three sheets named in Chinese, each with its title and the signature line', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['统计汇总', '逾期案件', '制度落实']);
    const titles = wb.worksheets.map((w) => String(w.getCell('A1').value));
    expect(titles).toEqual([
      '青山镇2026年第四季度信访工作报表',
      '青山镇2026年第四季度信访工作报表（逾期案件）',
      '青山镇2026年第四季度信访工作报表（工作制度落实情况）',
    ]);
    for (const ws of wb.worksheets) {
      expect(ws.getCell('A1').font).toMatchObject({ name: '宋体', bold: true });
      expect(String(ws.getCell(`A${ws.rowCount}`).value)).toBe('制表单位：青山镇信访办　制表人：王丽华　审核人：　　　制表日期：2027年1月5日');
      expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1 });
    }
    expect(String(wb.worksheets[0]!.getCell('A2').value)).toBe('统计期间：2026年10月1日至2026年12月31日');
  });

  it('R11 R27: the figures sheet shows the counts of the cases created', () => {
    const rows = texts(wb.getWorksheet('统计汇总')!, 3);
    const bySource = section(rows, '一、本季度收件情况（按来源）');
    expect(bySource[0]).toEqual(['来源', '件数', '']);
    expect(bySource.slice(1).map((r) => r.slice(0, 2))).toEqual([
      ['来访', '2'], ['来信', '1'], ['网上信访', '0'], ['来电', '1'], ['领导接访日', '0'], ['领导下访', '0'], ['上级交办', '0'], ['民情采集', '0'], ['矛盾纠纷排查', '0'], ['合计', '4'],
    ]);
    expect(section(rows, '二、本季度收件情况（按村）').slice(1).map((r) => r.slice(0, 2))).toEqual([['河口村', '1'], ['青山村', '2'], ['未关联村', '1'], ['合计', '4']]);
    expect(section(rows, '三、办理情况').slice(1).map((r) => r.slice(0, 2))).toEqual([
      ['本季度办结', '3'], ['季末在办（截至2026年12月31日）', '4'], ['逾期未办结', '3'], ['本季度逾期办结', '1'], ['逾期合计', '4'],
    ]);
    expect(section(rows, '四、回访满意度（本季度回访）')).toEqual([
      ['评价', '对信访办', '对责任单位'], ['满意', '1', '0'], ['基本满意', '0', '1'], ['不满意', '1', '1'], ['逾期未评价', '1', '1'], ['合计', '3', '3'],
    ]);
  });

  it('R11: the overdue sheet lists the cases with unit, leader, deadline and days, header frozen and repeated', () => {
    const ws = wb.getWorksheet('逾期案件')!;
    const rows = texts(ws, 9);
    expect(rows[1]![0]).toBe('统计期间：2026年10月1日至2026年12月31日　共 4 件');
    expect(rows[2]).toEqual(['序号', '编号', '信访事项', '责任单位', '包案领导', '办结时限', '逾期天数', '状态', '办结日期']);
    expect(rows.slice(3, 7)).toEqual([
      ['1', cases.Q1!.number, '案件Q1', '司法所', '孙副镇长', '2026-11-15', '46', '逾期未办结', ''],
      ['2', cases.P2!.number, '案件P2', '司法所', '孙副镇长', '2026-12-10', '21', '逾期未办结', ''],
      ['3', cases.P1!.number, '案件P1', '派出所', '周副书记', '2026-12-20', '11', '逾期未办结', ''],
      ['4', cases.Q3!.number, '案件Q3', '派出所', '周副书记', '2026-12-01', '4', '逾期办结', '2026-12-05'],
    ]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.pageSetup.printTitlesRow).toBe('3:3');
  });

  it('R12 R13 R15 R17: the duties sheet: meetings, the visit grid with 缺 in red, statements 未交, screening reports', () => {
    const ws = wb.getWorksheet('制度落实')!;
    const rows = texts(ws, 6);
    expect(section(rows, '一、信访工作领导小组研究重大疑难案件会议（每季度不少于1次）')).toEqual([
      ['季度', '召开次数', '情况', '会议日期', '', ''],
      ['2026年第四季度', '2', '已召开', '2026-11-10、2026-12-15', '', ''],
    ]);
    const visits = section(rows, '二、领导干部每月到联系村下访（每月不少于1次，填下访天数）');
    expect(visits).toEqual([
      ['序号', '领导', '2026年10月', '2026年11月', '2026年12月', '合计'],
      ['1', '陈片长', '缺', '1', '缺', '1'],
      ['2', '孙副镇长', '2', '缺', '1', '3'],
    ]);
    const gridRow = rows.indexOf(visits[2]!) + 1;
    expect([3, 4, 5].map((c) => fillOf(ws.getRow(gridRow).getCell(c)))).toEqual([null, 'FFFFC7CE', null]);
    const statements = section(rows, '三、书面说明与汇报（逾期案件包案领导季度说明、接访领导季度汇报）');
    expect(statements[0]).toEqual(['序号', '撰写人', '类别', '事由', '应交日期', '提交情况']);
    expect(statements.slice(1).map((r) => [r[1], r[2], r[3], r[4], r[5]])).toEqual([
      ['孙副镇长', '逾期情况书面说明', `${cases.Q1!.number} 自2026-11-16起逾期`, '2026-12-31', '2026-12-28'],
      ['孙副镇长', '逾期情况书面说明', `${cases.P2!.number} 自2026-12-11起逾期`, '2026-12-31', '未交'],
      ['周副书记', '逾期情况书面说明', `${cases.P1!.number} 自2026-12-21起逾期`, '2026-12-31', '未交'],
    ]);
    const first = rows.indexOf(statements[1]!) + 1;
    expect([0, 1, 2].map((i) => fillOf(ws.getRow(first + i).getCell(6)))).toEqual([null, 'FFFFC7CE', 'FFFFC7CE']);
    expect(section(rows, '四、矛盾纠纷排查报告报送').slice(1).map((r) => [r[1], r[2], r[3], r[4], r[5]])).toEqual([
      ['元旦期间集中排查', '2026-12-20 至 2027-01-03', '派出所', '2027-01-04', '已报（逾期报送）'],
      ['元旦期间集中排查', '2026-12-20 至 2027-01-03', '青山村委会', '2027-01-04', '逾期未报'],
      ['元旦期间集中排查', '2026-12-20 至 2027-01-03', '司法所', '2027-01-04', '零报告'],
    ]);
  });

  it('a running quarter is judged on today; a quarter that has not begun is refused', async () => {
    const running = await quarterlyReport(t.db.prisma, town.deps, { quarter: '2026Q4', today: '2026-11-20', scope: SYSTEM_SCOPE });
    expect(running.asOf).toBe('2026-11-20');
    // Open on 20 Nov: Q1, P1, P2, and Q3 (resolved on 5 Dec); Q2 was resolved that morning.
    expect(running.openAtEnd).toBe(4);
    expect(running.overdue.open).toBe(1);
    expect(running.overdueCases.filter((c) => c.state === 'OPEN').map((c) => [c.number, c.days])).toEqual([[cases.Q1!.number, 5]]);
    const rb = new ExcelJS.Workbook();
    await rb.xlsx.load((await quarterlyReportXlsx(running, OPTS)) as never);
    expect(String(rb.worksheets[0]!.getCell('A2').value)).toBe('统计期间：2026年10月1日至2026年12月31日，截至2026年11月20日');
    await expect(quarterlyReport(t.db.prisma, town.deps, { quarter: '2027Q1', today: '2026-12-31', scope: SYSTEM_SCOPE })).rejects.toThrow(/not begun/);
    await expect(quarterlyReport(t.db.prisma, town.deps, { quarter: '2026Q5', today: TODAY, scope: SYSTEM_SCOPE })).rejects.toThrow(/quarter/);
  });
});
