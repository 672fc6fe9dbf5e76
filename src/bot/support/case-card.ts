import type { Card } from '../../../cards/model.js';
import { caseCard } from '../../../cards/builders/case-card.js';
import { viewCase } from '../../usecases/cases/view-case.js';
import type { HandlerContext } from '../handler.js';
import { caseCardInput } from './case-card-input.js';
import { readOnlyDeps } from './read-only-deps.js';

/** The case card as this person may see it here: masked in groups, full only on request in 1:1 (R24). */
export async function caseCardFor(ctx: HandlerContext, ref: { caseId?: string; number?: string }, full = false): Promise<Card> {
  const context = ctx.inGroup ? 'GROUP' : 'DIRECT';
  const view = await viewCase(readOnlyDeps(ctx), ctx.actor, { ...ref, context, full });
  return caseCard(await caseCardInput(ctx, view, context));
}
