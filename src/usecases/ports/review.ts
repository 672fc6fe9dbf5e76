import type { LocalDate } from '../../lib/local-date.js';
import type { ReviewKind } from '../../domain/review/review-clocks.js';

/** R26: a 复查 or 复核 on a case (at most one of each). */
export interface CaseReviewRecord {
  id: string;
  caseId: string;
  kind: ReviewKind;
  requestedAt: Date;
  dueOn: LocalDate;
  answeredAt: Date | null;
  answer: string | null;
  recordedById: string;
}

export interface ReviewRepo {
  forCase(caseId: string): Promise<CaseReviewRecord[]>;
  /** Null when the case already has a review of that kind (someone recorded it first). */
  create(data: Omit<CaseReviewRecord, 'id' | 'answeredAt' | 'answer'>): Promise<CaseReviewRecord | null>;
  /** Records the answer of an unanswered review; false if it was answered meanwhile. */
  answer(id: string, data: { answeredAt: Date; answer: string }): Promise<boolean>;
  /** The discipline inspection unit (纪检) that accusations go to. */
  disciplineUnit(): Promise<{ id: string; name: string } | null>;
}
