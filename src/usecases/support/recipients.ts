import type { Role } from '../../domain/model.js';
import type { Repos } from '../ports.js';

/** Ids of the active people holding any of the roles. */
export async function idsWithRole(repos: Repos, ...roles: Role[]): Promise<string[]> {
  const lists = await Promise.all(roles.map((r) => repos.directory.peopleWithRole(r)));
  return [...new Set(lists.flat().filter((p) => p.active).map((p) => p.id))];
}
