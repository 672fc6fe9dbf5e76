import { OPEN_STATUSES } from '../../domain/case-status.js';
import { Prisma } from '../../generated/prisma/client.js';
import { localDateOf, type LocalDate } from '../../lib/local-date.js';

// SQL pieces shared by the read-side queries. Status lists are inlined as literals (they are
// fixed enum names) so the planner sees constants and can use the (status, dueOn) index.

function enumLiterals(values: readonly string[]): Prisma.Sql {
  for (const v of values) {
    if (!/^[A-Z_]+$/.test(v)) throw new Error(`not an enum value: ${v}`);
  }
  return Prisma.raw(values.map((v) => `'${v}'`).join(', '));
}

/** `'REGISTERED', 'AWAITING_OWNER', …`: use as `c."status" IN (${OPEN_STATUS_SQL})`. */
export const OPEN_STATUS_SQL = enumLiterals(OPEN_STATUSES);

/** The Beijing calendar date of a timestamptz column of the case alias `c`. */
export function beijingDate(column: string): Prisma.Sql {
  if (!/^[A-Za-z]+$/.test(column)) throw new Error(`not a column: ${column}`);
  return Prisma.raw(`(c."${column}" AT TIME ZONE INTERVAL '+08:00')::date`);
}

/**
 * R11: closed, and the record keeps that it was overdue. `overdueOn` is that record: the overdue
 * job sets it when the deadline passes and resolving a late case sets it, so a closed case
 * needs no date arithmetic (which would cost a scan of every closed case).
 */
export const RESOLVED_LATE_SQL = Prisma.sql`(c."overdueOn" IS NOT NULL AND c."status" NOT IN (${OPEN_STATUS_SQL}))`;

/** The given date, or today in Beijing when the caller does not pin it. */
export function todayOr(today: LocalDate | undefined): LocalDate {
  return today ?? localDateOf(new Date());
}

export function clampLimit(limit: number | undefined, fallback: number): number {
  const n = limit ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new Error(`limit out of range: ${n}`);
  return n;
}
