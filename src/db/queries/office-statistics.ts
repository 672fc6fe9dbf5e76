import { CASE_SOURCES, CASE_STATUSES, type CaseSource, type CaseStatus } from '../../domain/model.js';
import { Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import { startOfLocalDate, type LocalDate } from '../../lib/local-date.js';
import { OPEN_STATUS_SQL, RESOLVED_LATE_SQL, todayOr } from './sql-fragments.js';

export interface VillageCount {
  villageId: string | null;
  villageName: string;
  areaName: string | null;
  count: number;
}

export interface OfficeStatistics {
  year: number;
  /** Cases received in the year (Beijing time). */
  total: number;
  byStatus: Record<CaseStatus, number>;
  bySource: Record<CaseSource, number>;
  /** Index 0 is January. */
  byMonth: number[];
  /** Every village (zeros included), most cases first; cases with no village last as 未关联村. */
  byVillage: VillageCount[];
  /** R11: open and past the deadline on `today`, plus closed but late. */
  overdue: { total: number; open: number; resolvedLate: number };
}

interface Row {
  g: number;
  status: CaseStatus | null;
  source: CaseSource | null;
  villageId: string | null;
  month: number | null;
  n: number;
  openOverdue: number;
  resolvedLate: number;
}

// GROUPING(status, source, villageId, month): a bit is set for each column rolled up.
const BY_STATUS = 0b0111;
const BY_SOURCE = 0b1011;
const BY_VILLAGE = 0b1101;
const BY_MONTH = 0b1110;
const ALL = 0b1111;

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** The office's year in figures: by status, source, village and month of receipt, and how many are overdue. */
export async function officeStatistics(
  prisma: PrismaClient,
  opts: { year: number; today?: LocalDate },
): Promise<OfficeStatistics> {
  const { year } = opts;
  if (!Number.isInteger(year) || year < 2000 || year > 2999) throw new Error(`year out of range: ${year}`);
  const today = todayOr(opts.today);
  const from = startOfLocalDate(`${year}-01-01`);
  const to = startOfLocalDate(`${year + 1}-01-01`);
  // One pass over the year's cases (receivedAt index) with grouping sets, instead of five scans.
  const [rows, villages] = await Promise.all([
    prisma.$queryRaw<Row[]>(Prisma.sql`
      SELECT GROUPING(c."status", c."source", c."villageId", m."month")::int AS "g",
             c."status"::text AS "status", c."source"::text AS "source", c."villageId", m."month",
             count(*)::int AS "n",
             (count(*) FILTER (WHERE c."status" IN (${OPEN_STATUS_SQL}) AND c."dueOn" < ${today}::date))::int AS "openOverdue",
             (count(*) FILTER (WHERE ${RESOLVED_LATE_SQL}))::int AS "resolvedLate"
      FROM "Case" c
      CROSS JOIN LATERAL (SELECT extract(month FROM c."receivedAt" AT TIME ZONE INTERVAL '+08:00')::int AS "month") m
      WHERE c."receivedAt" >= ${from} AND c."receivedAt" < ${to}
      GROUP BY GROUPING SETS ((c."status"), (c."source"), (c."villageId"), (m."month"), ())`),
    prisma.village.findMany({ select: { id: true, name: true, area: { select: { name: true } } } }),
  ]);

  const stats: OfficeStatistics = {
    year,
    total: 0,
    byStatus: zeros(CASE_STATUSES),
    bySource: zeros(CASE_SOURCES),
    byMonth: Array.from({ length: 12 }, () => 0),
    byVillage: [],
    overdue: { total: 0, open: 0, resolvedLate: 0 },
  };
  const perVillage = new Map<string | null, number>();
  for (const r of rows) {
    if (r.g === ALL) {
      stats.total = r.n;
      stats.overdue = { total: r.openOverdue + r.resolvedLate, open: r.openOverdue, resolvedLate: r.resolvedLate };
    } else if (r.g === BY_STATUS && r.status) stats.byStatus[r.status] = r.n;
    else if (r.g === BY_SOURCE && r.source) stats.bySource[r.source] = r.n;
    else if (r.g === BY_MONTH && r.month) stats.byMonth[r.month - 1] = r.n;
    else if (r.g === BY_VILLAGE) perVillage.set(r.villageId, r.n);
  }
  stats.byVillage = villages
    .map((v) => ({ villageId: v.id, villageName: v.name, areaName: v.area.name, count: perVillage.get(v.id) ?? 0 }))
    .sort((a, b) => b.count - a.count || a.villageName.localeCompare(b.villageName, 'zh-Hans-CN'));
  const unlinked = perVillage.get(null);
  if (unlinked) stats.byVillage.push({ villageId: null, villageName: '未关联村', areaName: null, count: unlinked });
  return stats;
}
