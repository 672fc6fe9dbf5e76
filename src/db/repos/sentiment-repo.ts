import type { SentimentRepo } from '../../usecases/ports/duties.js';
import type { Tx } from './tx.js';

export function sentimentRepo(tx: Tx): SentimentRepo {
  return {
    async create(data) {
      return tx.sentimentReport.create({ data });
    },
    async lock(id) {
      const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "SentimentReport" WHERE "id" = ${id} FOR UPDATE`;
      if (locked.length === 0) return null;
      return tx.sentimentReport.findUnique({ where: { id } });
    },
    async linkCase(id, caseId) {
      const { count } = await tx.sentimentReport.updateMany({ where: { id, caseId: null }, data: { caseId } });
      return count === 1;
    },
    async unconverted(from, to) {
      return tx.sentimentReport.findMany({ where: { caseId: null, reportedAt: { gte: from, lte: to } }, orderBy: { reportedAt: 'asc' } });
    },
    async isLinked(personId, villageId) {
      const link = await tx.personVillage.findFirst({ where: { personId, villageId }, select: { personId: true } });
      const person = await tx.person.findUnique({ where: { id: personId }, select: { unit: { select: { villageId: true } } } });
      return link !== null || person?.unit?.villageId === villageId;
    },
  };
}
