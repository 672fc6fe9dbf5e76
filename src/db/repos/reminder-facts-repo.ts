import { Prisma } from '../../generated/prisma/client.js';
import { addDays, fromDbDate, localDateOf, startOfLocalDate } from '../../lib/local-date.js';
import type { ReportingCadence } from '../../domain/model.js';
import type { ReviewKind } from '../../domain/review/review-clocks.js';
import type { ReminderFactsRepo } from '../../usecases/ports/reminder-facts.js';
import { OPEN_STATUS_SQL } from '../queries/sql-fragments.js';
import type { Tx } from './tx.js';

export function reminderFactsRepo(tx: Tx): ReminderFactsRepo {
  return {
    async reportingOwnerships() {
      const rows = await tx.$queryRaw<
        { ownershipId: string; caseId: string; caseNumber: string; caseTitle: string; leaderId: string; responsiblePersonId: string; cadence: ReportingCadence; activeFrom: Date; lastReportedAt: Date | null }[]
      >(Prisma.sql`
        SELECT o."id" AS "ownershipId", c."id" AS "caseId", c."number" AS "caseNumber", c."title" AS "caseTitle",
               o."leaderId", o."responsiblePersonId", o."reportingCadence" AS "cadence", o."activeFrom",
               (SELECT max(p."createdAt") FROM "ProgressEntry" p WHERE p."caseId" = c."id") AS "lastReportedAt"
        FROM "CaseOwnership" o JOIN "Case" c ON c."id" = o."caseId"
        WHERE o."endedAt" IS NULL AND c."status" IN (${OPEN_STATUS_SQL})
        ORDER BY o."id"`);
      return rows.map(({ activeFrom, lastReportedAt, ...r }) => ({
        ...r,
        activeFrom: localDateOf(activeFrom),
        lastReportedOn: lastReportedAt ? localDateOf(lastReportedAt) : null,
      }));
    },
    async pendingReviews() {
      const rows = await tx.$queryRaw<
        { reviewId: string; kind: ReviewKind; dueOn: Date; caseId: string; caseNumber: string; caseTitle: string; ownerLeaderId: string | null; responsiblePersonId: string | null }[]
      >(Prisma.sql`
        SELECT r."id" AS "reviewId", r."kind", r."dueOn", c."id" AS "caseId", c."number" AS "caseNumber", c."title" AS "caseTitle",
               c."ownerLeaderId", c."responsiblePersonId"
        FROM "CaseReview" r JOIN "Case" c ON c."id" = r."caseId"
        WHERE r."answeredAt" IS NULL
        ORDER BY r."dueOn", r."id"`);
      return rows.map((r) => ({ ...r, dueOn: fromDbDate(r.dueOn) }));
    },
    async awaitingFollowUp() {
      return tx.$queryRaw<{ caseId: string; caseNumber: string; caseTitle: string; resolvedAt: Date }[]>(Prisma.sql`
        SELECT c."id" AS "caseId", c."number" AS "caseNumber", c."title" AS "caseTitle", c."resolvedAt"
        FROM "Case" c
        WHERE c."status" = 'RESOLVED' AND c."resolvedAt" IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM "FollowUp" f WHERE f."caseId" = c."id" AND f."recordedAt" >= c."resolvedAt")
        ORDER BY c."resolvedAt", c."id"`);
    },
    async weeklyFigures(from, to, today) {
      const start = startOfLocalDate(from);
      const end = startOfLocalDate(addDays(to, 1));
      const rows = await tx.$queryRaw<{ village: string | null; received: number; resolved: number; overdueNow: number; openNow: number }[]>(Prisma.sql`
        SELECT v."name" AS "village",
               count(*) FILTER (WHERE c."receivedAt" >= ${start} AND c."receivedAt" < ${end})::int AS "received",
               count(*) FILTER (WHERE c."resolvedAt" >= ${start} AND c."resolvedAt" < ${end})::int AS "resolved",
               count(*) FILTER (WHERE c."status" IN (${OPEN_STATUS_SQL}) AND c."dueOn" < ${today}::date)::int AS "overdueNow",
               count(*) FILTER (WHERE c."status" IN (${OPEN_STATUS_SQL}))::int AS "openNow"
        FROM "Case" c LEFT JOIN "Village" v ON v."id" = c."villageId"
        WHERE (c."receivedAt" >= ${start} AND c."receivedAt" < ${end})
           OR (c."resolvedAt" >= ${start} AND c."resolvedAt" < ${end})
           OR c."status" IN (${OPEN_STATUS_SQL})
        GROUP BY v."name"`);
      const sum = (k: 'received' | 'resolved' | 'overdueNow' | 'openNow') => rows.reduce((n, r) => n + r[k], 0);
      return {
        from,
        to,
        received: sum('received'),
        resolved: sum('resolved'),
        overdueNow: sum('overdueNow'),
        openNow: sum('openNow'),
        byVillage: rows
          .filter((r) => r.received + r.resolved + r.overdueNow > 0)
          .map(({ village, received, resolved, overdueNow }) => ({ village, received, resolved, overdueNow }))
          .sort((a, b) => b.overdueNow - a.overdueNow || b.received - a.received || (a.village ?? '').localeCompare(b.village ?? '', 'zh')),
      };
    },
  };
}
