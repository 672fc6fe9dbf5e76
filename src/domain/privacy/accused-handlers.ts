import type { CaseAccessFacts } from '../authorization.js';
import { DomainError } from '../errors.js';
import type { Person } from '../model.js';

/** Who would handle a case: people (leader, responsible person) and units (responsible, R19 territorial and functional). */
export interface Handlers {
  people: readonly { label: string; person: Pick<Person, 'id' | 'unitId'> }[];
  units: readonly { label: string; unitId: string | null }[];
}

/** The first handler the petition names as accused, by its label; null when none is. */
export function accusedHandler(c: Pick<CaseAccessFacts, 'accusedPersonId' | 'accusedUnitId'>, h: Handlers): string | null {
  for (const { label, person } of h.people) {
    if (c.accusedPersonId !== null && person.id === c.accusedPersonId) return label;
    if (c.accusedUnitId !== null && person.unitId === c.accusedUnitId) return `${label}（所在单位为被反映单位）`;
  }
  for (const { label, unitId } of h.units) {
    if (c.accusedUnitId !== null && unitId === c.accusedUnitId) return label;
  }
  return null;
}

/**
 * R24/R26: the person or unit a petition complains about never handles it — not as leader,
 * responsible person or unit, nor as a member of the accused unit — so it never reaches them.
 */
export function assertNotHandledByAccused(c: Pick<CaseAccessFacts, 'accusedPersonId' | 'accusedUnitId'>, h: Handlers): void {
  const who = accusedHandler(c, h);
  if (who) throw new DomainError('FORBIDDEN', `${who}是本案的被反映人或被反映单位，依规回避，不能承办本案`, { handler: who });
}
