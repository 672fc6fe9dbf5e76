import { decodeForm } from '../../../cards/actions.js';
import { VISIT_LEVEL_LABELS } from '../../domain/assessment/rules.js';
import { recordHigherLevelVisit } from '../../usecases/assessment/record-higher-level-visit.js';
import { declareScreeningPeriod } from '../../usecases/duties/declare-screening-period.js';
import { scheduleReceptionDay } from '../../usecases/duties/schedule-reception-day.js';
import type { ActionHandler } from '../handler.js';
import { higherLevelVisitForm, receptionScheduleForm, screeningPeriodForm } from '../support/office-duty-forms.js';
import { done, sendForm } from '../support/responses.js';

/** The office's duties from chat: R17 screening periods, R14 reception schedule, R23 higher-level visits. */
export const officeDutyActions: Record<string, ActionHandler> = {
  'screening-period.open': async (ctx) => sendForm(ctx, await screeningPeriodForm(ctx)),

  'screening-period.submit': async (ctx, _a, form) => {
    const { period, notifications } = await declareScreeningPeriod(ctx.deps, ctx.actor, decodeForm({ a: 'screening-period.submit' }, form));
    ctx.notify(notifications);
    return done(`已部署：${period.name}`, { message: `${period.startsOn} 至 ${period.endsOn}，${period.unitIds.length} 个单位报送，截止 ${period.reportDueOn}` });
  },

  'reception-day.open': async (ctx) => sendForm(ctx, await receptionScheduleForm(ctx)),

  'reception-day.submit': async (ctx, _a, form) => {
    const { day, notifications } = await scheduleReceptionDay(ctx.deps, ctx.actor, decodeForm({ a: 'reception-day.submit' }, form));
    ctx.notify(notifications);
    const leader = await ctx.lookup((repos) => repos.directory.person(day.leaderId));
    return done('接访日已安排', { message: `${day.date} ${leader?.name ?? ''}${day.location ? ` · ${day.location}` : ''}`, note: '已通知接访领导' });
  },

  'higher-visit.open': async (ctx) => sendForm(ctx, await higherLevelVisitForm(ctx)),

  'higher-visit.submit': async (ctx, _a, form) => {
    const input = decodeForm({ a: 'higher-visit.submit' }, form);
    const r = await recordHigherLevelVisit(ctx.deps, ctx.actor, input);
    ctx.notify(r.notifications);
    const unqualified = r.entries.some((e) => e.unqualified);
    const note = !r.created ? '该次上访此前已登记，未重复扣分' : unqualified ? '该单位年度考核评为不合格' : undefined;
    return done(`已登记到${VISIT_LEVEL_LABELS[input.level]}上访`, { message: input.evidence, ...(note ? { note } : {}) });
  },
};
