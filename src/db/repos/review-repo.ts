import { fromDbDate, toDbDate } from '../../lib/local-date.js';
import type * as db from '../../generated/prisma/client.js';
import type { CaseReviewRecord, ReviewRepo } from '../../usecases/ports/review.js';
import type { Tx } from './tx.js';

const toReview = (r: db.CaseReview): CaseReviewRecord => ({ ...r, dueOn: fromDbDate(r.dueOn) });

export function reviewRepo(tx: Tx): ReviewRepo {
  return {
    async forCase(caseId) {
      return (await tx.caseReview.findMany({ where: { caseId }, orderBy: { requestedAt: 'asc' } })).map(toReview);
    },
    async create(data) {
      // The unique (caseId, kind) decides a race between two recorders: the second gets null.
      const rows = await tx.caseReview.createManyAndReturn({
        data: [{ ...data, dueOn: toDbDate(data.dueOn) }],
        skipDuplicates: true,
      });
      return rows[0] ? toReview(rows[0]) : null;
    },
    async answer(id, data) {
      const { count } = await tx.caseReview.updateMany({ where: { id, answeredAt: null }, data });
      return count === 1;
    },
    async disciplineUnit() {
      return tx.unit.findFirst({ where: { kind: 'DISCIPLINE' }, select: { id: true, name: true }, orderBy: { createdAt: 'asc' } });
    },
  };
}
