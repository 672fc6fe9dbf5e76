import { DomainError } from '../../domain/errors.js';
import type { Person } from '../../domain/model.js';
import type { Repos } from '../ports.js';
import type { PersonData } from '../ports/organisation.js';

/** The person behind an id the form chose, held to a rule of the post (null: no rule). */
export async function chosenPerson(repos: Repos, id: string, problem: ((p: Person) => string | null) | null): Promise<Person> {
  const p = await repos.directory.person(id);
  if (!p) throw new DomainError('NOT_FOUND', '找不到所选人员');
  const why = problem?.(p);
  if (why) throw new DomainError('VALIDATION', `输入有误：${why}`);
  return p;
}

/** A mobile or email is one person's: the bot and the platform sync find people by them. */
export async function assertContactsFree(repos: Repos, data: Pick<PersonData, 'mobile' | 'email'>, selfId: string | null): Promise<void> {
  const byMobile = data.mobile ? await repos.organisation.personByMobile(data.mobile) : null;
  if (byMobile && byMobile.id !== selfId) throw new DomainError('CONFLICT', `手机号 ${data.mobile} 已登记给${byMobile.name}`);
  const byEmail = data.email ? await repos.organisation.personByEmail(data.email) : null;
  if (byEmail && byEmail.id !== selfId) throw new DomainError('CONFLICT', `邮箱 ${data.email} 已登记给${byEmail.name}`);
}

export async function assertUnitExists(repos: Repos, unitId: string | null | undefined): Promise<void> {
  if (unitId && !(await repos.directory.unit(unitId))) throw new DomainError('NOT_FOUND', '找不到所选单位');
}

/** The fields an update names: undefined means "leave as it is". */
export function given<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Whether applying the patch would change nothing (then nothing is written or audited). */
export function changesNothing<T extends object>(before: T, patch: Partial<T>): boolean {
  return Object.entries(patch).every(([k, v]) => JSON.stringify(before[k as keyof T]) === JSON.stringify(v));
}
