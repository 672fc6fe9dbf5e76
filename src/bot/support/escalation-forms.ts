import { majorEventFormCard } from '../../../cards/builders/major-event-form.js';
import type { Card } from '../../../cards/model.js';
import type { HandlerContext } from '../handler.js';

/** R18: the report form with every village of the township. */
export async function majorEventForm(ctx: HandlerContext): Promise<Card> {
  return majorEventFormCard({ villages: await ctx.lookup((repos) => repos.directory.villages()) });
}
