import { DomainError } from './errors.js';
import type { CaseStatus } from './model.js';

export const STATUS_LABELS: Record<CaseStatus, string> = {
  REGISTERED: '登记',
  AWAITING_OWNER: '待包案',
  AWAITING_APPROVAL: '待审定',
  IN_PROGRESS: '办理中',
  EXTENDED: '延期',
  RESOLVED: '已办结',
  FOLLOWED_UP: '已回访',
  ARCHIVED: '已归档',
  RETURNED: '已退回',
};

/** The status machine of the domain page: the only transitions that exist. */
const TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  REGISTERED: ['AWAITING_OWNER', 'AWAITING_APPROVAL', 'IN_PROGRESS'],
  AWAITING_OWNER: ['AWAITING_APPROVAL'],
  AWAITING_APPROVAL: ['IN_PROGRESS', 'RETURNED'],
  RETURNED: ['AWAITING_APPROVAL'],
  IN_PROGRESS: ['EXTENDED', 'RESOLVED', 'AWAITING_OWNER'],
  EXTENDED: ['RESOLVED'],
  RESOLVED: ['FOLLOWED_UP', 'IN_PROGRESS'],
  FOLLOWED_UP: ['ARCHIVED', 'IN_PROGRESS'],
  ARCHIVED: [],
};

/** Open means someone still has work to do on it and its deadline runs. */
export const OPEN_STATUSES: readonly CaseStatus[] = [
  'REGISTERED', 'AWAITING_OWNER', 'AWAITING_APPROVAL', 'RETURNED', 'IN_PROGRESS', 'EXTENDED',
];

export function isOpen(status: CaseStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: CaseStatus, to: CaseStatus): void {
  if (!canTransition(from, to)) {
    throw new DomainError(
      'INVALID_TRANSITION',
      `案件当前状态为「${STATUS_LABELS[from]}」，不能变更为「${STATUS_LABELS[to]}」`,
      { from, to },
    );
  }
}
