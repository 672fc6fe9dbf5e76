import type { LocalDate } from '../../lib/local-date.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { notification, type Notification } from '../notifications.js';
import { REVIEW_KIND_LABELS, type ReviewKind } from '../review/review-clocks.js';
import { nextDeadlineReminder, STAGE_TEXT } from './deadline-reminders.js';

export interface PendingReview {
  reviewId: string;
  kind: ReviewKind;
  dueOn: LocalDate;
  caseId: string;
  caseNumber: string;
  caseTitle: string;
}

/**
 * R26: a 复查 or 复核 waiting for its written answer is reminded like a case deadline — 3
 * working days before, the working day before, the day, then each working day overdue — to
 * the office and the case's handlers, who prepare the file for the reviewing body.
 */
export function reviewReminder(r: PendingReview, today: LocalDate, calendar: WorkingCalendar, recipientIds: string[]): Notification | null {
  const due = nextDeadlineReminder(r.dueOn, today, calendar);
  if (due.on !== today) return null;
  const label = REVIEW_KIND_LABELS[r.kind];
  const text = STAGE_TEXT[due.stage](due);
  return notification({
    kind: 'REVIEW_REMINDER',
    key: `review:${r.reviewId}:${due.stage}:${due.on}`,
    urgency: 'NORMAL',
    recipientIds,
    caseId: r.caseId,
    title: `${r.caseNumber} ${label}意见${text}`,
    body:
      `案件「${r.caseTitle}」的${label}请求应于 ${r.dueOn} 前作出书面${label}意见，${text}。` +
      (due.stage === 'OVERDUE' ? `请尽快答复并在案件卡片中登记${label}意见。` : `请按期准备材料并登记${label}意见。`),
  });
}
