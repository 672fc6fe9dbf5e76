import { localDateOf } from '../../lib/local-date.js';
import { assertCanOwn, assertOwnershipDeadline } from '../../domain/ownership/ownership-terms.js';
import type { CaseRecord, OwnershipTerms } from '../../domain/model.js';
import type { ConfigSource, Repos } from '../ports.js';
import { deadlineOf } from '../support/deadline.js';
import { requirePerson, requireUnit } from '../support/load.js';

/** R2 and R9 checks of proposed terms against the directory and the statutory limit. */
export async function checkOwnershipTerms(repos: Repos, config: ConfigSource, c: CaseRecord, terms: OwnershipTerms, now: Date): Promise<void> {
  assertCanOwn(await requirePerson(repos, terms.leaderId, '包案领导'));
  await requireUnit(repos, terms.unitId);
  await requirePerson(repos, terms.responsiblePersonId, '责任人');
  if (terms.territorialUnitId) await requireUnit(repos, terms.territorialUnitId, '稳控属地单位');
  if (terms.functionalUnitId) await requireUnit(repos, terms.functionalUnitId, '解决属事单位');
  const { milestones } = await deadlineOf(repos, config, c);
  assertOwnershipDeadline(terms.deadline, localDateOf(now), milestones.statutoryHandlingBy);
}
