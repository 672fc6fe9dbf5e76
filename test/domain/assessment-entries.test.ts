import { describe, expect, it } from 'vitest';
import {
  escalationEntries, missedProgressReports, POOR_WORK_ESCALATION_REASONS, overdueEntries, overdueSince, progressEntries, screeningEntries, unsatisfiedEntries, visitEntries,
  type HigherLevelVisit, type OwnershipReporting, type ScreeningDuty,
} from '../../src/domain/assessment/entries.js';
import { DEFAULT_ASSESSMENT_RULES } from '../../src/domain/assessment/rules.js';

const rules = DEFAULT_ASSESSMENT_RULES;
const at = (s: string) => new Date(s);

describe('R23 entries from higher-level visits', () => {
  const visit = (over: Partial<HigherLevelVisit> = {}): HigherLevelVisit => ({
    unitId: 'u1', unitName: '青山村委会', level: 'COUNTY', collective: false, date: '2026-03-05', caseId: null, caseNumber: null,
    evidence: '县信访局通报', poorWork: false, reference: 'abc', ...over,
  });

  it.each([
    ['COUNTY', false, 'VISIT_COUNTY', -0.5],
    ['CITY', false, 'VISIT_CITY', -1],
    ['PROVINCE', false, 'VISIT_PROVINCE', -2],
    ['BEIJING', false, 'VISIT_BEIJING', -5],
    ['COUNTY', true, 'VISIT_COUNTY_COLLECTIVE', -1],
    ['BEIJING', true, 'VISIT_BEIJING_COLLECTIVE', -10],
  ] as const)('R23: a visit to %s (collective %s) deducts by %s', (level, collective, code, points) => {
    const [e, ...rest] = visitEntries(visit({ level, collective }), rules, false);
    expect(rest).toEqual([]);
    expect(e).toMatchObject({ ruleCode: code, points, year: 2026, unitId: 'u1', unqualified: false, occurredOn: '2026-03-05' });
    expect(e!.evidence).toContain('县信访局通报');
  });

  it('R23: poor work behind a Beijing petition adds a 不合格 entry with its own key', () => {
    const entries = visitEntries(visit({ level: 'BEIJING', poorWork: true, caseId: 'c1', caseNumber: 'XF-2026-0007' }), rules, true);
    expect(entries.map((e) => [e.ruleCode, e.unqualified])).toEqual([['VISIT_BEIJING', false], ['ESCALATION', true]]);
    expect(entries[1]!.evidence).toMatch(/^因工作不力导致青山村委会人员到北京上访（XF-2026-0007）/);
    expect(new Set(entries.map((e) => e.sourceKey)).size).toBe(2);
  });

  it('R23: the same visit gives the same key (recorded once); another reference another key', () => {
    expect(visitEntries(visit(), rules, false)[0]!.sourceKey).toBe(visitEntries(visit(), rules, false)[0]!.sourceKey);
    expect(visitEntries(visit({ reference: 'xyz' }), rules, false)[0]!.sourceKey).not.toBe(visitEntries(visit(), rules, false)[0]!.sourceKey);
  });
});

describe('R23 entries from screening reports (R17)', () => {
  const duty = (over: Partial<ScreeningDuty>): ScreeningDuty => ({
    periodId: 'p1', periodName: '国庆期间集中排查', kind: 'SENSITIVE', reportDueOn: '2026-09-30', unitId: 'u1', report: null, ...over,
  });

  it.each([
    ['a report on time', duty({ report: { submittedAt: at('2026-09-29T10:00:00+08:00'), late: false } }), null],
    ['a late report', duty({ report: { submittedAt: at('2026-10-02T10:00:00+08:00'), late: true } }), 'REPORT_LATE'],
    ['no report in a sensitive period: no screening at a key date', duty({}), 'SCREENING_MISSED'],
    ['no report in a regular period: a concealed report', duty({ kind: 'REGULAR' }), 'REPORT_MISSING'],
    ['a report not due yet', duty({ reportDueOn: '2026-11-05' }), null],
    ['due on the day itself is not yet missing', duty({ reportDueOn: '2026-11-02' }), null],
    ['a duty of another year', duty({ reportDueOn: '2025-12-30' }), null],
  ] as const)('R23: %s', (_what, d, code) => {
    const out = screeningEntries([d], 2026, '2026-11-02', rules);
    expect(out.map((e) => e.ruleCode)).toEqual(code ? [code] : []);
    if (code) expect(out[0]).toMatchObject({ points: -1, occurredOn: d.reportDueOn, sourceKey: 'SCREENING:p1:u1' });
  });
});

describe('R23 entries from overdue cases (R11)', () => {
  const c = { id: 'c1', number: 'XF-2026-0001', title: '宅基地纠纷', unitId: 'u1', dueOn: '2026-03-10', overdueOn: null, resolvedAt: null };

  it.each([
    ['resolved on its last day is not overdue', { resolvedAt: at('2026-03-10T18:00:00+08:00') }, '2026-11-02', null],
    ['resolved the day after is overdue from that day', { resolvedAt: at('2026-03-11T09:00:00+08:00') }, '2026-11-02', '2026-03-11'],
    ['still open past its deadline', {}, '2026-11-02', '2026-03-11'],
    ['still open, not yet due', { dueOn: '2026-12-01' }, '2026-11-02', null],
    ['the stored overdue day wins (a later extension does not erase it, R11)', { dueOn: '2026-05-01', overdueOn: '2026-03-11' }, '2026-03-20', '2026-03-11'],
  ] as const)('R11/R23: %s', (_what, over, today, since) => {
    expect(overdueSince({ ...c, ...over }, today)).toBe(since);
  });

  it('R23: an overdue case counts once against its unit in the year it became overdue; no unit, no entry', () => {
    const cases = [c, { ...c, id: 'c2', number: 'XF-2025-0100', dueOn: '2025-12-31' }, { ...c, id: 'c3', unitId: null }, { ...c, id: 'c4', dueOn: '2025-12-01' }];
    const out = overdueEntries(cases, 2026, '2026-11-02', rules);
    expect(out.map((e) => [e.caseId, e.occurredOn, e.points])).toEqual([['c1', '2026-03-11', -1], ['c2', '2026-01-01', -1]]);
    expect(out[0]!.evidence).toBe('XF-2026-0001「宅基地纠纷」办结时限2026-03-10，逾期，至今未办结');
    expect(out[0]!.sourceKey).toBe('CASE_OVERDUE:c1');
  });
});

describe('R23 entries from ratings (R27) and escalation (R21)', () => {
  it('R27/R23: 不满意 with the unit counts; other ratings, the office rating, and other years do not', () => {
    const f = { followUpId: 'f1', caseId: 'c1', caseNumber: 'XF-2026-0001', unitId: 'u1', unitRating: 'UNSATISFIED' as const, recordedAt: at('2026-05-01T10:00:00+08:00') };
    const out = unsatisfiedEntries(
      [f, { ...f, followUpId: 'f2', unitRating: 'BASICALLY_SATISFIED' }, { ...f, followUpId: 'f3', unitRating: 'NOT_RATED' }, { ...f, followUpId: 'f4', recordedAt: at('2025-12-31T23:00:00+08:00') }],
      2026,
      rules,
    );
    expect(out.map((e) => [e.sourceKey, e.points, e.unitId])).toEqual([['FOLLOW_UP_UNSATISFIED:f1', -0.5, 'u1']]);
  });

  it('R21/R23: only an abnormal petition on an overdue case (poor work) is a disqualifying fact', () => {
    expect(POOR_WORK_ESCALATION_REASONS).toEqual(['ABNORMAL_PETITION_OVERDUE']);
  });

  it('R21/R23: a poor-work abnormal petition fact of the year makes the unit 不合格; other years and unit-less facts do not', () => {
    const out = escalationEntries(
      [
        { factId: 'a1', unitId: 'u1', caseId: 'c1', caseNumber: 'XF-2026-0001', detail: '赴京非正常上访，案件逾期未办结', recordedAt: at('2026-10-01T10:00:00+08:00') },
        { factId: 'a2', unitId: 'u1', caseId: 'c1', caseNumber: 'XF-2026-0001', detail: '去年', recordedAt: at('2025-10-01T10:00:00+08:00') },
        { factId: 'a3', unitId: null, caseId: 'c1', caseNumber: 'XF-2026-0001', detail: '领导个人', recordedAt: at('2026-10-01T10:00:00+08:00') },
      ],
      2026,
      rules,
    );
    expect(out).toEqual([
      expect.objectContaining({ sourceKey: 'ESCALATION:a1', ruleCode: 'ESCALATION', unqualified: true, points: 0, evidence: expect.stringContaining('XF-2026-0001') }),
    ]);
  });
});

describe('R23 entries from progress reports (R2 报送方式)', () => {
  const o = (over: Partial<OwnershipReporting> = {}): OwnershipReporting => ({
    ownershipId: 'o1', caseId: 'c1', caseNumber: 'XF-2026-0001', unitId: 'u1', cadence: 'WEEKLY',
    activeFrom: at('2026-10-05T10:00:00+08:00'), stoppedAt: null, reportedOn: [], ...over,
  });

  it.each([
    ['weekly, nothing reported for four weeks', o(), '2026-11-02', ['2026-10-12', '2026-10-19', '2026-10-26']],
    ['a week whose last day is today is not yet owed', o(), '2026-10-13', ['2026-10-12']],
    ['a report on the activation day covers the first week', o({ reportedOn: ['2026-10-05', '2026-10-19'] }), '2026-10-27', ['2026-10-26']],
    ['a report on the due day counts for that week', o({ reportedOn: ['2026-10-12', '2026-10-13'] }), '2026-10-20', []],
    ['reports stop when the case is resolved', o({ stoppedAt: at('2026-10-15T10:00:00+08:00') }), '2026-11-02', ['2026-10-12']],
    ['monthly from the 31st falls on the month end', o({ cadence: 'MONTHLY', activeFrom: at('2026-08-31T10:00:00+08:00'), reportedOn: ['2026-09-15'] }), '2026-11-02', ['2026-10-31']],
  ] as const)('R2/R23: %s', (_what, ownership, today, dues) => {
    expect(missedProgressReports(ownership, today).map((m) => m.dueOn)).toEqual(dues);
  });

  it('R23: each missed report of the year deducts from the responsible unit, keyed by ownership and due day', () => {
    const out = progressEntries([o({ activeFrom: at('2025-12-20T10:00:00+08:00') })], 2026, '2026-01-10', rules);
    expect(out.map((e) => [e.sourceKey, e.points])).toEqual([['PROGRESS_LATE:o1:2026-01-03', -1]]);
    expect(out[0]!.evidence).toBe('XF-2026-0001 报送方式为每周，2025-12-28至2026-01-03未报送进展');
  });
});
