import type { LocalDate } from '../../lib/local-date.js';
import { isOpen } from '../case-status.js';
import { DomainError } from '../errors.js';
import type { CaseStatus } from '../model.js';
import { COMPUTED_DEADLINE_RULES, DEADLINE_RULE_LABELS, type CaseDeadline } from './case-deadlines.js';

export interface StoredDeadline {
  status: CaseStatus;
  dueOn: LocalDate | null;
  dueRule: string | null;
  overdueOn: LocalDate | null;
}

/** What a correction of the registration does to the deadline, in the words the office reads. */
export type DeadlineEffect =
  | { moved: false; dueOn: LocalDate | null; dueRule: string | null; note: string }
  | { moved: true; from: LocalDate | null; dueOn: LocalDate; dueRule: string; note: string };

/**
 * R7–R11 when the office corrects a case's source or complexity: the deadline is computed again
 * from the corrected registration (`next`), as at intake. An owned case keeps the date its approval
 * set (R8) and an extended one its extension (R10): `next` already says so. A deadline the rules
 * did not compute (an R27 reopening) is not touched. Refused when the deadline would move but can
 * no longer: the case is closed, or the deadline has passed (R11 counted it, and a correction must
 * not undo that record).
 */
export function correctedDeadline(c: StoredDeadline, next: CaseDeadline, today: LocalDate): DeadlineEffect {
  const unchanged = (note: string): DeadlineEffect => ({ moved: false, dueOn: c.dueOn, dueRule: c.dueRule, note });
  if (c.dueRule !== null && !COMPUTED_DEADLINE_RULES.has(c.dueRule)) {
    return unchanged(`办结时限 ${c.dueOn ?? ''} 按${DEADLINE_RULE_LABELS[c.dueRule] ?? c.dueRule}确定，不受更正影响`);
  }
  const rule = DEADLINE_RULE_LABELS[next.rule] ?? next.rule;
  if (next.dueOn === c.dueOn) return { moved: false, dueOn: c.dueOn, dueRule: next.rule, note: `办结时限 ${c.dueOn} 不变（${rule}）` };
  if (!isOpen(c.status)) {
    throw new DomainError('CONFLICT', `案件已办结，办结时限 ${c.dueOn ?? ''} 已成定论：不能再更正来源或难易程度（将改为 ${next.dueOn}）`);
  }
  if (c.overdueOn !== null || (c.dueOn !== null && c.dueOn < today)) {
    throw new DomainError('CONFLICT', `办结时限 ${c.dueOn ?? ''} 已过，逾期事实已记录（R11）：不能通过更正来源或难易程度改变办结时限`);
  }
  const passed = next.dueOn < today ? '，新时限已过，案件将计为逾期（R11）' : '';
  return { moved: true, from: c.dueOn, dueOn: next.dueOn, dueRule: next.rule, note: `办结时限由 ${c.dueOn ?? '未设'} 调整为 ${next.dueOn}（${rule}）${passed}` };
}
