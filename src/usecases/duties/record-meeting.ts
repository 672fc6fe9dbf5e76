import { z } from 'zod';
import { assertGlobalAllowed } from '../../domain/authorization.js';
import { DomainError } from '../../domain/errors.js';
import type { Actor } from '../../domain/model.js';
import type { Notification } from '../../domain/notifications.js';
import { localDateOf, quarterOf } from '../../lib/local-date.js';
import { assertDate, pastFactRule } from '../../domain/dates/date-rules.js';
import type { Deps } from '../ports.js';
import type { Meeting } from '../ports/duties.js';
import { audit } from '../support/audit.js';
import { id, localDate, optionalText, text } from '../support/fields.js';
import { parseInput } from '../support/parse-input.js';

export const recordMeetingInput = z.object({
  date: localDate,
  topic: text(200),
  decisions: text(10000),
  attendees: z.array(text(30)).min(1, { error: '至少填写一名参会人员' }).max(100),
  cases: z
    .array(z.object({ caseId: id, decision: optionalText(2000) }))
    .max(100)
    .default([])
    .refine((cs) => new Set(cs.map((c) => c.caseId)).size === cs.length, { error: '同一案件不能重复列出' }),
});

export interface RecordMeetingResult {
  meeting: Meeting;
  quarter: string;
  notifications: Notification[];
}

/** R12: records a leading-group meeting on major difficult cases (held, so not in the future). */
export async function recordMeeting(deps: Deps, actor: Actor, raw: unknown): Promise<RecordMeetingResult> {
  const input = parseInput(recordMeetingInput, raw);
  assertGlobalAllowed(actor.person, 'RECORD_MEETING');
  const now = deps.clock.now();
  assertDate(input.date, { ...pastFactRule('会议日期', localDateOf(now)), latest: { date: localDateOf(now), why: '今天', note: '请在会后记录' } }, 'date');
  return deps.uow.run(async (repos) => {
    for (const c of input.cases) {
      if (!(await repos.cases.get(c.caseId))) throw new DomainError('NOT_FOUND', '研究的案件不存在', { caseId: c.caseId });
    }
    const meeting = await repos.meetings.create({
      date: input.date,
      topic: input.topic,
      decisions: input.decisions,
      attendees: input.attendees,
      recordedById: actor.person.id,
      recordedAt: now,
      cases: input.cases,
    });
    await audit(repos, actor, now, {
      action: 'meeting.record',
      entityType: 'Meeting',
      entityId: meeting.id,
      after: { date: meeting.date, topic: meeting.topic, attendees: meeting.attendees, caseIds: meeting.cases.map((c) => c.caseId) },
    });
    for (const c of meeting.cases) {
      // Each case's own trail shows that the leading group studied it (R5).
      await audit(repos, actor, now, {
        action: 'case.studied-in-meeting',
        entityType: 'Case',
        entityId: c.caseId,
        caseId: c.caseId,
        after: { meetingId: meeting.id, date: meeting.date, decision: c.decision },
      });
    }
    return { meeting, quarter: quarterOf(meeting.date), notifications: [] };
  });
}
