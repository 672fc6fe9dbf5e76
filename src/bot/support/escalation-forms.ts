import { majorEventFormCard } from '../../../cards/builders/major-event-form.js';
import type { Card } from '../../../cards/model.js';
import { assertGlobalAllowed } from '../../domain/authorization.js';
import type { HandlerContext } from '../handler.js';

/** R18: the report form with every village of the township, for whoever may raise a major event. */
export async function majorEventForm(ctx: HandlerContext): Promise<Card> {
  assertGlobalAllowed(ctx.actor.person, 'RAISE_MAJOR_EVENT');
  return majorEventFormCard({ villages: await ctx.lookup((repos) => repos.directory.villages()) });
}
