import { isOpen } from '../case-status.js';
import type { CaseStatus } from '../model.js';
import { addDays, localDateOf, quarterRange, type LocalDate } from '../../lib/local-date.js';

/** The facts of an owned case that decide whether its leader owes an R13 explanation. */
export interface OwnedCaseFacts {
  id: string;
  number: string;
  title: string;
  ownerLeaderId: string | null;
  dueOn: LocalDate | null;
  status: CaseStatus;
  resolvedAt: Date | null;
}

export interface OverdueExplanationDuty {
  leaderId: string;
  cases: { caseId: string; number: string; title: string; dueOn: LocalDate; overdueSince: LocalDate }[];
}

/**
 * R13: for a quarter, each leader who owns a case that is overdue and still unresolved owes the
 * standing committee one written explanation per such case. The case is judged on the quarter's
 * last day, or on `today` while the quarter is running, so a job run during the quarter picks
 * up cases as they fall overdue. A case resolved after that day counts as unresolved on it.
 * Quarters that have not started owe nothing.
 */
export function overdueExplanationDuties(quarter: string, cases: readonly OwnedCaseFacts[], today: LocalDate): OverdueExplanationDuty[] {
  const { start, end } = quarterRange(quarter);
  if (start > today) return [];
  const asOf = today < end ? today : end;
  const byLeader = new Map<string, OverdueExplanationDuty>();
  for (const c of cases) {
    if (!c.ownerLeaderId || !c.dueOn || c.dueOn >= asOf) continue;
    const unresolved = isOpen(c.status) || (c.resolvedAt !== null && localDateOf(c.resolvedAt) > asOf);
    if (!unresolved) continue;
    const duty = byLeader.get(c.ownerLeaderId) ?? { leaderId: c.ownerLeaderId, cases: [] };
    duty.cases.push({ caseId: c.id, number: c.number, title: c.title, dueOn: c.dueOn, overdueSince: addDays(c.dueOn, 1) });
    byLeader.set(c.ownerLeaderId, duty);
  }
  for (const d of byLeader.values()) d.cases.sort((a, b) => (a.number < b.number ? -1 : 1));
  return [...byLeader.values()].sort((a, b) => (a.leaderId < b.leaderId ? -1 : 1));
}
