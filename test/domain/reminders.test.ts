import { describe, expect, it } from 'vitest';
import { chineseOfficialCalendar } from '../../src/domain/calendar/official-calendar.js';
import { WorkingCalendar } from '../../src/domain/calendar/working-calendar.js';
import { nextDeadlineReminder } from '../../src/domain/reminders/deadline-reminders.js';
import { nextApprovalReminderOn } from '../../src/domain/reminders/approval-reminders.js';
import { DEFAULT_DELIVERY_WINDOW, deliveryTime, spreadOffsetMs } from '../../src/domain/reminders/delivery-window.js';
import { DEFAULT_REMINDER_SETTINGS, deliveryWindowOf, escalationPolicyOf, reminderSettingsSchema } from '../../src/domain/reminders/reminder-settings.js';

const calendar = new WorkingCalendar(chineseOfficialCalendar);
const beijing = (s: string) => new Date(`${s}+08:00`);

/** Every reminder from `from` up to `until`, as the scheduler would walk them. */
function walk(dueOn: string, from: string, until: string) {
  const out: string[] = [];
  let day = from;
  while (day <= until) {
    const r = nextDeadlineReminder(dueOn, day, calendar);
    if (r.on > until) break;
    out.push(`${r.on} ${r.stage}${r.stage === 'OVERDUE' ? ` ${r.overdueDays} ${r.audience}` : ''}`);
    day = new Date(Date.parse(`${r.on}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  }
  return out;
}

describe('deadline reminders (R7–R11), on working days', () => {
  it('R7: a deadline after National Day 2026 is reminded 3 working days before, the working day before (a make-up Saturday) and on the day', () => {
    expect(walk('2026-10-12', '2026-09-28', '2026-10-12')).toEqual(['2026-10-08 DUE_IN_3', '2026-10-10 DUE_TOMORROW', '2026-10-12 DUE_TODAY']);
  });

  it('R7: the reminders skip the National Day holiday: 3 working days before 9 October is 29 September', () => {
    expect(walk('2026-10-09', '2026-09-21', '2026-10-09')).toEqual(['2026-09-29 DUE_IN_3', '2026-10-08 DUE_TOMORROW', '2026-10-09 DUE_TODAY']);
  });

  it('R11: an overdue case is reminded every working day, to the office too, and to the principal leaders from 5 working days overdue', () => {
    expect(walk('2026-10-12', '2026-10-13', '2026-10-20')).toEqual([
      '2026-10-13 OVERDUE 1 HANDLERS_AND_OFFICE',
      '2026-10-14 OVERDUE 2 HANDLERS_AND_OFFICE',
      '2026-10-15 OVERDUE 3 HANDLERS_AND_OFFICE',
      '2026-10-16 OVERDUE 4 HANDLERS_AND_OFFICE',
      '2026-10-19 OVERDUE 5 WITH_PRINCIPALS',
      '2026-10-20 OVERDUE 6 WITH_PRINCIPALS',
    ]);
  });

  it('R7: a deadline on a holiday has no "due today": the first working day after it is already overdue', () => {
    expect(walk('2026-10-03', '2026-09-25', '2026-10-08')).toEqual(['2026-09-28 DUE_IN_3', '2026-09-30 DUE_TOMORROW', '2026-10-08 OVERDUE 1 HANDLERS_AND_OFFICE']);
  });

  it('R7: asked late, the next reminder is the next one still ahead', () => {
    expect(nextDeadlineReminder('2026-10-12', '2026-10-09', calendar)).toMatchObject({ stage: 'DUE_TOMORROW', on: '2026-10-10' });
    expect(nextDeadlineReminder('2026-10-12', '2026-10-11', calendar)).toMatchObject({ stage: 'DUE_TODAY', on: '2026-10-12' });
  });
});

describe('delivery window: non-urgent pushes wait for working hours', () => {
  const at = (s: string, urgent = false) => deliveryTime(beijing(s), urgent, DEFAULT_DELIVERY_WINDOW, calendar).toISOString();

  it('R7: a routine reminder falling in the night before National Day goes out at 08:00 on the first working day after it', () => {
    expect(at('2026-09-30T22:00:00')).toBe(beijing('2026-10-08T08:00:00').toISOString());
  });

  it('R7: a make-up working Saturday is a working day for pushes; early morning waits until 08:00', () => {
    expect(at('2026-10-10T06:30:00')).toBe(beijing('2026-10-10T08:00:00').toISOString());
    expect(at('2026-10-10T12:00:00')).toBe(beijing('2026-10-10T12:00:00').toISOString());
  });

  it('R7: 21:00 is already outside the window; a weekend waits for Monday', () => {
    expect(at('2026-10-15T21:00:00')).toBe(beijing('2026-10-16T08:00:00').toISOString());
    expect(at('2026-10-17T10:00:00')).toBe(beijing('2026-10-19T08:00:00').toISOString());
  });

  it('R18: urgent pushes go at any hour, holidays included', () => {
    expect(at('2026-10-03T02:00:00', true)).toBe(beijing('2026-10-03T02:00:00').toISOString());
  });

  it('spreads pushes of the same minute by their key, stably', () => {
    const offsets = Array.from({ length: 200 }, (_, i) => spreadOffsetMs(`case:${i}:DUE_TODAY`, 60_000));
    expect(offsets.every((o) => o >= 0 && o < 60_000)).toBe(true);
    expect(new Set(offsets).size).toBeGreaterThan(150);
    expect(spreadOffsetMs('case:1:DUE_TODAY', 60_000)).toBe(offsets[1]);
    expect(spreadOffsetMs('x', 0)).toBe(0);
  });
});

describe('approval waits (R4)', () => {
  it('R4: a proposal made on a Friday is first reminded on Wednesday (Monday and Tuesday waited), then each working day', () => {
    expect(nextApprovalReminderOn('2026-11-20', '2026-11-20', calendar)).toBe('2026-11-25');
    expect(nextApprovalReminderOn('2026-11-20', '2026-11-26', calendar)).toBe('2026-11-26');
    expect(nextApprovalReminderOn('2026-11-20', '2026-11-28', calendar)).toBe('2026-11-30');
  });
});

describe('reminder settings', () => {
  it('working hours from the settings become the delivery window: a routine push at 08:10 waits for 09:30, an urgent one does not', () => {
    const window = deliveryWindowOf(reminderSettingsSchema.parse({ workingHoursStart: '09:30', workingHoursEnd: '17:30' }));
    expect(window).toEqual({ startMinute: 570, endMinute: 1050 });
    expect(deliveryTime(beijing('2026-11-30T08:10:00'), false, window, calendar)).toEqual(beijing('2026-11-30T09:30:00'));
    expect(deliveryTime(beijing('2026-11-30T17:45:00'), false, window, calendar)).toEqual(beijing('2026-12-01T09:30:00'));
    expect(deliveryTime(beijing('2026-11-30T08:10:00'), true, window, calendar)).toEqual(beijing('2026-11-30T08:10:00'));
  });

  it('R18: alert intervals in minutes become the escalation policy; the defaults are 10 and 30 minutes', () => {
    expect(escalationPolicyOf(DEFAULT_REMINDER_SETTINGS)).toEqual({ repeatEveryMs: 600_000, climbAfterMs: 1_800_000 });
    expect(deliveryWindowOf(DEFAULT_REMINDER_SETTINGS)).toEqual(DEFAULT_DELIVERY_WINDOW);
    expect(reminderSettingsSchema.safeParse({ workingHoursStart: '21:00', workingHoursEnd: '08:00' }).success).toBe(false);
  });
});
