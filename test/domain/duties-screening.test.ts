import { describe, expect, it } from 'vitest';
import { chineseOfficialCalendar } from '../../src/domain/calendar/official-calendar.js';
import { WorkingCalendar } from '../../src/domain/calendar/working-calendar.js';
import { isLateReport, screeningDateProblems, screeningStatus, type ScreeningPeriodFacts } from '../../src/domain/duties/screening.js';

const cal = new WorkingCalendar(chineseOfficialCalendar);
const regular: ScreeningPeriodFacts = {
  id: 'p1', name: '11月常规排查', kind: 'REGULAR', startsOn: '2026-11-02', endsOn: '2026-11-20', reportDueOn: '2026-11-23', unitIds: ['u1', 'u2', 'u3'],
};
// National Day 2026: Oct 1–7 off, Sept 20 and Oct 10 make-up working days.
const sensitive: ScreeningPeriodFacts = {
  id: 'p2', name: '国庆敏感期排查', kind: 'SENSITIVE', startsOn: '2026-09-28', endsOn: '2026-10-08', reportDueOn: '2026-09-30', unitIds: ['u1', 'u2'],
};
const report = (unitId: string, late = false, isZero = true) => ({ unitId, isZero, submittedAt: new Date('2026-11-10T10:00:00+08:00'), late });

describe('R17 dispute screening', () => {
  it('R17: a report is late only after the end of the due day, Beijing time', () => {
    expect(isLateReport(new Date('2026-11-23T23:59:00+08:00'), '2026-11-23')).toBe(false);
    expect(isLateReport(new Date('2026-11-24T00:00:00+08:00'), '2026-11-23')).toBe(true);
    // 2026-11-23T20:00Z is already the 24th in Beijing.
    expect(isLateReport(new Date('2026-11-23T20:00:00Z'), '2026-11-23')).toBe(true);
  });

  it('R17: the units that have not reported are listed; overdue only after the due date', () => {
    const before = screeningStatus(regular, [report('u1'), report('u3', false, false)], '2026-11-23', cal);
    expect(before.missing).toEqual(['u2']);
    expect(before.overdue).toEqual([]);
    const after = screeningStatus(regular, [report('u1')], '2026-11-24', cal);
    expect(after.missing).toEqual(['u2', 'u3']);
    expect(after.overdue).toEqual(['u2', 'u3']);
    expect(after.units[0]).toMatchObject({ unitId: 'u1', reported: true, isZero: true, remind: false });
  });

  it.each([
    // due Monday 2026-11-23: the "due" stage starts on the working day before (Friday 11-20),
    // the "overdue" stage on the working day after (Tuesday 11-24)
    ['2026-11-19', null],
    ['2026-11-20', 'screening:p1:u2:due'],
    ['2026-11-22', 'screening:p1:u2:due'],
    ['2026-11-23', 'screening:p1:u2:due'],
    ['2026-11-24', 'screening:p1:u2:overdue'],
    ['2026-12-15', 'screening:p1:u2:overdue'],
  ])('R17: in a regular period a missing unit is reminded by stage (%s → %s)', (today, key) => {
    const u2 = screeningStatus(regular, [], today, cal).units.find((u) => u.unitId === 'u2')!;
    expect(u2.reminderKey).toBe(key);
    expect(u2.remind).toBe(key !== null);
  });

  it.each([
    ['2026-09-27', null],
    ['2026-09-28', 'screening:p2:u2:2026-09-28'],
    ['2026-10-03', 'screening:p2:u2:2026-10-03'], // a holiday: sensitive periods remind every day
    ['2026-10-12', 'screening:p2:u2:2026-10-12'], // after the period, still daily until it reports
  ])('R17: in a sensitive period a missing unit is reminded daily until it reports (%s → %s)', (today, key) => {
    const u2 = screeningStatus(sensitive, [report('u1')], today, cal).units.find((u) => u.unitId === 'u2')!;
    expect(u2.reminderKey).toBe(key);
    const u1 = screeningStatus(sensitive, [report('u1')], today, cal).units.find((u) => u.unitId === 'u1')!;
    expect(u1.remind).toBe(false);
  });

  it('R17: a late report is kept as late and no longer reminded', () => {
    const s = screeningStatus(regular, [report('u2', true, false)], '2026-11-30', cal);
    expect(s.units.find((u) => u.unitId === 'u2')).toMatchObject({ reported: true, late: true, overdue: false, remind: false });
  });

  it.each<[string, { startsOn: string; endsOn: string; reportDueOn: string }, string[]]>([
    ['valid', { startsOn: '2026-11-02', endsOn: '2026-11-20', reportDueOn: '2026-11-23' }, []],
    ['ends before it starts', { startsOn: '2026-11-20', endsOn: '2026-11-02', reportDueOn: '2026-11-23' }, ['结束日期不能早于开始日期']],
    ['report due before start', { startsOn: '2026-11-10', endsOn: '2026-11-20', reportDueOn: '2026-11-09' }, ['报送截止日期不能早于开始日期']],
    ['report due already past', { startsOn: '2026-10-01', endsOn: '2026-10-20', reportDueOn: '2026-10-25' }, ['报送截止日期已过']],
    ['period longer than a year', { startsOn: '2026-11-02', endsOn: '2027-12-01', reportDueOn: '2026-11-23' }, ['排查期不能超过一年']],
    ['report due long after the end', { startsOn: '2026-11-02', endsOn: '2026-11-20', reportDueOn: '2027-01-20' }, ['报送截止日期不能晚于结束日期31天以上']],
  ])('R17: declared dates: %s', (_label, dates, problems) => {
    expect(screeningDateProblems(dates, '2026-11-02')).toEqual(problems);
  });
});
