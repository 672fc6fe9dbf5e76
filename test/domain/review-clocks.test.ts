import { describe, expect, it } from 'vitest';
import { chineseOfficialCalendar } from '../../src/domain/calendar/official-calendar.js';
import { WorkingCalendar } from '../../src/domain/calendar/working-calendar.js';
import { DEFAULT_DEADLINE_POLICY, deadlinePolicySchema } from '../../src/domain/deadlines/deadline-policy.js';
import {
  acceptReviewAnswer, acceptReviewRequest, reviewAnswerDeadline, reviewClocks, reviewRequestDeadline, type ReviewFacts,
} from '../../src/domain/review/review-clocks.js';
import { refusal } from '../support/refusal.js';

const cal = new WorkingCalendar(chineseOfficialCalendar);
const policy = DEFAULT_DEADLINE_POLICY;

const claim = (over: Partial<ReviewFacts> = {}): ReviewFacts => ({
  classification: 'CLAIM',
  opinionIssuedOn: '2026-11-02',
  review: null,
  reReview: null,
  ...over,
});
const answeredReview = { requestedOn: '2026-11-10', dueOn: '2026-12-10', answeredOn: '2026-11-20' };
const answeredReReview = { requestedOn: '2026-11-25', dueOn: '2026-12-25', answeredOn: '2026-12-01' };


describe('R26 linked clocks: windows and answer deadlines', () => {
  it.each([
    // [what, from, policy override, expected]
    ['30 days, the start day not counted', '2026-11-02', {}, '2026-12-02'],
    ['a window ending on Sunday ends on Monday', '2026-11-06', {}, '2026-12-07'],
    ['a window ending in the National Day holiday ends on the first working day after it', '2026-09-01', {}, '2026-10-08'],
    ['inclusive counting (configurable) ends a day earlier', '2026-11-02', { counting: 'INCLUSIVE' }, '2026-12-01'],
    ['a province with a 15-day window', '2026-11-02', { reviewRequestDays: 15 }, '2026-11-17'],
  ] as const)('R26: request window — %s', (_what, from, override, expected) => {
    expect(reviewRequestDeadline(from, cal, deadlinePolicySchema.parse(override))).toBe(expected);
  });

  it.each([
    ['30 days after the request', '2026-11-10', {}, '2026-12-10'],
    ['configurable answer period', '2026-11-10', { reviewAnswerDays: 15 }, '2026-11-25'],
  ] as const)('R26: answer due — %s', (_what, from, override, expected) => {
    expect(reviewAnswerDeadline(from, cal, deadlinePolicySchema.parse(override))).toBe(expected);
  });

  it.each([
    ['a suggestion has no clocks', { classification: 'SUGGESTION' as const }, '2026-11-05', { stage: 'NOT_A_CLAIM', reviewRequestBy: null }],
    ['a claim waits for its opinion', { opinionIssuedOn: null }, '2026-11-05', { stage: 'AWAITING_OPINION' }],
    ['within 30 days of the opinion 复查 may be asked', {}, '2026-12-02', { stage: 'REVIEW_WINDOW', reviewRequestBy: '2026-12-02' }],
    ['after the window the opinion stands', {}, '2026-12-03', { stage: 'CONCLUDED' }],
    [
      '复查 pending, answer not yet due',
      { review: { requestedOn: '2026-11-10', dueOn: '2026-12-10', answeredOn: null } },
      '2026-12-10',
      { stage: 'REVIEW_PENDING', reviewAnswerBy: '2026-12-10', answerOverdue: false },
    ],
    [
      '复查 pending past its due day',
      { review: { requestedOn: '2026-11-10', dueOn: '2026-12-10', answeredOn: null } },
      '2026-12-11',
      { stage: 'REVIEW_PENDING', answerOverdue: true },
    ],
    ['复查 answered: the 复核 window runs from the answer', { review: answeredReview }, '2026-12-21', { stage: 'RE_REVIEW_WINDOW', reReviewRequestBy: '2026-12-21' }],
    ['复核 window passed', { review: answeredReview }, '2026-12-22', { stage: 'CONCLUDED' }],
    [
      '复核 pending',
      { review: answeredReview, reReview: { ...answeredReReview, answeredOn: null } },
      '2026-11-30',
      { stage: 'RE_REVIEW_PENDING', reReviewAnswerBy: '2026-12-25' },
    ],
    ['复核 answered: concluded for good', { review: answeredReview, reReview: answeredReReview }, '2026-12-02', { stage: 'CONCLUDED' }],
  ] as const)('R26: clocks — %s', (_what, over, today, expected) => {
    expect(reviewClocks(claim(over), today, cal, policy)).toMatchObject(expected);
  });
});

describe('R26 requests and answers', () => {
  it('R26: 复查 within the window is accepted and its answer is due 30 days after the request', () => {
    expect(acceptReviewRequest('REVIEW', claim(), '2026-11-10', cal, policy)).toEqual({ dueOn: '2026-12-10', requestBy: '2026-12-02' });
    expect(acceptReviewRequest('REVIEW', claim(), '2026-12-02', cal, policy).requestBy).toBe('2026-12-02'); // the last day still counts
  });

  it.each([
    ['after the 30-day window', claim(), '2026-12-03', 'DEADLINE_IN_PAST', /30日内.*截至2026-12-02.*不予受理/],
    ['for a suggestion', claim({ classification: 'SUGGESTION' }), '2026-11-10', 'CONFLICT', /申诉求决/],
    ['for an unclassified case', claim({ classification: null }), '2026-11-10', 'CONFLICT', /申诉求决/],
    ['without an opinion', claim({ opinionIssuedOn: null }), '2026-11-10', 'CONFLICT', /尚未出具处理意见书/],
    ['dated before the opinion', claim(), '2026-11-01', 'VALIDATION', /不能早于处理意见书/],
    ['twice while pending', claim({ review: { ...answeredReview, answeredOn: null } }), '2026-11-11', 'ALREADY_DONE', /正在复查中/],
    ['again once answered', claim({ review: answeredReview }), '2026-11-21', 'ALREADY_DONE', /应请求复核/],
  ] as const)('R26: 复查 is refused %s', (_what, facts, on, code, message) => {
    const e = refusal(() => acceptReviewRequest('REVIEW', facts, on, cal, policy));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });

  it('R26: 复核 after the 复查 answer, within its window, is accepted', () => {
    expect(acceptReviewRequest('RE_REVIEW', claim({ review: answeredReview }), '2026-11-25', cal, policy)).toEqual({
      dueOn: '2026-12-25',
      requestBy: '2026-12-21',
    });
  });

  it.each([
    ['without a 复查', claim(), '2026-11-10', 'CONFLICT', /未经复查/],
    ['before the 复查 answer', claim({ review: { ...answeredReview, answeredOn: null } }), '2026-11-15', 'CONFLICT', /复查意见尚未作出/],
    ['more than 30 days after the 复查 answer', claim({ review: answeredReview }), '2026-12-22', 'DEADLINE_IN_PAST', /复查意见之日起30日内/],
    ['while a 复核 is pending', claim({ review: answeredReview, reReview: { ...answeredReReview, answeredOn: null } }), '2026-11-26', 'ALREADY_DONE', /正在复核中/],
  ] as const)('R26: 复核 is refused %s', (_what, facts, on, code, message) => {
    const e = refusal(() => acceptReviewRequest('RE_REVIEW', facts, on, cal, policy));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });

  it('R26: 复核 after 复核 is refused — and so is another 复查', () => {
    const done = claim({ review: answeredReview, reReview: answeredReReview });
    for (const kind of ['RE_REVIEW', 'REVIEW'] as const) {
      const e = refusal(() => acceptReviewRequest(kind, done, '2026-12-05', cal, policy));
      expect(e.code).toBe('ALREADY_DONE');
      expect(e.message).toMatch(/复核意见已作出.*同一事实和理由.*不再受理/);
    }
  });

  it('R26: an answer is recorded once, not before its request, and a late one is flagged', () => {
    const pending = claim({ review: { requestedOn: '2026-11-10', dueOn: '2026-12-10', answeredOn: null } });
    expect(acceptReviewAnswer('REVIEW', pending, '2026-12-10')).toEqual({ late: false });
    expect(acceptReviewAnswer('REVIEW', pending, '2026-12-11')).toEqual({ late: true });
    expect(refusal(() => acceptReviewAnswer('REVIEW', pending, '2026-11-09')).code).toBe('VALIDATION');
    expect(refusal(() => acceptReviewAnswer('RE_REVIEW', pending, '2026-11-20')).message).toMatch(/没有复核请求/);
    expect(refusal(() => acceptReviewAnswer('REVIEW', claim({ review: answeredReview }), '2026-11-21')).code).toBe('ALREADY_DONE');
  });
});
