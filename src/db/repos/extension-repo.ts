import { toDbDate } from '../../lib/local-date.js';
import type { ExtensionRepo } from '../../usecases/ports.js';
import { toExtension } from './mappers.js';
import type { Tx } from './tx.js';

export function extensionRepo(tx: Tx): ExtensionRepo {
  return {
    async create(data) {
      return toExtension(await tx.extension.create({ data: { ...data, requestedDueOn: toDbDate(data.requestedDueOn) } }));
    },
    async get(id) {
      const row = await tx.extension.findUnique({ where: { id } });
      return row ? toExtension(row) : null;
    },
    async forCase(caseId) {
      return (await tx.extension.findMany({ where: { caseId }, orderBy: { requestedAt: 'asc' } })).map(toExtension);
    },
    async decide(id, d) {
      const { count } = await tx.extension.updateMany({
        where: { id, status: 'PENDING' },
        data: { ...d, grantedDueOn: d.grantedDueOn === null ? null : toDbDate(d.grantedDueOn) },
      });
      return count === 1;
    },
  };
}
