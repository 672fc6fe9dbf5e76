import { intakeCase } from '../../src/usecases/intake-case.js';
import { proposeOwnership } from '../../src/usecases/ownership/propose-ownership.js';
import { approveOwnership } from '../../src/usecases/ownership/decide-ownership.js';
import type { Township } from './township.js';
import { intakeForm } from './township.js';

/** Terms of a valid R2 proposal for a case, to be varied by each test. */
export function ownershipTerms(town: Township, caseId: string, overrides: Record<string, unknown> = {}) {
  return {
    caseId,
    leaderId: town.people.deputy.id,
    unitId: town.units.justice,
    responsiblePersonId: town.people.cadre.id,
    requirements: '一个月内组织测量确权，做好双方稳控工作',
    deadline: '2026-11-30',
    reportingCadence: 'WEEKLY',
    ...overrides,
  };
}

/** A collective case (R1) registered by the office. */
export async function collectiveCase(town: Township, overrides: Record<string, unknown> = {}) {
  const { case: c } = await intakeCase(town.deps, town.actor(town.people.office), intakeForm({ title: '征地补偿款分配不公', headcount: 12, ...overrides }));
  return c;
}

/** A collective case proposed and approved: owned by `deputy`, responsible `cadre` of 司法所. */
export async function ownedCase(town: Township, overrides: Record<string, unknown> = {}) {
  const c = await collectiveCase(town, overrides);
  const { proposal } = await proposeOwnership(town.deps, town.actor(town.people.office), ownershipTerms(town, c.id));
  const { case: owned } = await approveOwnership(town.deps, town.actor(town.people.approver), { proposalId: proposal.id });
  return owned;
}
