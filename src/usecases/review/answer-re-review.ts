import type { Actor } from '../../domain/model.js';
import type { Deps } from '../ports.js';
import { answerReviewStep, type ReviewStepResult } from '../support/review-steps.js';

/** R26 records the 复核 answer; after it the same request is not accepted again. The case status does not change. */
export function answerReReview(deps: Deps, actor: Actor, raw: unknown): Promise<ReviewStepResult & { late: boolean }> {
  return answerReviewStep('RE_REVIEW', deps, actor, raw);
}
