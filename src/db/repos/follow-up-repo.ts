import type { FollowUpRepo } from '../../usecases/ports/follow-up.js';
import type { Tx } from './tx.js';

export function followUpRepo(tx: Tx): FollowUpRepo {
  return {
    async create(data) {
      return tx.followUp.create({ data });
    },
    async forCase(caseId) {
      return tx.followUp.findMany({ where: { caseId }, orderBy: { recordedAt: 'asc' } });
    },
    async awaitingFollowUp(resolvedBefore) {
      const rows = await tx.$queryRaw<{ id: string }[]>`
        SELECT c."id" FROM "Case" c
        WHERE c."status" = 'RESOLVED' AND c."resolvedAt" IS NOT NULL AND c."resolvedAt" <= ${resolvedBefore}
          AND NOT EXISTS (SELECT 1 FROM "FollowUp" f WHERE f."caseId" = c."id" AND f."recordedAt" >= c."resolvedAt")
        ORDER BY c."resolvedAt" ASC`;
      return rows.map((r) => r.id);
    },
  };
}
