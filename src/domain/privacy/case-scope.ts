import { readsEveryAccusation, readsEveryCase, type CaseAccessFacts } from '../authorization.js';
import type { Person } from '../model.js';
import { isConfidential, type OutputChannel } from './disclosure.js';

/**
 * Which cases a list, a count that names cases, a search or an export may hold for one viewer:
 * the same decision as discloseCase's `visible`, in a form a query can apply to thousands of
 * rows (db/queries/case-scope-sql.ts). A test holds the two equal for every role and case shape.
 */
export interface CaseScope {
  viewerId: string;
  unitId: string | null;
  /** False for a deactivated account: nothing at all. */
  active: boolean;
  /** Ordinary cases of anyone, not only those the viewer or their unit works on. */
  everyCase: boolean;
  /** R26: accusations of anyone, not only those the viewer is assigned to. */
  everyAccusation: boolean;
  /** A group chat: no confidential case (accusations, cases naming someone as accused). */
  groupSafe: boolean;
}

/** No person reads it: the system's own reads (scheduling, checks, benchmarks) — never what is shown to someone. */
export const SYSTEM_SCOPE: CaseScope = { viewerId: '', unitId: null, active: true, everyCase: true, everyAccusation: true, groupSafe: false };

export type ListChannel = Extract<OutputChannel, 'GROUP_CHAT' | 'DIRECT_CHAT' | 'CONSOLE_LIST' | 'EXPORT' | 'WEEKLY_SUMMARY'>;

export function caseScope(viewer: Person, channel: ListChannel): CaseScope {
  return {
    viewerId: viewer.id,
    unitId: viewer.unitId,
    active: viewer.active,
    everyCase: readsEveryCase(viewer),
    everyAccusation: readsEveryAccusation(viewer),
    groupSafe: channel === 'GROUP_CHAT',
  };
}

/** Whether one case is within the scope: what the SQL form of the scope filters on. */
export function inCaseScope(s: CaseScope, c: CaseAccessFacts): boolean {
  if (!s.active) return false;
  if (c.accusedPersonId === s.viewerId) return false;
  if (s.unitId !== null && c.accusedUnitId === s.unitId) return false;
  if (s.groupSafe && isConfidential(c)) return false;
  const assigned = c.ownerLeaderId === s.viewerId || c.responsiblePersonId === s.viewerId;
  if (c.classification === 'ACCUSATION') return s.everyAccusation || assigned;
  const inUnit = s.unitId !== null && (c.unitId === s.unitId || c.territorialUnitId === s.unitId || c.functionalUnitId === s.unitId);
  return s.everyCase || assigned || inUnit;
}
