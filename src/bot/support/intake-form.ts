import { intakeFormCard } from '../../../cards/builders/intake-form.js';
import type { Card } from '../../../cards/model.js';
import { localDateOf } from '../../lib/local-date.js';
import type { HandlerContext } from '../handler.js';
import { leaderRef } from './ownership-candidates.js';

/** 登记: the intake form with the villages and, for a 接访日 case (R14), the leaders who receive. */
export async function intakeForm(ctx: HandlerContext): Promise<Card> {
  const [villages, leaders] = await ctx.lookup((repos) => Promise.all([repos.directory.villages(), repos.directory.people(['PRINCIPAL_LEADER', 'TOWN_LEADER'])]));
  return intakeFormCard({ villages, leaders: leaders.map(leaderRef), today: localDateOf(ctx.now) });
}
