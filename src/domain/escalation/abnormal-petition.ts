import { addDays, localDateOf, type LocalDate } from '../../lib/local-date.js';
import { DomainError } from '../errors.js';

/** Days a leader has to hand in a self-criticism (书面检查); the plan sets none, so this is a default. */
export const SELF_CRITICISM_DUE_DAYS = 7;

export interface AbnormalCaseFacts {
  ownerLeaderId: string | null;
  dueOn: LocalDate | null;
  /** R11 mark set by the overdue job, kept after resolution. */
  overdueOn: LocalDate | null;
  resolvedAt: Date | null;
}

export interface AbnormalPetitionDuties {
  /** Who must organise persuasion to return (劝返). */
  leaderId: string;
  owned: boolean;
  /** R11 on the day of the petition. */
  overdue: boolean;
  /** An overdue owned case: its leader also owes a written self-criticism to the standing committee. */
  selfCriticism: { authorId: string; dueOn: LocalDate } | null;
}

/** R11 as of `day`: the deadline had passed and the case was not resolved by it. */
export function wasOverdueOn(c: AbnormalCaseFacts, day: LocalDate): boolean {
  if (c.overdueOn !== null && c.overdueOn <= day) return true;
  if (c.dueOn === null || c.dueOn >= day) return false;
  const resolvedOn = c.resolvedAt ? localDateOf(c.resolvedAt) : null;
  return resolvedOn === null || resolvedOn > c.dueOn;
}

/**
 * R21: the duties an abnormal petition opens. The owner persuades; without an owner the leader
 * in charge of petition work does. An overdue case also costs its owner a self-criticism.
 */
export function abnormalPetitionDuties(
  c: AbnormalCaseFacts,
  occurredOn: LocalDate,
  reportedOn: LocalDate,
  petitionLeaderInChargeId: string | null,
): AbnormalPetitionDuties {
  const overdue = wasOverdueOn(c, occurredOn);
  const leaderId = c.ownerLeaderId ?? petitionLeaderInChargeId;
  if (!leaderId) {
    throw new DomainError('CONFLICT', '该案件尚无包案领导，也未设置分管信访工作的领导，无法安排劝返', {});
  }
  return {
    leaderId,
    owned: c.ownerLeaderId !== null,
    overdue,
    selfCriticism: overdue && c.ownerLeaderId ? { authorId: c.ownerLeaderId, dueOn: addDays(reportedOn, SELF_CRITICISM_DUE_DAYS) } : null,
  };
}
