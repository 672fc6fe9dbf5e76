import type { CaseScope } from '../../domain/privacy/case-scope.js';
import type { CaseAccessFacts } from '../../domain/authorization.js';
import type { CaseRecord, ReportingCadence } from '../../domain/model.js';
import type { ReviewKind } from '../../domain/review/review-clocks.js';
import { Prisma } from '../../generated/prisma/client.js';
import { fromDbDate, localDateOf } from '../../lib/local-date.js';
import { caseScopeSql } from '../queries/case-scope-sql.js';
import { OPEN_STATUS_SQL } from '../queries/sql-fragments.js';
import type { CaseTodoRecord } from '../../usecases/ports/worklists.js';
import type { Tx } from './tx.js';

type Row = Pick<CaseRecord, 'id' | 'number' | 'title' | 'status' | 'source' | 'complexity' | 'receivedAt' | 'acceptedAt' | 'ownershipReasons' | 'dangerFlags'
  | 'resolvedAt' | 'opinionIssuedAt' | 'petitionersPending' | keyof CaseAccessFacts> & {
  dueOn: Date | null;
  followedUp: boolean;
  ppId: string | null;
  ppKind: 'INITIAL' | 'TRANSFER' | null;
  ppAt: Date | null;
  ppBy: string | null;
  rpBy: string | null;
  rpReason: string | null;
  exId: string | null;
  exBy: string | null;
  exDueOn: Date | null;
  cadence: ReportingCadence | null;
  activeFrom: Date | null;
  lastAt: Date | null;
  lastTerritorialAt: Date | null;
  lastFunctionalAt: Date | null;
  reviewKind: ReviewKind | null;
  reviewDueOn: Date | null;
};

const day = (d: Date | null) => (d ? localDateOf(d) : null);

/**
 * The cases still in someone's hands that the viewer may see (R24 scope): open ones, resolved
 * ones awaiting their call-back (R27), handled claims without a written opinion and cases with a
 * review awaiting its answer (R26) — with the pending proposal, returned proposal, pending
 * extension, reporting cadence and latest reports the domain's caseTodos decides on.
 */
export async function readCaseTodoFacts(tx: Tx, scope: CaseScope, limit: number): Promise<CaseTodoRecord[]> {
  const rows = await tx.$queryRaw<Row[]>(Prisma.sql`
    SELECT c."id", c."number", c."title", c."status"::text AS "status", c."source"::text AS "source", c."complexity"::text AS "complexity",
           c."classification"::text AS "classification", c."receivedAt", c."acceptedAt", c."dueOn", c."ownershipReasons", c."dangerFlags",
           c."resolvedAt", c."opinionIssuedAt", c."ownerLeaderId", c."responsiblePersonId", c."unitId", c."territorialUnitId",
           c."functionalUnitId", c."accusedPersonId", c."accusedUnitId", c."petitionersPending",
           EXISTS (SELECT 1 FROM "FollowUp" f WHERE f."caseId" = c."id" AND f."recordedAt" >= c."resolvedAt") AS "followedUp",
           pp."id" AS "ppId", pp."kind"::text AS "ppKind", pp."proposedAt" AS "ppAt", pp."proposedById" AS "ppBy",
           rp."proposedById" AS "rpBy", rp."decisionReason" AS "rpReason",
           ex."id" AS "exId", ex."requestedById" AS "exBy", ex."requestedDueOn" AS "exDueOn",
           o."reportingCadence"::text AS "cadence", o."activeFrom",
           (SELECT max(p."createdAt") FROM "ProgressEntry" p WHERE p."caseId" = c."id") AS "lastAt",
           (SELECT max(p."createdAt") FROM "ProgressEntry" p WHERE p."caseId" = c."id" AND p."unitId" = c."territorialUnitId") AS "lastTerritorialAt",
           (SELECT max(p."createdAt") FROM "ProgressEntry" p WHERE p."caseId" = c."id" AND p."unitId" = c."functionalUnitId") AS "lastFunctionalAt",
           rv."kind"::text AS "reviewKind", rv."dueOn" AS "reviewDueOn"
    FROM "Case" c
    LEFT JOIN LATERAL (SELECT * FROM "OwnershipProposal" x WHERE x."caseId" = c."id" AND x."status" = 'PENDING' ORDER BY x."proposedAt" DESC LIMIT 1) pp ON true
    LEFT JOIN LATERAL (SELECT * FROM "OwnershipProposal" x WHERE x."caseId" = c."id" AND x."status" = 'RETURNED' ORDER BY x."decidedAt" DESC LIMIT 1) rp ON c."status" = 'RETURNED'
    LEFT JOIN LATERAL (SELECT * FROM "Extension" x WHERE x."caseId" = c."id" AND x."status" = 'PENDING' ORDER BY x."requestedAt" DESC LIMIT 1) ex ON true
    LEFT JOIN LATERAL (SELECT * FROM "CaseOwnership" x WHERE x."caseId" = c."id" AND x."endedAt" IS NULL ORDER BY x."activeFrom" DESC LIMIT 1) o ON true
    LEFT JOIN LATERAL (SELECT * FROM "CaseReview" x WHERE x."caseId" = c."id" AND x."answeredAt" IS NULL ORDER BY x."requestedAt" DESC LIMIT 1) rv ON true
    WHERE (c."status" IN (${OPEN_STATUS_SQL}, 'RESOLVED')
           OR (c."status" = 'FOLLOWED_UP' AND c."classification" = 'CLAIM' AND c."opinionIssuedAt" IS NULL)
           OR rv."id" IS NOT NULL)
      AND ${caseScopeSql(scope)}
    ORDER BY c."dueOn" ASC NULLS LAST, c."number" ASC
    LIMIT ${limit}`);
  return rows.map((r) => ({
    id: r.id, number: r.number, title: r.title, status: r.status, source: r.source, complexity: r.complexity, classification: r.classification,
    receivedOn: localDateOf(r.receivedAt), acceptedOn: day(r.acceptedAt), dueOn: r.dueOn ? fromDbDate(r.dueOn) : null,
    ownershipReasons: r.ownershipReasons, dangerFlags: r.dangerFlags, resolvedAt: r.resolvedAt, opinionIssued: r.opinionIssuedAt !== null,
    followedUp: r.followedUp, petitionersPending: r.petitionersPending,
    ownerLeaderId: r.ownerLeaderId, responsiblePersonId: r.responsiblePersonId, unitId: r.unitId, territorialUnitId: r.territorialUnitId,
    functionalUnitId: r.functionalUnitId, accusedPersonId: r.accusedPersonId, accusedUnitId: r.accusedUnitId,
    pendingProposal: r.ppId ? { id: r.ppId, kind: r.ppKind!, proposedOn: localDateOf(r.ppAt!), proposedById: r.ppBy! } : null,
    returnedProposal: r.rpBy ? { proposedById: r.rpBy, reason: r.rpReason } : null,
    pendingExtension: r.exId ? { id: r.exId, requestedById: r.exBy!, requestedDueOn: fromDbDate(r.exDueOn!) } : null,
    reporting: r.cadence && r.activeFrom
      ? {
        cadence: r.cadence,
        activeFrom: localDateOf(r.activeFrom),
        lastReportedOn: day(r.lastAt),
        lastUnitReportOn: {
          ...(r.functionalUnitId ? { [r.functionalUnitId]: day(r.lastFunctionalAt) } : {}),
          ...(r.territorialUnitId ? { [r.territorialUnitId]: day(r.lastTerritorialAt) } : {}),
        },
      }
      : null,
    pendingReview: r.reviewKind && r.reviewDueOn ? { kind: r.reviewKind, dueOn: fromDbDate(r.reviewDueOn) } : null,
  }));
}
