import { describe, expect, it } from 'vitest';
import { chineseOfficialCalendar } from '../../src/domain/calendar/official-calendar.js';
import { WorkingCalendar } from '../../src/domain/calendar/working-calendar.js';
import { monthlyVisitStatus, visitObligations, visitReminderOn, type VisitFact } from '../../src/domain/duties/visits.js';
import { weekday } from '../../src/lib/local-date.js';

const cal = new WorkingCalendar(chineseOfficialCalendar);
const obligations = [
  { leaderId: 'L1', villageIds: ['vA'] },
  { leaderId: 'L2', villageIds: ['vA', 'vB'] },
];

describe('R15 monthly village visits', () => {
  it('R15: obligations come from village links and from area leadership, merged per leader', () => {
    const villages = [
      { id: 'vA', areaId: 'a1', linkedLeaderId: 'L1' },
      { id: 'vB', areaId: 'a1', linkedLeaderId: null },
      { id: 'vC', areaId: 'a2', linkedLeaderId: 'L2' },
    ];
    const areas = [
      { id: 'a1', leaderId: 'L2' },
      { id: 'a2', leaderId: null },
      { id: 'a3', leaderId: 'L3' }, // an area with no village yet: nothing to visit
    ];
    expect(visitObligations(villages, areas)).toEqual([
      { leaderId: 'L1', villageIds: ['vA'] },
      { leaderId: 'L2', villageIds: ['vA', 'vB', 'vC'] },
    ]);
  });

  it.each([
    // month, the 20th, its weekday, reminder day: the 20th, or the next working day when it is a rest day
    ['2026-11', 5, '2026-11-20'], // Friday
    ['2026-12', 0, '2026-12-21'], // Sunday → Monday
    ['2026-06', 6, '2026-06-22'], // Saturday → Monday
    ['2026-02', 5, '2026-02-24'], // Friday in the Spring Festival holiday → first working day after it
    ['2026-09', 0, '2026-09-20'], // Sunday, but a make-up working day (调休上班): stays
  ])('R15: in %s the 20th (weekday %i) reminds on %s', (month, dow, reminderOn) => {
    expect(weekday(`${month}-20`)).toBe(dow);
    expect(visitReminderOn(month, cal)).toBe(reminderOn);
  });

  it('R15: without a calendar the reminder stays on the 20th', () => {
    expect(visitReminderOn('2026-12', null)).toBe('2026-12-20');
  });

  it.each<[string, VisitFact[], string, string, boolean]>([
    ['a visit in the month', [{ leaderId: 'L1', villageId: 'vA', date: '2026-11-05' }], '2026-11-25', 'VISITED', false],
    ['no visit before the 20th: missing, not reminded yet', [], '2026-11-19', 'MISSING', false],
    ['no visit on the 20th: reminded', [], '2026-11-20', 'MISSING', true],
    ['no visit by the month end: still reminded', [], '2026-11-30', 'MISSING', true],
    ['a past month with no visit is a gap', [], '2026-12-01', 'GAP', false],
    ['a visit in another month does not count', [{ leaderId: 'L1', villageId: 'vA', date: '2026-10-31' }], '2026-11-21', 'MISSING', true],
    ['a visit to a village not linked to the leader does not count', [{ leaderId: 'L1', villageId: 'vB', date: '2026-11-05' }], '2026-11-21', 'MISSING', true],
    ['another leader\'s visit does not count', [{ leaderId: 'L2', villageId: 'vA', date: '2026-11-05' }], '2026-12-03', 'GAP', false],
    ['a future month is not started', [], '2026-10-30', 'NOT_STARTED', false],
  ])('R15: %s', (_label, visits, today, status, remind) => {
    const m = monthlyVisitStatus({ month: '2026-11', today, obligations, visits, calendar: cal });
    const l1 = m.leaders.find((l) => l.leaderId === 'L1')!;
    expect(l1.status).toBe(status);
    expect(l1.remind).toBe(remind);
    expect(m.toRemind.includes('L1')).toBe(remind);
    expect(m.gaps.includes('L1')).toBe(status === 'GAP');
  });

  it('R15: in December 2026 (20th a Sunday) a leader with no visit is reminded on Monday the 21st, not on the Sunday', () => {
    const sunday = monthlyVisitStatus({ month: '2026-12', today: '2026-12-20', obligations, visits: [], calendar: cal });
    const monday = monthlyVisitStatus({ month: '2026-12', today: '2026-12-21', obligations, visits: [], calendar: cal });
    expect(sunday.toRemind).toEqual([]);
    expect(monday.toRemind).toEqual(['L1', 'L2']);
  });

  it('R15: an area leader satisfies the month by visiting any village of the area', () => {
    const m = monthlyVisitStatus({ month: '2026-11', today: '2026-11-25', obligations, visits: [{ leaderId: 'L2', villageId: 'vB', date: '2026-11-24' }], calendar: cal });
    expect(m.leaders.map((l) => [l.leaderId, l.status, l.visitDates])).toEqual([
      ['L1', 'MISSING', []],
      ['L2', 'VISITED', ['2026-11-24']],
    ]);
  });
});
