import type { QuarterMeetingStatus } from '../../domain/duties/meetings.js';
import { isQuarter, monthsOfQuarter, quarterLabel } from '../../domain/duties/periods.js';
import type { StatementKind } from '../../domain/duties/statements.js';
import type { VisitStatus } from '../../domain/duties/visits.js';
import { CASE_SOURCES, RATINGS, type CaseSource, type Rating } from '../../domain/model.js';
import { Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import { addDays, isLocalDate, localDateOf, quarterRange, startOfLocalDate, type LocalDate } from '../../lib/local-date.js';
import { dutiesOverview } from '../../usecases/duties/duties-overview.js';
import type { Deps } from '../../usecases/ports.js';
import type { CaseScope } from '../../domain/privacy/case-scope.js';
import { maskPersonalText } from '../../domain/privacy/mask-text.js';
import { caseRepo } from '../repos/case-repo.js';
import { caseScopeSql } from './case-scope-sql.js';
import { beijingDate, OPEN_STATUS_SQL, RESOLVED_LATE_SQL } from './sql-fragments.js';

// 季度信访工作报表: the quarter's cases in figures, its overdue cases (R11), the follow-up ratings
// (R27) and whether the duties R12–R15, R17 were done. The duties come from dutiesOverview, the
// use case the reminders and the chat 待办 read, so the report and the reminders agree.

export interface QuarterOverdueCase {
  number: string;
  title: string;
  /** OPEN: open and past its deadline at `asOf`; RESOLVED_LATE: resolved late within the quarter. */
  state: 'OPEN' | 'RESOLVED_LATE';
  unitName: string | null;
  ownerLeaderName: string | null;
  dueOn: LocalDate | null;
  resolvedOn: LocalDate | null;
  /** Calendar days past the deadline, up to `asOf` or to the resolution. */
  days: number;
}

export interface VisitCell {
  month: string;
  status: VisitStatus;
  /** Days with a visit to the leader's villages in the month. */
  visits: number;
}

export interface ScreeningUnitState {
  unitName: string;
  /** REPORTED / ZERO (零报告) once in; OVERDUE past the due day without a report; PENDING before it. */
  state: 'REPORTED' | 'ZERO' | 'OVERDUE' | 'PENDING';
  late: boolean;
}

export interface QuarterlyReport {
  quarter: string;
  /** 2026年第四季度 */
  label: string;
  start: LocalDate;
  end: LocalDate;
  /** The quarter's end, or today when the quarter is still running: the day "open" is judged on. */
  asOf: LocalDate;
  received: {
    total: number;
    bySource: Record<CaseSource, number>;
    /** Every village (zeros included) by name; cases with no village last as 未关联村. */
    byVillage: { villageName: string; count: number }[];
  };
  /** Resolved within the quarter (Beijing days). */
  resolved: number;
  /** Open at the end of `asOf`. */
  openAtEnd: number;
  overdue: { open: number; resolvedLate: number };
  /** R27: follow-ups recorded within the quarter, rating of the office and of the unit. */
  satisfaction: { total: number; office: Record<Rating, number>; unit: Record<Rating, number> };
  /** Open ones first, by deadline; then the late-resolved ones, by deadline. */
  overdueCases: QuarterOverdueCase[];
  duties: {
    meetings: { status: QuarterMeetingStatus; dates: LocalDate[] };
    visits: { months: string[]; leaders: { leaderName: string; months: VisitCell[] }[] };
    statements: { authorName: string; kind: StatementKind; about: string; dueOn: LocalDate; submittedOn: LocalDate | null; overdue: boolean }[];
    screenings: { name: string; startsOn: LocalDate; endsOn: LocalDate; reportDueOn: LocalDate; units: ScreeningUnitState[] }[];
  };
}

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const byName = (a: string, b: string) => a.localeCompare(b, 'zh-Hans-CN');

interface Figures {
  resolved: number;
  openAtEnd: number;
  openOverdue: number;
  resolvedLate: number;
}

/** The quarterly report of `quarter` ('2026Q4') as of `today`; the quarter must have begun. */
export async function quarterlyReport(
  prisma: PrismaClient,
  deps: Deps,
  opts: { quarter: string; today: LocalDate; scope: CaseScope },
): Promise<QuarterlyReport> {
  const { quarter, today } = opts;
  if (!isQuarter(quarter)) throw new RangeError(`not a quarter: ${quarter}`);
  if (!isLocalDate(today)) throw new RangeError(`not a date: ${today}`);
  const { start, end } = quarterRange(quarter);
  if (start > today) throw new RangeError(`quarter ${quarter} has not begun on ${today}`);
  const asOf = today < end ? today : end;
  const from = startOfLocalDate(start);
  const until = startOfLocalDate(addDays(end, 1));
  const asOfEnd = startOfLocalDate(addDays(asOf, 1));

  // Open at asOf: received by then and either open now or resolved after it. A case reopened
  // since (R27) counts as open from its receipt: its earlier resolution is history in the audit log.
  const openAt = Prisma.sql`c."receivedAt" < ${asOfEnd} AND (c."status" IN (${OPEN_STATUS_SQL}) OR c."resolvedAt" >= ${asOfEnd})`;
  const openOverdueAt = Prisma.sql`(${openAt} AND c."dueOn" < ${asOf}::date)`;
  const resolvedIn = Prisma.sql`(c."resolvedAt" >= ${from} AND c."resolvedAt" < ${until})`;
  const resolvedLateIn = Prisma.sql`(${resolvedIn} AND ${RESOLVED_LATE_SQL})`;

  const [received, [figures], ratings, overdueCases, villages, duties] = await Promise.all([
    prisma.$queryRaw<{ g: number; source: CaseSource | null; villageId: string | null; n: number }[]>(Prisma.sql`
      SELECT GROUPING(c."source", c."villageId")::int AS "g", c."source"::text AS "source", c."villageId", count(*)::int AS "n"
      FROM "Case" c
      WHERE c."receivedAt" >= ${from} AND c."receivedAt" < ${until}
      GROUP BY GROUPING SETS ((c."source"), (c."villageId"), ())`),
    // One pass over the cases: resolvedAt has no index, and a seq scan of 100k rows is cheaper than four.
    prisma.$queryRaw<Figures[]>(Prisma.sql`
      SELECT (count(*) FILTER (WHERE ${resolvedIn}))::int AS "resolved",
             (count(*) FILTER (WHERE ${openAt}))::int AS "openAtEnd",
             (count(*) FILTER (WHERE ${openOverdueAt}))::int AS "openOverdue",
             (count(*) FILTER (WHERE ${resolvedLateIn}))::int AS "resolvedLate"
      FROM "Case" c`),
    prisma.$queryRaw<{ g: number; office: Rating | null; unit: Rating | null; n: number }[]>(Prisma.sql`
      SELECT GROUPING(f."officeRating", f."unitRating")::int AS "g", f."officeRating"::text AS "office",
             f."unitRating"::text AS "unit", count(*)::int AS "n"
      FROM "FollowUp" f
      WHERE f."recordedAt" >= ${from} AND f."recordedAt" < ${until}
      GROUP BY GROUPING SETS ((f."officeRating"), (f."unitRating"), ())`),
    prisma.$queryRaw<QuarterOverdueCase[]>(Prisma.sql`
      SELECT c."number", c."title",
             CASE WHEN ${resolvedLateIn} THEN 'RESOLVED_LATE' ELSE 'OPEN' END AS "state",
             u."name" AS "unitName", o."name" AS "ownerLeaderName",
             to_char(c."dueOn", 'YYYY-MM-DD') AS "dueOn",
             CASE WHEN ${resolvedLateIn} THEN to_char(${beijingDate('resolvedAt')}, 'YYYY-MM-DD') END AS "resolvedOn",
             GREATEST(0, COALESCE(
               CASE WHEN ${resolvedLateIn} THEN ${beijingDate('resolvedAt')} ELSE ${asOf}::date END - c."dueOn", 0))::int AS "days"
      FROM "Case" c
      LEFT JOIN "Unit" u ON u."id" = c."unitId"
      LEFT JOIN "Person" o ON o."id" = c."ownerLeaderId"
      WHERE (${openOverdueAt} OR ${resolvedLateIn}) AND ${caseScopeSql(opts.scope)}
      ORDER BY "state" ASC, c."dueOn" ASC, c."number" ASC`),
    prisma.village.findMany({ select: { id: true, name: true } }),
    dutyPart(prisma, deps, quarter, today),
  ]);

  // R24: a report leaves the office: case titles and statements about cases are masked with the petitioners of the cases they name.
  const numbers = [...new Set([...overdueCases.map((c) => c.number), ...duties.statements.flatMap((st) => st.about.match(/XF-\d{4}-\d{4,}/g) ?? [])])];
  const subjects = [...(await caseRepo(prisma).subjectsByNumber(numbers)).values()].flat();
  const mask = (text: string) => maskPersonalText(text, subjects);
  const report: QuarterlyReport = {
    quarter,
    label: quarterLabel(quarter),
    start,
    end,
    asOf,
    received: { total: 0, bySource: zeros(CASE_SOURCES), byVillage: [] },
    resolved: figures?.resolved ?? 0,
    openAtEnd: figures?.openAtEnd ?? 0,
    overdue: { open: figures?.openOverdue ?? 0, resolvedLate: figures?.resolvedLate ?? 0 },
    satisfaction: { total: 0, office: zeros(RATINGS), unit: zeros(RATINGS) },
    overdueCases: overdueCases.map((c) => ({ ...c, title: mask(c.title) })),
    duties: { ...duties, statements: duties.statements.map((st) => ({ ...st, about: mask(st.about) })) },
  };
  const perVillage = new Map<string | null, number>();
  for (const r of received) {
    if (r.g === 0b11) report.received.total = r.n;
    else if (r.g === 0b01 && r.source) report.received.bySource[r.source] = r.n;
    else if (r.g === 0b10) perVillage.set(r.villageId, r.n);
  }
  report.received.byVillage = villages
    .map((v) => ({ villageName: v.name, count: perVillage.get(v.id) ?? 0 }))
    .sort((a, b) => byName(a.villageName, b.villageName));
  const unlinked = perVillage.get(null);
  if (unlinked) report.received.byVillage.push({ villageName: '未关联村', count: unlinked });
  for (const r of ratings) {
    if (r.g === 0b11) report.satisfaction.total = r.n;
    else if (r.g === 0b01 && r.office) report.satisfaction.office[r.office] = r.n;
    else if (r.g === 0b10 && r.unit) report.satisfaction.unit[r.unit] = r.n;
  }
  return report;
}

/** R12–R15, R17 of the quarter, with names instead of ids. */
async function dutyPart(prisma: PrismaClient, deps: Deps, quarter: string, today: LocalDate): Promise<QuarterlyReport['duties']> {
  const o = await dutiesOverview(deps, { quarter, today });
  const leaderIds = new Set(o.visits.flatMap((m) => m.leaders.map((l) => l.leaderId)));
  const personIds = [...new Set([...leaderIds, ...o.statements.map((s) => s.authorId)])];
  const unitIds = [...new Set(o.screenings.flatMap((s) => s.units.map((u) => u.unitId)))];
  const [people, units] = await Promise.all([
    prisma.person.findMany({ where: { id: { in: personIds } }, select: { id: true, name: true } }),
    prisma.unit.findMany({ where: { id: { in: unitIds } }, select: { id: true, name: true } }),
  ]);
  const personName = new Map(people.map((p) => [p.id, p.name]));
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const q = o.meetings.quarters.find((m) => m.quarter === quarter)!;
  const months = monthsOfQuarter(quarter);
  return {
    meetings: { status: q.status, dates: q.meetingDates },
    visits: {
      months,
      leaders: [...leaderIds]
        .map((id) => ({
          leaderName: personName.get(id) ?? '',
          months: o.visits.map((m) => {
            const l = m.leaders.find((x) => x.leaderId === id);
            return { month: m.month, status: l?.status ?? 'NOT_STARTED', visits: l?.visitDates.length ?? 0 };
          }),
        }))
        .sort((a, b) => byName(a.leaderName, b.leaderName)),
    },
    statements: o.statements
      .map((s) => ({
        authorName: personName.get(s.authorId) ?? '',
        kind: s.kind,
        about: s.about,
        dueOn: s.dueOn,
        submittedOn: s.submittedAt ? localDateOf(s.submittedAt) : null,
        overdue: s.overdue,
      }))
      .sort((a, b) => byName(a.authorName, b.authorName) || a.kind.localeCompare(b.kind) || a.about.localeCompare(b.about)),
    screenings: o.screenings.map((s) => ({
      name: s.name,
      startsOn: s.startsOn,
      endsOn: s.endsOn,
      reportDueOn: s.reportDueOn,
      units: s.units
        .map((u): ScreeningUnitState => ({
          unitName: unitName.get(u.unitId) ?? '',
          state: u.reported ? (u.isZero ? 'ZERO' : 'REPORTED') : u.overdue ? 'OVERDUE' : 'PENDING',
          late: u.late,
        }))
        .sort((a, b) => byName(a.unitName, b.unitName)),
    })),
  };
}
