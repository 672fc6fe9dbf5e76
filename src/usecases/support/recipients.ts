import type { Role } from '../../domain/model.js';
import type { Repos } from '../ports.js';

/** Ids of the active people holding any of the roles. */
export async function idsWithRole(repos: Repos, ...roles: Role[]): Promise<string[]> {
  const ids = new Set<string>();
  for (const role of roles) {
    for (const p of await repos.directory.peopleWithRole(role)) if (p.active) ids.add(p.id);
  }
  return [...ids];
}
