import type { PeopleRepo } from '../../usecases/ports/identity-sync.js';
import { toPerson } from './mappers.js';
import type { Tx } from './tx.js';

export function peopleRepo(tx: Tx): PeopleRepo {
  return {
    async reachable() {
      const rows = await tx.person.findMany({
        where: { active: true, OR: [{ mobile: { not: null } }, { email: { not: null } }] },
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
      });
      return rows.map(toPerson);
    },
  };
}
