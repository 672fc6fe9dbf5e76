import { z } from 'zod';
import { quarterlyMeetingStatus, type MeetingOverview } from '../../domain/duties/meetings.js';
import { overdueExplanationDuties } from '../../domain/duties/overdue-explanations.js';
import { isMonth, isQuarter, monthLabel, monthRange, monthsOfQuarter, quarterLabel } from '../../domain/duties/periods.js';
import { receptionReportDuties } from '../../domain/duties/reception.js';
import { screeningStatus, type ScreeningStatus } from '../../domain/duties/screening.js';
import { dutyKey, quarterlyStatementDueOn, STATEMENT_KIND_LABELS, statementReminderDue, type StatementKind } from '../../domain/duties/statements.js';
import { monthlyVisitStatus, type MonthVisits } from '../../domain/duties/visits.js';
import { notification, type Notification } from '../../domain/notifications.js';
import { endOfLocalDate, localDateOf, quarterOf, quarterRange, startOfLocalDate, type LocalDate } from '../../lib/local-date.js';
import type { Deps } from '../ports.js';
import type { SentimentReport, WrittenStatement } from '../ports/duties.js';
import { localDate } from '../support/fields.js';
import { parseInput } from '../support/parse-input.js';
import { idsWithRole } from '../support/recipients.js';

export const dutiesOverviewInput = z
  .object({
    today: localDate.optional(),
    month: z.string().refine(isMonth, { error: '月份格式应为 YYYY-MM' }).optional(),
    quarter: z.string().refine(isQuarter, { error: '季度格式应为 2026Q4' }).optional(),
  })
  .refine((v) => !(v.month && v.quarter), { error: '月份和季度只能选一个' });

/** One written duty of the quarter: opened (statementId set) or still to be opened by the job. */
export interface StatementDuty {
  kind: StatementKind;
  authorId: string;
  caseId: string | null;
  statementId: string | null;
  dueOn: LocalDate;
  submittedAt: Date | null;
  overdue: boolean;
  about: string;
}

export interface ScreeningOverview extends ScreeningStatus {
  name: string;
  startsOn: LocalDate;
  endsOn: LocalDate;
  reportDueOn: LocalDate;
}

/** Something someone still has to do: the "待办" of a person or unit. */
export interface PendingDuty {
  rule: 'R12' | 'R13' | 'R14' | 'R15' | 'R16' | 'R17';
  personIds: string[];
  unitId: string | null;
  title: string;
  dueOn: LocalDate | null;
  /** Past its due date or period: a gap that stays on the record. */
  missed: boolean;
  refId: string | null;
}

export interface DutiesOverview {
  today: LocalDate;
  range: { kind: 'MONTH' | 'QUARTER'; label: string; start: LocalDate; end: LocalDate };
  quarter: string;
  meetings: MeetingOverview; // R12, the quarters of the year up to this one
  statements: StatementDuty[]; // R13, R14
  visits: MonthVisits[]; // R15
  sentiments: SentimentReport[]; // R16, not yet converted or dismissed
  screenings: ScreeningOverview[]; // R17
  pending: PendingDuty[];
  /** What to send today; each key names its fact so a repeat run sends nothing twice. */
  reminders: Notification[];
}

/**
 * R12–R17 at a glance for a month or a quarter (default: the quarter of `today`): what is due,
 * for whom, and what is missing. The scheduler sends `reminders`; the chat "待办" command
 * filters `pending` by person. Reads only.
 */
export async function dutiesOverview(deps: Deps, raw: unknown): Promise<DutiesOverview> {
  const input = parseInput(dutiesOverviewInput, raw ?? {});
  const now = deps.clock.now();
  const today = input.today ?? localDateOf(now);
  const quarter = input.quarter ?? quarterOf(input.month ? `${input.month}-01` : today);
  const range = input.month
    ? { kind: 'MONTH' as const, label: input.month, ...monthRange(input.month) }
    : { kind: 'QUARTER' as const, label: quarter, ...quarterRange(quarter) };
  const months = input.month ? [input.month] : monthsOfQuarter(quarter);
  const { start: qStart, end: qEnd } = quarterRange(quarter);
  const asOf = today < qEnd ? today : qEnd;
  const calendar = await deps.config.calendar();

  return deps.uow.run(async (repos) => {
    const yearStart = `${quarter.slice(0, 4)}Q1`;
    const meetingRows = await repos.meetings.between(quarterRange(yearStart).start, qEnd);
    const statementRows = await repos.statements.forPeriod(quarter, ['OVERDUE_EXPLANATION', 'RECEPTION_REPORT']);
    const ownedCases = qStart <= today ? await repos.statements.overdueOwnedCases(asOf) : [];
    const receptionDays = await repos.receptions.between(qStart, qEnd);
    const visitFacts = await repos.visits.between(monthRange(months[0]!).start, monthRange(months[months.length - 1]!).end);
    const obligations = await repos.visits.obligations();
    const sentiments = await repos.sentiments.unconverted(startOfLocalDate(range.start), endOfLocalDate(range.end));
    const periods = await repos.screenings.overlapping(range.start, range.end);
    const officeIds = await idsWithRole(repos, 'OFFICE_STAFF');

    const meetings = quarterlyMeetingStatus({ from: yearStart, to: quarter, meetingDates: meetingRows.map((m) => m.date), today });
    const statements = statementDuties(quarter, today, statementRows, [
      ...overdueExplanationDuties(quarter, ownedCases, today).flatMap((d) =>
        d.cases.map((c) => ({ kind: 'OVERDUE_EXPLANATION' as const, authorId: d.leaderId, caseId: c.caseId, about: `${c.number} 自${c.overdueSince}起逾期` })),
      ),
      ...receptionReportDuties(quarter, receptionDays, today).map((d) => ({
        kind: 'RECEPTION_REPORT' as const, authorId: d.leaderId, caseId: null, about: `接访${d.dates.length}次，受理${d.caseCount}件`,
      })),
    ]);
    const visits = months.map((month) => monthlyVisitStatus({ month, today, obligations, visits: visitFacts, calendar }));
    const screenings: ScreeningOverview[] = [];
    for (const p of periods) {
      screenings.push({ ...screeningStatus(p, await repos.screenings.reports(p.id), today, calendar), name: p.name, startsOn: p.startsOn, endsOn: p.endsOn, reportDueOn: p.reportDueOn });
    }
    const contacts = await repos.screenings.unitContacts([...new Set(screenings.flatMap((s) => s.missing))]);

    const pending: PendingDuty[] = [];
    const reminders: Notification[] = [];
    for (const q of meetings.quarters.filter((m) => m.status === 'DUE' || m.status === 'GAP')) {
      pending.push({ rule: 'R12', personIds: officeIds, unitId: null, title: `${quarterLabel(q.quarter)}信访领导小组研究重大疑难案件会议`, dueOn: q.end, missed: q.status === 'GAP', refId: null });
      if (q.remind) {
        reminders.push(notification({
          kind: 'MEETING_REMINDER', key: `meeting:${q.quarter}`, urgency: 'NORMAL', recipientIds: officeIds,
          title: `${quarterLabel(q.quarter)}尚未召开信访领导小组会议`, body: `每季度至少研究一次重大疑难信访案件，请于${q.end}前召开并记录。`,
        }));
      }
    }
    for (const s of statements.filter((d) => d.submittedAt === null)) {
      const label = STATEMENT_KIND_LABELS[s.kind];
      pending.push({ rule: s.kind === 'OVERDUE_EXPLANATION' ? 'R13' : 'R14', personIds: [s.authorId], unitId: null, title: `${quarterLabel(quarter)}${label}：${s.about}`, dueOn: s.dueOn, missed: s.overdue, refId: s.statementId });
      if (s.statementId && statementReminderDue({ dueOn: s.dueOn, submitted: false }, today)) {
        reminders.push(notification({
          kind: 'STATEMENT_REMINDER', key: `statement:${s.statementId}:${s.overdue ? 'overdue' : 'due'}`, urgency: s.overdue ? 'URGENT' : 'NORMAL',
          recipientIds: [s.authorId], caseId: s.caseId,
          title: s.overdue ? `${label}已逾期未交` : `${label}即将到期`, body: `${s.about}。应于${s.dueOn}前提交。`,
        }));
      }
    }
    for (const m of visits) {
      for (const l of m.leaders.filter((x) => x.status === 'MISSING' || x.status === 'GAP')) {
        pending.push({ rule: 'R15', personIds: [l.leaderId], unitId: null, title: `${monthLabel(m.month)}下访联系村`, dueOn: monthRange(m.month).end, missed: l.status === 'GAP', refId: null });
        if (l.remind) {
          reminders.push(notification({
            kind: 'VISIT_REMINDER', key: `visit:${l.leaderId}:${m.month}`, urgency: 'NORMAL', recipientIds: [l.leaderId],
            title: `${monthLabel(m.month)}尚未下访`, body: `每月至少到联系村下访一次，请于${monthRange(m.month).end}前下访并记录。`,
          }));
        }
      }
    }
    for (const r of sentiments) {
      pending.push({ rule: 'R16', personIds: officeIds, unitId: null, title: '民情信息待处理（可转为案件）', dueOn: null, missed: false, refId: r.id });
    }
    for (const s of screenings) {
      for (const u of s.units.filter((x) => !x.reported)) {
        const people = contacts.get(u.unitId) ?? [];
        pending.push({ rule: 'R17', personIds: people, unitId: u.unitId, title: `${s.name}：报送排查情况`, dueOn: s.reportDueOn, missed: u.overdue, refId: s.periodId });
        if (u.remind && u.reminderKey) {
          reminders.push(notification({
            kind: 'SCREENING_REMINDER', key: u.reminderKey, urgency: s.kind === 'SENSITIVE' || u.overdue ? 'URGENT' : 'NORMAL', recipientIds: people,
            title: u.overdue ? `${s.name}：排查情况逾期未报` : `${s.name}：请报送排查情况`,
            body: `请于${s.reportDueOn}前报送排查情况，无情况请报零报告。`,
          }));
        }
      }
    }
    return {
      today, range, quarter, meetings, statements, visits, sentiments, screenings, pending,
      reminders: reminders.filter((n) => n.recipientIds.length > 0),
    };
  });
}

function statementDuties(
  quarter: string,
  today: LocalDate,
  rows: WrittenStatement[],
  owed: { kind: StatementKind; authorId: string; caseId: string | null; about: string }[],
): StatementDuty[] {
  const byKey = new Map(rows.map((r) => [r.dutyKey, r]));
  const defaultDue = quarterlyStatementDueOn(quarter);
  const seen = new Set<string>();
  const out: StatementDuty[] = [];
  const push = (key: string, d: Omit<StatementDuty, 'overdue'>) => {
    seen.add(key);
    out.push({ ...d, overdue: d.submittedAt === null && today > d.dueOn });
  };
  for (const o of owed) {
    const key = dutyKey(o.kind, o.authorId, quarter, o.caseId);
    const row = byKey.get(key);
    push(key, { ...o, statementId: row?.id ?? null, dueOn: row?.dueOn ?? defaultDue, submittedAt: row?.submittedAt ?? null });
  }
  // Duties opened earlier stay owed even when their case has been resolved since.
  for (const r of rows) {
    if (seen.has(r.dutyKey)) continue;
    push(r.dutyKey, { kind: r.kind, authorId: r.authorId, caseId: r.caseId, statementId: r.id, dueOn: r.dueOn ?? defaultDue, submittedAt: r.submittedAt, about: STATEMENT_KIND_LABELS[r.kind] });
  }
  return out;
}
