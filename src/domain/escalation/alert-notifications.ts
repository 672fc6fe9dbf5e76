import { notification, type Notification, type NotificationKind } from '../notifications.js';
import { ACK_STAGE_LABELS, hasReached, type AckStage } from './ack-stage.js';
import { ALERT_KIND_LABELS, alertHeadline, escalationLevelLabel, type AlertKind } from './alert-kinds.js';

const NOTIFICATION_KIND: Record<AlertKind, NotificationKind> = {
  MAJOR_EVENT: 'MAJOR_EVENT',
  DANGER_LETTER: 'DANGER_LETTER',
  ABNORMAL_PETITION: 'ABNORMAL_PETITION',
  SENTIMENT: 'SENTIMENT_REPORT',
};

const RECEIVE_INSTRUCTION: Record<AlertKind, string> = {
  MAJOR_EVENT: '请靠前指挥，并点“收到”确认。',
  DANGER_LETTER: '请亲自阅处，并点“收到”确认。',
  ABNORMAL_PETITION: '请立即组织、督促劝返，并点“收到”确认。',
  SENTIMENT: '请及时处置，并点“收到”确认。',
};

const RESPOND_INSTRUCTION = '请立即赶赴现场：出发时点“已出发”，到达后点“已到场”。';


export interface AlertView {
  id: string;
  kind: AlertKind;
  title: string;
  detail: string;
  caseId: string | null;
}

/**
 * The alert as messages: those who must go to the scene get one text, those who must
 * acknowledge receipt another. `tag` tells a first notice from a repeat in the key.
 */
export function alertNotifications(
  alert: AlertView,
  recipients: readonly { personId: string; required: AckStage }[],
  opts: { tag: string; repeat?: boolean; urgentChannel: boolean },
): Notification[] {
  const responders = recipients.filter((r) => hasReached(r.required, 'ON_THE_WAY')).map((r) => r.personId);
  const receivers = recipients.filter((r) => !hasReached(r.required, 'ON_THE_WAY')).map((r) => r.personId);
  const headline = alertHeadline(alert.kind, alert.title);
  const title = opts.repeat ? `【再次提醒】${headline}` : headline;
  const make = (group: string, ids: string[], instruction: string) =>
    notification({
      kind: NOTIFICATION_KIND[alert.kind],
      key: `alert:${alert.id}:${opts.tag}:${group}`,
      urgency: 'CRITICAL',
      recipientIds: ids,
      caseId: alert.caseId,
      title,
      body: `${alert.detail}\n${instruction}`,
      requiresAck: true,
      alertId: alert.id,
      urgentChannel: opts.urgentChannel,
    });
  return [
    ...(responders.length ? [make('respond', responders, RESPOND_INSTRUCTION)] : []),
    ...(receivers.length ? [make('receive', receivers, RECEIVE_INSTRUCTION[alert.kind])] : []),
  ];
}

/** Tells a new level of the ladder that the alert reached it, and who has not answered as required. */
export function escalationNotification(
  alert: AlertView,
  to: number,
  audience: readonly string[],
  missed: readonly { name: string; stage: AckStage; required: AckStage }[],
  urgentChannel: boolean,
): Notification {
  const who = missed.map((m) => `${m.name}（${ACK_STAGE_LABELS[m.stage]}，应${ACK_STAGE_LABELS[m.required]}）`).join('、');
  return notification({
    kind: 'ALERT_ESCALATED',
    key: `alert:${alert.id}:level:${to}`,
    urgency: 'CRITICAL',
    recipientIds: [...audience],
    caseId: alert.caseId,
    title: `${ALERT_KIND_LABELS[alert.kind]}预警升级至${escalationLevelLabel(to)}：${alert.title}`,
    body: `${alert.detail}\n未按要求确认：${who || '无'}。请督促处置并点“收到”确认。`,
    requiresAck: true,
    alertId: alert.id,
    urgentChannel,
  });
}
