import { addDays, compareDates, type LocalDate } from '../../lib/local-date.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { notification, type Notification } from '../notifications.js';

/** How far a deadline is, as the reminders of R7–R11 say it. */
export type DeadlineStage = 'DUE_IN_3' | 'DUE_TOMORROW' | 'DUE_TODAY' | 'OVERDUE';

/** Who hears a reminder: the handlers always; the office once overdue; principal leaders after 5 working days overdue. */
export type DeadlineAudience = 'HANDLERS' | 'HANDLERS_AND_OFFICE' | 'WITH_PRINCIPALS';

export interface DeadlineReminder {
  stage: DeadlineStage;
  /** The working day it is pushed on. */
  on: LocalDate;
  /** Working days past the deadline (OVERDUE only). */
  overdueDays: number;
  audience: DeadlineAudience;
}

export const PRINCIPALS_AFTER_OVERDUE_WORKING_DAYS = 5;

/** The working day n working days before `date` (n ≥ 1). */
export function workingDaysBefore(date: LocalDate, n: number, calendar: WorkingCalendar): LocalDate {
  let d = date;
  let left = n;
  while (left > 0) {
    d = addDays(d, -1);
    if (calendar.isWorkingDay(d)) left -= 1;
  }
  return d;
}

/**
 * Every reminder of a deadline falls on a working day: 3 working days before ("还剩3个工作日"),
 * the working day before ("明天到期" — on a Friday for a Monday deadline), the day itself, then
 * each working day overdue, for as long as the case is open (the caller stops asking when it
 * closes). Returns the first one on or after `from`.
 */
export function nextDeadlineReminder(dueOn: LocalDate, from: LocalDate, calendar: WorkingCalendar): DeadlineReminder {
  const before: [DeadlineStage, LocalDate][] = [
    ['DUE_IN_3', workingDaysBefore(dueOn, 3, calendar)],
    ['DUE_TOMORROW', workingDaysBefore(dueOn, 1, calendar)],
    // A deadline on a day off gets no "due today": the next working day it is already overdue.
    ...(calendar.isWorkingDay(dueOn) ? [['DUE_TODAY', dueOn] as [DeadlineStage, LocalDate]] : []),
  ];
  for (const [stage, on] of before) {
    if (compareDates(on, from) >= 0) {
      return { stage, on, overdueDays: 0, audience: 'HANDLERS' };
    }
  }
  const on = calendar.onOrNextWorkingDay(compareDates(from, addDays(dueOn, 1)) > 0 ? from : addDays(dueOn, 1));
  const overdueDays = calendar.workingDaysBetween(dueOn, on);
  return { stage: 'OVERDUE', on, overdueDays, audience: overdueDays >= PRINCIPALS_AFTER_OVERDUE_WORKING_DAYS ? 'WITH_PRINCIPALS' : 'HANDLERS_AND_OFFICE' };
}

/** How a reminder says how far its deadline is. */
export const STAGE_TEXT: Record<DeadlineStage, (r: DeadlineReminder) => string> = {
  DUE_IN_3: () => '还剩 3 个工作日到期',
  DUE_TOMORROW: () => '下一个工作日到期',
  DUE_TODAY: () => '今天到期',
  OVERDUE: (r) => `已逾期 ${r.overdueDays} 个工作日`,
};

/** The reminder as the domain says it: who, what, how urgently. */
export function deadlineReminderNotification(
  c: { id: string; number: string; title: string; dueOn: LocalDate },
  r: DeadlineReminder,
  recipientIds: string[],
): Notification {
  const text = STAGE_TEXT[r.stage](r);
  return notification({
    kind: 'DEADLINE_REMINDER',
    key: `deadline:${c.id}:${c.dueOn}:${r.stage}:${r.on}`,
    urgency: 'NORMAL',
    recipientIds,
    caseId: c.id,
    title: `${c.number} ${text}`,
    body:
      `案件「${c.title}」办理期限为 ${c.dueOn}，${text}。` +
      (r.stage === 'OVERDUE' ? '请尽快办结，并向信访办说明逾期原因（R11）。' : '请按期办结并及时报送进展。'),
  });
}
