import type { Notification, NotificationKind, Urgency } from '../../src/domain/notifications.js';
import type { Card, CardColour } from '../model.js';
import { noticeCard } from './notice.js';

/**
 * How a pushed notification reads when it is not an approval, a decision, an alert or the weekly
 * summary (those have cards of their own): a notice that says what it is — a duty (待办), a
 * decision to take (待审定 / 待审批), something to read (待阅), news (通知), a reminder (提醒,
 * or 催办 once late: its title says how late), an alarm (紧急) — coloured by urgency. Never 成功:
 * none of these confirms something the reader just did.
 */
type Nature = 'duty' | 'news' | 'reminder' | 'alarm';

interface Presentation {
  nature: Nature;
  tag: string;
  /** Names the body when it is one thing; none when the body reads on its own. */
  bodyLabel?: string;
}

const duty = (tag = '待办', bodyLabel?: string): Presentation => ({ nature: 'duty', tag, ...(bodyLabel ? { bodyLabel } : {}) });
const news = (tag = '通知', bodyLabel?: string): Presentation => ({ nature: 'news', tag, ...(bodyLabel ? { bodyLabel } : {}) });
const REMINDER: Presentation = { nature: 'reminder', tag: '提醒' };
const ALARM: Presentation = { nature: 'alarm', tag: '紧急' };

/** Every kind decided here: a new kind does not compile until it is. */
export const NOTIFICATION_PRESENTATION: Record<NotificationKind, Presentation> = {
  CASE_NEEDS_OWNER: duty(), // R1: the office proposes an owner
  OWNERSHIP_APPROVAL_REQUESTED: duty('待审定'), // R4: when the proposal is no longer pending to show
  OWNERSHIP_ACTIVATED: news(), // R4: the leader, the unit and the person — and a relieved leader — are told
  PROPOSAL_RETURNED: duty('已退回'), // R4: the proposer revises and proposes again
  CASE_ASSIGNED: duty(), // R5
  EXTENSION_REQUESTED: duty('待审批', '延期理由'), // R10: when the request is no longer pending to show
  EXTENSION_DECIDED: news('通知', '审批意见'), // R10
  CASE_RESOLVED: duty('待办', '办结情况'), // R6 → R27: the office calls the petitioner back
  CASE_REOPENED: duty(), // R27
  ACCUSATION_ROUTED: duty(), // R26: discipline inspection handles it
  REVIEW_REQUESTED: duty(), // R26: the handlers prepare the file
  DANGER_LETTER: ALARM, // R20: without its alert to show
  MAJOR_EVENT: ALARM, // R18: without its alert to show
  ABNORMAL_PETITION: news(), // R21: a persuasion's outcome reported; the alert itself has its card
  ALERT_ESCALATED: ALARM, // R18, R20, R21: without its alert to show
  SENTIMENT_REPORT: duty('待处理'), // R16
  DUTY_OPENED: duty(), // R13, R14, R17, R21
  UNKNOWN_USER: news(),
  STATEMENT_SUBMITTED: duty('待阅'), // R13, R14, R21: the addressees read it
  STATEMENT_REMINDER: REMINDER,
  MEETING_REMINDER: REMINDER,
  VISIT_REMINDER: REMINDER,
  SCREENING_REMINDER: REMINDER,
  DEADLINE_REMINDER: REMINDER,
  CALENDAR_REMINDER: REMINDER,
  REPORT_REMINDER: REMINDER,
  REVIEW_REMINDER: REMINDER,
  FOLLOW_UP_REMINDER: REMINDER,
  WEEKLY_SUMMARY: news(), // without its figures
  AUDIT_ANCHOR: news('请保留'), // R25: kept to check the log against
  AUDIT_TAMPERING: ALARM, // R25
};

/** The colour of a notice: red for what is overdue or cannot wait, orange for what needs doing, blue for news. */
const COLOURS: Record<Nature, Record<Urgency, CardColour>> = {
  alarm: { CRITICAL: 'red', URGENT: 'red', NORMAL: 'red' },
  duty: { CRITICAL: 'red', URGENT: 'red', NORMAL: 'orange' },
  reminder: { CRITICAL: 'red', URGENT: 'red', NORMAL: 'orange' },
  news: { CRITICAL: 'red', URGENT: 'orange', NORMAL: 'blue' },
};

/** How reminder titles say a duty is late (已逾期 3 个工作日, 已逾期未交, 逾期未报) — not 逾期说明, the R13 statement. */
const OVERDUE = /已逾期|逾期未/;

export type NoticeNotification = Pick<Notification, 'kind' | 'urgency' | 'title' | 'body' | 'caseId'>;

/** A notification as a notice card (title and body already masked for its reader). */
export function notificationNoticeCard(n: NoticeNotification): Card {
  const p = NOTIFICATION_PRESENTATION[n.kind];
  const overdue = p.nature === 'reminder' && OVERDUE.test(n.title);
  return noticeCard({
    title: n.title,
    body: n.body,
    tag: overdue ? '催办' : p.tag,
    colour: overdue ? 'red' : COLOURS[p.nature][n.urgency],
    ...(p.bodyLabel ? { bodyLabel: p.bodyLabel } : {}),
    caseId: n.caseId,
  });
}
