import { z } from 'zod';
import { assertCaseAllowed } from '../../domain/authorization.js';
import { DomainError } from '../../domain/errors.js';
import type { Actor } from '../../domain/model.js';
import { notification, type Notification } from '../../domain/notifications.js';
import {
  acceptReviewAnswer, acceptReviewRequest, REVIEW_KIND_LABELS, type ReviewClocks, type ReviewKind,
} from '../../domain/review/review-clocks.js';
import { localDateOf } from '../../lib/local-date.js';
import type { Deps } from '../ports.js';
import type { CaseReviewRecord } from '../ports/review.js';
import { audit } from './audit.js';
import { caseWorkers } from './case-people.js';
import { id, optionalText, text } from './fields.js';
import { lockCase } from './load.js';
import { parseInput } from './parse-input.js';
import { clocksOf, reviewFactsOf } from './review-facts.js';

// R26: 复查 and 复核 are the same two steps on different clocks; the use case files name them.
// None of them moves the case status.

export const reviewRequestInput = z.object({
  caseId: id,
  /** When the petitioner's request arrived; defaults to now. */
  requestedAt: z.coerce.date({ error: '请求时间格式不正确' }).optional(),
  note: optionalText(1000),
});

export const reviewAnswerInput = z.object({
  caseId: id,
  answer: text(5000),
  answeredAt: z.coerce.date({ error: '答复时间格式不正确' }).optional(),
});

export interface ReviewStepResult {
  review: CaseReviewRecord;
  clocks: ReviewClocks;
  notifications: Notification[];
}

function notFuture(at: Date, now: Date, what: string): void {
  if (at.getTime() > now.getTime() + 60_000) throw new DomainError('VALIDATION', `输入有误：${what}不能晚于现在`);
}

export async function requestReviewStep(kind: ReviewKind, deps: Deps, actor: Actor, raw: unknown): Promise<ReviewStepResult> {
  const input = parseInput(reviewRequestInput, raw);
  const now = deps.clock.now();
  const requestedAt = input.requestedAt ?? now;
  notFuture(requestedAt, now, '请求时间');
  const [calendar, policy] = await Promise.all([deps.config.calendar(), deps.config.deadlinePolicy()]);
  const label = REVIEW_KIND_LABELS[kind];
  return deps.uow.run(async (repos) => {
    const c = await lockCase(repos, input.caseId);
    assertCaseAllowed(actor.person, 'RECORD_REVIEW', c);
    const { facts } = await reviewFactsOf(repos, c);
    const { dueOn } = acceptReviewRequest(kind, facts, localDateOf(requestedAt), calendar, policy);
    const review = await repos.reviews.create({ caseId: c.id, kind, requestedAt, dueOn, recordedById: actor.person.id });
    if (!review) throw new DomainError('ALREADY_DONE', `该事项的${label}请求已由他人登记`);
    await audit(repos, actor, now, {
      action: `case.${kind === 'REVIEW' ? 'review' : 're_review'}.request`,
      entityType: 'CaseReview',
      entityId: review.id,
      caseId: c.id,
      after: { kind, requestedAt: requestedAt.toISOString(), dueOn },
      reason: input.note ?? `R26 信访人请求${label}`,
    });
    const recipients = await caseWorkers(repos, c);
    const notifications = recipients.length
      ? [
          notification({
            kind: 'REVIEW_REQUESTED',
            key: `review:${c.id}:${kind}`,
            urgency: 'NORMAL',
            recipientIds: recipients,
            caseId: c.id,
            title: `${c.number} 信访人请求${label}`,
            body: `${c.title}：${label}意见应于${dueOn}前作出，请准备办理材料。`,
          }),
        ]
      : [];
    const after = await reviewFactsOf(repos, c);
    return { review, clocks: await clocksOf(deps.config, after.facts, now), notifications };
  });
}

export async function answerReviewStep(kind: ReviewKind, deps: Deps, actor: Actor, raw: unknown): Promise<ReviewStepResult & { late: boolean }> {
  const input = parseInput(reviewAnswerInput, raw);
  const now = deps.clock.now();
  const answeredAt = input.answeredAt ?? now;
  notFuture(answeredAt, now, '答复时间');
  const label = REVIEW_KIND_LABELS[kind];
  return deps.uow.run(async (repos) => {
    const c = await lockCase(repos, input.caseId);
    assertCaseAllowed(actor.person, 'RECORD_REVIEW', c);
    const { facts, reviews } = await reviewFactsOf(repos, c);
    const { late } = acceptReviewAnswer(kind, facts, localDateOf(answeredAt));
    const review = reviews.find((r) => r.kind === kind)!;
    if (!(await repos.reviews.answer(review.id, { answeredAt, answer: input.answer }))) {
      throw new DomainError('ALREADY_DONE', `${label}意见已由他人登记`);
    }
    await audit(repos, actor, now, {
      action: `case.${kind === 'REVIEW' ? 'review' : 're_review'}.answer`,
      entityType: 'CaseReview',
      entityId: review.id,
      caseId: c.id,
      before: { answeredAt: null },
      after: { answeredAt: answeredAt.toISOString(), answer: input.answer, late },
      reason: late ? `R26 ${label}意见逾期作出（应于${review.dueOn}前）` : `R26 作出${label}意见`,
    });
    const after = await reviewFactsOf(repos, c);
    const answered = after.reviews.find((r) => r.kind === kind)!;
    return { review: answered, late, clocks: await clocksOf(deps.config, after.facts, now), notifications: [] };
  });
}
