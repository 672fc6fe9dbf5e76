import type { Actor } from '../../domain/model.js';
import type { Deps } from '../ports.js';
import { answerReviewStep, type ReviewStepResult } from '../support/review-steps.js';

/** R26 records the 复查 answer; a late answer is accepted and flagged. The case status does not change. */
export function answerReview(deps: Deps, actor: Actor, raw: unknown): Promise<ReviewStepResult & { late: boolean }> {
  return answerReviewStep('REVIEW', deps, actor, raw);
}
