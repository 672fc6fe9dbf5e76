import { describe, expect, it } from 'vitest';
import { quarterlyMeetingStatus } from '../../src/domain/duties/meetings.js';
import { monthsOfQuarter, nextQuarter, quarterLabel, quartersBetween } from '../../src/domain/duties/periods.js';

describe('R12 quarterly leading-group meetings', () => {
  it('R12: quarter labels run across years', () => {
    expect(quartersBetween('2025Q3', '2026Q2')).toEqual(['2025Q3', '2025Q4', '2026Q1', '2026Q2']);
    expect(quartersBetween('2026Q2', '2026Q1')).toEqual([]);
    expect(nextQuarter('2026Q4')).toBe('2027Q1');
    expect(monthsOfQuarter('2026Q4')).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(quarterLabel('2026Q3')).toBe('2026年第三季度');
  });

  it.each([
    // today, meetings, expected statuses Q1..Q4 of 2026
    ['2026-11-02', ['2026-02-10', '2026-08-31'], ['HELD', 'GAP', 'HELD', 'DUE']],
    ['2026-03-31', [], ['DUE', 'NOT_STARTED', 'NOT_STARTED', 'NOT_STARTED']],
    ['2026-04-01', [], ['GAP', 'DUE', 'NOT_STARTED', 'NOT_STARTED']],
    ['2027-01-05', ['2026-12-31'], ['GAP', 'GAP', 'GAP', 'HELD']],
    // A meeting dated after today has not been held yet.
    ['2026-05-01', ['2026-06-15'], ['GAP', 'DUE', 'NOT_STARTED', 'NOT_STARTED']],
  ])('R12: on %s with meetings %j the quarters are %j', (today, meetingDates, statuses) => {
    const o = quarterlyMeetingStatus({ from: '2026Q1', to: '2026Q4', meetingDates, today });
    expect(o.quarters.map((q) => q.status)).toEqual(statuses);
    expect(o.gaps).toEqual(o.quarters.filter((q) => q.status === 'GAP').map((q) => q.quarter));
  });

  it('R12: the current quarter is due until its last day and shown as a gap the day after', () => {
    const last = quarterlyMeetingStatus({ from: '2026Q3', to: '2026Q3', meetingDates: [], today: '2026-09-30' });
    expect(last.current?.status).toBe('DUE');
    expect(last.gaps).toEqual([]);
    const after = quarterlyMeetingStatus({ from: '2026Q3', to: '2026Q3', meetingDates: [], today: '2026-10-01' });
    expect(after.current).toBeNull();
    expect(after.gaps).toEqual(['2026Q3']);
  });

  it.each([
    ['2026-12-16', false],
    ['2026-12-17', true],
    ['2026-12-31', true],
  ])('R12: with no meeting the office is reminded from 14 days before the quarter ends (%s → %s)', (today, remind) => {
    const o = quarterlyMeetingStatus({ from: '2026Q4', to: '2026Q4', meetingDates: [], today });
    expect(o.current?.remindFrom).toBe('2026-12-17');
    expect(o.current?.remind).toBe(remind);
  });

  it('R12: a held quarter is never reminded, and the lead time is configurable', () => {
    expect(quarterlyMeetingStatus({ from: '2026Q4', to: '2026Q4', meetingDates: ['2026-10-09'], today: '2026-12-30' }).current?.remind).toBe(false);
    const early = quarterlyMeetingStatus({ from: '2026Q4', to: '2026Q4', meetingDates: [], today: '2026-12-01', reminderLeadDays: 31 });
    expect(early.current?.remind).toBe(true);
  });
});
