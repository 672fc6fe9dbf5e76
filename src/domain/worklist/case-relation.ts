import type { CaseAccessFacts } from '../authorization.js';
import type { Person } from '../model.js';

/** How a unit head's unit is on a case: its responsible unit, or one of the two units of R19. */
export type UnitRelation = 'UNIT' | 'TERRITORIAL' | 'FUNCTIONAL';

/** How a case is on a person's 我的: theirs as owner leader or responsible person, or their unit's. */
export type CaseRelation = 'OWNER' | 'RESPONSIBLE' | 'BOTH' | UnitRelation;

export const UNIT_RELATION_LABELS: Record<UnitRelation, string> = {
  UNIT: '本单位案件',
  TERRITORIAL: '本单位为属地单位（负责稳控）',
  FUNCTIONAL: '本单位为属事单位（负责解决问题）',
};

/** The unit whose open cases a person's 我的 lists besides their own: the unit they head. */
export function headedUnitOf(p: Person): string | null {
  return p.active && p.roles.includes('UNIT_HEAD') ? p.unitId : null;
}

/** R19 first: a unit named territorial or functional has that duty, whether or not it is also the responsible unit. */
export function unitRelation(p: Person, c: Pick<CaseAccessFacts, 'unitId' | 'territorialUnitId' | 'functionalUnitId'>): UnitRelation | null {
  const unit = headedUnitOf(p);
  if (unit === null) return null;
  if (c.territorialUnitId === unit) return 'TERRITORIAL';
  if (c.functionalUnitId === unit) return 'FUNCTIONAL';
  return c.unitId === unit ? 'UNIT' : null;
}

/** Why a case is on this person's 我的, or null when it is not theirs nor their unit's. */
export function caseRelation(p: Person, c: Pick<CaseAccessFacts, 'ownerLeaderId' | 'responsiblePersonId' | 'unitId' | 'territorialUnitId' | 'functionalUnitId'>): CaseRelation | null {
  const owner = c.ownerLeaderId === p.id;
  const responsible = c.responsiblePersonId === p.id;
  if (owner || responsible) return owner && responsible ? 'BOTH' : owner ? 'OWNER' : 'RESPONSIBLE';
  return unitRelation(p, c);
}
