import type { CaseSource, CaseStatus, Complexity } from '../../domain/model.js';
import { Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import type { LocalDate } from '../../lib/local-date.js';
import type { CaseScope } from '../../domain/privacy/case-scope.js';
import { caseScopeSql } from './case-scope-sql.js';
import { clampLimit, OPEN_STATUS_SQL, todayOr } from './sql-fragments.js';

export interface MyOpenCase {
  id: string;
  number: string;
  title: string;
  status: CaseStatus;
  source: CaseSource;
  complexity: Complexity;
  villageId: string | null;
  villageName: string | null;
  receivedAt: Date;
  dueOn: LocalDate | null;
  /** R11: past its deadline today. */
  overdue: boolean;
  /** Calendar days past the deadline (0 when not overdue). */
  daysOverdue: number;
  /** How the person is on the case: 包案领导, 责任人, or both. */
  role: 'OWNER' | 'RESPONSIBLE' | 'BOTH';
}

export interface MyOpenCases {
  /** All open cases of the person, even beyond `limit`. */
  total: number;
  overdue: number;
  /** Most urgent first: earliest deadline, then earliest receipt. */
  cases: MyOpenCase[];
}

interface Row extends Omit<MyOpenCase, 'role'> {
  ownerLeaderId: string | null;
  responsiblePersonId: string | null;
  total: number;
  overdueTotal: number;
}

/** Open cases the person owns as leader or works on as responsible person, most urgent first, within what they may see (R24). */
export async function myOpenCases(
  prisma: PrismaClient,
  personId: string,
  opts: { today?: LocalDate; limit?: number; scope: CaseScope },
): Promise<MyOpenCases> {
  const today = todayOr(opts.today);
  const limit = clampLimit(opts.limit, 100);
  // OR over the two (person, status) indexes becomes a BitmapOr; the sort is a top-N of one person's cases.
  const rows = await prisma.$queryRaw<Row[]>(Prisma.sql`
    WITH mine AS (
      SELECT c."id", c."number", c."title", c."status"::text AS "status", c."source"::text AS "source",
             c."complexity"::text AS "complexity", c."villageId", c."receivedAt",
             c."dueOn", c."ownerLeaderId", c."responsiblePersonId",
             count(*) OVER ()::int AS "total",
             (count(*) FILTER (WHERE c."dueOn" < ${today}::date) OVER ())::int AS "overdueTotal"
      FROM "Case" c
      WHERE (c."ownerLeaderId" = ${personId} OR c."responsiblePersonId" = ${personId})
        AND c."status" IN (${OPEN_STATUS_SQL})
        AND ${caseScopeSql(opts.scope)}
      ORDER BY c."dueOn" ASC NULLS LAST, c."receivedAt" ASC, c."number" ASC
      LIMIT ${limit}
    )
    SELECT m."id", m."number", m."title", m."status", m."source", m."complexity", m."villageId",
           v."name" AS "villageName", m."receivedAt", to_char(m."dueOn", 'YYYY-MM-DD') AS "dueOn",
           COALESCE(m."dueOn" < ${today}::date, false) AS "overdue",
           GREATEST(0, COALESCE(${today}::date - m."dueOn", 0))::int AS "daysOverdue",
           m."ownerLeaderId", m."responsiblePersonId", m."total", m."overdueTotal"
    FROM mine m
    LEFT JOIN "Village" v ON v."id" = m."villageId"
    ORDER BY m."dueOn" ASC NULLS LAST, m."receivedAt" ASC, m."number" ASC`);
  return {
    total: rows[0]?.total ?? 0,
    overdue: rows[0]?.overdueTotal ?? 0,
    cases: rows.map(({ ownerLeaderId, responsiblePersonId, total: _t, overdueTotal: _o, ...c }) => ({
      ...c,
      receivedAt: new Date(c.receivedAt),
      role: ownerLeaderId === personId ? (responsiblePersonId === personId ? 'BOTH' : 'OWNER') : 'RESPONSIBLE',
    })),
  };
}
