import { z } from 'zod';
import { assertCaseAllowed } from '../../domain/authorization.js';
import { DomainError } from '../../domain/errors.js';
import { assertCanReopen, assertCanRecordFollowUp, GIVEN_RATINGS, RATING_LABELS } from '../../domain/follow-up/follow-up.js';
import type { Actor, CaseRecord } from '../../domain/model.js';
import { notification, type Notification } from '../../domain/notifications.js';
import { localDateOf } from '../../lib/local-date.js';
import { assertDate } from '../../domain/dates/date-rules.js';
import { reopenDeadlineRule } from '../../domain/follow-up/reopen-deadline.js';
import type { Deps } from '../ports.js';
import type { FollowUpRecord } from '../ports/follow-up.js';
import { audit } from '../support/audit.js';
import { caseWorkers } from '../support/case-people.js';
import { id, localDate, optionalText } from '../support/fields.js';
import { lockCase } from '../support/load.js';
import { parseInput } from '../support/parse-input.js';
import { transition } from '../support/transition.js';

export const followUpInput = z.object({
  caseId: id,
  officeRating: z.enum(GIVEN_RATINGS, { error: '对信访办的评价应为 满意 / 基本满意 / 不满意' }),
  unitRating: z.enum(GIVEN_RATINGS, { error: '对责任单位的评价应为 满意 / 基本满意 / 不满意' }),
  note: optionalText(1000),
  /** 不满意 may send the case back to work: an explicit choice of the office. */
  reopen: z.boolean().default(false),
  reopenReason: optionalText(500),
  /** A new deadline for the renewed handling; without it the case keeps its deadline. */
  reopenDueOn: localDate.optional(),
});

export interface FollowUpResult {
  followUp: FollowUpRecord;
  case: CaseRecord;
  notifications: Notification[];
}

/**
 * R27: the office records the petitioner's call-back ratings of the office and of the
 * responsible unit; 已办结 → 已回访. With `reopen` (only on 不满意) the case goes back to
 * 办理中: reopenCount + 1, resolvedAt cleared (the resolution is history in the audit log).
 */
export async function recordFollowUp(deps: Deps, actor: Actor, raw: unknown): Promise<FollowUpResult> {
  const input = parseInput(followUpInput, raw);
  const now = deps.clock.now();
  const today = localDateOf(now);
  const [calendar, policy] = await Promise.all([deps.config.calendar(), deps.config.deadlinePolicy()]);
  if (input.reopen) {
    assertCanReopen(input.officeRating, input.unitRating);
    if (input.reopenDueOn) assertDate(input.reopenDueOn, reopenDeadlineRule(today, calendar, policy), 'reopenDueOn');
  } else if (input.reopenDueOn || input.reopenReason) {
    throw new DomainError('VALIDATION', '输入有误：未选择重新办理，不能填写重新办理的理由或时限');
  }
  return deps.uow.run(async (repos) => {
    const c = await lockCase(repos, input.caseId);
    assertCaseAllowed(actor.person, 'FOLLOW_UP', c);
    assertCanRecordFollowUp(c, today, calendar, policy);
    const followUp = await repos.followUps.create({
      caseId: c.id,
      officeRating: input.officeRating,
      unitRating: input.unitRating,
      note: input.note,
      recordedById: actor.person.id,
      recordedAt: now,
      reopened: input.reopen,
    });
    const ratings = `对信访办${RATING_LABELS[input.officeRating]}，对责任单位${RATING_LABELS[input.unitRating]}`;
    await audit(repos, actor, now, {
      action: 'case.follow_up',
      entityType: 'FollowUp',
      entityId: followUp.id,
      caseId: c.id,
      after: { officeRating: input.officeRating, unitRating: input.unitRating, note: input.note, reopened: input.reopen },
      reason: `R27 回访：${ratings}`,
    });
    let updated = await transition(repos, actor, now, c, 'FOLLOWED_UP', `R27 回访：${ratings}`, { followedUpAt: now });
    const notifications: Notification[] = [];
    if (input.reopen) {
      const why = input.reopenReason ?? input.note ?? '信访人不满意';
      updated = await transition(repos, actor, now, updated, 'IN_PROGRESS', `R27 回访不满意，重新办理：${why}`, {
        reopenCount: c.reopenCount + 1,
        resolvedAt: null,
        ...(input.reopenDueOn ? { dueOn: input.reopenDueOn, dueRule: 'R27_REOPEN' } : {}),
      });
      const recipients = await caseWorkers(repos, updated);
      if (recipients.length) {
        notifications.push(
          notification({
            kind: 'CASE_REOPENED',
            key: `reopened:${c.id}:${updated.reopenCount}`,
            urgency: 'URGENT',
            recipientIds: recipients,
            caseId: c.id,
            title: `${c.number} 回访不满意，重新办理`,
            body: `${c.title}：${why}${input.reopenDueOn ? `，请于${input.reopenDueOn}前办结` : ''}`,
          }),
        );
      }
    }
    return { followUp, case: updated, notifications };
  });
}
