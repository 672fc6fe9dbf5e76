import type { Actor } from '../../domain/model.js';
import type { Deps } from '../ports.js';
import { requestReviewStep, type ReviewStepResult } from '../support/review-steps.js';

/** R26 复查 (review): accepted only for a 申诉求决 case with a 处理意见书, within the request window; its answer is due reviewAnswerDays later. The case status does not change. */
export function requestReview(deps: Deps, actor: Actor, raw: unknown): Promise<ReviewStepResult> {
  return requestReviewStep('REVIEW', deps, actor, raw);
}
