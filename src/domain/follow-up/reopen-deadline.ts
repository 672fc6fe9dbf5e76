import type { LocalDate } from '../../lib/local-date.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import type { DateRule } from '../dates/date-rules.js';
import type { DeadlinePolicy } from '../deadlines/deadline-policy.js';
import { dayPeriodEnd } from '../deadlines/period-end.js';

/**
 * R27 with R9: a case reopened after 不满意 gets a new deadline from today, no later than a
 * fresh statutory handling period (60 days by default), on a working day.
 */
export function reopenDeadlineRule(today: LocalDate, calendar: WorkingCalendar, policy: DeadlinePolicy): DateRule {
  return {
    label: '重新办理时限',
    earliest: { date: today, why: '今天' },
    latest: { date: dayPeriodEnd(today, policy.handlingDays, calendar, policy), why: '法定办理期限', note: `自重新办理之日起${policy.handlingDays}日，R9` },
    workingDays: calendar,
    deadline: true,
  };
}
