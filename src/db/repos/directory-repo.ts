import type { DirectoryRepo } from '../../usecases/ports.js';
import { toPerson } from './mappers.js';
import type { Tx } from './tx.js';

const unitFields = { id: true, name: true, kind: true, villageId: true, headId: true, leaderInChargeId: true } as const;

export function directoryRepo(tx: Tx): DirectoryRepo {
  return {
    async person(id) {
      const row = await tx.person.findUnique({ where: { id } });
      return row ? toPerson(row) : null;
    },
    async peopleWithRole(role) {
      // Raw filter: the embedded adapter cannot bind an enum for Prisma's `has` on an enum array.
      const ids = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Person" WHERE ${role}::"Role" = ANY("roles") AND "active"`;
      const rows = await tx.person.findMany({ where: { id: { in: ids.map((r) => r.id) } }, orderBy: { name: 'asc' } });
      return rows.map(toPerson);
    },
    async unit(id) {
      return tx.unit.findUnique({ where: { id }, select: unitFields });
    },
    async officeUnit() {
      return tx.unit.findFirst({ where: { kind: 'OFFICE' }, select: unitFields, orderBy: { createdAt: 'asc' } });
    },
    async villageUnit(villageId) {
      return tx.unit.findUnique({ where: { villageId }, select: unitFields });
    },
    async village(id) {
      return tx.village.findUnique({ where: { id }, select: { id: true, name: true, areaId: true, linkedLeaderId: true } });
    },
    async names() {
      const named = { select: { id: true, name: true } } as const;
      const people = await tx.person.findMany(named);
      const units = await tx.unit.findMany(named);
      const villages = await tx.village.findMany(named);
      return { people, units, villages };
    },
    async villages() {
      return tx.village.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } });
    },
    async people(roles) {
      const rows = await tx.person.findMany({ where: { active: true }, orderBy: { name: 'asc' } });
      return rows.map(toPerson).filter((p) => !roles || p.roles.some((r) => roles.includes(r)));
    },
    async units() {
      return tx.unit.findMany({ select: unitFields, orderBy: { name: 'asc' } });
    },
    async area(id) {
      return tx.area.findUnique({ where: { id }, select: { id: true, name: true, leaderId: true } });
    },
  };
}
