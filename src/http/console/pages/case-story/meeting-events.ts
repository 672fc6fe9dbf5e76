import type { LinkedRecords } from '../../../../db/queries/case-story/linked-records.js';
import { line, RANK, type StoryContext, type StoryEvent } from './story-event.js';

/** R12 meetings that studied the case (with what they decided about it) and the R15 village visit that took it. */
export function meetingEvents(linked: LinkedRecords, ctx: StoryContext): StoryEvent[] {
  const events: StoryEvent[] = linked.meetings.map((m) => ({
    at: m.recordedAt,
    rank: RANK.meeting,
    tag: '会议',
    title: `信访领导小组会议研究本案（${m.date}，R12）`,
    who: ctx.person(m.recordedById),
    lines: [
      ...line('议题', ctx.redact.text(m.topic)),
      ...line('对本案的决定', ctx.redact.maybe(m.decision)),
      ...line('研究决定', ctx.redact.text(m.decisions)),
      ...line('参会人员', ctx.redact.text(m.attendees.join('、'))),
    ],
  }));
  const v = linked.visit;
  if (v) {
    events.push({
      at: v.recordedAt,
      rank: RANK.visit,
      tag: '下访',
      title: `${ctx.person(v.leaderId)}下访${ctx.village(v.villageId)}时受理（${v.date}，R15）`,
      who: ctx.person(v.leaderId),
      lines: [...line('走访对象', ctx.redact.maybe(v.peopleMet)), ...line('备注', ctx.redact.maybe(v.note))],
    });
  }
  return events;
}
