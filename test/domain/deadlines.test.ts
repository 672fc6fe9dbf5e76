import { describe, expect, it } from 'vitest';
import { chineseOfficialCalendar } from '../../src/domain/calendar/official-calendar.js';
import { WorkingCalendar } from '../../src/domain/calendar/working-calendar.js';
import { caseDeadline, objectionDeadline, r7Deadline } from '../../src/domain/deadlines/case-deadlines.js';
import { DEFAULT_DEADLINE_POLICY, deadlinePolicySchema } from '../../src/domain/deadlines/deadline-policy.js';
import { overdueFacts } from '../../src/domain/deadlines/overdue.js';
import { dayPeriodEnd, monthPeriodEnd } from '../../src/domain/deadlines/period-end.js';

const cal = new WorkingCalendar(chineseOfficialCalendar);
const policy = DEFAULT_DEADLINE_POLICY;

describe('working calendar (R7)', () => {
  it('R7: National Day 2026 is off, and the make-up Saturday 2026-10-10 is a working day', () => {
    expect(cal.isWorkingDay('2026-10-01')).toBe(false);
    expect(cal.isWorkingDay('2026-10-07')).toBe(false);
    expect(cal.isWorkingDay('2026-10-10')).toBe(true);
    expect(cal.isWorkingDay('2026-10-11')).toBe(false);
    expect(cal.isWorkingDay('2026-11-28')).toBe(false);
  });

  it('R7: a calendar override wins over the official calendar (the 2027 schedule, local corrections)', () => {
    const withOverride = cal.withOverrides(new Map([['2027-01-01', false], ['2026-11-28', true]]));
    expect(cal.isWorkingDay('2027-01-01')).toBe(true); // the package does not know 2027 yet
    expect(withOverride.isWorkingDay('2027-01-01')).toBe(false);
    expect(withOverride.isWorkingDay('2026-11-28')).toBe(true);
  });

  it('R7: the special days of a span are the weekday holidays and make-up working weekends, overrides included', () => {
    expect(cal.specialDays('2026-09-28', '2026-10-11')).toEqual([
      { date: '2026-10-01', isWorkingDay: false },
      { date: '2026-10-02', isWorkingDay: false },
      { date: '2026-10-05', isWorkingDay: false },
      { date: '2026-10-06', isWorkingDay: false },
      { date: '2026-10-07', isWorkingDay: false },
      { date: '2026-10-10', isWorkingDay: true },
    ]);
    expect(cal.specialDays('2027-01-01', '2027-01-10')).toEqual([]); // 2027 not published in the package
    expect(cal.withOverrides(new Map([['2027-01-01', false]])).specialDays('2027-01-01', '2027-01-10')).toEqual([{ date: '2027-01-01', isWorkingDay: false }]);
  });

  it('R7: a calendar rebuilt from recorded special days counts that span as recorded and the rest as before', () => {
    const recorded = cal.withSpecialDays('2026-10-01', '2026-10-31', [{ date: '2026-10-01', isWorkingDay: false }]);
    expect(recorded.isWorkingDay('2026-10-01')).toBe(false);
    expect(recorded.isWorkingDay('2026-10-02')).toBe(true); // not recorded: a plain Friday in that span
    expect(recorded.isWorkingDay('2026-10-10')).toBe(false); // a plain Saturday in that span
    expect(recorded.isWorkingDay('2026-09-30')).toBe(true);
    expect(recorded.isWorkingDay('2026-11-28')).toBe(false); // outside the span: as the calendar says
  });
});

describe('R7 deadlines of cases taken on visits and reception', () => {
  it('R7: a simple case is closed the same day', () => {
    expect(r7Deadline('2026-11-02', 'SIMPLE', cal, policy)).toBe('2026-11-02');
  });

  it('R7: a general case is due 15 working days after receipt', () => {
    // 2026-11-02 (Mon) + 15 working days, the start day not counted → Mon 2026-11-23
    expect(r7Deadline('2026-11-02', 'GENERAL', cal, policy)).toBe('2026-11-23');
  });

  it('R7: a general case received on the eve of National Day 2026 skips the holiday and counts the make-up day', () => {
    // Oct 8, 9, 10 (make-up Saturday), 12–16, 19–23, 26, 27 → the 15th working day is 10-27
    expect(r7Deadline('2026-09-30', 'GENERAL', cal, policy)).toBe('2026-10-27');
    const noMakeUp = cal.withOverrides(new Map([['2026-10-10', false]]));
    expect(r7Deadline('2026-09-30', 'GENERAL', noMakeUp, policy)).toBe('2026-10-28');
  });

  it('R7: an override that makes 2027-01-01 a holiday moves a general deadline by one working day', () => {
    const cal2027 = cal.withOverrides(new Map([['2027-01-01', false]]));
    expect(r7Deadline('2026-12-24', 'GENERAL', cal, policy)).toBe('2027-01-14');
    expect(r7Deadline('2026-12-24', 'GENERAL', cal2027, policy)).toBe('2027-01-15');
  });

  it('R7: a key/difficult/complex case is due 2 calendar months later, moved off a rest day', () => {
    expect(r7Deadline('2026-09-30', 'COMPLEX', cal, policy)).toBe('2026-11-30');
    // 2026-08-01 + 2 months = 2026-10-01, a holiday → the next working day, 10-08
    expect(r7Deadline('2026-08-01', 'COMPLEX', cal, policy)).toBe('2026-10-08');
  });
});

describe('R9 statutory limits and 民法典 day counting', () => {
  it('R9: the start day is not counted and a period ending on a rest day ends on the next working day', () => {
    // 2026-09-30 + 60 days = 2026-11-29, a Sunday → Monday 2026-11-30
    expect(dayPeriodEnd('2026-09-30', 60, cal, policy)).toBe('2026-11-30');
    expect(dayPeriodEnd('2026-11-02', 15, cal, policy)).toBe('2026-11-17');
  });

  it('R9: a month period ends on the same date, or the last day of a shorter month', () => {
    expect(monthPeriodEnd('2026-03-31', 1, cal, policy)).toBe('2026-04-30');
    expect(monthPeriodEnd('2026-01-31', 1, cal, policy)).toBe('2026-02-28'); // a make-up working Saturday
    expect(monthPeriodEnd('2026-05-31', 1, cal, policy)).toBe('2026-06-30');
  });

  it('R9: the counting rule is configuration (the start day counted as day 1)', () => {
    const inclusive = deadlinePolicySchema.parse({ counting: 'INCLUSIVE' });
    expect(dayPeriodEnd('2026-11-02', 15, cal, inclusive)).toBe('2026-11-16');
  });

  it('R9: limits are configuration (a province with a 30-day handling limit)', () => {
    const shorter = deadlinePolicySchema.parse({ handlingDays: 30 });
    const d = caseDeadline({ source: 'LETTER', complexity: 'GENERAL', receivedOn: '2026-11-02' }, cal, shorter);
    expect(d).toMatchObject({ dueOn: '2026-12-02', rule: 'R9_HANDLING' });
  });

  it('R9: a letter case (no R7 limit) is due 60 days after acceptance', () => {
    const d = caseDeadline({ source: 'LETTER', complexity: 'GENERAL', receivedOn: '2026-09-30' }, cal, policy);
    expect(d).toMatchObject({ dueOn: '2026-11-30', rule: 'R9_HANDLING' });
    expect(d.milestones).toMatchObject({ registerBy: '2026-10-15', acceptanceBy: '2026-10-15', statutoryCeiling: '2026-12-29' });
  });

  it('R9: the earliest deadline that applies wins (R7 general before the statutory 60 days)', () => {
    const d = caseDeadline({ source: 'VISIT', complexity: 'GENERAL', receivedOn: '2026-09-30' }, cal, policy);
    expect(d.dueOn).toBe('2026-10-27');
    expect(d.rule).toBe('R7_GENERAL');
    expect(d.candidates.map((c) => c.rule).sort()).toEqual(['R7_GENERAL', 'R9_HANDLING']);
  });

  it('R9: an objection to a wrongly assigned case is due within 5 working days', () => {
    // 9-30, 10-08, 10-09, 10-10 (make-up), 10-12
    expect(objectionDeadline('2026-09-29', cal, policy)).toBe('2026-10-12');
  });
});

describe('R8 and R10', () => {
  it('R8: an owned case uses the deadline its approval set, unless the statute is earlier', () => {
    const owned = caseDeadline(
      { source: 'VISIT', complexity: 'GENERAL', receivedOn: '2026-09-30', ownershipDeadline: '2026-11-10' },
      cal,
      policy,
    );
    expect(owned).toMatchObject({ dueOn: '2026-11-10', rule: 'R8_OWNERSHIP' });
    const late = caseDeadline(
      { source: 'VISIT', complexity: 'GENERAL', receivedOn: '2026-09-30', ownershipDeadline: '2027-03-01' },
      cal,
      policy,
    );
    expect(late).toMatchObject({ dueOn: '2026-11-30', rule: 'R9_HANDLING' });
  });

  it('R10/R9: an extension replaces the 60 days but never goes past the 30-day ceiling', () => {
    const ok = caseDeadline({ source: 'LETTER', complexity: 'GENERAL', receivedOn: '2026-09-30', extendedTo: '2026-12-15' }, cal, policy);
    expect(ok).toMatchObject({ dueOn: '2026-12-15', rule: 'R10_EXTENSION' });
    const capped = caseDeadline({ source: 'LETTER', complexity: 'GENERAL', receivedOn: '2026-09-30', extendedTo: '2027-01-20' }, cal, policy);
    expect(capped).toMatchObject({ dueOn: '2026-12-29', rule: 'R10_EXTENSION' });
  });
});

describe('R11 overdue', () => {
  it('R11: a case open past its deadline day is overdue, counted in calendar and working days', () => {
    const f = overdueFacts('2026-09-30', null, '2026-10-09', cal);
    expect(f).toMatchObject({ overdue: true, overdueSince: '2026-10-01', calendarDaysOverdue: 9, workingDaysOverdue: 2 });
  });

  it('R11: on the deadline day it is not overdue yet and shows the working days left', () => {
    expect(overdueFacts('2026-11-23', null, '2026-11-23', cal)).toMatchObject({ overdue: false, workingDaysLeft: 0 });
    expect(overdueFacts('2026-11-23', null, '2026-11-18', cal)).toMatchObject({ overdue: false, workingDaysLeft: 3 });
  });

  it('R11: a case resolved late stays overdue on the record; one resolved in time never was', () => {
    expect(overdueFacts('2026-11-10', '2026-11-12', '2027-01-01', cal)).toMatchObject({ overdue: true, overdueSince: '2026-11-11' });
    expect(overdueFacts('2026-11-10', '2026-11-10', '2027-01-01', cal)).toMatchObject({ overdue: false });
  });
});
