import { describe, expect, it } from 'vitest';
import { chineseOfficialCalendar } from '../../src/domain/calendar/official-calendar.js';
import { WorkingCalendar } from '../../src/domain/calendar/working-calendar.js';
import { reportingPeriodOn } from '../../src/domain/ownership/reporting-cadence.js';
import { followUpReminder } from '../../src/domain/reminders/follow-up-reminders.js';
import { reportReminder, type ReportingOwnership } from '../../src/domain/reminders/report-reminders.js';
import { reviewReminder } from '../../src/domain/reminders/review-reminders.js';
import { calendarReminder } from '../../src/domain/reminders/calendar-reminder.js';
import { mondayOf, weeklySummaryNotification, weeklySummaryWeek } from '../../src/domain/reminders/weekly-summary.js';

const calendar = new WorkingCalendar(chineseOfficialCalendar);

const ownership = (o: Partial<ReportingOwnership> = {}): ReportingOwnership => ({
  ownershipId: 'own-1',
  caseId: 'case-1',
  caseNumber: 'XF-2026-0042',
  caseTitle: '村道修缮纠纷',
  leaderId: 'leader',
  responsiblePersonId: 'cadre',
  cadence: 'WEEKLY',
  activeFrom: '2026-11-02',
  lastReportedOn: null,
  ...o,
});

/** The reminder keys of each day from `from` to `to`. */
function keysByDay(o: ReportingOwnership, from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) {
    const n = reportReminder(o, d, calendar);
    if (n) out.push(`${d} ${n.key}`);
  }
  return out;
}

describe('R2 报送方式: the reporting period reminders', () => {
  it('R2: a weekly report is reminded from the working day before its period ends, on working days, until it is in', () => {
    expect(keysByDay(ownership(), '2026-11-02', '2026-11-16')).toEqual([
      '2026-11-06 report:own-1:2026-11-09',
      '2026-11-09 report:own-1:2026-11-09',
      '2026-11-13 report:own-1:2026-11-16',
      '2026-11-16 report:own-1:2026-11-16',
    ]);
    const n = reportReminder(ownership(), '2026-11-06', calendar)!;
    expect(n.recipientIds).toEqual(['leader', 'cadre']);
    expect(n.body).toContain('本期（2026-11-02 至 2026-11-09）尚未报送进展');
  });

  it('R2: a report in the current period silences it; one from the period before does not', () => {
    expect(reportReminder(ownership({ lastReportedOn: '2026-11-04' }), '2026-11-06', calendar)).toBeNull();
    expect(reportReminder(ownership({ lastReportedOn: '2026-11-09' }), '2026-11-13', calendar)?.key).toBe('report:own-1:2026-11-16');
    expect(reportReminder(ownership({ lastReportedOn: '2026-11-10' }), '2026-11-13', calendar)).toBeNull();
  });

  it('R2: a daily report is reminded each working day it is not in, never on a weekend', () => {
    const daily = ownership({ cadence: 'DAILY' });
    expect(reportReminder(daily, '2026-11-04', calendar)?.key).toBe('report:own-1:2026-11-04');
    expect(reportReminder({ ...daily, lastReportedOn: '2026-11-04' }, '2026-11-04', calendar)).toBeNull();
    expect(reportReminder(daily, '2026-11-07', calendar)).toBeNull();
  });

  it('R2: across National Day 2026 a period ending on the holiday is reminded before it, the next one on the working day before its end', () => {
    const o = ownership({ activeFrom: '2026-09-29' });
    expect(keysByDay(o, '2026-09-29', '2026-10-13')).toEqual([
      '2026-09-30 report:own-1:2026-10-06',
      '2026-10-12 report:own-1:2026-10-13',
      '2026-10-13 report:own-1:2026-10-13',
    ]);
  });

  it('R2: periods are counted from activation, a month period ending on the month\'s last day when the date does not exist', () => {
    expect(reportingPeriodOn('2026-01-31', 'MONTHLY', '2026-02-15')).toEqual({ k: 1, from: '2026-01-31', dueOn: '2026-02-28' });
    expect(reportingPeriodOn('2026-01-31', 'MONTHLY', '2026-03-01')).toMatchObject({ from: '2026-03-01' });
    expect(reportingPeriodOn('2020-01-01', 'DAILY', '2026-11-04')).toMatchObject({ from: '2026-11-04', dueOn: '2026-11-04' });
    expect(reportingPeriodOn('2026-11-02', 'BIWEEKLY', '2026-11-17')).toEqual({ k: 2, from: '2026-11-17', dueOn: '2026-11-30' });
  });
});

describe('R26 and R27: review answers and call-backs', () => {
  const review = { reviewId: 'rev-1', kind: 'REVIEW' as const, dueOn: '2026-10-12', caseId: 'case-1', caseNumber: 'XF-2026-0042', caseTitle: '村道修缮纠纷' };

  it('R26: a 复查 answer is reminded 3 working days before (across National Day), on the day and each working day overdue', () => {
    expect(reviewReminder(review, '2026-10-08', calendar, ['office'])?.key).toBe('review:rev-1:DUE_IN_3:2026-10-08');
    expect(reviewReminder(review, '2026-10-09', calendar, ['office'])).toBeNull();
    expect(reviewReminder(review, '2026-10-12', calendar, ['office'])?.title).toBe('XF-2026-0042 复查意见今天到期');
    const late = reviewReminder({ ...review, kind: 'RE_REVIEW' }, '2026-10-14', calendar, ['office'])!;
    expect(late.title).toBe('XF-2026-0042 复核意见已逾期 2 个工作日');
    expect(reviewReminder(review, '2026-10-17', calendar, ['office'])).toBeNull();
  });

  it('R27: the office is reminded before the call-back window closes, not after (the expiry job takes over)', () => {
    const c = { caseId: 'case-1', caseNumber: 'XF-2026-0042', caseTitle: '村道修缮纠纷', windowEnd: '2026-10-12' };
    expect(followUpReminder(c, '2026-10-08', calendar, ['office'])?.key).toBe('follow-up:case-1:2026-10-12:DUE_IN_3');
    expect(followUpReminder(c, '2026-10-10', calendar, ['office'])?.key).toBe('follow-up:case-1:2026-10-12:DUE_TOMORROW');
    expect(followUpReminder(c, '2026-10-12', calendar, ['office'])?.recipientIds).toEqual(['office']);
    expect(followUpReminder(c, '2026-10-13', calendar, ['office'])).toBeNull();
  });
});

describe('the weekly summary', () => {
  it('goes on Monday about the week before, once per week whatever day it is computed', () => {
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(weeklySummaryWeek('2026-11-30', calendar)).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(weeklySummaryWeek('2026-12-03', calendar)).toEqual({ from: '2026-11-23', to: '2026-11-29' });
  });

  it('after National Day 2026 it goes on the first working day of the week, and not before', () => {
    expect(weeklySummaryWeek('2026-10-05', calendar)).toBeNull();
    expect(weeklySummaryWeek('2026-10-07', calendar)).toBeNull();
    expect(weeklySummaryWeek('2026-10-08', calendar)).toEqual({ from: '2026-09-28', to: '2026-10-04' });
  });

  it('names its week in the key and carries the figures for the card', () => {
    const figures = { from: '2026-11-23', to: '2026-11-29', received: 3, resolved: 1, openNow: 10, overdueNow: 2, byVillage: [] };
    const n = weeklySummaryNotification(figures, ['office', 'office', 'principal']);
    expect(n).toMatchObject({ kind: 'WEEKLY_SUMMARY', key: 'weekly:2026-11-23', recipientIds: ['office', 'principal'], weekly: figures });
    expect(n.body).toBe('上周新收 3 件，办结 1 件；目前在办 10 件，其中逾期 2 件。');
  });
});

describe('the holiday schedule of next year (R7)', () => {
  it('R7: from 1 November the office is reminded once a week to enter next year\'s schedule, while none of it is known', () => {
    expect(calendarReminder('2026-10-30', calendar, ['office'])).toBeNull();
    const first = calendarReminder('2026-11-02', calendar, ['office']);
    expect(first).toMatchObject({ kind: 'CALENDAR_REMINDER', key: 'calendar:2027:2026-11-02', urgency: 'NORMAL', recipientIds: ['office'], title: '请录入 2027 年放假安排' });
    expect(first!.body).toContain('系统管理 → 工作日历');
    expect(calendarReminder('2026-11-06', calendar, ['office'])!.key).toBe('calendar:2027:2026-11-02'); // the same week: one push
    expect(calendarReminder('2026-11-29', calendar, ['office'])!.key).toBe('calendar:2027:2026-11-23');
    // One day of 2027 entered (or built in after an upgrade): the schedule is there.
    expect(calendarReminder('2026-11-30', calendar.withOverrides(new Map([['2027-01-01', false]])), ['office'])).toBeNull();
  });

  it('R7: a year begun without its schedule is urgent; a year with both schedules known needs nothing', () => {
    expect(calendarReminder('2027-01-04', calendar, ['office'])).toMatchObject({ key: 'calendar:2027:2027-01-04', urgency: 'URGENT', title: '尚未录入 2027 年放假安排' });
    expect(calendarReminder('2025-11-10', calendar, ['office'])).toBeNull(); // 2025 and 2026 are built in
    expect(calendarReminder('2026-06-01', calendar, ['office'])).toBeNull(); // 2027 is not due before November
  });
});
