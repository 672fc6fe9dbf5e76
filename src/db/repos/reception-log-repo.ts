import type { ReceptionLogRepo } from '../../usecases/ports/reception-log.js';
import type { Tx } from './tx.js';

export function receptionLogRepo(tx: Tx): ReceptionLogRepo {
  return {
    async get(receptionDayId) {
      const r = await tx.receptionDay.findUnique({ where: { id: receptionDayId } });
      if (!r || r.loggedAt === null || r.loggedById === null) return null;
      return { visitors: r.visitors ?? 0, summary: r.summary ?? '', note: r.logNote, loggedById: r.loggedById, loggedAt: r.loggedAt };
    },
    async record(receptionDayId, log) {
      // Conditional on no log yet: of two submits exactly one writes.
      const { count } = await tx.receptionDay.updateMany({
        where: { id: receptionDayId, loggedAt: null },
        data: { visitors: log.visitors, summary: log.summary, logNote: log.note, loggedById: log.loggedById, loggedAt: log.loggedAt },
      });
      return count === 1;
    },
  };
}
