import type { FollowUpFact } from '../../../../db/queries/case-story/follow-up-history.js';
import { RATING_LABELS } from '../../../../domain/follow-up/follow-up.js';
import { line, RANK, type StoryContext, type StoryEvent } from './story-event.js';

/** R27: each call-back with both ratings and its note, or the window passing unrated; 不满意 that reopened the case. */
export function followUpEvents(followUps: readonly FollowUpFact[], ctx: StoryContext): StoryEvent[] {
  return followUps.map((f) => ({
    at: f.recordedAt,
    rank: RANK.followUp,
    tag: '回访',
    title: f.recordedById ? '回访信访人（R27）' : '回访期限已过，逾期未评价（R27）',
    who: f.recordedById ? ctx.person(f.recordedById) : null,
    lines: [
      ...line('对信访办的评价', RATING_LABELS[f.officeRating]),
      ...line('对责任单位的评价', RATING_LABELS[f.unitRating]),
      ...line('回访记录', ctx.redact.maybe(f.note)),
      ...line('处理', f.reopened ? '不满意，重新办理' : null),
    ],
  }));
}
