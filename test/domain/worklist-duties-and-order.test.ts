import { describe, expect, it } from 'vitest';
import { chineseOfficialCalendar } from '../../src/domain/calendar/official-calendar.js';
import { WorkingCalendar } from '../../src/domain/calendar/working-calendar.js';
import type { Person, Role } from '../../src/domain/model.js';
import { dutyTodos, type DutyTodoFacts } from '../../src/domain/worklist/duty-todos.js';
import type { TodoItem } from '../../src/domain/worklist/todo-item.js';
import { rankTodos, urgencyOf } from '../../src/domain/worklist/todo-urgency.js';

const calendar = new WorkingCalendar(chineseOfficialCalendar);
const person = (id: string, roles: Role[], unitId: string | null = null): Person => ({ id, name: id, title: null, mobile: null, email: null, unitId, roles, active: true });

describe('how urgent an item is: overdue first, then by due date, on working days', () => {
  it.each([
    ['an alert is pressing whatever its date', { dueOn: '2026-09-01', immediate: true }, '2026-09-30', { band: 'NOW', daysOverdue: 0, workingDaysLeft: null }],
    ['a date passed is overdue by calendar days', { dueOn: '2026-09-26', immediate: false }, '2026-09-30', { band: 'OVERDUE', daysOverdue: 4, workingDaysLeft: null }],
    ['due today is due soon, 0 working days left', { dueOn: '2026-09-30', immediate: false }, '2026-09-30', { band: 'SOON', daysOverdue: 0, workingDaysLeft: 0 }],
    ['R7: eight calendar days over National Day are one working day', { dueOn: '2026-10-08', immediate: false }, '2026-09-30', { band: 'SOON', daysOverdue: 0, workingDaysLeft: 1 }],
    ['R7: the make-up Saturday counts: 9 → 12 October is 3 working days', { dueOn: '2026-10-13', immediate: false }, '2026-10-09', { band: 'SOON', daysOverdue: 0, workingDaysLeft: 3 }],
    ['four working days away is later', { dueOn: '2026-10-14', immediate: false }, '2026-10-09', { band: 'LATER', daysOverdue: 0, workingDaysLeft: 4 }],
    ['no date of its own is later', { dueOn: null, immediate: false }, '2026-09-30', { band: 'LATER', daysOverdue: 0, workingDaysLeft: null }],
  ] as const)('%s', (_name, item, today, expected) => {
    expect(urgencyOf(item, today, calendar)).toEqual(expected);
  });

  it('orders alerts, then the longest overdue, then by due date, undated last; ties by kind, then case number', () => {
    const item = (kind: TodoItem['kind'], dueOn: string | null, key: string, immediate = false) => ({ kind, dueOn, key, immediate }) as TodoItem;
    const ranked = rankTodos([
      item('OPINION', null, 'XF-9'),
      item('HANDLE', '2026-10-14', 'XF-1'),
      item('ROUTE', '2026-09-20', 'XF-2'),
      item('SUPERVISE', '2026-09-10', 'XF-3'),
      item('ALERT', '2026-09-29', 'a1', true),
      item('FOLLOW_UP', '2026-10-08', 'XF-4'),
      item('APPROVE', '2026-10-08', 'XF-5'),
      item('HANDLE', '2026-10-08', 'XF-0'),
      item('SENTIMENT', null, 'r1'),
    ], '2026-09-30', calendar);
    expect(ranked.map((r) => `${r.urgency.band} ${r.kind} ${r.key}`)).toEqual([
      'NOW ALERT a1',
      'OVERDUE SUPERVISE XF-3',
      'OVERDUE ROUTE XF-2',
      'SOON APPROVE XF-5',
      'SOON HANDLE XF-0',
      'SOON FOLLOW_UP XF-4',
      'LATER HANDLE XF-1',
      'LATER OPINION XF-9',
      'LATER SENTIMENT r1',
    ]);
  });
});

describe('the periodic duties and alerts on each person\'s 待办 (R12–R18, R20, R21)', () => {
  const office = person('office', ['OFFICE_STAFF'], 'u-office');
  const leader = person('leader', ['TOWN_LEADER']);
  const unitHead = person('unitHead', ['UNIT_HEAD'], 'u-justice');
  const cadre = person('cadre', ['CADRE'], 'u-justice');
  const collector = person('collector', ['SENTIMENT_COLLECTOR'], 'u-village');
  const admin = person('admin', ['ADMIN'], 'u-it');
  const villageHead = person('villageHead', ['VILLAGE_CADRE', 'UNIT_HEAD'], 'u-village');
  const none: DutyTodoFacts = { alerts: [], persuasions: [], statements: [], receptionDays: [], pending: [], visits: [], meetings: [], screenings: [], sentiments: [] };
  const shared: DutyTodoFacts = {
    ...none,
    pending: [
      { rule: 'R15', personIds: ['leader'], unitId: null, dueOn: '2026-11-30', missed: false, refId: null },
      { rule: 'R15', personIds: ['leader'], unitId: null, dueOn: '2026-10-31', missed: true, refId: null },
      { rule: 'R12', personIds: ['office'], unitId: null, dueOn: '2026-12-31', missed: false, refId: null },
      { rule: 'R17', personIds: ['unitHead'], unitId: 'u-justice', dueOn: '2026-11-10', missed: false, refId: 'period-1' },
      { rule: 'R16', personIds: ['office'], unitId: null, dueOn: null, missed: false, refId: 'report-1' },
      { rule: 'R17', personIds: ['collector'], unitId: 'u-village', dueOn: '2026-11-10', missed: true, refId: 'period-1' },
    ],
    visits: [{ month: '2026-11', dueOn: '2026-11-30', reminderOn: '2026-11-20' }, { month: '2026-10', dueOn: '2026-10-31', reminderOn: '2026-10-20' }],
    meetings: [{ quarter: '2026Q4', end: '2026-12-31', remind: false }],
    screenings: [{ periodId: 'period-1', name: '元旦排查', reportDueOn: '2026-11-10' }],
    sentiments: [{ reportId: 'report-1', villageId: 'v1', reporterId: 'collector', content: '道路积水', reportedOn: '2026-11-01' }],
  };
  const kinds = (p: Person, f: DutyTodoFacts, today = '2026-11-02') => dutyTodos(p, f, today).map((i) => `${i.kind} ${i.dueOn ?? '—'}`);

  it.each([
    ['R12/R16/R17: the office records the meeting, turns the sentiment report into a case and chases the unit late with its screening report', office,
      ['MEETING 2026-12-31', 'SCREENING 2026-11-10', 'SENTIMENT —']],
    ['a system admin may do the office\'s work but it is not on their list', admin, []],
    ['R15: the leader visits this month; last month\'s gap stays on the record, not on the list', leader, ['VISIT 2026-11-30']],
    ['R17: the unit head reports the unit\'s screening', unitHead, ['SCREENING 2026-11-10']],
    ['R17: a cadre of the unit may report it too', cadre, ['SCREENING 2026-11-10']],
    ['R16/R17: a collector waits for the office, and may not report for the unit even when named among its contacts', collector, []],
    ['R17: a report past its due date is still owed by the unit (late, counted in R23)', villageHead, ['SCREENING 2026-11-10']],
  ] as const)('%s', (_name, who, expected) => {
    expect(kinds(who, shared)).toEqual(expected);
  });

  it('R18/R21/R13/R14: the person\'s own alerts, persuasions, statements and reception days not yet logged, once held', () => {
    const items = dutyTodos(leader, {
      ...none,
      alerts: [{ alertId: 'a1', kind: 'MAJOR_EVENT', title: '村民聚集', required: 'ON_SITE', stage: 'RECEIVED', raisedOn: '2026-11-02' }],
      persuasions: [{ persuasionId: 'p1', caseId: 'c1', caseNumber: 'XF-2026-0001', destination: 'BEIJING', occurredOn: '2026-11-01' }],
      statements: [{ statementId: 's1', kind: 'RECEPTION_REPORT', period: '2026Q4', dueOn: '2026-12-31', caseId: null }],
      receptionDays: [
        { receptionDayId: 'd1', date: '2026-10-12', logged: true },
        { receptionDayId: 'd2', date: '2026-11-02', logged: false },
        { receptionDayId: 'd3', date: '2026-11-16', logged: false },
      ],
    }, '2026-11-02');
    expect(items.map((i) => [i.kind, i.rule, i.immediate, i.why])).toEqual([
      ['ALERT', 'R18', true, '须确认至「已到场」'],
      ['PERSUASION', 'R21', true, '信访人于2026-11-01进京非正常上访，须组织劝返并登记'],
      ['STATEMENT', 'R14', false, '须本人提交接访案件办理情况书面汇报（2026年第四季度）'],
      ['RECEPTION_LOG', 'R14', false, '2026-11-02接访日已过，尚未填报接访情况（季度汇报据此统计）'],
    ]);
  });
});
