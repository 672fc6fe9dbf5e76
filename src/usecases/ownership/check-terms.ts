import { localDateOf } from '../../lib/local-date.js';
import { assertDate } from '../../domain/dates/date-rules.js';
import { assertCanOwn, assertOwnershipDeadline } from '../../domain/ownership/ownership-terms.js';
import type { CaseRecord, OwnershipTerms } from '../../domain/model.js';
import { assertNotHandledByAccused } from '../../domain/privacy/accused-handlers.js';
import type { ConfigSource, Repos } from '../ports.js';
import { deadlineOf } from '../support/deadline.js';
import { requirePerson, requireUnit } from '../support/load.js';

/** R24/R26: none of the terms' leader, responsible person and units is the accused (checked on proposal and again on approval). */
export async function assertTermsNotAccused(repos: Repos, c: CaseRecord, terms: OwnershipTerms): Promise<void> {
  if (c.accusedPersonId === null && c.accusedUnitId === null) return;
  const leader = await requirePerson(repos, terms.leaderId, '包案领导');
  const responsible = await requirePerson(repos, terms.responsiblePersonId, '责任人');
  assertNotHandledByAccused(c, {
    people: [{ label: '包案领导', person: leader }, { label: '责任人', person: responsible }],
    units: [{ label: '责任单位', unitId: terms.unitId }, { label: '稳控属地单位', unitId: terms.territorialUnitId }, { label: '解决属事单位', unitId: terms.functionalUnitId }],
  });
}

/** R2 and R9 checks of proposed terms against the directory and the statutory limit; R24 against the accused. */
export async function checkOwnershipTerms(repos: Repos, config: ConfigSource, c: CaseRecord, terms: OwnershipTerms, now: Date): Promise<void> {
  assertCanOwn(await requirePerson(repos, terms.leaderId, '包案领导'));
  await requireUnit(repos, terms.unitId);
  await requirePerson(repos, terms.responsiblePersonId, '责任人');
  if (terms.territorialUnitId) await requireUnit(repos, terms.territorialUnitId, '稳控属地单位');
  if (terms.functionalUnitId) await requireUnit(repos, terms.functionalUnitId, '解决属事单位');
  await assertTermsNotAccused(repos, c, terms);
  const { milestones } = await deadlineOf(repos, config, c);
  assertOwnershipDeadline(terms.deadline, localDateOf(now), milestones.statutoryHandlingBy);
  // R8: the day the owner must be done is a day the office works.
  assertDate(terms.deadline, { label: '办结时限', workingDays: await config.calendar() }, 'deadline');
}
