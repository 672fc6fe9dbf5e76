import { beijingDate, beijingDateTime } from '../../../../../cards/format.js';
import type { AuditTrailEntry } from '../../../../db/queries/case-audit-trail.js';
import type { Redactor } from '../../../../domain/privacy/redactor.js';
import type { NameIndex } from '../../../../usecases/ports.js';

/** One fact of a case's story, as the case page lists it: when, what kind, what happened, by whom, and its details. */
export interface StoryEvent {
  at: Date;
  /** Orders facts recorded at the same moment the way a case's life runs. */
  rank: number;
  /** The kind of fact, a short word: 登记, 包案, 进展, 延期 … */
  tag: string;
  title: string;
  /** Who did it; null: the system (a job, a deadline passing). */
  who: string | null;
  /** Details, each 「label：value」, already redacted for the reader. */
  lines: string[];
}

/** Tie-break of facts at the same moment. */
export const RANK = {
  sentiment: 0, registration: 1, classification: 2, scope: 3, proposal: 4, decision: 5, ownershipEnd: 6, assignment: 7, progress: 8,
  extension: 9, extensionDecision: 10, abnormal: 11, alert: 12, acknowledgement: 13, statement: 14, persuasion: 15, meeting: 16,
  visit: 17, reportUp: 18, overdue: 19, resolution: 20, opinion: 21, review: 22, answer: 23, followUp: 24, archive: 25, correction: 26,
} as const;

/** An audit entry with its before and after read. */
export interface TrailEntry extends Omit<AuditTrailEntry, 'before' | 'after'> {
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const parse = (json: string | null): Record<string, unknown> | null => {
  if (json === null) return null;
  const v = JSON.parse(json) as unknown;
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
};

export const readTrail = (trail: readonly AuditTrailEntry[]): TrailEntry[] => trail.map((e) => ({ ...e, before: parse(e.before), after: parse(e.after) }));

/** What every section's presenter needs: names for ids, the reader's redaction, and the audit trail (who did what the tables do not say). */
export interface StoryContext {
  person(id: string | null | undefined): string;
  unit(id: string | null | undefined): string;
  village(id: string | null | undefined): string;
  redact: Redactor;
  trail: readonly TrailEntry[];
}

/** The name of whoever made the last audit entry that matches; null when none does (or the system did). */
export function actorOf(ctx: StoryContext, action: string, match: (e: TrailEntry) => boolean = () => true): string | null {
  return ctx.trail.findLast((e) => e.action === action && match(e))?.actorName ?? null;
}

/** 「label：value」, or nothing when there is no value. */
export const line = (label: string, value: string | null | undefined): string[] => (value ? [`${label}：${value}`] : []);

export const dateTime = beijingDateTime;
export const date = beijingDate;

/** The context of one reader's page: names from the directory (inactive people too), their redaction, the case's trail. */
export function storyContext(names: NameIndex, redact: Redactor, trail: readonly TrailEntry[]): StoryContext {
  const lookup = (items: readonly { id: string; name: string }[]) => {
    const byId = new Map(items.map((x) => [x.id, x.name]));
    return (id: string | null | undefined) => (id ? (byId.get(id) ?? '—') : '—');
  };
  return { person: lookup(names.people), unit: lookup(names.units), village: lookup(names.villages), redact, trail };
}
