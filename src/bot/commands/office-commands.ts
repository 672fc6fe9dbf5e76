import { receptionScheduleCard } from '../../../cards/builders/reception-schedule.js';
import { addDays, localDateOf } from '../../lib/local-date.js';
import { listReceptionDays } from '../../usecases/duties/list-reception-days.js';
import type { CommandHandler } from '../handler.js';
import { readOnlyDeps } from '../support/read-only-deps.js';
import { higherLevelVisitForm, receptionScheduleForm, screeningPeriodForm } from '../support/office-duty-forms.js';

/** 排查期 (R17): the office declares a screening period and the units that must report. */
export const screeningPeriodCommand: CommandHandler = {
  words: ['排查期'],
  policy: { global: 'DECLARE_SCREENING' },
  help: { what: '部署矛盾纠纷排查（常规或敏感时期），指定报送单位' },
  run: async (ctx) => ctx.reply(await screeningPeriodForm(ctx)),
};

/** 安排接访 (R14): the office puts a leader on the reception schedule. */
export const receptionScheduleCommand: CommandHandler = {
  words: ['安排接访'],
  policy: { global: 'SCHEDULE_RECEPTION' },
  help: { what: '安排镇领导接访日' },
  run: async (ctx) => ctx.reply(await receptionScheduleForm(ctx)),
};

/** 越级上访 (R23): the office records a unit's people petitioning a higher level. */
export const higherLevelVisitCommand: CommandHandler = {
  words: ['越级上访'],
  policy: { global: 'RECORD_ASSESSMENT' },
  help: { what: '登记单位人员到县、市、省、北京上访（年终考核扣分）' },
  run: async (ctx) => ctx.reply(await higherLevelVisitForm(ctx)),
};

/** 接访安排 (R14): the reception schedule of the next 30 days, for everyone (it is public). */
export const receptionListCommand: CommandHandler = {
  words: ['接访安排'],
  policy: { global: 'VIEW_DUTY_SCHEDULE' },
  help: { what: '近 30 天的领导接访日安排' },
  async run(ctx) {
    const from = localDateOf(ctx.now);
    const to = addDays(from, 30);
    const { days } = await listReceptionDays(readOnlyDeps(ctx), ctx.actor, { from, to });
    await ctx.reply(receptionScheduleCard({ from, to, days, today: from }));
  },
};
