import { addDays, weekday, type LocalDate } from '../../lib/local-date.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { notification, type Notification } from '../notifications.js';
import type { WeeklyFigures } from './weekly-figures.js';

export type { WeeklyFigures } from './weekly-figures.js';


/** The Monday of the week `date` falls in. */
export function mondayOf(date: LocalDate): LocalDate {
  return addDays(date, -((weekday(date) + 6) % 7));
}

/**
 * The weekly summary goes on the first working day of each week (Monday, or the first day back
 * after a holiday) about the week before; a week without a working day has none. Returns the
 * week to report on when `today` is on or after that day in its week, else null (the key of the
 * notification names the week, so a late or repeated run still sends it once).
 */
export function weeklySummaryWeek(today: LocalDate, calendar: WorkingCalendar): { from: LocalDate; to: LocalDate } | null {
  const monday = mondayOf(today);
  const first = calendar.onOrNextWorkingDay(monday);
  if (first > addDays(monday, 6) || today < first) return null;
  return { from: addDays(monday, -7), to: addDays(monday, -1) };
}

/** The summary of the week starting `monday` is one fact: sent once. */
export const weeklySummaryKey = (monday: LocalDate) => `weekly:${monday}`;

export function weeklySummaryNotification(f: WeeklyFigures, recipientIds: string[]): Notification {
  return notification({
    kind: 'WEEKLY_SUMMARY',
    key: weeklySummaryKey(f.from),
    urgency: 'NORMAL',
    recipientIds,
    title: `信访工作周报（${f.from} 至 ${f.to}）`,
    body: `上周新收 ${f.received} 件，办结 ${f.resolved} 件；目前在办 ${f.openNow} 件，其中逾期 ${f.overdueNow} 件。`,
    weekly: f,
  });
}
