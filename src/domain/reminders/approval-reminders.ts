import { compareDates, type LocalDate } from '../../lib/local-date.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { notification, type Notification } from '../notifications.js';

/** R4: a proposal waits for the standing committee at most this many working days before the approvers are reminded. */
export const APPROVAL_WAIT_WORKING_DAYS = 2;

/**
 * The working day on or after `from` when approvers are reminded of a proposal still pending:
 * once 2 working days after the day it was made have passed (the 3rd working day), then each
 * working day until it is decided.
 */
export function nextApprovalReminderOn(proposedOn: LocalDate, from: LocalDate, calendar: WorkingCalendar): LocalDate {
  const first = calendar.addWorkingDays(proposedOn, APPROVAL_WAIT_WORKING_DAYS + 1);
  return compareDates(from, first) > 0 ? calendar.onOrNextWorkingDay(from) : first;
}

/** The reminder arrives as the approval card itself (R4), so approving is one click away. */
export function approvalReminderNotification(
  c: { id: string; number: string; title: string },
  proposal: { id: string; proposedOn: LocalDate },
  on: LocalDate,
  recipientIds: string[],
): Notification {
  return notification({
    kind: 'OWNERSHIP_APPROVAL_REQUESTED',
    key: `approval-wait:${proposal.id}:${on}`,
    urgency: 'NORMAL',
    recipientIds,
    caseId: c.id,
    title: `${c.number} 包案意见待审定已超过 ${APPROVAL_WAIT_WORKING_DAYS} 个工作日`,
    body: `案件「${c.title}」的包案意见于 ${proposal.proposedOn} 提出，至今未审定，请尽快同意或退回（R4）。`,
  });
}
