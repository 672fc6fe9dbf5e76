import type { Extension } from '../../../../domain/model.js';
import { line, RANK, type StoryContext, type StoryEvent } from './story-event.js';

/** R10: each extension requested (to which date, why) and decided (granted date or refusal, and why). */
export function extensionEvents(extensions: readonly Extension[], ctx: StoryContext): StoryEvent[] {
  return extensions.flatMap((e) => [
    { at: e.requestedAt, rank: RANK.extension, tag: '延期', title: `申请延期至 ${e.requestedDueOn}（R10）`, who: ctx.person(e.requestedById), lines: line('理由', ctx.redact.text(e.reason)) },
    ...(e.decidedAt
      ? [{
          at: e.decidedAt,
          rank: RANK.extensionDecision,
          tag: '延期',
          title: e.status === 'APPROVED' ? `批准延期，办结时限延至 ${e.grantedDueOn ?? ''}` : '不同意延期',
          who: e.decidedById ? ctx.person(e.decidedById) : null,
          lines: [...line('申请延期至', e.requestedDueOn), ...line('审批意见', ctx.redact.maybe(e.decisionReason))],
        }]
      : []),
  ]);
}
