import type { CaseSource, CaseStatus, Complexity, Person } from '../../domain/model.js';
import { caseRelation, headedUnitOf, type CaseRelation } from '../../domain/worklist/case-relation.js';
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
  /** How the case is the person's: 包案领导, 责任人, both, or the case of the unit they head (R19: territorial or functional). */
  role: CaseRelation;
  responsiblePersonId: string | null;
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
  unitId: string | null;
  territorialUnitId: string | null;
  functionalUnitId: string | null;
  total: number;
  overdueTotal: number;
}

/**
 * Open cases the person owns as leader or works on as responsible person, and those of the unit
 * they head (its responsible unit, or R19's territorial or functional unit), most urgent first,
 * within what they may see (R24).
 */
export async function myOpenCases(
  prisma: PrismaClient,
  viewer: Person,
  opts: { today?: LocalDate; limit?: number; scope: CaseScope },
): Promise<MyOpenCases> {
  const today = todayOr(opts.today);
  const limit = clampLimit(opts.limit, 100);
  const personId = viewer.id;
  const unit = headedUnitOf(viewer);
  const ofUnit = unit === null ? Prisma.sql`false` : Prisma.sql`${unit} IN (c."unitId", c."territorialUnitId", c."functionalUnitId")`;
  // OR over the two (person, status) indexes becomes a BitmapOr; the sort is a top-N of one person's cases.
  const rows = await prisma.$queryRaw<Row[]>(Prisma.sql`
    WITH mine AS (
      SELECT c."id", c."number", c."title", c."status"::text AS "status", c."source"::text AS "source",
             c."complexity"::text AS "complexity", c."villageId", c."receivedAt",
             c."dueOn", c."ownerLeaderId", c."responsiblePersonId", c."unitId", c."territorialUnitId", c."functionalUnitId",
             count(*) OVER ()::int AS "total",
             (count(*) FILTER (WHERE c."dueOn" < ${today}::date) OVER ())::int AS "overdueTotal"
      FROM "Case" c
      WHERE (c."ownerLeaderId" = ${personId} OR c."responsiblePersonId" = ${personId} OR ${ofUnit})
        AND c."status" IN (${OPEN_STATUS_SQL})
        AND ${caseScopeSql(opts.scope)}
      ORDER BY c."dueOn" ASC NULLS LAST, c."receivedAt" ASC, c."number" ASC
      LIMIT ${limit}
    )
    SELECT m."id", m."number", m."title", m."status", m."source", m."complexity", m."villageId",
           v."name" AS "villageName", m."receivedAt", to_char(m."dueOn", 'YYYY-MM-DD') AS "dueOn",
           COALESCE(m."dueOn" < ${today}::date, false) AS "overdue",
           GREATEST(0, COALESCE(${today}::date - m."dueOn", 0))::int AS "daysOverdue",
           m."ownerLeaderId", m."responsiblePersonId", m."unitId", m."territorialUnitId", m."functionalUnitId", m."total", m."overdueTotal"
    FROM mine m
    LEFT JOIN "Village" v ON v."id" = m."villageId"
    ORDER BY m."dueOn" ASC NULLS LAST, m."receivedAt" ASC, m."number" ASC`);
  return {
    total: rows[0]?.total ?? 0,
    overdue: rows[0]?.overdueTotal ?? 0,
    cases: rows.map(({ ownerLeaderId, unitId, territorialUnitId, functionalUnitId, total: _t, overdueTotal: _o, ...c }) => ({
      ...c,
      receivedAt: new Date(c.receivedAt),
      // Every row is the person's or their unit's: the WHERE above is the same question.
      role: caseRelation(viewer, { ownerLeaderId, responsiblePersonId: c.responsiblePersonId, unitId, territorialUnitId, functionalUnitId })!,
    })),
  };
}
