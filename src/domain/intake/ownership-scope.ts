import type { CaseSource } from '../model.js';

/** R1: the reasons a case needs a leader owner. */
export type OwnershipReason =
  | 'COLLECTIVE' // 重要群体性 (5 or more people)
  | 'SUDDEN' // 突发性
  | 'IMPORTANT' // 属我镇调处的重要信访案件
  | 'BEIJING' // 赴京上访中属我镇协调的
  | 'RECEPTION_DAY_IMPORTANT' // 信访接待日接访的重要案件
  | 'LEADING_GROUP'; // 其他需包案 (marked by the leading group)

export const OWNERSHIP_REASON_LABELS: Record<OwnershipReason, string> = {
  COLLECTIVE: '重要群体性信访',
  SUDDEN: '突发性信访',
  IMPORTANT: '我镇调处的重要信访',
  BEIJING: '赴京上访（我镇协调）',
  RECEPTION_DAY_IMPORTANT: '接访日接访的重要信访',
  LEADING_GROUP: '信访领导小组认定需包案',
};

/** A collective case (集体访) has 5 or more people. */
export const COLLECTIVE_HEADCOUNT = 5;

export interface ScopeFacts {
  source: CaseSource;
  headcount: number;
  sudden: boolean;
  important: boolean;
  beijingPetition: boolean;
  markedByLeadingGroup: boolean;
}

export function isCollective(headcount: number): boolean {
  return headcount >= COLLECTIVE_HEADCOUNT;
}

/** R1: which ownership reasons a case has at intake; empty means no leader owner is required. */
export function ownershipReasons(f: ScopeFacts): OwnershipReason[] {
  const reasons: OwnershipReason[] = [];
  if (isCollective(f.headcount)) reasons.push('COLLECTIVE');
  if (f.sudden) reasons.push('SUDDEN');
  if (f.important) reasons.push(f.source === 'RECEPTION_DAY' ? 'RECEPTION_DAY_IMPORTANT' : 'IMPORTANT');
  if (f.beijingPetition) reasons.push('BEIJING');
  if (f.markedByLeadingGroup) reasons.push('LEADING_GROUP');
  return reasons;
}

/**
 * R1 after the office corrects a case's source or headcount: the reasons those decide are decided
 * again (5 people or more is collective; an important case from a reception day is named as such),
 * the flags set at intake stay.
 */
export function rescopedReasons(current: readonly string[], f: Pick<ScopeFacts, 'source' | 'headcount'>): OwnershipReason[] {
  const has = (r: OwnershipReason) => current.includes(r);
  return ownershipReasons({
    source: f.source,
    headcount: f.headcount,
    sudden: has('SUDDEN'),
    important: has('IMPORTANT') || has('RECEPTION_DAY_IMPORTANT'),
    beijingPetition: has('BEIJING'),
    markedByLeadingGroup: has('LEADING_GROUP'),
  });
}
