import { addDays, daysBetween, type LocalDate } from '../../lib/local-date.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';

export interface OverdueFacts {
  overdue: boolean;
  /** First day the case was overdue: kept on the record even after resolution (R11). */
  overdueSince: LocalDate | null;
  calendarDaysOverdue: number;
  workingDaysOverdue: number;
  /** Working days left until the deadline (0 on the day itself); null once overdue. */
  workingDaysLeft: number | null;
}

/**
 * R11: a case not resolved by the end of its deadline day is overdue. For a resolved case the
 * question is whether it was resolved late; `today` only matters while it is open.
 */
export function overdueFacts(
  dueOn: LocalDate,
  resolvedOn: LocalDate | null,
  today: LocalDate,
  calendar: WorkingCalendar,
): OverdueFacts {
  const reference = resolvedOn ?? today;
  if (reference <= dueOn) {
    return {
      overdue: false,
      overdueSince: null,
      calendarDaysOverdue: 0,
      workingDaysOverdue: 0,
      workingDaysLeft: resolvedOn ? null : calendar.workingDaysBetween(today, dueOn),
    };
  }
  return {
    overdue: true,
    overdueSince: addDays(dueOn, 1),
    calendarDaysOverdue: daysBetween(dueOn, reference),
    workingDaysOverdue: calendar.workingDaysBetween(dueOn, reference),
    workingDaysLeft: null,
  };
}
