import type { Classification } from '../../src/domain/model.js';
import { intakeCase } from '../../src/usecases/intake-case.js';
import type { TestDatabase } from './database.js';
import { intakeForm, type Township } from './township.js';

/**
 * A case taken in and then put straight into 已办结 in the database, handled by 司法所
 * (owner 孙副镇长, responsible 吴志强): the starting point of R23, R26 and R27 flows.
 */
export async function resolvedCase(
  t: TestDatabase,
  town: Township,
  opts: { resolvedAt: string; classification?: Classification | null; unitId?: string; dueOn?: string; title?: string },
) {
  const { case: c } = await intakeCase(town.deps, town.actor(town.people.office), intakeForm(opts.title ? { title: opts.title } : {}));
  return t.db.prisma.case.update({
    where: { id: c.id },
    data: {
      status: 'RESOLVED',
      resolvedAt: new Date(opts.resolvedAt),
      resolution: '已协调解决',
      classification: opts.classification === undefined ? 'CLAIM' : opts.classification,
      unitId: opts.unitId ?? town.units.justice,
      ownerLeaderId: town.people.deputy.id,
      responsiblePersonId: town.people.cadre.id,
      ...(opts.dueOn ? { dueOn: new Date(`${opts.dueOn}T00:00:00Z`) } : {}),
    },
  });
}
