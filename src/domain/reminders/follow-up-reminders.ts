import type { LocalDate } from '../../lib/local-date.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { notification, type Notification } from '../notifications.js';
import { nextDeadlineReminder, STAGE_TEXT } from './deadline-reminders.js';

export interface AwaitingFollowUp {
  caseId: string;
  caseNumber: string;
  caseTitle: string;
  /** Last day of the R27 window (followUpWindowEnd). */
  windowEnd: LocalDate;
}

/**
 * R27: the office is reminded to call the petitioner back before the window closes — 3 working
 * days before its last day, the working day before, and the day itself. After that the case is
 * recorded as 逾期未评价 by the expiry job, which tells the office itself.
 */
export function followUpReminder(c: AwaitingFollowUp, today: LocalDate, calendar: WorkingCalendar, officeIds: string[]): Notification | null {
  const due = nextDeadlineReminder(c.windowEnd, today, calendar);
  if (due.on !== today || due.stage === 'OVERDUE') return null;
  const text = STAGE_TEXT[due.stage](due);
  return notification({
    kind: 'FOLLOW_UP_REMINDER',
    key: `follow-up:${c.caseId}:${c.windowEnd}:${due.stage}`,
    urgency: 'NORMAL',
    recipientIds: officeIds,
    caseId: c.caseId,
    title: `${c.caseNumber} 回访期限${text}`,
    body: `案件「${c.caseTitle}」已办结，回访期限截至 ${c.windowEnd}（${text}）。请回访信访人并分别登记对信访办和责任单位的满意度，逾期将记为「逾期未评价」。`,
  });
}
