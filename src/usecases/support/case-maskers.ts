import { maskedFor, type Redactor } from '../../domain/privacy/redactor.js';
import type { Repos } from '../ports.js';

/**
 * R24: a masking redactor for each of these cases, with its own petitioners (read in one query);
 * text about no case (null) is masked for numbers only.
 */
export async function caseMaskers(repos: Repos, caseIds: readonly (string | null | undefined)[]): Promise<(caseId: string | null | undefined) => Redactor> {
  const ids = [...new Set(caseIds.filter((id): id is string => typeof id === 'string'))];
  const subjects = await repos.cases.subjects(ids);
  const byCase = new Map([...subjects].map(([id, s]) => [id, maskedFor(s)]));
  const none = maskedFor([]);
  return (caseId) => (caseId ? (byCase.get(caseId) ?? none) : none);
}
