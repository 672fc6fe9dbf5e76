import { Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import { addDays, addMonths, isLocalDate, startOfLocalDate, type LocalDate } from '../../lib/local-date.js';
import { officeStatistics, type OfficeStatistics } from './office-statistics.js';
import { beijingDate, OPEN_STATUS_SQL } from './sql-fragments.js';

export interface OverdueTrendPoint {
  /** 'YYYY-MM' of the month that ends on `monthEnd`. */
  month: string;
  monthEnd: LocalDate;
  /** R11: cases open at the end of that day and past their deadline. */
  open: number;
}

/** The console's figures page: the year by status, village, source and month, and the overdue trend. */
export interface OfficeFigures extends OfficeStatistics {
  /** Twelve month ends, oldest first. */
  overdueTrend: OverdueTrendPoint[];
}

/**
 * The year's statistics (officeStatistics) with the overdue trend of the twelve month ends up to
 * `today`, or up to 31 December for a past year so that its page shows that year.
 */
export async function officeFigures(prisma: PrismaClient, opts: { year: number; today: LocalDate }): Promise<OfficeFigures> {
  if (!isLocalDate(opts.today)) throw new Error(`not a date: ${opts.today}`);
  const yearEnd = `${opts.year}-12-31`;
  const [statistics, overdueTrend] = await Promise.all([
    officeStatistics(prisma, opts),
    overdueTrendAt(prisma, opts.today < yearEnd ? opts.today : yearEnd),
  ]);
  return { ...statistics, overdueTrend };
}

/** The last day of the month of `date` if that is `date` itself, else the last day of the month before. */
function lastMonthEndOnOrBefore(date: LocalDate): LocalDate {
  const nextMonthStart = addMonths(`${date.slice(0, 7)}-01`, 1);
  return addDays(nextMonthStart, -1) === date ? date : addDays(`${date.slice(0, 7)}-01`, -1);
}

/**
 * R11 over time: at each of the twelve month ends up to `asOf`, how many cases were open and past
 * their deadline. A case counts at day D when it was received by D, its deadline was before D and
 * it was not resolved by the end of D.
 * History is approximate in two ways: the deadline used is `dueOn` as it is now (an extension
 * granted later moves the case out of months when it really was overdue), and a reopened case
 * (R27, resolvedAt cleared) counts as open since its receipt.
 */
export async function overdueTrendAt(prisma: PrismaClient, asOf: LocalDate): Promise<OverdueTrendPoint[]> {
  const lastEnd = lastMonthEndOnOrBefore(asOf);
  const firstEnd = addDays(addMonths(addDays(lastEnd, 1), -11), -1);
  // Month ends as "the day before each month start": a series of month ends would drift (31 Jan + 1 month = 28 Feb, then 28 Mar).
  const rows = await prisma.$queryRaw<{ monthEnd: string; open: number }[]>(Prisma.sql`
    WITH candidates AS MATERIALIZED (
      SELECT ${beijingDate('receivedAt')} AS "receivedOn", ${beijingDate('resolvedAt')} AS "resolvedOn", c."dueOn"
      FROM "Case" c
      WHERE c."dueOn" < ${lastEnd}::date
        AND c."receivedAt" < ${startOfLocalDate(addDays(lastEnd, 1))}
        AND ((c."resolvedAt" IS NULL AND c."status" IN (${OPEN_STATUS_SQL})) OR c."resolvedAt" >= ${startOfLocalDate(addDays(firstEnd, 1))})
    ),
    ends AS (
      SELECT (s::date - 1) AS "monthEnd"
      FROM generate_series(${addDays(firstEnd, 1)}::date, ${addDays(lastEnd, 1)}::date, interval '1 month') s
    )
    SELECT to_char(e."monthEnd", 'YYYY-MM-DD') AS "monthEnd", count(k."dueOn")::int AS "open"
    FROM ends e
    LEFT JOIN candidates k
      ON k."receivedOn" <= e."monthEnd" AND k."dueOn" < e."monthEnd" AND (k."resolvedOn" IS NULL OR k."resolvedOn" > e."monthEnd")
    GROUP BY e."monthEnd"
    ORDER BY e."monthEnd"`);
  return rows.map((r) => ({ month: r.monthEnd.slice(0, 7), monthEnd: r.monthEnd, open: r.open }));
}
