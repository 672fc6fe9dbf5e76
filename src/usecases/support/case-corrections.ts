import { assertCaseAllowed } from '../../domain/authorization.js';
import { DomainError } from '../../domain/errors.js';
import type { Actor, CaseRecord, Petitioner } from '../../domain/model.js';
import type { Repos } from '../ports.js';
import { lockCase } from './load.js';

// What every correction of a case's registration shares (its fields, its petitioners).

/** The case, locked, for someone who may correct it; an archived case is the closed record and is not corrected. */
export async function caseToCorrect(repos: Repos, actor: Actor, caseId: string): Promise<CaseRecord> {
  const c = await lockCase(repos, caseId);
  assertCaseAllowed(actor.person, 'CORRECT_REGISTRATION', c);
  if (c.status === 'ARCHIVED') throw new DomainError('CONFLICT', `${c.number} 已归档，登记信息不再更正`);
  return c;
}

/** A petitioner of the case as it is now; one a correction replaced or removed is not. */
export async function currentPetitioner(repos: Repos, c: CaseRecord, petitionerId: string): Promise<{ petitioner: Petitioner; all: Petitioner[] }> {
  const all = await repos.cases.petitioners(c.id);
  const petitioner = all.find((p) => p.id === petitionerId);
  if (!petitioner) throw new DomainError('NOT_FOUND', '该信访人已被更正或删除，请刷新后重试', { petitionerId });
  return { petitioner, all };
}

/** A petitioner as the audit log keeps it, before → after (R25). */
export const petitionerRecord = (p: Petitioner) => ({ name: p.name, idNumber: p.idNumber, phone: p.phone, address: p.address });
