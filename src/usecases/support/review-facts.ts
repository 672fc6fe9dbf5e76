import { localDateOf } from '../../lib/local-date.js';
import { reviewClocks, type ReviewClocks, type ReviewFacts, type ReviewStep } from '../../domain/review/review-clocks.js';
import type { CaseRecord } from '../../domain/model.js';
import type { ConfigSource, Repos } from '../ports.js';
import type { CaseReviewRecord } from '../ports/review.js';

const step = (r: CaseReviewRecord | undefined): ReviewStep | null =>
  r ? { requestedOn: localDateOf(r.requestedAt), dueOn: r.dueOn, answeredOn: r.answeredAt ? localDateOf(r.answeredAt) : null } : null;

/** R26: a stored case's 处理意见书 / 复查 / 复核 as the domain's facts. */
export async function reviewFactsOf(repos: Repos, c: CaseRecord): Promise<{ facts: ReviewFacts; reviews: CaseReviewRecord[] }> {
  const reviews = await repos.reviews.forCase(c.id);
  return {
    reviews,
    facts: {
      classification: c.classification,
      opinionIssuedOn: c.opinionIssuedAt ? localDateOf(c.opinionIssuedAt) : null,
      review: step(reviews.find((r) => r.kind === 'REVIEW')),
      reReview: step(reviews.find((r) => r.kind === 'RE_REVIEW')),
    },
  };
}

/** The linked clocks of a case on `now`, with the configured limits and counting rule. */
export async function clocksOf(config: ConfigSource, facts: ReviewFacts, now: Date): Promise<ReviewClocks> {
  const [calendar, policy] = await Promise.all([config.calendar(), config.deadlinePolicy()]);
  return reviewClocks(facts, localDateOf(now), calendar, policy);
}
