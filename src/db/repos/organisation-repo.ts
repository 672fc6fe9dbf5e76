import type { OrganisationRepo } from '../../usecases/ports/organisation.js';
import { toPerson } from './mappers.js';
import type { Tx } from './tx.js';

const unitFields = { id: true, name: true, kind: true, villageId: true, headId: true, leaderInChargeId: true } as const;
const areaFields = { id: true, name: true, leaderId: true } as const;
const villageFields = { id: true, name: true, areaId: true, linkedLeaderId: true } as const;

export function organisationRepo(tx: Tx): OrganisationRepo {
  return {
    async allPeople() {
      return (await tx.person.findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }] })).map(toPerson);
    },
    async villageLinks() {
      return tx.personVillage.findMany({ orderBy: [{ villageId: 'asc' }, { relation: 'asc' }, { personId: 'asc' }] });
    },
    async linkVillage(personId, villageId, relation) {
      const { count } = await tx.personVillage.createMany({ data: [{ personId, villageId, relation }], skipDuplicates: true });
      return count === 1;
    },
    async unlinkVillage(personId, villageId, relation) {
      const { count } = await tx.personVillage.deleteMany({ where: { personId, villageId, relation } });
      return count === 1;
    },
    async personByMobile(mobile) {
      const row = await tx.person.findUnique({ where: { mobile } });
      return row ? toPerson(row) : null;
    },
    async personByEmail(email) {
      const row = await tx.person.findUnique({ where: { email } });
      return row ? toPerson(row) : null;
    },
    async createPerson(data) {
      return toPerson(await tx.person.create({ data }));
    },
    async updatePerson(id, patch) {
      return toPerson(await tx.person.update({ where: { id }, data: patch }));
    },
    async unitByName(name) {
      return tx.unit.findUnique({ where: { name }, select: unitFields });
    },
    async createUnit(data) {
      return tx.unit.create({ data, select: unitFields });
    },
    async updateUnit(id, patch) {
      return tx.unit.update({ where: { id }, data: patch, select: unitFields });
    },
    async areas() {
      return tx.area.findMany({ select: areaFields, orderBy: { name: 'asc' } });
    },
    async areaByName(name) {
      return tx.area.findUnique({ where: { name }, select: areaFields });
    },
    async createArea(data) {
      return tx.area.create({ data, select: areaFields });
    },
    async updateArea(id, patch) {
      return tx.area.update({ where: { id }, data: patch, select: areaFields });
    },
    async allVillages() {
      return tx.village.findMany({ select: villageFields, orderBy: { name: 'asc' } });
    },
    async villageByName(name) {
      return tx.village.findUnique({ where: { name }, select: villageFields });
    },
    async createVillage(data) {
      return tx.village.create({ data, select: villageFields });
    },
    async updateVillage(id, patch) {
      return tx.village.update({ where: { id }, data: patch, select: villageFields });
    },
  };
}
