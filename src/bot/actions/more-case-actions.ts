import { decodeForm } from '../../../cards/actions.js';
import { extensionRequestFormCard } from '../../../cards/builders/extension-request-form.js';
import { reviewRequestFormCard } from '../../../cards/builders/review-request-form.js';
import { transferFormCard } from '../../../cards/builders/transfer-form.js';
import { DomainError } from '../../domain/errors.js';
import { REVIEW_KIND_LABELS } from '../../domain/review/review-clocks.js';
import { localDateOf } from '../../lib/local-date.js';
import { decideExtension } from '../../usecases/cases/decide-extension.js';
import { requestExtension } from '../../usecases/cases/request-extension.js';
import { proposeTransfer } from '../../usecases/ownership/propose-ownership.js';
import { requestReReview } from '../../usecases/review/request-re-review.js';
import { requestReview } from '../../usecases/review/request-review.js';
import { answerReReview } from '../../usecases/review/answer-re-review.js';
import { answerReview } from '../../usecases/review/answer-review.js';
import { reviewAnswerFormCard } from '../../../cards/builders/review-answer-form.js';
import { beijingDateTime } from '../../../cards/format.js';
import { deadlineOf } from '../../usecases/support/deadline.js';
import { clocksOf, reviewFactsOf } from '../../usecases/support/review-facts.js';
import type { ActionHandler } from '../handler.js';
import { done, sendForm, str } from '../support/responses.js';
import type { ActionResponse } from '../messaging-port.js';
import { caseFor, caseHead, caseOf } from '../support/case-ref.js';
import { extensionDecisionCardFor } from '../support/extension-decision-card.js';
import { ownershipCandidates } from '../support/ownership-candidates.js';

const doneFor = (title: string, caseId: string, note?: string): ActionResponse => done(title, { caseId, ...(note ? { note } : {}) });

/** R3 transfer, R10 extension and R26 review requests from cards. */
export const moreCaseActions: Record<string, ActionHandler> = {
  'extension.open': async (ctx, a) => {
    const c = await caseFor(ctx, str(a.caseId), 'REQUEST_EXTENSION');
    if (!c.dueOn) throw new DomainError('INVALID_TRANSITION', `${c.number} 尚无办结时限`);
    const { milestones } = await ctx.lookup((repos) => deadlineOf(repos, ctx.deps.config, c));
    return sendForm(ctx, extensionRequestFormCard({ case: caseHead(c), dueOn: c.dueOn, ceiling: milestones.statutoryCeiling }));
  },

  'extension.submit': async (ctx, a, form) => {
    const { extension, notifications } = await requestExtension(ctx.deps, ctx.actor, { caseId: a.caseId, ...decodeForm({ a: 'extension.submit' }, form) });
    ctx.notify(notifications);
    return doneFor('延期申请已提交', extension.caseId, '由信访领导小组审批，结果将通知您');
  },

  'extension.decide-open': async (ctx, a) =>
    sendForm(ctx, await ctx.lookup((repos) => extensionDecisionCardFor(repos, ctx.deps.config, str(a.extensionId)))),

  'extension.decide-submit': async (ctx, a, form) => {
    const r = await decideExtension(ctx.deps, ctx.actor, { extensionId: a.extensionId, ...decodeForm({ a: 'extension.decide-submit' }, form) });
    ctx.notify(r.notifications);
    const title = r.grantedDueOn ? `${r.case.number} 延期已批准，新办结时限 ${r.case.dueOn}` : `${r.case.number} 延期申请未批准`;
    return doneFor(title, r.case.id, r.capped ? '申请日期超过法定上限，已按上限调整（R9）' : undefined);
  },

  'transfer.open': async (ctx, a) => {
    const c = await caseFor(ctx, str(a.caseId), 'PROPOSE_TRANSFER');
    const leader = c.ownerLeaderId ? await ctx.lookup((repos) => repos.directory.person(c.ownerLeaderId!)) : null;
    return sendForm(ctx, transferFormCard({ case: caseHead(c), currentLeaderName: leader?.name ?? '—', candidates: await ownershipCandidates(ctx) }));
  },

  'transfer.submit': async (ctx, a, form) => {
    const { proposal, notifications } = await proposeTransfer(ctx.deps, ctx.actor, { caseId: a.caseId, ...decodeForm({ a: 'transfer.submit' }, form) });
    ctx.notify(notifications);
    return doneFor('移交意见已提交常委会审定', proposal.caseId, '审定前仍由原包案领导负责（一包到底）');
  },

  'review.open': async (ctx, a) => {
    const c = await caseOf(ctx, str(a.caseId));
    const kind = a.kind === 'RE_REVIEW' ? 'RE_REVIEW' : 'REVIEW';
    const { facts } = await ctx.lookup((repos) => reviewFactsOf(repos, c));
    const clocks = await clocksOf(ctx.deps.config, facts, ctx.now);
    const requestBy = kind === 'REVIEW' ? clocks.reviewRequestBy : clocks.reReviewRequestBy;
    return sendForm(ctx, reviewRequestFormCard({ case: caseHead(c), kind, requestBy, today: localDateOf(ctx.now) }));
  },

  'review-answer.open': async (ctx, a) => {
    const c = await caseFor(ctx, str(a.caseId), 'RECORD_REVIEW');
    const kind = a.kind === 'RE_REVIEW' ? 'RE_REVIEW' : 'REVIEW';
    const { facts } = await ctx.lookup((repos) => reviewFactsOf(repos, c));
    const clocks = await clocksOf(ctx.deps.config, facts, ctx.now);
    const answerBy = kind === 'REVIEW' ? clocks.reviewAnswerBy : clocks.reReviewAnswerBy;
    return sendForm(ctx, reviewAnswerFormCard({ case: caseHead(c), kind, answerBy, now: beijingDateTime(ctx.now) }));
  },

  'review-answer.submit': async (ctx, a, form) => {
    const input = { caseId: a.caseId, ...decodeForm({ a: 'review-answer.submit' }, form) };
    const kind = a.kind === 'RE_REVIEW' ? 'RE_REVIEW' : 'REVIEW';
    const r = kind === 'REVIEW' ? await answerReview(ctx.deps, ctx.actor, input) : await answerReReview(ctx.deps, ctx.actor, input);
    ctx.notify(r.notifications);
    return doneFor(`${REVIEW_KIND_LABELS[kind]}意见已登记`, str(a.caseId), r.late ? '已超过答复期限，逾期答复已记录' : undefined);
  },

  'review.submit': async (ctx, a, form) => {
    const input = { caseId: a.caseId, ...decodeForm({ a: 'review.submit' }, form) };
    const kind = a.kind === 'RE_REVIEW' ? 'RE_REVIEW' : 'REVIEW';
    const r = kind === 'REVIEW' ? await requestReview(ctx.deps, ctx.actor, input) : await requestReReview(ctx.deps, ctx.actor, input);
    ctx.notify(r.notifications);
    return doneFor(`${REVIEW_KIND_LABELS[kind]}申请已登记，答复期限 ${r.review.dueOn}`, str(a.caseId));
  },
};
