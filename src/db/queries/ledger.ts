import { CASE_SOURCES, CASE_STATUSES, type CaseSource, type CaseStatus, type Complexity } from '../../domain/model.js';
import { Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import { addDays, isLocalDate, startOfLocalDate, type LocalDate } from '../../lib/local-date.js';
import type { CaseScope } from '../../domain/privacy/case-scope.js';
import { caseScopeSql } from './case-scope-sql.js';
import { beijingDate, OPEN_STATUS_SQL, RESOLVED_LATE_SQL } from './sql-fragments.js';

// The 台账: every case with the names an office ledger shows, filtered and paged. The console
// page and the Excel export both read it.

export interface LedgerFilter {
  status?: CaseStatus[];
  villageId?: string;
  unitId?: string;
  /** The owner leader (包案领导). */
  leaderId?: string;
  source?: CaseSource;
  /** R11: open and past dueOn on `today`; closed with the lateness on record; either. */
  overdue?: 'open' | 'resolved-late' | 'any';
  /** Beijing calendar days of receipt, both inclusive. */
  receivedFrom?: LocalDate;
  receivedTo?: LocalDate;
  /** Text in the case number or the title (see `search`). */
  q?: string;
  /** The day overdue is judged on. */
  today: LocalDate;
}

export interface LedgerPetitioner {
  name: string;
  phone: string | null;
  idNumber: string | null;
  /** Not a column of the ledger: read so that the title can be masked of it (R24). */
  address: string | null;
}

/** Who reads the ledger (R24): the cases they may see, and whether a search may match petitioners. */
export interface LedgerAccess {
  scope: CaseScope;
  /** True: a search also finds cases by a petitioner's name, phone or ID. False: it never matches through them. */
  searchPersonalData: boolean;
}

export interface LedgerRow {
  id: string;
  number: string;
  title: string;
  source: CaseSource;
  status: CaseStatus;
  complexity: Complexity;
  receivedOn: LocalDate;
  villageName: string | null;
  unitName: string | null;
  ownerLeaderName: string | null;
  responsiblePersonName: string | null;
  dueOn: LocalDate | null;
  /** R11: OPEN — open and past its deadline on `today`; RESOLVED_LATE — closed, lateness on record. */
  overdueState: 'OPEN' | 'RESOLVED_LATE' | null;
  /** Calendar days past dueOn: up to `today` when open, up to the resolution when resolved late; else 0. */
  overdueDays: number;
  resolvedOn: LocalDate | null;
  headcount: number;
  /** R16: converted from a report that named nobody; its petitioners are still to be completed. */
  petitionersPending: boolean;
  /**
   * Raw personal data, primary petitioner first. R24: before showing or exporting, mask per viewer
   * with src/domain/privacy.ts: maskName, maskPhone and maskIdNumber (maskPetitioner needs the
   * address and isPrimary, which the ledger does not carry).
   */
  petitioners: LedgerPetitioner[];
  /** Petitioners a correction replaced or removed: not shown, but masked in the title like the others (R24). */
  formerPetitioners: LedgerPetitioner[];
}

export interface LedgerPage {
  /** Every case matching the filter, beyond the page too. */
  total: number;
  rows: LedgerRow[];
}

/** Rows per console page at most. */
export const LEDGER_PAGE_MAX = 500;
/** Rows of one export at most. */
export const LEDGER_EXPORT_MAX = 50_000;
const Q_MAX = 100;

/**
 * The window of a console page: page numbers from 1, at most LEDGER_PAGE_MAX rows. Anything that
 * is not a positive integer (a missing or garbled query string) reads as page 1.
 */
export function ledgerPageWindow(page: number, size = 50): { limit: number; offset: number } {
  const n = Number.isInteger(page) && page > 0 ? page : 1;
  const limit = Number.isInteger(size) && size > 0 ? Math.min(size, LEDGER_PAGE_MAX) : 50;
  return { limit, offset: (n - 1) * limit };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function conditions(f: LedgerFilter, access: LedgerAccess): Prisma.Sql {
  if (!isLocalDate(f.today)) throw new RangeError(`not a date: ${f.today}`);
  const where: Prisma.Sql[] = [caseScopeSql(access.scope)];
  if (f.status !== undefined) {
    const bad = f.status.filter((s) => !(CASE_STATUSES as readonly string[]).includes(s));
    if (bad.length) throw new RangeError(`not a case status: ${bad.join(', ')}`);
    // An empty choice matches nothing rather than everything.
    where.push(f.status.length ? Prisma.sql`c."status" IN (${Prisma.join(f.status.map((s) => Prisma.sql`${s}::"CaseStatus"`))})` : Prisma.sql`false`);
  }
  if (f.villageId) where.push(Prisma.sql`c."villageId" = ${f.villageId}`);
  if (f.unitId) where.push(Prisma.sql`c."unitId" = ${f.unitId}`);
  if (f.leaderId) where.push(Prisma.sql`c."ownerLeaderId" = ${f.leaderId}`);
  if (f.source) {
    if (!(CASE_SOURCES as readonly string[]).includes(f.source)) throw new RangeError(`not a case source: ${f.source}`);
    where.push(Prisma.sql`c."source" = ${f.source}::"CaseSource"`);
  }
  const openOverdue = Prisma.sql`(c."status" IN (${OPEN_STATUS_SQL}) AND c."dueOn" < ${f.today}::date)`;
  if (f.overdue === 'open') where.push(openOverdue);
  else if (f.overdue === 'resolved-late') where.push(RESOLVED_LATE_SQL);
  else if (f.overdue === 'any') where.push(Prisma.sql`(${openOverdue} OR ${RESOLVED_LATE_SQL})`);
  else if (f.overdue !== undefined) throw new RangeError(`not an overdue mode: ${String(f.overdue)}`);
  for (const d of [f.receivedFrom, f.receivedTo]) {
    if (d !== undefined && !isLocalDate(d)) throw new RangeError(`not a date: ${d}`);
  }
  // Instants, not dates of the column: the receivedAt index serves the range.
  if (f.receivedFrom) where.push(Prisma.sql`c."receivedAt" >= ${startOfLocalDate(f.receivedFrom)}`);
  if (f.receivedTo) where.push(Prisma.sql`c."receivedAt" < ${startOfLocalDate(addDays(f.receivedTo, 1))}`);
  const q = f.q?.trim().slice(0, Q_MAX);
  if (q) where.push(search(q, access.searchPersonalData));
  return where.length ? Prisma.join(where, ' AND ') : Prisma.sql`true`;
}

/**
 * Text in the case number or the title. Who may list personal data also finds a case by its
 * petitioners; anyone else never finds a case through them — not even in its title, which they
 * see masked: a search must not tell them what the mask hides.
 */
function search(q: string, personalData: boolean): Prisma.Sql {
  // Numbers are upper case (XF-2026-0042); a title is matched case-insensitively only when the
  // text has Latin letters besides a number's XF- prefix: LIKE is 2–3 times faster than ILIKE
  // on a scan of Chinese text.
  const pattern = `%${escapeLike(q)}%`;
  const latin = /[A-Za-z]/.test(q.replace(/^xf-/i, ''));
  const title = latin ? Prisma.sql`c."title" ILIKE ${pattern}` : Prisma.sql`c."title" LIKE ${pattern}`;
  const number = Prisma.sql`c."number" LIKE ${pattern.toUpperCase()}`;
  if (personalData) return Prisma.sql`(${number} OR ${title} OR ${petitionerMatch(q)})`;
  // The term overlaps a petitioner's name (either way round) or number: not a match on the title.
  const overlaps = Prisma.sql`strpos(p."name", ${q}) > 0 OR strpos(${q}, p."name") > 0 OR strpos(coalesce(p."phone", ''), ${q}) > 0 OR strpos(coalesce(p."idNumber", ''), ${q.toUpperCase()}) > 0 OR strpos(coalesce(p."address", ''), ${q}) > 0`;
  return Prisma.sql`(${number} OR (${title} AND NOT ${petitioner(overlaps)}))`;
}

const petitioner = (p: Prisma.Sql) => Prisma.sql`EXISTS (SELECT 1 FROM "Petitioner" p WHERE p."caseId" = c."id" AND (${p}))`;

/** A case one of whose (current) petitioners has the text in their name, phone or ID number. */
function petitionerMatch(q: string): Prisma.Sql {
  const pattern = `%${escapeLike(q)}%`;
  return petitioner(Prisma.sql`p."supersededAt" IS NULL AND (p."name" LIKE ${pattern} OR p."phone" LIKE ${pattern} OR p."idNumber" LIKE ${pattern.toUpperCase()})`);
}

/**
 * Newest receipt first; cases received at the same moment (a day's letters are dated, not timed)
 * by their number, the later one first: the same order on every page and every export.
 */
const LEDGER_ORDER = Prisma.sql`c."receivedAt" DESC, c."year" DESC, c."seq" DESC`;

/** Case numbers a search names at most in its audit entry. */
export const SEARCH_AUDIT_CASES = 50;

/**
 * R24/R25: the cases of a filtered ledger the search text found through their petitioners' names,
 * phones or ID numbers — whose personal data a search by a person reached — newest first, at most
 * SEARCH_AUDIT_CASES numbers, and how many there were. None when the reader's search does not
 * look at petitioners at all, or there is no text.
 */
export async function ledgerPetitionerMatches(prisma: PrismaClient, filter: LedgerFilter, access: LedgerAccess): Promise<{ count: number; numbers: string[] }> {
  const q = filter.q?.trim().slice(0, Q_MAX);
  if (!q || !access.searchPersonalData) return { count: 0, numbers: [] };
  const where = Prisma.sql`${conditions(filter, access)} AND ${petitionerMatch(q)}`;
  const [rows, [count]] = await Promise.all([
    prisma.$queryRaw<{ number: string }[]>(Prisma.sql`SELECT c."number" FROM "Case" c WHERE ${where} ORDER BY ${LEDGER_ORDER} LIMIT ${SEARCH_AUDIT_CASES}`),
    prisma.$queryRaw<{ total: number }[]>(Prisma.sql`SELECT count(*)::int AS "total" FROM "Case" c WHERE ${where}`),
  ]);
  return { count: count?.total ?? 0, numbers: rows.map((r) => r.number) };
}

type StoredPetitioner = LedgerPetitioner & { current: boolean };

interface Row extends Omit<LedgerRow, 'petitioners' | 'formerPetitioners'> {
  petitioners: StoredPetitioner[] | string;
}

/** One page of the ledger, newest receipt first (then by number), and the number of all matching cases, of what the reader may see. */
export async function ledgerCases(
  prisma: PrismaClient,
  filter: LedgerFilter,
  page: { limit: number; offset: number },
  access: LedgerAccess,
): Promise<LedgerPage> {
  const { limit, offset } = page;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit out of range: ${limit}`);
  if (!Number.isInteger(offset) || offset < 0) throw new RangeError(`offset out of range: ${offset}`);
  const where = conditions(filter, access);
  const today = filter.today;
  // The page is cut first (receivedAt index), then joined to names and petitioners: the joins
  // and the json_agg run for the rows shown only.
  const [rows, [count]] = await Promise.all([
    prisma.$queryRaw<Row[]>(Prisma.sql`
      WITH hits AS (
        SELECT c."id", c."number", c."title", c."source", c."status", c."complexity", c."receivedAt",
               c."villageId", c."unitId", c."ownerLeaderId", c."responsiblePersonId", c."dueOn", c."headcount", c."petitionersPending", c."year", c."seq",
               ${beijingDate('receivedAt')} AS "receivedOn", ${beijingDate('resolvedAt')} AS "resolvedOn",
               CASE WHEN c."status" IN (${OPEN_STATUS_SQL}) THEN
                      CASE WHEN c."dueOn" < ${today}::date THEN 'OPEN' END
                    WHEN ${RESOLVED_LATE_SQL} THEN 'RESOLVED_LATE' END AS "overdueState"
        FROM "Case" c
        WHERE ${where}
        ORDER BY ${LEDGER_ORDER}
        LIMIT ${Math.min(limit, LEDGER_EXPORT_MAX)} OFFSET ${offset}
      )
      SELECT h."id", h."number", h."title", h."source"::text AS "source", h."status"::text AS "status",
             h."complexity"::text AS "complexity", to_char(h."receivedOn", 'YYYY-MM-DD') AS "receivedOn",
             v."name" AS "villageName", u."name" AS "unitName", o."name" AS "ownerLeaderName",
             r."name" AS "responsiblePersonName", to_char(h."dueOn", 'YYYY-MM-DD') AS "dueOn",
             h."overdueState",
             (CASE h."overdueState"
                WHEN 'OPEN' THEN ${today}::date - h."dueOn"
                WHEN 'RESOLVED_LATE' THEN GREATEST(0, COALESCE(h."resolvedOn" - h."dueOn", 0))
                ELSE 0 END)::int AS "overdueDays",
             to_char(h."resolvedOn", 'YYYY-MM-DD') AS "resolvedOn", h."headcount", h."petitionersPending",
             COALESCE((
               SELECT json_agg(json_build_object('name', p."name", 'phone', p."phone", 'idNumber', p."idNumber", 'address', p."address", 'current', p."supersededAt" IS NULL)
                               ORDER BY p."isPrimary" DESC, p."name" ASC)
               FROM "Petitioner" p WHERE p."caseId" = h."id"
             ), '[]'::json) AS "petitioners"
      FROM hits h
      LEFT JOIN "Village" v ON v."id" = h."villageId"
      LEFT JOIN "Unit" u ON u."id" = h."unitId"
      LEFT JOIN "Person" o ON o."id" = h."ownerLeaderId"
      LEFT JOIN "Person" r ON r."id" = h."responsiblePersonId"
      ORDER BY h."receivedAt" DESC, h."year" DESC, h."seq" DESC`),
    prisma.$queryRaw<{ total: number }[]>(Prisma.sql`SELECT count(*)::int AS "total" FROM "Case" c WHERE ${where}`),
  ]);
  return {
    total: count?.total ?? 0,
    rows: rows.map((r) => {
      // The pg adapter parses json; PGlite's adapter may hand it over as text.
      const all = typeof r.petitioners === 'string' ? (JSON.parse(r.petitioners) as StoredPetitioner[]) : r.petitioners;
      const plain = ({ current: _c, ...p }: StoredPetitioner): LedgerPetitioner => p;
      return { ...r, petitioners: all.filter((p) => p.current).map(plain), formerPetitioners: all.filter((p) => !p.current).map(plain) };
    }),
  };
}
