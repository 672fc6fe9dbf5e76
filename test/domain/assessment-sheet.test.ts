import { describe, expect, it } from 'vitest';
import { assertRulePoints, DEFAULT_ASSESSMENT_RULES, effectiveRules, escalationDisqualifies, type AssessmentRule } from '../../src/domain/assessment/rules.js';
import { assessmentSheet, type SheetEntry, type SheetUnit } from '../../src/domain/assessment/sheet.js';

const units: SheetUnit[] = [
  { id: 'u1', name: '青山村委会', kind: 'VILLAGE_COMMITTEE' },
  { id: 'u2', name: '司法所', kind: 'DEPARTMENT' },
  { id: 'u3', name: '河口村委会', kind: 'VILLAGE_COMMITTEE' },
];
let n = 0;
const entry = (unitId: string, ruleCode: string, over: Partial<SheetEntry> = {}): SheetEntry => ({
  id: `e${++n}`,
  unitId,
  ruleCode,
  points: 0,
  unqualified: false,
  evidence: `${ruleCode} 的依据`,
  occurredOn: '2026-06-01',
  caseId: null,
  caseNumber: null,
  ...over,
});
const row = (sheet: ReturnType<typeof assessmentSheet>, id: string) => sheet.rows.find((r) => r.unitId === id)!;

describe('R23 default rule table', () => {
  it.each([
    ['VISIT_COUNTY', -0.5],
    ['VISIT_CITY', -1],
    ['VISIT_PROVINCE', -2],
    ['VISIT_BEIJING', -5],
    ['VISIT_COUNTY_COLLECTIVE', -1],
    ['VISIT_CITY_COLLECTIVE', -2],
    ['VISIT_PROVINCE_COLLECTIVE', -4],
    ['VISIT_BEIJING_COLLECTIVE', -10],
    ['REPORT_LATE', -1],
    ['REPORT_MISSING', -1],
    ['SCREENING_MISSED', -1],
    ['CASE_OVERDUE', -1],
    ['FOLLOW_UP_UNSATISFIED', -0.5],
    ['ESCALATION', 0],
    ['BASE_SCORE', 100],
  ] as const)('R23: default %s is %s points', (code, points) => {
    expect(DEFAULT_ASSESSMENT_RULES.find((r) => r.code === code)?.points).toBe(points);
  });

  it('R23: stored rules win over the defaults, missing ones fall back', () => {
    const rules = effectiveRules([{ code: 'VISIT_BEIJING', label: '赴京', points: -6, active: true }]);
    expect(rules.find((r) => r.code === 'VISIT_BEIJING')?.points).toBe(-6);
    expect(rules.find((r) => r.code === 'VISIT_CITY')?.points).toBe(-1);
  });

  it.each([
    ['BASE_SCORE', 120, null],
    ['BASE_SCORE', 0, /基础分/],
    ['VISIT_CITY', -1.25, null],
    ['VISIT_CITY', 1, /-100 到 0/],
    ['VISIT_CITY', -0.125, /两位小数/],
  ] as const)('R23: rule %s set to %s', (code, points, refusal) => {
    const run = () => assertRulePoints(code, points);
    if (refusal) expect(run).toThrow(refusal);
    else expect(run).not.toThrow();
  });

  it.each([
    ['BEIJING', false, true],
    ['PROVINCE', false, true],
    ['CITY', true, true],
    ['COUNTY', true, true],
    ['CITY', false, false],
    ['COUNTY', false, false],
  ] as const)('R23: poor work leading to a visit to %s (collective %s) disqualifies: %s', (level, collective, expected) => {
    expect(escalationDisqualifies(level, collective)).toBe(expected);
  });
});

describe('R23 score sheet', () => {
  const rules: AssessmentRule[] = [];

  it('R23: a unit with no entries keeps the base score and is 合格', () => {
    const sheet = assessmentSheet(units, [], rules);
    expect(sheet.baseScore).toBe(100);
    expect(row(sheet, 'u2')).toMatchObject({ total: 100, deductionTotal: 0, qualified: true, rating: '合格', awardEligible: true, deductions: [] });
  });

  it('R23: each deduction is listed with its evidence and the points of its rule, and adds up to the cent', () => {
    const entries = [
      entry('u1', 'VISIT_COUNTY', { evidence: '3月5日到县上访' }),
      entry('u1', 'VISIT_CITY_COLLECTIVE', { evidence: '集体到市', occurredOn: '2026-03-01' }),
      entry('u1', 'REPORT_LATE'),
      entry('u1', 'FOLLOW_UP_UNSATISFIED', { caseId: 'c1', caseNumber: 'XF-2026-0001' }),
    ];
    const r = row(assessmentSheet(units, entries, rules), 'u1');
    expect(r.deductions.map((d) => [d.ruleCode, d.points])).toEqual([
      ['VISIT_CITY_COLLECTIVE', -2],
      ['VISIT_COUNTY', -0.5],
      ['REPORT_LATE', -1],
      ['FOLLOW_UP_UNSATISFIED', -0.5],
    ]);
    expect(r.deductions[0]).toMatchObject({ evidence: '集体到市', label: '本单位人员到市（州）集体上访（每起）' });
    expect(r.deductions[3]).toMatchObject({ caseNumber: 'XF-2026-0001' });
    expect(r).toMatchObject({ deductionTotal: -4, total: 96, qualified: true });
  });

  it('R23: a unit whose poor work led to an abnormal Beijing petition is rated 不合格', () => {
    const entries = [
      entry('u3', 'VISIT_BEIJING', { evidence: '赴京上访' }),
      entry('u3', 'ESCALATION', { unqualified: true, evidence: '因工作不力导致赴京非正常上访' }),
    ];
    const sheet = assessmentSheet(units, entries, rules);
    const r = row(sheet, 'u3');
    expect(r).toMatchObject({ total: 95, qualified: false, rating: '不合格', awardEligible: false, unqualifiedReasons: ['因工作不力导致赴京非正常上访'] });
    // It ranks below every qualified unit, even one with a lower score.
    expect(sheet.rows.at(-1)!.unitId).toBe('u3');
  });

  it('R23: the sheet applies the rule table as it stands; an inactive rule drops out; an unknown rule keeps its points', () => {
    const entries = [entry('u1', 'VISIT_BEIJING', { points: -5 }), entry('u1', 'REPORT_LATE', { points: -1 }), entry('u1', 'LOCAL_RULE', { points: -0.25 })];
    const tuned: AssessmentRule[] = [
      { code: 'VISIT_BEIJING', label: '赴京上访', points: -8, active: true },
      { code: 'REPORT_LATE', label: '迟报', points: -1, active: false },
      { code: 'BASE_SCORE', label: '基础分', points: 120, active: true },
    ];
    const r = row(assessmentSheet(units, entries, tuned), 'u1');
    expect(r.deductions.map((d) => [d.ruleCode, d.points])).toEqual([['VISIT_BEIJING', -8], ['LOCAL_RULE', -0.25]]);
    expect(r).toMatchObject({ baseScore: 120, total: 111.75 });
  });

  it('R23: units are ranked by score, equal scores share a place, and a score never goes below 0', () => {
    const entries = [
      entry('u1', 'REPORT_LATE'),
      entry('u2', 'REPORT_LATE'),
      ...Array.from({ length: 25 }, () => entry('u3', 'VISIT_BEIJING')),
    ];
    const sheet = assessmentSheet(units, entries, rules);
    expect(sheet.rows.map((r) => [r.unitName, r.rank, r.total])).toEqual([
      ['青山村委会', 1, 99],
      ['司法所', 1, 99],
      ['河口村委会', 3, 0],
    ]);
  });
});
