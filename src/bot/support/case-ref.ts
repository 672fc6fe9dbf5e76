import { assertCaseAllowed, type CaseAction } from '../../domain/authorization.js';
import { DomainError } from '../../domain/errors.js';
import type { CaseRecord } from '../../domain/model.js';
import type { HandlerContext } from '../handler.js';

/** The case a button names, or NOT_FOUND. Reading it here authorizes nothing: the use case does. */
export async function caseOf(ctx: HandlerContext, caseId: string): Promise<CaseRecord> {
  const c = await ctx.lookup((repos) => repos.cases.get(caseId));
  if (!c) throw new DomainError('NOT_FOUND', '找不到该案件，可能已被删除');
  return c;
}

/**
 * The case a form is about, for someone who may do what the form does: refused before the form
 * is sent rather than after it is filled in (on DingTalk a form is a dozen questions). The use
 * case checks again on submit.
 */
export async function caseFor(ctx: HandlerContext, caseId: string, action: CaseAction): Promise<CaseRecord> {
  const c = await caseOf(ctx, caseId);
  assertCaseAllowed(ctx.actor.person, action, c);
  return c;
}

export const caseHead = (c: CaseRecord) => ({ caseId: c.id, number: c.number, title: c.title });
