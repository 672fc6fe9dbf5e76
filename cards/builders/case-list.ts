import { isOpen, STATUS_LABELS } from '../../src/domain/case-status.js';
import type { OverdueFacts } from '../../src/domain/deadlines/overdue.js';
import type { CaseStatus } from '../../src/domain/model.js';
import type { LocalDate } from '../../src/lib/local-date.js';
import { UNIT_RELATION_LABELS, type UnitRelation } from '../../src/domain/worklist/case-relation.js';
import { deadlineBadge } from '../deadline-badge.js';
import { escapeMarkdown } from '../markdown.js';
import type { Card, CardElement } from '../model.js';
import { button, caseLine, moreLine } from './common.js';

export interface CaseListRow {
  caseId: string;
  number: string;
  title: string;
  status: CaseStatus;
  dueOn: LocalDate | null;
  overdue: OverdueFacts | null;
  /** 我的 of a unit head: the case is the unit's (not the person's own), and who handles it. */
  unit?: { relation: UnitRelation; handlerName: string | null };
}

export interface CaseListInput {
  /** 我的 (cases I own, am responsible for, or those of the unit I head) or 逾期. */
  kind: 'mine' | 'overdue';
  rows: readonly CaseListRow[];
  asOf: LocalDate;
}

/**
 * Rows a phone can scroll and Lark can carry: each row is five components (Lark allows 200 per
 * card) and about 700 bytes (30 KB per card).
 */
export const MAX_LIST_ROWS = 25;

/** Urgency rank: open and overdue (longest first), then fewest working days left, then no deadline, then closed. */
export function byUrgency(a: CaseListRow, b: CaseListRow): number {
  const key = (r: CaseListRow): [number, number] => {
    if (!isOpen(r.status)) return [4, 0];
    if (r.overdue?.overdue) return [0, -r.overdue.calendarDaysOverdue];
    if (r.dueOn && r.overdue) return [1, r.overdue.workingDaysLeft ?? 0];
    return [2, 0];
  };
  const [ra, va] = key(a);
  const [rb, vb] = key(b);
  return ra - rb || va - vb || (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') || a.number.localeCompare(b.number);
}

const TITLES = { mine: '我的案件', overdue: '逾期案件' } as const;

/** 我的 / 逾期: the cases in urgency order, each with its deadline badge and a 查看 button. */
export function caseListCard(input: CaseListInput): Card {
  const rows = [...input.rows].sort(byUrgency);
  const shown = rows.slice(0, MAX_LIST_ROWS);
  const overdueCount = rows.filter((r) => isOpen(r.status) && r.overdue?.overdue).length;
  const elements: CardElement[] = [];
  if (rows.length === 0) {
    elements.push({ kind: 'markdown', text: input.kind === 'overdue' ? '目前没有逾期案件。' : '目前没有需要您办理的案件。' });
  }
  for (const r of shown) {
    const badge = deadlineBadge(r.dueOn, r.overdue, !isOpen(r.status));
    const unit = r.unit ? `\n${UNIT_RELATION_LABELS[r.unit.relation]}${r.unit.handlerName ? ` · 承办人 ${escapeMarkdown(r.unit.handlerName)}` : ''}` : '';
    elements.push({
      kind: 'item',
      text: `${caseLine(r)}${unit}`,
      badge: { text: `${STATUS_LABELS[r.status]} · ${badge.text}`, colour: badge.colour },
      button: button('查看', 'case.view', { caseId: r.caseId }),
    });
  }
  if (rows.length > shown.length) {
    elements.push({ kind: 'note', text: moreLine(rows.length - shown.length, '件', '（按紧急程度只列前 25 件，可发送「案件 编号」查看）') });
  }
  elements.push({ kind: 'actions', buttons: [button('刷新', 'list.refresh', { list: input.kind })] });
  const colour = overdueCount > 0 ? 'red' : input.kind === 'overdue' ? 'green' : 'blue';
  return {
    title: `${TITLES[input.kind]}（${rows.length} 件）`,
    subtitle: overdueCount > 0 ? `其中逾期 ${overdueCount} 件 · 截至 ${input.asOf}` : `截至 ${input.asOf}`,
    colour,
    elements,
  };
}
