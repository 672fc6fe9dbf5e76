import type { Card } from '../../../cards/model.js';
import { caseCard } from '../../../cards/builders/case-card.js';
import { errorCard } from '../../../cards/builders/error.js';
import { DomainError, isDomainError } from '../../domain/errors.js';
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

/**
 * Shows a case where it was asked for. A case that may not be shown in a group (R24/R26) goes to
 * the asker 1:1 instead — the card, or why not — and the group is told only that: whether the
 * asker may see it, and why not, is nobody else's business.
 */
export async function showCase(ctx: HandlerContext, ref: { caseId?: string; number?: string }): Promise<'here' | 'direct'> {
  try {
    await ctx.reply(await caseCardFor(ctx, ref));
    return 'here';
  } catch (err) {
    if (!ctx.inGroup || !isDomainError(err) || err.code !== 'CONFIDENTIAL') throw err;
  }
  const direct = await caseCardFor({ ...ctx, inGroup: false }, ref).catch((err: unknown) => {
    if (isDomainError(err)) return errorCard(err.message);
    throw err;
  });
  const sent = await ctx.sendToPerson(ctx.actor.person.id, direct, `case-direct:${ref.caseId ?? ref.number}:${ctx.now.getTime()}`);
  if (!sent) throw new DomainError('CONFIDENTIAL', '该事项不在群聊中显示，请先与机器人单聊后再查看');
  return 'direct';
}
