import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complianceGrid } from '../../src/charts/compliance-grid.js';
import { declareScreeningPeriod } from '../../src/usecases/duties/declare-screening-period.js';
import { DUTY_GROUPS, dutyCompliance, type DutyCompliance, type DutyRule } from '../../src/usecases/duties/duty-compliance.js';
import { logVisit } from '../../src/usecases/duties/log-visit.js';
import { openQuarterlyStatementDuties } from '../../src/usecases/duties/open-quarterly-statement-duties.js';
import { recordMeeting } from '../../src/usecases/duties/record-meeting.js';
import { scheduleReceptionDay } from '../../src/usecases/duties/schedule-reception-day.js';
import { submitStatement } from '../../src/usecases/duties/submit-statement.js';
import { submitUnitReport } from '../../src/usecases/duties/submit-unit-report.js';
import { parseChart, texts } from '../charts/xml.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { ownedCase } from '../support/duties.js';
import { buildTownship, type Township } from '../support/township.js';

const at = (date: string) => `${date}T09:00:00+08:00`;
const OCT_TO_DEC = ['2026-10', '2026-11', '2026-12'];
const JUL_TO_DEC = ['2026-07', '2026-08', '2026-09', ...OCT_TO_DEC];

describe.each(['postgres', 'embedded'] as const)('R12–R17 duty compliance grid on %s', (kind) => {
  let t: TestDatabase;
  let town: Township;
  let periodId: string;
  const grid = (today: string, months: string[]) => dutyCompliance(town.deps, { months, today });
  const cells = (c: DutyCompliance, rule: DutyRule) => Object.fromEntries(c.rows.filter((r) => r.rule === rule).map((r) => [r.name, r.cells]));
  const notes = (c: DutyCompliance, rule: DutyRule) => Object.fromEntries(c.rows.filter((r) => r.rule === rule).map((r) => [r.name, r.note ?? null]));

  // 孙副镇长 (deputy) is linked to 青山村; 陈片长 (areaLeader) leads the area of both villages.
  beforeAll(async () => {
    t = await freshDatabase(kind);
    town = await buildTownship(t.db, at('2026-07-01'));
    const office = town.actor(town.people.office);
    town.clock.set(at('2026-10-01'));
    await ownedCase(t, town, town.people.deputy.id, '2026-10-15'); // R13: overdue and open through Q4
    await scheduleReceptionDay(town.deps, office, { leaderId: town.people.deputy2.id, date: '2026-10-20', location: '镇信访接待室' }); // R14
    town.clock.set(at('2026-10-08'));
    await logVisit(town.deps, town.actor(town.people.deputy), { villageId: town.villages.a, date: '2026-10-08' });
    town.clock.set(at('2026-10-15'));
    await recordMeeting(town.deps, office, { date: '2026-10-15', topic: '研究重大疑难信访案件', decisions: '逐案明确包案领导', attendees: ['赵书记', '钱镇长'] });
    town.clock.set(at('2026-11-01'));
    const { period } = await declareScreeningPeriod(town.deps, office, {
      name: '11月矛盾纠纷排查', kind: 'REGULAR', startsOn: '2026-11-01', endsOn: '2026-11-08', reportDueOn: '2026-11-10',
      unitIds: [town.units.justice, town.units.police],
    });
    periodId = period.id;
    town.clock.set(at('2026-11-20'));
    await logVisit(town.deps, town.actor(town.people.areaLeader), { villageId: town.villages.b, date: '2026-11-20' });
  });
  afterAll(() => t.drop());

  it('R15: a month without a visit is not due before the 20th, missing from the 20th to its last day, a gap after it', async () => {
    const before20 = await grid('2026-11-19', ['2026-10', '2026-11']);
    expect(before20.rows.filter((r) => r.rule === 'R15').map((r) => r.name)).toEqual(['陈片长', '孙副镇长']);
    expect(cells(before20, 'R15')).toEqual({ 陈片长: ['GAP', 'NOT_DUE'], 孙副镇长: ['DONE', 'NOT_DUE'] });
    expect(notes(before20, 'R15')).toEqual({ 陈片长: '缺1个月', 孙副镇长: null });
    // On the 20th 陈片长's visit that day counts; 孙副镇长 has none yet.
    expect(cells(await grid('2026-11-20', ['2026-10', '2026-11']), 'R15')).toEqual({ 陈片长: ['GAP', 'DONE'], 孙副镇长: ['DONE', 'MISSING'] });
    expect(cells(await grid('2026-11-30', ['2026-11']), 'R15')).toEqual({ 陈片长: ['DONE'], 孙副镇长: ['MISSING'] });
    const december = await grid('2026-12-01', ['2026-10', '2026-11']);
    expect(cells(december, 'R15')).toEqual({ 陈片长: ['GAP', 'DONE'], 孙副镇长: ['DONE', 'GAP'] });
    expect(notes(december, 'R15')).toEqual({ 陈片长: '缺1个月', 孙副镇长: '缺1个月' });
  });

  it('R15: when the 20th is a Sunday the month turns missing on the Monday', async () => {
    expect(cells(await grid('2026-12-20', ['2026-12']), 'R15')).toEqual({ 陈片长: ['NOT_DUE'], 孙副镇长: ['NOT_DUE'] });
    expect(cells(await grid('2026-12-21', ['2026-12']), 'R15')).toEqual({ 陈片长: ['MISSING'], 孙副镇长: ['MISSING'] });
  });

  it('R12: a quarter without a meeting is missing in its last two weeks and a gap once it ends; a meeting shows in its month', async () => {
    expect(cells(await grid('2026-09-15', JUL_TO_DEC.slice(0, 3)), 'R12')).toEqual({ 领导小组会议: ['NA', 'NA', 'NOT_DUE'] });
    expect(cells(await grid('2026-09-16', JUL_TO_DEC.slice(0, 3)), 'R12')).toEqual({ 领导小组会议: ['NA', 'NA', 'MISSING'] });
    const october = await grid('2026-10-10', JUL_TO_DEC);
    expect(cells(october, 'R12')).toEqual({ 领导小组会议: ['NA', 'NA', 'GAP', 'NA', 'NOT_DUE', 'NOT_DUE'] });
    expect(notes(october, 'R12')).toEqual({ 领导小组会议: '缺1个季度' });
    // The meeting of 15 October meets Q4's duty.
    expect(cells(await grid('2026-12-20', JUL_TO_DEC), 'R12')).toEqual({ 领导小组会议: ['NA', 'NA', 'GAP', 'DONE', 'NA', 'NA'] });
  });

  it('R17: each unit named in a screening period has a cell in the month its report is due', async () => {
    expect(cells(await grid('2026-11-05', ['2026-11']), 'R17')).toEqual({ 派出所: ['NOT_DUE'], 司法所: ['NOT_DUE'] });
    expect(cells(await grid('2026-11-09', ['2026-11']), 'R17')).toEqual({ 派出所: ['MISSING'], 司法所: ['MISSING'] });
    town.clock.set(at('2026-11-09'));
    await submitUnitReport(town.deps, town.actor(town.people.cadre), { periodId, isZero: true, findings: null });
    expect(cells(await grid('2026-11-09', ['2026-11']), 'R17')).toEqual({ 派出所: ['MISSING'], 司法所: ['DONE'] });
    const after = await grid('2026-11-11', ['2026-10', '2026-11']);
    expect(cells(after, 'R17')).toEqual({ 派出所: ['NA', 'GAP'], 司法所: ['NA', 'DONE'] });
    expect(notes(after, 'R17')).toEqual({ 派出所: '缺1次', 司法所: null });
  });

  it('R13/R14: the quarter\'s statements are due in December: missing from the 28th, then done or a gap', async () => {
    expect(cells(await grid('2026-12-20', OCT_TO_DEC), 'R13')).toEqual({ 孙副镇长: ['NA', 'NA', 'NOT_DUE'] });
    expect(cells(await grid('2026-12-20', OCT_TO_DEC), 'R14')).toEqual({ 周副书记: ['NA', 'NA', 'NOT_DUE'] });
    const late = await grid('2026-12-29', OCT_TO_DEC);
    expect([cells(late, 'R13'), cells(late, 'R14')]).toEqual([{ 孙副镇长: ['NA', 'NA', 'MISSING'] }, { 周副书记: ['NA', 'NA', 'MISSING'] }]);
    town.clock.set(at('2026-12-29'));
    const { opened } = await openQuarterlyStatementDuties(town.deps, '2026Q4');
    const explanation = opened.find((s) => s.kind === 'OVERDUE_EXPLANATION')!;
    town.clock.set(at('2026-12-30'));
    await submitStatement(town.deps, town.actor(town.people.deputy), { statementId: explanation.id, content: '因双方分歧较大，协调未果，已制定下一步方案。' });
    const january = await grid('2027-01-02', OCT_TO_DEC);
    expect([cells(january, 'R13'), cells(january, 'R14')]).toEqual([{ 孙副镇长: ['NA', 'NA', 'DONE'] }, { 周副书记: ['NA', 'NA', 'GAP'] }]);
    expect(notes(january, 'R14')).toEqual({ 周副书记: '缺1份' });
  });

  it('rows come grouped R15, R12, R13, R14, R17 and draw as the console\'s grid', async () => {
    const c = await grid('2027-01-02', OCT_TO_DEC);
    expect(c).toMatchObject({ today: '2027-01-02', months: OCT_TO_DEC });
    expect(c.rows.map((r) => r.rule)).toEqual(['R15', 'R15', 'R12', 'R13', 'R14', 'R17', 'R17']);
    expect(c.rows.map((r) => r.group)).toEqual(c.rows.map((r) => DUTY_GROUPS[r.rule]));
    expect(c.rows.find((r) => r.rule === 'R15')!.subjectId).toBe(town.people.areaLeader.id);
    const svg = complianceGrid({ title: '职责落实情况', columns: c.months, rows: c.rows });
    const shown = texts(parseChart(svg));
    expect(shown).toEqual(expect.arrayContaining(['R15 每月下访联系村', '领导小组会议', '孙副镇长', '周副书记', '派出所', '缺1份']));
  });

  it.each([
    [{ months: [] }, '至少选一个月'],
    [{ months: ['2026-13'] }, '月份格式'],
    [{ months: ['2026-10', '2026-10'] }, '不能重复'],
    [{ months: ['2026-10'], today: '2026-02-30' }, '日期格式'],
  ])('refuses %j', async (input, message) => {
    await expect(dutyCompliance(town.deps, input)).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining(message) });
  });
});
