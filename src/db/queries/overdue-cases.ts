import type { CaseStatus } from '../../domain/model.js';
import { Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import type { LocalDate } from '../../lib/local-date.js';
import type { CaseScope } from '../../domain/privacy/case-scope.js';
import { caseScopeSql } from './case-scope-sql.js';
import { beijingDate, clampLimit, OPEN_STATUS_SQL, RESOLVED_LATE_SQL } from './sql-fragments.js';

export interface OverdueCase {
  id: string;
  number: string;
  title: string;
  status: CaseStatus;
  /** OPEN: still past its deadline; RESOLVED_LATE: closed, but the record keeps the fact (R11). */
  state: 'OPEN' | 'RESOLVED_LATE';
  dueOn: LocalDate | null;
  overdueSince: LocalDate | null;
  /** Calendar days past the deadline, up to today or to the resolution. */
  daysOverdue: number;
  resolvedAt: Date | null;
  villageName: string | null;
  ownerLeaderId: string | null;
  ownerLeaderName: string | null;
  responsiblePersonId: string | null;
  responsiblePersonName: string | null;
  unitId: string | null;
  unitName: string | null;
}

export interface OverdueCases {
  /** Counts of every match, even beyond `limit`. */
  open: number;
  resolvedLate: number;
  /** Open ones first, longest overdue first; then the late-resolved ones, earliest lateness first. */
  cases: OverdueCase[];
}

const OPEN_OVERDUE = (today: LocalDate, scope: Prisma.Sql) => Prisma.sql`c."status" IN (${OPEN_STATUS_SQL}) AND c."dueOn" < ${today}::date AND ${scope}`;

// Sort keys of a page: open ones by deadline, late-resolved ones by the day they became late.
const ORDER = {
  due: { inner: Prisma.raw('c."dueOn" ASC, c."number" ASC'), outer: Prisma.raw('h."dueOn" ASC, h."number" ASC') },
  late: { inner: Prisma.raw('c."overdueOn" ASC, c."number" ASC'), outer: Prisma.raw('h."overdueOn" ASC, h."number" ASC') },
};

/** One page of cases matching `where`, with the names a 督办 list shows. */
function page(prisma: PrismaClient, where: Prisma.Sql, order: keyof typeof ORDER, limit: number, today: LocalDate): Promise<OverdueCase[]> {
  return prisma.$queryRaw<OverdueCase[]>(Prisma.sql`
    WITH hits AS (
      SELECT c."id", c."number", c."title", c."status", c."dueOn", c."overdueOn", c."resolvedAt",
             c."villageId", c."ownerLeaderId", c."responsiblePersonId", c."unitId",
             CASE WHEN c."status" IN (${OPEN_STATUS_SQL}) THEN ${today}::date ELSE ${beijingDate('resolvedAt')} END AS "until"
      FROM "Case" c
      WHERE ${where}
      ORDER BY ${ORDER[order].inner}
      LIMIT ${limit}
    )
    SELECT h."id", h."number", h."title", h."status"::text AS "status",
           CASE WHEN h."status" IN (${OPEN_STATUS_SQL}) THEN 'OPEN' ELSE 'RESOLVED_LATE' END AS "state",
           to_char(h."dueOn", 'YYYY-MM-DD') AS "dueOn",
           to_char(COALESCE(h."overdueOn", h."dueOn" + 1), 'YYYY-MM-DD') AS "overdueSince",
           GREATEST(0, COALESCE(h."until" - h."dueOn", 0))::int AS "daysOverdue",
           h."resolvedAt", v."name" AS "villageName",
           h."ownerLeaderId", o."name" AS "ownerLeaderName",
           h."responsiblePersonId", r."name" AS "responsiblePersonName",
           h."unitId", u."name" AS "unitName"
    FROM hits h
    LEFT JOIN "Village" v ON v."id" = h."villageId"
    LEFT JOIN "Person" o ON o."id" = h."ownerLeaderId"
    LEFT JOIN "Person" r ON r."id" = h."responsiblePersonId"
    LEFT JOIN "Unit" u ON u."id" = h."unitId"
    ORDER BY ${ORDER[order].outer}`);
}

/** R11: open cases past their deadline on `today`; with `includeResolvedLate`, also closed ones that were late; within the scope (R24). */
export async function overdueCases(
  prisma: PrismaClient,
  today: LocalDate,
  opts: { includeResolvedLate?: boolean; limit?: number; scope: CaseScope },
): Promise<OverdueCases> {
  const limit = clampLimit(opts.limit, 200);
  const include = opts.includeResolvedLate ?? false;
  const scope = caseScopeSql(opts.scope);
  const resolvedLate = Prisma.sql`${RESOLVED_LATE_SQL} AND ${scope}`;
  // Counts and the first page run side by side; both walk an index, (status, dueOn) or (overdueOn, status).
  const [[counts], open] = await Promise.all([
    prisma.$queryRaw<{ open: number; late: number }[]>(Prisma.sql`
      SELECT (SELECT count(*) FROM "Case" c WHERE ${OPEN_OVERDUE(today, scope)})::int AS "open",
             ${include ? Prisma.sql`(SELECT count(*) FROM "Case" c WHERE ${resolvedLate})::int` : Prisma.sql`0`} AS "late"`),
    page(prisma, OPEN_OVERDUE(today, scope), 'due', limit, today),
  ]);
  const late =
    include && open.length < limit
      ? await page(prisma, resolvedLate, 'late', limit - open.length, today)
      : [];
  const cases = [...open, ...late].map((c) => ({ ...c, resolvedAt: c.resolvedAt ? new Date(c.resolvedAt) : null }));
  return { open: counts?.open ?? 0, resolvedLate: counts?.late ?? 0, cases };
}
