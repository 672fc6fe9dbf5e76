import type { LocalDate } from '../../lib/local-date.js';
import type { ReportingOwnership } from '../../domain/reminders/report-reminders.js';
import type { PendingReview } from '../../domain/reminders/review-reminders.js';
import type { WeeklyFigures } from '../../domain/reminders/weekly-summary.js';

export interface PendingReviewFacts extends PendingReview {
  ownerLeaderId: string | null;
  responsiblePersonId: string | null;
}

export interface ResolvedAwaitingFollowUp {
  caseId: string;
  caseNumber: string;
  caseTitle: string;
  resolvedAt: Date;
}

/** What the periodic reminders (R2, R26, R27, weekly summary) read: open work only, never the whole history. */
export interface ReminderFactsRepo {
  /** Active ownerships of open cases, with the day of each case's latest progress entry. */
  reportingOwnerships(): Promise<ReportingOwnership[]>;
  /** 复查/复核 requests of any case still waiting for their answer. */
  pendingReviews(): Promise<PendingReviewFacts[]>;
  /** 已办结 cases with no follow-up since their resolution. */
  awaitingFollowUp(): Promise<ResolvedAwaitingFollowUp[]>;
  /** Received and resolved in [from, to], open and overdue as of `today`, by village. */
  weeklyFigures(from: LocalDate, to: LocalDate, today: LocalDate): Promise<WeeklyFigures>;
}
