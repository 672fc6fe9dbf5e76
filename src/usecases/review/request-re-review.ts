import type { Actor } from '../../domain/model.js';
import type { Deps } from '../ports.js';
import { requestReviewStep, type ReviewStepResult } from '../support/review-steps.js';

/** R26 复核 (re-review): accepted only after the 复查 was answered, within the window from that answer; never twice. The case status does not change. */
export function requestReReview(deps: Deps, actor: Actor, raw: unknown): Promise<ReviewStepResult> {
  return requestReviewStep('RE_REVIEW', deps, actor, raw);
}
