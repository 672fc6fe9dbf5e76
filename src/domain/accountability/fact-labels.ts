import type { AccountabilityKind, AccountabilityReason } from './accountability-facts.js';

/** R22's three kinds of poor work, and a case that went up (R21) whatever the cause. */
export const ACCOUNTABILITY_KIND_LABELS: Record<AccountabilityKind, string> = {
  INACTION: '不作为',
  SLOW_ACTION: '慢作为',
  WRONG_ACTION: '乱作为',
  ESCALATION: '问题上行',
};

export const ACCOUNTABILITY_REASON_LABELS: Record<AccountabilityReason, string> = {
  ACK_NEVER_GIVEN: '预警升级时仍未确认',
  ACK_INCOMPLETE: '预警确认未到位',
  REPEATED_OVERDUE: '多件案件逾期',
  REOPENED: '同一问题重新办理',
  ABNORMAL_PETITION: '发生非正常上访',
  ABNORMAL_PETITION_OVERDUE: '逾期未办结引发非正常上访',
};
