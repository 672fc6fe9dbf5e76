import type { Database } from '../src/db/database.js';
import type { LocalDate } from '../src/lib/local-date.js';
import type { BenchTownship } from './load-cases.js';

/**
 * `n` open cases with a deadline, in one INSERT … SELECT: 10 % overdue by up to 20 days, the
 * rest due over the next 8 weeks; most in progress, the others waiting for an owner or approval.
 * Each of them gives the scheduler one deadline job (its next reminder).
 */
export async function loadOpenCases(db: Database, town: BenchTownship, n: number, today: LocalDate): Promise<void> {
  const cadreUnits = await db.prisma.person.findMany({ where: { id: { in: town.cadreIds } }, select: { id: true, unitId: true } });
  const unitOf = new Map(cadreUnits.map((c) => [c.id, c.unitId!]));
  const villages = (await db.prisma.village.findMany({ select: { id: true }, orderBy: { name: 'asc' } })).map((v) => v.id);
  await db.sql.query('SELECT setseed(0.2027)');
  await db.sql.query(
    `INSERT INTO "Case" ("id", "number", "year", "seq", "title", "content", "source", "complexity", "status",
        "receivedAt", "villageId", "headcount", "ownershipReasons", "dangerFlags", "ownerLeaderId", "unitId",
        "responsiblePersonId", "acceptedAt", "dueOn", "dueRule", "overdueOn", "createdById", "createdAt", "updatedAt")
     WITH base AS (
       SELECT g AS i, random() AS r_due, random() AS r_status, random() AS r_own, random() AS r_vil,
              random() AS r_who, random() AS r_cadre, random() AS r_src
       FROM generate_series(1, $1::int) g
     ), shaped AS (
       SELECT b.*,
         CASE WHEN b.r_due < 0.1 THEN $2::date - 1 - floor(b.r_due * 200)::int
              ELSE $2::date + floor((b.r_due - 0.1) / 0.9 * 56)::int END AS due,
         CASE WHEN b.r_status < 0.06 THEN 'REGISTERED' WHEN b.r_status < 0.10 THEN 'AWAITING_OWNER'
              WHEN b.r_status < 0.14 THEN 'AWAITING_APPROVAL' WHEN b.r_status < 0.15 THEN 'RETURNED'
              WHEN b.r_status < 0.93 THEN 'IN_PROGRESS' ELSE 'EXTENDED' END AS st,
         1 + floor(b.r_who * array_length($4::text[], 1))::int AS leader_ix,
         1 + floor(b.r_cadre * array_length($5::text[], 1))::int AS cadre_ix
       FROM base b
     ), final AS (
       SELECT s.*, s.st IN ('IN_PROGRESS', 'EXTENDED') AS assigned,
              ((s.due - 21)::timestamp AT TIME ZONE INTERVAL '+08:00') + interval '9 hours' AS received
       FROM shaped s
     )
     SELECT gen_random_uuid()::text,
            'XB-' || extract(year FROM f.received AT TIME ZONE INTERVAL '+08:00')::int || '-' || lpad(f.i::text, 6, '0'),
            extract(year FROM f.received AT TIME ZONE INTERVAL '+08:00')::int, f.i,
            '土地流转租金未兑现', '合作社流转本组土地后未按合同支付租金，信访人请求督促兑现（调度基准第' || f.i || '件）。',
            (ARRAY['VISIT', 'LETTER', 'ONLINE', 'PHONE'])[1 + floor(f.r_src * 4)::int]::"CaseSource", 'GENERAL'::"Complexity",
            f.st::"CaseStatus", f.received,
            ($3::text[])[1 + floor(f.r_vil * array_length($3::text[], 1))::int], 1,
            CASE WHEN f.r_own < 0.35 THEN ARRAY['LEADING_GROUP'] ELSE ARRAY[]::text[] END, ARRAY[]::text[],
            CASE WHEN f.r_own < 0.35 AND f.assigned THEN ($4::text[])[f.leader_ix] END,
            CASE WHEN f.assigned THEN ($6::text[])[f.cadre_ix] END,
            CASE WHEN f.assigned THEN ($5::text[])[f.cadre_ix] END,
            f.received, f.due,
            CASE WHEN f.st = 'EXTENDED' THEN 'R10_EXTENSION' WHEN f.r_own < 0.35 THEN 'R8_OWNERSHIP' ELSE 'R7_GENERAL' END,
            CASE WHEN f.due < $2::date THEN f.due + 1 END,
            $7, f.received, f.received
     FROM final f`,
    [n, today, villages, town.leaderIds, town.cadreIds, town.cadreIds.map((c) => unitOf.get(c)), town.office.id],
  );
  await db.sql.exec('VACUUM ANALYZE "Case"');
}
