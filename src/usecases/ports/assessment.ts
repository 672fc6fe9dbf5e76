import type { LocalDate } from '../../lib/local-date.js';
import type {
  CaseDeadlineFacts, EntryDraft, EscalationFact, OwnershipReporting, ScreeningDuty, UnitRatingFact,
} from '../../domain/assessment/entries.js';
import type { AssessmentRule } from '../../domain/assessment/rules.js';
import type { SheetEntry, SheetUnit } from '../../domain/assessment/sheet.js';

/** R23: the rule table and the recorded entries. */
export interface AssessmentRepo {
  /** Inserts the rules that are missing; existing rows keep the office's values. */
  ensureRules(defaults: readonly AssessmentRule[]): Promise<void>;
  rules(): Promise<AssessmentRule[]>;
  rule(code: string): Promise<AssessmentRule | null>;
  updateRule(code: string, patch: Partial<Omit<AssessmentRule, 'code'>>): Promise<AssessmentRule>;
  /** Inserts the drafts whose sourceKey is new; returns the entries inserted (ids and keys). */
  record(drafts: readonly EntryDraft[], at: Date): Promise<{ id: string; sourceKey: string }[]>;
  entryBySourceKey(sourceKey: string): Promise<SheetEntry | null>;
  entries(year: number): Promise<SheetEntry[]>;
  /** Villages and departments (the units assessed), plus any other unit with an entry that year. */
  assessedUnits(year: number): Promise<SheetUnit[]>;
}

/** R23: the stored facts deductions are derived from, read-only. */
export interface AssessmentFactsRepo {
  /** R17 duties whose report was due in the year, with the report if any. */
  screeningDuties(year: number): Promise<ScreeningDuty[]>;
  /** Cases with a unit whose deadline or overdue day falls in or near the year. */
  deadlineFacts(year: number): Promise<CaseDeadlineFacts[]>;
  /** Follow-ups recorded in the year, with the case's unit. */
  unitRatings(year: number): Promise<UnitRatingFact[]>;
  /** Unit AccountabilityFact rows recorded in the year whose reason is a poor-work escalation (POOR_WORK_ESCALATION_REASONS). */
  escalationFacts(year: number): Promise<EscalationFact[]>;
  /** Ownerships active at some time up to the end of the year, with their progress days. */
  ownershipReporting(year: number, until: LocalDate): Promise<OwnershipReporting[]>;
}
