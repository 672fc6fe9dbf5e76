import type { CaseStory } from '../../../../db/queries/case-story/case-story.js';
import type { CaseRecord, ProgressEntry } from '../../../../domain/model.js';
import { html, type SafeHtml } from '../../html.js';
import { abnormalPetitionEvents } from './abnormal-petition-events.js';
import { alertEvents } from './alert-events.js';
import { auditFacts } from './audit-facts.js';
import { extensionEvents } from './extension-events.js';
import { followUpEvents } from './follow-up-events.js';
import { meetingEvents } from './meeting-events.js';
import { ownershipEvents } from './ownership-events.js';
import { progressEvents } from './progress-events.js';
import { registrationEvents } from './registration-events.js';
import { reviewEvents } from './review-events.js';
import { dateTime, type StoryContext, type StoryEvent } from './story-event.js';

/** Every fact of the case, section by section, in the order they happened. `c` and `progress` come redacted. */
export function caseTimeline(c: CaseRecord, progress: readonly ProgressEntry[], story: CaseStory, ctx: StoryContext): StoryEvent[] {
  const events = [
    ...registrationEvents(c, story.linked, ctx),
    ...ownershipEvents(story.ownership, ctx),
    ...progressEvents(progress, ctx),
    ...extensionEvents(story.extensions, ctx),
    ...reviewEvents(story.review, ctx),
    ...followUpEvents(story.followUps, ctx),
    ...abnormalPetitionEvents(story.abnormal, ctx),
    ...alertEvents(story.alerts, ctx),
    ...meetingEvents(story.linked, ctx),
    ...auditFacts(ctx),
  ];
  return events.sort((a, b) => a.at.getTime() - b.at.getTime() || a.rank - b.rank);
}

/** 案件经过: the timeline as the page shows it. */
export function timelineSection(events: readonly StoryEvent[]): SafeHtml {
  if (events.length === 0) return html`<p class="empty">暂无记录</p>`;
  return html`<ol class="story">${events.map(
    (e) => html`<li><div class="head"><span class="when">${dateTime(e.at)}</span> <span class="tag">${e.tag}</span> <strong>${e.title}</strong>${e.who ? html` <span class="who">— ${e.who}</span>` : ''}</div>${
      e.lines.length ? html`<ul class="lines">${e.lines.map((l) => html`<li>${l}</li>`)}</ul>` : ''
    }</li>`,
  )}</ol>`;
}
