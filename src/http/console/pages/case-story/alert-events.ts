import type { AlertFact, AlertRecipientFact } from '../../../../db/queries/case-story/alert-history.js';
import { ACK_STAGE_LABELS } from '../../../../domain/escalation/ack-stage.js';
import { ABNORMAL_DESTINATION_LABELS, ALERT_KIND_LABELS, MAJOR_EVENT_LABELS, RECIPIENT_REASON_LABELS, type AbnormalDestination, type MajorEventKind, type RecipientReason } from '../../../../domain/escalation/alert-kinds.js';
import { dateTime, line, RANK, type StoryContext, type StoryEvent } from './story-event.js';

const eventKindLabel = (k: string | null) => (k ? (MAJOR_EVENT_LABELS[k as MajorEventKind] ?? ABNORMAL_DESTINATION_LABELS[k as AbnormalDestination] ?? null) : null);

/** R18/R20/R21: each alert — whom it called and why, what each had to reach — then every acknowledgement in its time, and its close. */
export function alertEvents(alerts: readonly AlertFact[], ctx: StoryContext): StoryEvent[] {
  return alerts.flatMap((a) => {
    const kind = ALERT_KIND_LABELS[a.kind];
    const raised: StoryEvent = {
      at: a.raisedAt,
      rank: RANK.alert,
      tag: '预警',
      title: `发出${kind}预警：${ctx.redact.text(a.title)}`,
      who: a.raisedById ? ctx.person(a.raisedById) : null,
      lines: [
        ...line('类别', eventKindLabel(a.eventKind)),
        ...line('情况', ctx.redact.text(a.detail)),
        ...a.recipients.map((r) => recipientLine(r, ctx)),
        ...line('升级', a.level > 0 ? `未按时确认，已升级 ${a.level} 级` : null),
      ],
    };
    const acks = a.recipients.flatMap((r): StoryEvent[] =>
      r.ackedAt ? [{ at: r.ackedAt, rank: RANK.acknowledgement, tag: '预警', title: `${ctx.person(r.personId)}确认${kind}预警：${ACK_STAGE_LABELS[r.stage]}`, who: ctx.person(r.personId), lines: [] }] : [],
    );
    const closed: StoryEvent[] = a.closedAt ? [{ at: a.closedAt, rank: RANK.acknowledgement, tag: '预警', title: `${kind}预警关闭：接收人均已按要求确认`, who: null, lines: [] }] : [];
    return [raised, ...acks, ...closed];
  });
}

function recipientLine(r: AlertRecipientFact, ctx: StoryContext): string {
  const why = RECIPIENT_REASON_LABELS[r.reason as RecipientReason] ?? '接收人';
  const state = r.ackedAt ? `${ACK_STAGE_LABELS[r.stage]}（${dateTime(r.ackedAt)}）` : r.missedAt ? `超时未${ACK_STAGE_LABELS[r.required].replace(/^已/, '')}（R22）` : ACK_STAGE_LABELS[r.stage];
  return `${ctx.person(r.personId)}（${why}，须${ACK_STAGE_LABELS[r.required].replace(/^已/, '')}）：${state}`;
}
