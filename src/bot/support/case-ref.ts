import { DomainError } from '../../domain/errors.js';
import type { CaseRecord } from '../../domain/model.js';
import type { HandlerContext } from '../handler.js';

/** The case a button names, or NOT_FOUND. Reading it here authorizes nothing: the use case does. */
export async function caseOf(ctx: HandlerContext, caseId: string): Promise<CaseRecord> {
  const c = await ctx.lookup((repos) => repos.cases.get(caseId));
  if (!c) throw new DomainError('NOT_FOUND', '找不到该案件，可能已被删除');
  return c;
}

export const caseHead = (c: CaseRecord) => ({ caseId: c.id, number: c.number, title: c.title });
