import { fromDbDate, toDbDate } from '../../lib/local-date.js';
import type * as db from '../../generated/prisma/client.js';
import type { ScreeningPeriod, ScreeningRepo, UnitReport } from '../../usecases/ports/duties.js';
import type { Tx } from './tx.js';

type PeriodRow = db.ScreeningPeriod & { units: { unitId: string }[] };

const toPeriod = (r: PeriodRow): ScreeningPeriod => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  startsOn: fromDbDate(r.startsOn),
  endsOn: fromDbDate(r.endsOn),
  reportDueOn: fromDbDate(r.reportDueOn),
  unitIds: r.units.map((u) => u.unitId).sort(),
  declaredById: r.declaredById,
  declaredAt: r.declaredAt,
});

const toReport = (r: db.UnitReport): UnitReport => r;

const withUnits = { units: { select: { unitId: true } } } as const;

export function screeningRepo(tx: Tx): ScreeningRepo {
  return {
    async createPeriod({ unitIds, startsOn, endsOn, reportDueOn, ...data }) {
      const row = await tx.screeningPeriod.create({
        data: {
          ...data,
          startsOn: toDbDate(startsOn),
          endsOn: toDbDate(endsOn),
          reportDueOn: toDbDate(reportDueOn),
          units: { create: unitIds.map((unitId) => ({ unitId })) },
        },
        include: withUnits,
      });
      return toPeriod(row);
    },
    async period(id) {
      const row = await tx.screeningPeriod.findUnique({ where: { id }, include: withUnits });
      return row ? toPeriod(row) : null;
    },
    async overlapping(from, to) {
      const rows = await tx.screeningPeriod.findMany({
        where: { startsOn: { lte: toDbDate(to) }, OR: [{ endsOn: { gte: toDbDate(from) } }, { reportDueOn: { gte: toDbDate(from) } }] },
        include: withUnits,
        orderBy: [{ startsOn: 'asc' }, { declaredAt: 'asc' }],
      });
      return rows.map(toPeriod);
    },
    async addReport(data) {
      // (periodId, unitId) is unique: a second report inserts nothing and reads as null.
      const { count } = await tx.unitReport.createMany({ data: [data], skipDuplicates: true });
      if (count === 0) return null;
      return toReport(await tx.unitReport.findUniqueOrThrow({ where: { periodId_unitId: { periodId: data.periodId, unitId: data.unitId } } }));
    },
    async reports(periodId) {
      return (await tx.unitReport.findMany({ where: { periodId }, orderBy: { submittedAt: 'asc' } })).map(toReport);
    },
    async unitContacts(unitIds) {
      // Heads and members in two queries: Prisma loads sibling relations side by side, which inside a
      // transaction puts two queries on its single connection at once.
      const units = await tx.unit.findMany({ where: { id: { in: unitIds } }, select: { id: true, head: { select: { id: true, active: true } } } });
      const members = await tx.person.findMany({
        where: { unitId: { in: units.map((u) => u.id) }, active: true },
        select: { id: true, unitId: true },
        orderBy: { name: 'asc' },
      });
      return new Map(units.map((u) => [u.id, u.head?.active ? [u.head.id] : members.filter((m) => m.unitId === u.id).map((m) => m.id)]));
    },
  };
}
