import { z } from 'zod';
import { meetingCell, screeningCell, statementCell, visitCell, worstCell, type DutyCell } from '../../domain/duties/compliance-cells.js';
import { isMonth } from '../../domain/duties/periods.js';
import type { StatementKind } from '../../domain/duties/statements.js';
import { localDateOf, quarterOf, type LocalDate } from '../../lib/local-date.js';
import type { Deps } from '../ports.js';
import { localDate } from '../support/fields.js';
import { parseInput } from '../support/parse-input.js';
import { dutiesOverview, type DutiesOverview } from './duties-overview.js';

export const dutyComplianceInput = z.object({
  months: z
    .array(z.string().refine(isMonth, { error: '月份格式应为 YYYY-MM' }))
    .min(1, { error: '至少选一个月' })
    .max(24, { error: '最多24个月' })
    .refine((m) => new Set(m).size === m.length, { error: '月份不能重复' }),
  today: localDate.optional(),
});

export type DutyRule = 'R12' | 'R13' | 'R14' | 'R15' | 'R17';

export interface DutyComplianceRow {
  rule: DutyRule;
  /** Heading of the rule's rows. */
  group: string;
  /** The leader, author or unit; null for the leading group's meeting. */
  subjectId: string | null;
  name: string;
  /** One per requested month, in the order asked. */
  cells: DutyCell[];
  /** The count of gaps in words, when there are any. */
  note?: string;
}

export interface DutyCompliance {
  today: LocalDate;
  months: string[];
  /** R15 leaders, the R12 meeting, R13 and R14 authors, R17 units; names in pinyin order within each. */
  rows: DutyComplianceRow[];
}

export const DUTY_GROUPS: Record<DutyRule, string> = {
  R15: 'R15 每月下访联系村',
  R12: 'R12 每季度研究重大疑难案件',
  R13: 'R13 逾期案件季度书面说明',
  R14: 'R14 接访案件季度书面汇报',
  R17: 'R17 矛盾纠纷排查报送',
};

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'zh-Hans-CN');

/**
 * The office console's month-by-person grid of the periodic duties: R15 visits per linked leader,
 * the R12 meeting, R13/R14 statements per author and R17 screening reports per unit. It reads
 * each quarter through dutiesOverview, the same view the reminders and the chat 待办 use, so the
 * grid, the reminders and the to-do lists agree. Reads only.
 */
export async function dutyCompliance(deps: Deps, raw: unknown): Promise<DutyCompliance> {
  const input = parseInput(dutyComplianceInput, raw);
  const today = input.today ?? localDateOf(deps.clock.now());
  const months = input.months;
  const quarters = [...new Set(months.map((m) => quarterOf(`${m}-01`)))];
  const overviews: DutiesOverview[] = [];
  for (const quarter of quarters) overviews.push(await dutiesOverview(deps, { quarter, today }));
  const names = await deps.uow.read((repos) => repos.directory.names());
  const personName = new Map(names.people.map((p) => [p.id, p.name]));
  const unitName = new Map(names.units.map((u) => [u.id, u.name]));

  const rows = [
    ...visitRows(overviews, months, personName),
    meetingRow(overviews, months, today),
    ...statementRows('OVERDUE_EXPLANATION', overviews, months, today, personName),
    ...statementRows('RECEPTION_REPORT', overviews, months, today, personName),
    ...screeningRows(overviews, months, unitName),
  ];
  return { today, months, rows };
}

function withNote(row: Omit<DutyComplianceRow, 'note'>, gaps: number, unit: string): DutyComplianceRow {
  return gaps > 0 ? { ...row, note: `缺${gaps}${unit}` } : row;
}

function visitRows(overviews: DutiesOverview[], months: string[], personName: Map<string, string>): DutyComplianceRow[] {
  const byMonth = new Map(overviews.flatMap((o) => o.visits).map((m) => [m.month, m]));
  const leaderIds = [...new Set(months.flatMap((m) => byMonth.get(m)?.leaders.map((l) => l.leaderId) ?? []))];
  return leaderIds
    .map((leaderId) => {
      const cells = months.map((m) => {
        const l = byMonth.get(m)?.leaders.find((x) => x.leaderId === leaderId);
        return l ? visitCell(l) : 'NA';
      });
      const row = { rule: 'R15' as const, group: DUTY_GROUPS.R15, subjectId: leaderId, name: personName.get(leaderId) ?? '未知人员', cells };
      return withNote(row, cells.filter((c) => c === 'GAP').length, '个月');
    })
    .sort(byName);
}

function meetingRow(overviews: DutiesOverview[], months: string[], today: LocalDate): DutyComplianceRow {
  const byQuarter = new Map(overviews.map((o) => [o.quarter, o.meetings.quarters.find((q) => q.quarter === o.quarter)!]));
  const cells = months.map((m) => meetingCell(m, byQuarter.get(quarterOf(`${m}-01`))!, months, today));
  const gaps = [...new Set(months.map((m) => quarterOf(`${m}-01`)))].filter((q) => byQuarter.get(q)!.status === 'GAP').length;
  return withNote({ rule: 'R12', group: DUTY_GROUPS.R12, subjectId: null, name: '领导小组会议', cells }, gaps, '个季度');
}

function statementRows(
  kind: StatementKind,
  overviews: DutiesOverview[],
  months: string[],
  today: LocalDate,
  personName: Map<string, string>,
): DutyComplianceRow[] {
  const rule: DutyRule = kind === 'OVERDUE_EXPLANATION' ? 'R13' : 'R14';
  const duties = overviews.flatMap((o) => o.statements).filter((s) => s.kind === kind && months.includes(s.dueOn.slice(0, 7)));
  const authorIds = [...new Set(duties.map((s) => s.authorId))];
  return authorIds
    .map((authorId) => {
      const mine = duties.filter((s) => s.authorId === authorId);
      const cells = months.map((m) => worstCell(mine.filter((s) => s.dueOn.startsWith(m)).map((s) => statementCell(s, today))));
      const row = { rule, group: DUTY_GROUPS[rule], subjectId: authorId, name: personName.get(authorId) ?? '未知人员', cells };
      return withNote(row, mine.filter((s) => statementCell(s, today) === 'GAP').length, '份');
    })
    .sort(byName);
}

function screeningRows(overviews: DutiesOverview[], months: string[], unitName: Map<string, string>): DutyComplianceRow[] {
  const periods = [...new Map(overviews.flatMap((o) => o.screenings).map((s) => [s.periodId, s])).values()].filter((p) =>
    months.includes(p.reportDueOn.slice(0, 7)),
  );
  const unitIds = [...new Set(periods.flatMap((p) => p.units.map((u) => u.unitId)))];
  return unitIds
    .map((unitId) => {
      const owed = periods.flatMap((p) => p.units.filter((u) => u.unitId === unitId).map((u) => ({ month: p.reportDueOn.slice(0, 7), cell: screeningCell(u) })));
      const cells = months.map((m) => worstCell(owed.filter((o) => o.month === m).map((o) => o.cell)));
      const row = { rule: 'R17' as const, group: DUTY_GROUPS.R17, subjectId: unitId, name: unitName.get(unitId) ?? '未知单位', cells };
      return withNote(row, owed.filter((o) => o.cell === 'GAP').length, '次');
    })
    .sort(byName);
}
