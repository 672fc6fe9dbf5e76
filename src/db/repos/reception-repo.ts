import { fromDbDate, toDbDate } from '../../lib/local-date.js';
import type * as db from '../../generated/prisma/client.js';
import type { ReceptionDay, ReceptionRepo } from '../../usecases/ports/duties.js';
import type { Tx } from './tx.js';

const toDay = (r: db.ReceptionDay): ReceptionDay => ({ id: r.id, leaderId: r.leaderId, date: fromDbDate(r.date), location: r.location, note: r.note });

export function receptionRepo(tx: Tx): ReceptionRepo {
  return {
    async create(data) {
      // (leaderId, date) is unique: a duplicate inserts nothing and reads as null.
      const { count } = await tx.receptionDay.createMany({ data: [{ ...data, date: toDbDate(data.date) }], skipDuplicates: true });
      if (count === 0) return null;
      return toDay(await tx.receptionDay.findUniqueOrThrow({ where: { leaderId_date: { leaderId: data.leaderId, date: toDbDate(data.date) } } }));
    },
    async get(id) {
      const row = await tx.receptionDay.findUnique({ where: { id } });
      return row ? toDay(row) : null;
    },
    async between(from, to, leaderId) {
      const rows = await tx.receptionDay.findMany({
        where: { date: { gte: toDbDate(from), lte: toDbDate(to) }, ...(leaderId ? { leaderId } : {}) },
        include: { _count: { select: { cases: true } } },
        orderBy: [{ date: 'asc' }, { leaderId: 'asc' }],
      });
      return rows.map((r) => ({ ...toDay(r), caseCount: r._count.cases }));
    },
  };
}
