import { visitObligations } from '../../domain/duties/visits.js';
import { fromDbDate, toDbDate } from '../../lib/local-date.js';
import type { VisitRepo } from '../../usecases/ports/duties.js';
import type * as db from '../../generated/prisma/client.js';
import type { Tx } from './tx.js';

const toVisit = (row: db.VillageVisit) => ({
  id: row.id, leaderId: row.leaderId, villageId: row.villageId, date: fromDbDate(row.date), peopleMet: row.peopleMet, note: row.note, recordedAt: row.recordedAt,
});

export function visitRepo(tx: Tx): VisitRepo {
  return {
    async create(data) {
      return toVisit(await tx.villageVisit.create({ data: { ...data, date: toDbDate(data.date) } }));
    },
    async get(id) {
      const row = await tx.villageVisit.findUnique({ where: { id } });
      return row ? toVisit(row) : null;
    },
    async between(from, to) {
      const rows = await tx.villageVisit.findMany({
        where: { date: { gte: toDbDate(from), lte: toDbDate(to) } },
        select: { leaderId: true, villageId: true, date: true },
        orderBy: { date: 'asc' },
      });
      return rows.map((r) => ({ ...r, date: fromDbDate(r.date) }));
    },
    async obligations() {
      // One after the other: inside a transaction `tx` is a single connection.
      const villages = await tx.village.findMany({ select: { id: true, areaId: true, linkedLeaderId: true, linkedLeader: { select: { active: true } } } });
      const areas = await tx.area.findMany({ select: { id: true, leaderId: true, leader: { select: { active: true } } } });
      // A deactivated leader owes nothing: the link stays until the office re-assigns the village.
      return visitObligations(
        villages.map((v) => ({ id: v.id, areaId: v.areaId, linkedLeaderId: v.linkedLeader?.active ? v.linkedLeaderId : null })),
        areas.map((a) => ({ id: a.id, leaderId: a.leader?.active ? a.leaderId : null })),
      );
    },
  };
}
