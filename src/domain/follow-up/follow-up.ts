import { localDateOf, type LocalDate } from '../../lib/local-date.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import type { DeadlinePolicy } from '../deadlines/deadline-policy.js';
import { dayPeriodEnd } from '../deadlines/period-end.js';
import { DomainError } from '../errors.js';
import type { CaseStatus, Rating } from '../model.js';

// R27: after resolution the petitioner is called back and rates the petition office and the
// responsible unit separately; when the window passes unrated, both become 逾期未评价.

export const RATING_LABELS: Record<Rating, string> = {
  SATISFIED: '满意',
  BASICALLY_SATISFIED: '基本满意',
  UNSATISFIED: '不满意',
  NOT_RATED: '逾期未评价',
};

/** What a person may give; NOT_RATED is only ever set by the window passing. */
export const GIVEN_RATINGS = ['SATISFIED', 'BASICALLY_SATISFIED', 'UNSATISFIED'] as const;
export type GivenRating = (typeof GIVEN_RATINGS)[number];

/** Last day of the follow-up window: followUpWindowDays after resolution, counted like R9. */
export function followUpWindowEnd(resolvedAt: Date, calendar: WorkingCalendar, policy: DeadlinePolicy): LocalDate {
  return dayPeriodEnd(localDateOf(resolvedAt), policy.followUpWindowDays, calendar, policy);
}

export interface FollowUpFacts {
  status: CaseStatus;
  resolvedAt: Date | null;
}

/** Whether a rating may be recorded today; throws a Chinese refusal otherwise. */
export function assertCanRecordFollowUp(
  c: FollowUpFacts,
  today: LocalDate,
  calendar: WorkingCalendar,
  policy: DeadlinePolicy,
): void {
  if (c.status !== 'RESOLVED' || !c.resolvedAt) {
    throw new DomainError('INVALID_TRANSITION', '只有「已办结」的案件可以回访', { status: c.status });
  }
  const end = followUpWindowEnd(c.resolvedAt, calendar, policy);
  if (today > end) {
    throw new DomainError(
      'DEADLINE_IN_PAST',
      `回访期限（办结后${policy.followUpWindowDays}日，截至${end}）已过，按「逾期未评价」处理`,
      { windowEnd: end },
    );
  }
}

/** 不满意 may reopen the case, and only 不满意 may. */
export function assertCanReopen(officeRating: GivenRating, unitRating: GivenRating): void {
  if (officeRating !== 'UNSATISFIED' && unitRating !== 'UNSATISFIED') {
    throw new DomainError('VALIDATION', '输入有误：只有信访人表示「不满意」时才能重新办理');
  }
}

/** The expiry job's test: resolved, window passed, and no follow-up since the resolution. */
export function followUpExpired(
  c: FollowUpFacts & { lastFollowUpAt: Date | null },
  today: LocalDate,
  calendar: WorkingCalendar,
  policy: DeadlinePolicy,
): boolean {
  if (c.status !== 'RESOLVED' || !c.resolvedAt) return false;
  if (c.lastFollowUpAt && c.lastFollowUpAt.getTime() >= c.resolvedAt.getTime()) return false;
  return today > followUpWindowEnd(c.resolvedAt, calendar, policy);
}
