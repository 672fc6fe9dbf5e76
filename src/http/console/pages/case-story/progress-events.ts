import { STABILITY_LABELS } from '../../../../../cards/labels.js';
import type { ProgressEntry } from '../../../../domain/model.js';
import { PROGRESS_TAG_LABELS } from '../../../../domain/progress/closing-conditions.js';
import { line, RANK, type StoryContext, type StoryEvent } from './story-event.js';

/** R6 三包一保: each progress report, tagged, with its author (R5 反馈). The entries come redacted. */
export function progressEvents(progress: readonly ProgressEntry[], ctx: StoryContext): StoryEvent[] {
  return progress.map((p) => ({
    at: p.createdAt,
    rank: RANK.progress,
    tag: '进展',
    title: `报送进展【${PROGRESS_TAG_LABELS[p.tag]}】`,
    who: ctx.person(p.authorId),
    lines: [p.content, ...line('稳定评估', p.stability ? STABILITY_LABELS[p.stability] : null)],
  }));
}
