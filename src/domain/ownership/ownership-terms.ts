import { DomainError } from '../errors.js';
import type { LocalDate } from '../../lib/local-date.js';
import type { Person } from '../model.js';

/** R2: only a town-level leader can be 包案领导. */
export function assertCanOwn(leader: Person): void {
  if (!leader.active || !leader.roles.some((r) => r === 'TOWN_LEADER' || r === 'PRINCIPAL_LEADER')) {
    throw new DomainError('VALIDATION', `${leader.name}不是镇级领导，不能担任包案领导`, { leaderId: leader.id });
  }
}

/** R2/R9: the 办结时限 is not in the past and not past the statutory limit. */
export function assertOwnershipDeadline(deadline: LocalDate, today: LocalDate, statutoryLimit: LocalDate): void {
  if (deadline < today) {
    throw new DomainError('DEADLINE_IN_PAST', `办结时限 ${deadline} 已经过去，请重新填写`, { deadline, today });
  }
  if (deadline > statutoryLimit) {
    throw new DomainError('DEADLINE_BEYOND_LIMIT', `办结时限不得晚于法定期限 ${statutoryLimit}`, { deadline, statutoryLimit });
  }
}
