import { DomainError } from '../../domain/errors.js';
import type { CaseRecord, Person } from '../../domain/model.js';
import type { Repos, Unit } from '../ports.js';

/** The case, locked for this transaction, or a NOT_FOUND error. */
export async function lockCase(repos: Repos, caseId: string): Promise<CaseRecord> {
  const c = await repos.cases.lock(caseId);
  if (!c) throw new DomainError('NOT_FOUND', '找不到该案件', { caseId });
  return c;
}

export async function requirePerson(repos: Repos, id: string, label: string): Promise<Person> {
  const p = await repos.directory.person(id);
  if (!p || !p.active) throw new DomainError('UNKNOWN_PERSON', `${label}不存在或已停用`, { personId: id });
  return p;
}

export async function requireUnit(repos: Repos, id: string, label = '责任单位'): Promise<Unit> {
  const u = await repos.directory.unit(id);
  if (!u) throw new DomainError('NOT_FOUND', `${label}不存在`, { unitId: id });
  return u;
}
