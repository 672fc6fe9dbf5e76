import type { LocalDate } from '../../lib/local-date.js';
import { DomainError } from '../errors.js';
import { REVIEW_KIND_LABELS, type ReviewClocks, type ReviewFacts } from './review-clocks.js';

// R26: archiving closes the file. A 复查/复核 asked and not yet answered keeps it open; a request
// window still running, or a claim still owed its 处理意见书, lets the office archive only once it
// has been told and confirms (the petitioner may still ask, and is still answered: the clocks
// go on, on the archived case).

/** The situations the office must confirm before archiving; a confirmation names the one it saw. */
export const ARCHIVE_CONFIRMATIONS = ['AWAITING_OPINION', 'REVIEW_WINDOW', 'RE_REVIEW_WINDOW'] as const;
export type ArchiveConfirmation = (typeof ARCHIVE_CONFIRMATIONS)[number];

export interface ArchiveQuestion {
  about: ArchiveConfirmation;
  /** The last day the petitioner may ask for 复查/复核; null for a claim without its 处理意见书. */
  openUntil: LocalDate | null;
  /** What the office is asked, in Chinese. */
  question: string;
}

/** ARCHIVE names the question the office confirmed, if there was one (for the audit trail). */
export type ArchiveCheck = { kind: 'ARCHIVE'; confirmed: ArchiveQuestion | null } | { kind: 'CONFIRM'; question: ArchiveQuestion };

/**
 * R26: may the case be archived now, given its linked clocks? Refuses (CONFLICT) while a 复查 or
 * 复核 waits for its answer; asks for confirmation while the petitioner may still ask, or while a
 * handled claim has no 处理意见书. `confirmed` is what the office confirmed: it counts only for
 * the situation it was asked about (a request arriving since changes the question).
 */
export function archiveCheck(facts: ReviewFacts, clocks: ReviewClocks, confirmed: ArchiveConfirmation | null): ArchiveCheck {
  const question = archiveQuestion(facts, clocks);
  if (!question) return { kind: 'ARCHIVE', confirmed: null };
  return question.about === confirmed ? { kind: 'ARCHIVE', confirmed: question } : { kind: 'CONFIRM', question };
}

function archiveQuestion(f: ReviewFacts, c: ReviewClocks): ArchiveQuestion | null {
  switch (c.stage) {
    case 'REVIEW_PENDING':
      throw pendingRefusal('REVIEW', f.review!.requestedOn, c.reviewAnswerBy!);
    case 'RE_REVIEW_PENDING':
      throw pendingRefusal('RE_REVIEW', f.reReview!.requestedOn, c.reReviewAnswerBy!);
    case 'REVIEW_WINDOW':
      return {
        about: 'REVIEW_WINDOW',
        openUntil: c.reviewRequestBy,
        question: `处理意见书于${f.opinionIssuedOn}出具，信访人在${c.reviewRequestBy}前仍可请求复查。现在归档，信访人请求复查时仍须受理并在本案登记。确认归档吗？`,
      };
    case 'RE_REVIEW_WINDOW':
      return {
        about: 'RE_REVIEW_WINDOW',
        openUntil: c.reReviewRequestBy,
        question: `复查意见于${f.review!.answeredOn}作出，信访人在${c.reReviewRequestBy}前仍可请求复核。现在归档，信访人请求复核时仍须受理并在本案登记。确认归档吗？`,
      };
    case 'AWAITING_OPINION':
      return {
        about: 'AWAITING_OPINION',
        openUntil: null,
        question: '该事项为申诉求决类，尚未出具处理意见书（信访人收到后可请求复查）。归档后待办中不再提示出具，出具后仍可在本案登记。确认归档吗？',
      };
    case 'NOT_A_CLAIM':
    case 'CONCLUDED':
      return null;
  }
}

function pendingRefusal(kind: 'REVIEW' | 'RE_REVIEW', requestedOn: LocalDate, answerBy: LocalDate): DomainError {
  const label = REVIEW_KIND_LABELS[kind];
  return new DomainError(
    'CONFLICT',
    `信访人已于${requestedOn}请求${label}，${label}意见尚未作出（应于${answerBy}前作出），不能归档。请先登记${label}意见，再归档。`,
    { stage: kind === 'REVIEW' ? 'REVIEW_PENDING' : 'RE_REVIEW_PENDING', requestedOn, answerBy },
  );
}
