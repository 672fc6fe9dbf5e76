import type { ProgressRepo } from '../../usecases/ports.js';
import { toProgress } from './mappers.js';
import type { Tx } from './tx.js';

export function progressRepo(tx: Tx): ProgressRepo {
  return {
    async add(entry) {
      return toProgress(await tx.progressEntry.create({ data: entry }));
    },
    async forCase(caseId) {
      return (await tx.progressEntry.findMany({ where: { caseId }, orderBy: { createdAt: 'asc' } })).map(toProgress);
    },
  };
}
