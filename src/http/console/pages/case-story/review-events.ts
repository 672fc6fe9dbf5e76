import type { ReviewHistory } from '../../../../db/queries/case-story/review-history.js';
import { REVIEW_KIND_LABELS } from '../../../../domain/review/review-clocks.js';
import { actorOf, line, RANK, type StoryContext, type StoryEvent } from './story-event.js';

const ANSWER_ACTIONS = { REVIEW: 'case.review.answer', RE_REVIEW: 'case.re_review.answer' } as const;

/** R26: the written opinion (处理意见书), then each 复查 and 复核 requested and answered, with their clocks. */
export function reviewEvents(h: ReviewHistory, ctx: StoryContext): StoryEvent[] {
  const events: StoryEvent[] = [];
  if (h.opinion) {
    events.push({
      at: h.opinion.issuedAt, rank: RANK.opinion, tag: '处理意见', title: '出具处理意见书（R26）', who: h.opinion.recordedById ? ctx.person(h.opinion.recordedById) : null,
      lines: line('意见摘要', ctx.redact.maybe(h.opinion.summary)),
    });
  }
  for (const r of h.reviews) {
    const label = REVIEW_KIND_LABELS[r.kind];
    events.push({ at: r.requestedAt, rank: RANK.review, tag: label, title: `信访人请求${label}`, who: ctx.person(r.recordedById), lines: line('答复期限', r.dueOn) });
    if (r.answeredAt) {
      events.push({ at: r.answeredAt, rank: RANK.answer, tag: label, title: `作出${label}意见`, who: actorOf(ctx, ANSWER_ACTIONS[r.kind]), lines: line('答复意见', ctx.redact.maybe(r.answer)) });
    }
  }
  return events;
}
