import { describe, expect, it } from 'vitest';
import { overdueExplanationDuties, type OwnedCaseFacts } from '../../src/domain/duties/overdue-explanations.js';
import { receptionReportDuties } from '../../src/domain/duties/reception.js';
import { dutyKey, quarterlyStatementDueOn, statementReminderDue } from '../../src/domain/duties/statements.js';

const owned = (over: Partial<OwnedCaseFacts>): OwnedCaseFacts => ({
  id: 'c1', number: 'XF-2026-0001', title: '案件', ownerLeaderId: 'L1', dueOn: '2026-10-15', status: 'IN_PROGRESS', resolvedAt: null, ...over,
});

describe('R13 overdue owners explain quarterly', () => {
  it.each<[string, Partial<OwnedCaseFacts>, string, boolean]>([
    ['open and overdue', {}, '2026-11-02', true],
    ['due today is not overdue yet', { dueOn: '2026-11-02' }, '2026-11-02', false],
    ['due yesterday is overdue', { dueOn: '2026-11-01' }, '2026-11-02', true],
    ['no owner: nobody owes', { ownerLeaderId: null }, '2026-11-02', false],
    ['no deadline', { dueOn: null }, '2026-11-02', false],
    ['resolved before today', { status: 'RESOLVED', resolvedAt: new Date('2026-10-20T10:00:00+08:00') }, '2026-11-02', false],
    ['extended and overdue', { status: 'EXTENDED' }, '2026-11-02', true],
    ['archived', { status: 'ARCHIVED', resolvedAt: new Date('2026-10-01T10:00:00+08:00') }, '2026-11-02', false],
  ])('R13: %s', (_label, over, today, owes) => {
    const duties = overdueExplanationDuties('2026Q4', [owned(over)], today);
    expect(duties.length > 0).toBe(owes);
  });

  it('R13: a past quarter is judged on its last day: a case resolved after it still owes that quarter', () => {
    const c = owned({ dueOn: '2026-09-10', status: 'RESOLVED', resolvedAt: new Date('2026-10-05T09:00:00+08:00') });
    expect(overdueExplanationDuties('2026Q3', [c], '2026-11-02').map((d) => d.leaderId)).toEqual(['L1']);
    expect(overdueExplanationDuties('2026Q4', [c], '2026-11-02')).toEqual([]);
  });

  it('R13: a case falling due after the quarter ends owes nothing for it; a future quarter owes nothing', () => {
    expect(overdueExplanationDuties('2026Q3', [owned({ dueOn: '2026-09-30' })], '2026-11-02')).toEqual([]);
    expect(overdueExplanationDuties('2027Q1', [owned({})], '2026-11-02')).toEqual([]);
  });

  it('R13: duties are grouped per leader, one line per overdue case, with the first overdue day', () => {
    const duties = overdueExplanationDuties(
      '2026Q4',
      [
        owned({ id: 'c2', number: 'XF-2026-0002', ownerLeaderId: 'L2' }),
        owned({ id: 'c3', number: 'XF-2026-0003' }),
        owned({ id: 'c1', number: 'XF-2026-0001', dueOn: '2026-10-31' }),
      ],
      '2026-11-02',
    );
    expect(duties).toEqual([
      {
        leaderId: 'L1',
        cases: [
          { caseId: 'c1', number: 'XF-2026-0001', title: '案件', dueOn: '2026-10-31', overdueSince: '2026-11-01' },
          { caseId: 'c3', number: 'XF-2026-0003', title: '案件', dueOn: '2026-10-15', overdueSince: '2026-10-16' },
        ],
      },
      { leaderId: 'L2', cases: [{ caseId: 'c2', number: 'XF-2026-0002', title: '案件', dueOn: '2026-10-15', overdueSince: '2026-10-16' }] },
    ]);
  });

  it('R13: the duty key names kind, author, period and case, and is due at the quarter end plus an offset', () => {
    expect(dutyKey('OVERDUE_EXPLANATION', 'L1', '2026Q4', 'c1')).toBe('OVERDUE_EXPLANATION|L1|2026Q4|c1');
    expect(dutyKey('RECEPTION_REPORT', 'L1', '2026Q4', null)).toBe('RECEPTION_REPORT|L1|2026Q4|');
    expect(quarterlyStatementDueOn('2026Q4')).toBe('2026-12-31');
    expect(quarterlyStatementDueOn('2026Q4', 10)).toBe('2027-01-10');
  });

  it.each([
    ['2026-12-27', false, false],
    ['2026-12-28', false, true],
    ['2027-01-03', false, true],
    ['2027-01-03', true, false],
  ])('R13: a statement due 2026-12-31 is reminded on %s (submitted %s) → %s', (today, submitted, remind) => {
    expect(statementReminderDue({ dueOn: '2026-12-31', submitted }, today)).toBe(remind);
  });
});

describe('R14 reception leaders report quarterly', () => {
  const days = [
    { id: 'd1', leaderId: 'L1', date: '2026-10-12', caseCount: 2 },
    { id: 'd2', leaderId: 'L1', date: '2026-11-09', caseCount: 0 },
    { id: 'd3', leaderId: 'L2', date: '2026-12-14', caseCount: 1 },
    { id: 'd4', leaderId: 'L3', date: '2026-09-28', caseCount: 5 },
  ];

  it('R14: each leader who held reception days in the quarter owes one report, days up to today only', () => {
    expect(receptionReportDuties('2026Q4', days, '2026-11-10')).toEqual([
      { leaderId: 'L1', dayIds: ['d1', 'd2'], dates: ['2026-10-12', '2026-11-09'], caseCount: 2 },
    ]);
    expect(receptionReportDuties('2026Q4', days, '2027-01-02').map((d) => d.leaderId)).toEqual(['L1', 'L2']);
  });

  it('R14: a day held with no case still counts; a scheduled day not yet held does not', () => {
    expect(receptionReportDuties('2026Q4', [days[1]!], '2026-11-09')).toHaveLength(1);
    expect(receptionReportDuties('2026Q4', [days[1]!], '2026-11-08')).toHaveLength(0);
  });
});
