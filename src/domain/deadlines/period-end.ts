import { addDays, addMonths, type LocalDate } from '../../lib/local-date.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import type { DeadlinePolicy } from './deadline-policy.js';

/** Last day of a period of `days` calendar days starting on `start` (R9 day counting). */
export function dayPeriodEnd(start: LocalDate, days: number, calendar: WorkingCalendar, policy: DeadlinePolicy): LocalDate {
  const end = policy.counting === 'CIVIL_CODE' ? addDays(start, days) : addDays(start, days - 1);
  return calendar.onOrNextWorkingDay(end);
}

/** Last day of a period of `months` months: same date of the month, or the month's last day. */
export function monthPeriodEnd(start: LocalDate, months: number, calendar: WorkingCalendar, policy: DeadlinePolicy): LocalDate {
  const same = addMonths(start, months);
  const end = policy.counting === 'CIVIL_CODE' ? same : addDays(same, -1);
  return calendar.onOrNextWorkingDay(end);
}

/** Last day of a period of `n` working days (the start day never counts as one). */
export function workingDayPeriodEnd(start: LocalDate, n: number, calendar: WorkingCalendar): LocalDate {
  return calendar.addWorkingDays(start, n);
}
