import { ACK_STAGE_LABELS, hasReached, REPORTABLE_STAGES, stageRank, type AckStage, type ReportableStage } from '../../src/domain/escalation/ack-stage.js';
import { ALERT_KIND_LABELS, escalationLevelLabel, RECIPIENT_REASON_LABELS, type AlertKind, type RecipientReason } from '../../src/domain/escalation/alert-kinds.js';
import { beijingDateTime } from '../format.js';
import { escapeMarkdown, truncate } from '../markdown.js';
import type { Card, CardButton, CardElement } from '../model.js';
import { button } from './common.js';

export interface AlertRecipientView {
  name: string;
  reason: RecipientReason;
  /** The stage this person must reach (R18: on site; R20/R21: received). */
  required: ReportableStage;
  stage: AckStage;
}

export interface AlertCardInput {
  alertId: string;
  kind: AlertKind;
  title: string;
  detail: string;
  villageName?: string | null;
  caseNumber?: string | null;
  raisedAt: Date;
  closed: boolean;
  /** How far the alert has climbed its ladder (R18): 0 where it was raised. */
  level: number;
  recipients: readonly AlertRecipientView[];
  /** The person the card is sent to, when it is sent 1:1; null for a card shared in a group. */
  viewer?: { required: ReportableStage; stage: AckStage } | null;
}

const BUTTON_LABELS: Record<ReportableStage, string> = { RECEIVED: '收到', ON_THE_WAY: '已出发', ON_SITE: '已到场' };

const REQUIRED_TEXT: Record<ReportableStage, string> = { RECEIVED: '须确认收到', ON_THE_WAY: '须出发', ON_SITE: '须到场' };

/** The stages still to report, up to the required one: 收到 → 已出发 → 已到场. */
export function ackStagesToOffer(required: ReportableStage, stage: AckStage): ReportableStage[] {
  return REPORTABLE_STAGES.filter((s) => stageRank(s) > stageRank(stage) && stageRank(s) <= stageRank(required));
}

/** R18/R20/R21: an alert that must be acknowledged, with who has and who has not. */
export function alertCard(a: AlertCardInput): Card {
  const lines = a.recipients.map((r) => {
    const done = hasReached(r.stage, r.required);
    const state = `${ACK_STAGE_LABELS[r.stage]}（${REQUIRED_TEXT[r.required]}）`;
    const text = `${RECIPIENT_REASON_LABELS[r.reason]} ${escapeMarkdown(r.name)}：${done ? state : `<font color='red'>${state}</font>`}`;
    return `- ${text}`;
  });
  const acked = a.recipients.filter((r) => hasReached(r.stage, r.required)).length;
  const place = [a.villageName, a.caseNumber].filter(Boolean).join(' · ');
  const elements: CardElement[] = [
    { kind: 'markdown', text: escapeMarkdown(truncate(a.detail, 500)) },
    { kind: 'fields', fields: [{ label: '发生时间', value: beijingDateTime(a.raisedAt) }, ...(place ? [{ label: '地点/案件', value: place }] : [])] },
    { kind: 'divider' },
    { kind: 'markdown', text: `**确认情况（${acked}/${a.recipients.length}）**\n${lines.join('\n')}` },
  ];
  if (!a.closed) {
    // A shared card offers the stages anyone on it may still need; a 1:1 card only the viewer's.
    const required = a.viewer?.required
      ?? a.recipients.reduce<ReportableStage>((max, r) => (stageRank(r.required) > stageRank(max) ? r.required : max), 'RECEIVED');
    const stages = ackStagesToOffer(required, a.viewer?.stage ?? 'NONE');
    const buttons: CardButton[] = stages.map((s, i) =>
      button(BUTTON_LABELS[s], 'alert.ack', { alertId: a.alertId, stage: s }, i === stages.length - 1 ? 'primary' : 'default'));
    if (buttons.length) elements.push({ kind: 'actions', buttons });
    elements.push({
      kind: 'note',
      text: required === 'ON_SITE' ? '请立即赶赴现场，并依次确认「已出发」「已到场」；未确认将重复提醒并逐级上报。' : '请亲自阅处并确认「收到」；未确认将重复提醒并逐级上报。',
    });
  }
  return {
    title: `【${ALERT_KIND_LABELS[a.kind]}】${truncate(a.title, 40)}`,
    subtitle: a.closed ? '已全部确认' : a.level > 0 ? `已升级至${escalationLevelLabel(a.level)}，请立即确认` : '请立即确认',
    colour: a.closed ? 'grey' : 'red',
    tags: [{ text: a.closed ? '已完成' : '紧急', colour: a.closed ? 'grey' : 'red' }],
    elements,
  };
}
