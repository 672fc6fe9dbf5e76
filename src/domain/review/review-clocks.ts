import type { LocalDate } from '../../lib/local-date.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import type { DeadlinePolicy } from '../deadlines/deadline-policy.js';
import { dayPeriodEnd } from '../deadlines/period-end.js';
import { DomainError } from '../errors.js';
import type { Classification } from '../model.js';

// R26 (信访工作条例 Arts 35–36): 处理意见书 → 复查 → 复核 are linked clocks on one case. Each
// request window runs from the previous written answer, each answer is due a fixed number of
// days after the request; both are configurable (DeadlinePolicy) and counted like R9.
// None of this moves the case status: the case stays where it is (usually 已办结/已回访/已归档)
// while the higher-level bodies review it; the clocks live in CaseReview rows. Archiving waits
// for an answer pending, and asks first while a window is open (archive-check.ts).

export type ReviewKind = 'REVIEW' | 'RE_REVIEW';

export const REVIEW_KIND_LABELS: Record<ReviewKind, string> = { REVIEW: '复查', RE_REVIEW: '复核' };

export interface ReviewStep {
  requestedOn: LocalDate;
  dueOn: LocalDate;
  answeredOn: LocalDate | null;
}

export interface ReviewFacts {
  classification: Classification | null;
  opinionIssuedOn: LocalDate | null;
  review: ReviewStep | null;
  reReview: ReviewStep | null;
}

export type ReviewStage =
  | 'NOT_A_CLAIM' // only 申诉求决 has these clocks
  | 'AWAITING_OPINION' // handled claim, no 处理意见书 yet
  | 'REVIEW_WINDOW' // the petitioner may ask for 复查
  | 'REVIEW_PENDING' // 复查 asked, answer due
  | 'RE_REVIEW_WINDOW' // the petitioner may ask for 复核
  | 'RE_REVIEW_PENDING' // 复核 asked, answer due
  | 'CONCLUDED'; // a window passed unused, or 复核 answered: the same request is not accepted again

export interface ReviewClocks {
  stage: ReviewStage;
  reviewRequestBy: LocalDate | null;
  reviewAnswerBy: LocalDate | null;
  reReviewRequestBy: LocalDate | null;
  reReviewAnswerBy: LocalDate | null;
  /** The answer the current stage waits for is past its due day. */
  answerOverdue: boolean;
}

/** Last day to ask for the next step, counted from the written answer (处理意见书 or 复查意见). */
export function reviewRequestDeadline(answeredOn: LocalDate, calendar: WorkingCalendar, policy: DeadlinePolicy): LocalDate {
  return dayPeriodEnd(answeredOn, policy.reviewRequestDays, calendar, policy);
}

/** Last day for the reviewing body to answer, counted from the request. */
export function reviewAnswerDeadline(requestedOn: LocalDate, calendar: WorkingCalendar, policy: DeadlinePolicy): LocalDate {
  return dayPeriodEnd(requestedOn, policy.reviewAnswerDays, calendar, policy);
}

/** The state of the linked clocks of one case on `today`. */
export function reviewClocks(f: ReviewFacts, today: LocalDate, calendar: WorkingCalendar, policy: DeadlinePolicy): ReviewClocks {
  const clocks: ReviewClocks = {
    stage: 'NOT_A_CLAIM',
    reviewRequestBy: null,
    reviewAnswerBy: null,
    reReviewRequestBy: null,
    reReviewAnswerBy: null,
    answerOverdue: false,
  };
  if (f.classification !== 'CLAIM') return clocks;
  if (!f.opinionIssuedOn) return { ...clocks, stage: 'AWAITING_OPINION' };
  clocks.reviewRequestBy = reviewRequestDeadline(f.opinionIssuedOn, calendar, policy);
  if (!f.review) return { ...clocks, stage: today <= clocks.reviewRequestBy ? 'REVIEW_WINDOW' : 'CONCLUDED' };
  clocks.reviewAnswerBy = f.review.dueOn;
  if (!f.review.answeredOn) return { ...clocks, stage: 'REVIEW_PENDING', answerOverdue: today > f.review.dueOn };
  clocks.reReviewRequestBy = reviewRequestDeadline(f.review.answeredOn, calendar, policy);
  if (!f.reReview) return { ...clocks, stage: today <= clocks.reReviewRequestBy ? 'RE_REVIEW_WINDOW' : 'CONCLUDED' };
  clocks.reReviewAnswerBy = f.reReview.dueOn;
  if (!f.reReview.answeredOn) return { ...clocks, stage: 'RE_REVIEW_PENDING', answerOverdue: today > f.reReview.dueOn };
  return { ...clocks, stage: 'CONCLUDED' };
}

const FINAL = '复核意见已作出。信访人对复核意见不服，仍以同一事实和理由提出的，依照《信访工作条例》不再受理';

/**
 * Whether the petitioner's request for `kind`, made on `requestedOn`, is accepted; returns
 * the day its answer is due. Refusals say why in Chinese.
 */
export function acceptReviewRequest(
  kind: ReviewKind,
  f: ReviewFacts,
  requestedOn: LocalDate,
  calendar: WorkingCalendar,
  policy: DeadlinePolicy,
): { dueOn: LocalDate; requestBy: LocalDate } {
  const label = REVIEW_KIND_LABELS[kind];
  if (f.reReview) {
    throw new DomainError('ALREADY_DONE', f.reReview.answeredOn ? FINAL : '该事项的复核请求已受理，正在复核中，不能重复请求', { kind });
  }
  if (f.classification !== 'CLAIM') {
    throw new DomainError('CONFLICT', `只有「申诉求决」类信访事项可以请求${label}`, { classification: f.classification });
  }
  if (!f.opinionIssuedOn) {
    throw new DomainError('CONFLICT', `该事项尚未出具处理意见书，不能请求${label}`);
  }
  let from: LocalDate;
  let fromLabel: string;
  if (kind === 'REVIEW') {
    if (f.review) {
      throw new DomainError(
        'ALREADY_DONE',
        f.review.answeredOn ? '该事项已复查并作出复查意见；信访人不服的，应请求复核' : '该事项的复查请求已受理，正在复查中，不能重复请求',
        { kind },
      );
    }
    from = f.opinionIssuedOn;
    fromLabel = '处理意见书';
  } else {
    if (!f.review) throw new DomainError('CONFLICT', '该事项未经复查，不能直接请求复核');
    if (!f.review.answeredOn) throw new DomainError('CONFLICT', '复查意见尚未作出，不能请求复核');
    from = f.review.answeredOn;
    fromLabel = '复查意见';
  }
  if (requestedOn < from) {
    throw new DomainError('VALIDATION', `输入有误：${label}请求日期不能早于${fromLabel}作出日期（${from}）`);
  }
  const requestBy = reviewRequestDeadline(from, calendar, policy);
  if (requestedOn > requestBy) {
    throw new DomainError(
      'DEADLINE_IN_PAST',
      `请求${label}须在收到${fromLabel}之日起${policy.reviewRequestDays}日内提出（截至${requestBy}），已逾期，不予受理`,
      { requestBy, requestedOn },
    );
  }
  return { dueOn: reviewAnswerDeadline(requestedOn, calendar, policy), requestBy };
}

/** Whether an answer to `kind` may be recorded on `answeredOn`; a late answer is accepted and flagged. */
export function acceptReviewAnswer(kind: ReviewKind, f: ReviewFacts, answeredOn: LocalDate): { late: boolean } {
  const label = REVIEW_KIND_LABELS[kind];
  const step = kind === 'REVIEW' ? f.review : f.reReview;
  if (!step) throw new DomainError('NOT_FOUND', `该事项没有${label}请求`);
  if (step.answeredOn) throw new DomainError('ALREADY_DONE', `${label}意见已于${step.answeredOn}作出，不能重复答复`);
  if (answeredOn < step.requestedOn) {
    throw new DomainError('VALIDATION', `输入有误：${label}意见日期不能早于请求日期（${step.requestedOn}）`);
  }
  return { late: answeredOn > step.dueOn };
}
