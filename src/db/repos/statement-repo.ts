import { OPEN_STATUSES } from '../../domain/case-status.js';
import { endOfLocalDate, fromDbDate, toDbDate } from '../../lib/local-date.js';
import type * as db from '../../generated/prisma/client.js';
import type { StatementRepo, WrittenStatement } from '../../usecases/ports/duties.js';
import type { Tx } from './tx.js';

const toStatement = (r: db.WrittenStatement): WrittenStatement => ({ ...r, dueOn: r.dueOn ? fromDbDate(r.dueOn) : null });

export function statementRepo(tx: Tx): StatementRepo {
  return {
    async openIfAbsent(data) {
      // ON CONFLICT DO NOTHING on dutyKey: two jobs racing open the duty once.
      const { count } = await tx.writtenStatement.createMany({
        data: [{ ...data, dueOn: data.dueOn ? toDbDate(data.dueOn) : null }],
        skipDuplicates: true,
      });
      const row = await tx.writtenStatement.findUniqueOrThrow({ where: { dutyKey: data.dutyKey } });
      return { statement: toStatement(row), created: count === 1 };
    },
    async get(id) {
      const row = await tx.writtenStatement.findUnique({ where: { id } });
      return row ? toStatement(row) : null;
    },
    async submit(id, content, at) {
      const { count } = await tx.writtenStatement.updateMany({ where: { id, submittedAt: null }, data: { content, submittedAt: at } });
      return count === 1;
    },
    async forPeriod(period, kinds) {
      const rows = await tx.writtenStatement.findMany({
        where: { period, kind: { in: kinds } },
        orderBy: [{ openedAt: 'asc' }, { dutyKey: 'asc' }],
      });
      return rows.map(toStatement);
    },
    async overdueOwnedCases(asOf) {
      const rows = await tx.case.findMany({
        where: {
          ownerLeaderId: { not: null },
          dueOn: { lt: toDbDate(asOf) },
          OR: [{ status: { in: [...OPEN_STATUSES] } }, { resolvedAt: { gt: endOfLocalDate(asOf) } }],
        },
        select: { id: true, number: true, title: true, ownerLeaderId: true, dueOn: true, status: true, resolvedAt: true },
        orderBy: { number: 'asc' },
      });
      return rows.map((r) => ({ ...r, dueOn: r.dueOn ? fromDbDate(r.dueOn) : null }));
    },
  };
}
