import { higherLevelVisitFormCard } from '../../../cards/builders/higher-level-visit-form.js';
import { receptionScheduleFormCard } from '../../../cards/builders/reception-schedule-form.js';
import { screeningPeriodFormCard } from '../../../cards/builders/screening-period-form.js';
import type { Card } from '../../../cards/model.js';
import { assertGlobalAllowed } from '../../domain/authorization.js';
import { localDateOf } from '../../lib/local-date.js';
import type { HandlerContext } from '../handler.js';
import { leaderRef } from './ownership-candidates.js';

/** R17: the declaration form, with every unit to choose from. */
export async function screeningPeriodForm(ctx: HandlerContext): Promise<Card> {
  assertGlobalAllowed(ctx.actor.person, 'DECLARE_SCREENING');
  return screeningPeriodFormCard({ units: await ctx.lookup((repos) => repos.directory.units()), today: localDateOf(ctx.now) });
}

/** R14: the schedule form, with the town's leaders. */
export async function receptionScheduleForm(ctx: HandlerContext): Promise<Card> {
  assertGlobalAllowed(ctx.actor.person, 'SCHEDULE_RECEPTION');
  const leaders = await ctx.lookup((repos) => repos.directory.people(['PRINCIPAL_LEADER', 'TOWN_LEADER']));
  return receptionScheduleFormCard({ leaders: leaders.map(leaderRef), today: localDateOf(ctx.now) });
}

/** R23: the higher-level visit form, with every unit. */
export async function higherLevelVisitForm(ctx: HandlerContext): Promise<Card> {
  assertGlobalAllowed(ctx.actor.person, 'RECORD_ASSESSMENT');
  return higherLevelVisitFormCard({ units: await ctx.lookup((repos) => repos.directory.units()), today: localDateOf(ctx.now) });
}
