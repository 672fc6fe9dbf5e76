import type { WeeklyFigures } from './reminders/weekly-figures.js';

/**
 * "Who must be told what, how urgently": the domain says it as data; the scheduler and the
 * platforms deliver it later (outbox). `key` names what the message is about, so that the
 * same fact is never pushed twice.
 */
export type Urgency = 'CRITICAL' | 'URGENT' | 'NORMAL';

export type NotificationKind =
  | 'CASE_NEEDS_OWNER' // R1
  | 'OWNERSHIP_APPROVAL_REQUESTED' // R4
  | 'OWNERSHIP_ACTIVATED' // R4
  | 'PROPOSAL_RETURNED' // R4
  | 'CASE_ASSIGNED' // R5
  | 'EXTENSION_REQUESTED' // R10
  | 'EXTENSION_DECIDED' // R10
  | 'CASE_RESOLVED' // R6
  | 'CASE_REOPENED' // R27
  | 'ACCUSATION_ROUTED' // R26: an accusation goes to discipline inspection
  | 'REVIEW_REQUESTED' // R26: 复查/复核 asked, the handlers prepare the file
  | 'DANGER_LETTER' // R20
  | 'MAJOR_EVENT' // R18
  | 'ABNORMAL_PETITION' // R21
  | 'ALERT_ESCALATED' // R18, R20, R21: an unacknowledged alert climbed to this level
  | 'SENTIMENT_REPORT' // R16
  | 'DUTY_OPENED' // R13, R14, R21 written duties; R14 reception day; R17 screening period
  | 'UNKNOWN_USER' // someone not registered used the bot
  | 'STATEMENT_SUBMITTED' // R13, R14, R21: the written statement reaches its addressees
  | 'STATEMENT_REMINDER' // R13, R14, R21: a written statement is due soon or overdue
  | 'MEETING_REMINDER' // R12
  | 'VISIT_REMINDER' // R15
  | 'SCREENING_REMINDER' // R17
  | 'DEADLINE_REMINDER' // R7–R11: due in 3 working days, tomorrow, today, overdue
  | 'CALENDAR_REMINDER' // R7: next year's holiday schedule is not in the working calendar yet
  | 'REPORT_REMINDER' // R2: this reporting period's progress report is not in yet
  | 'REVIEW_REMINDER' // R26: a 复查/复核 answer is due soon or overdue
  | 'FOLLOW_UP_REMINDER' // R27: the call-back window of a resolved case is closing
  | 'WEEKLY_SUMMARY' // the office's and principal leaders' Monday figures
  | 'AUDIT_ANCHOR' // R25: the day's anchor of the audit log's head
  | 'AUDIT_TAMPERING'; // R25: the log no longer holds an anchored head

export interface Notification {
  kind: NotificationKind;
  key: string;
  urgency: Urgency;
  recipientIds: string[];
  caseId: string | null;
  title: string;
  body: string;
  /** Needs an explicit acknowledgement (R18, R20). */
  requiresAck: boolean;
  /** The alert to acknowledge (R18, R20, R21): cards put its ack buttons on the message. */
  alertId?: string;
  /** Deliver through the platform's urgent channel (Lark 加急, DingTalk DING): the top of an escalation ladder. */
  urgentChannel?: boolean;
  /** The figures of a weekly summary, for its card. */
  weekly?: WeeklyFigures;
}

export function notification(n: Omit<Notification, 'requiresAck' | 'caseId'> & Partial<Pick<Notification, 'requiresAck' | 'caseId'>>): Notification {
  return { requiresAck: false, caseId: null, ...n, recipientIds: [...new Set(n.recipientIds)] };
}
