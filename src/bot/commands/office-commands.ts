import type { CommandHandler } from '../handler.js';
import { higherLevelVisitForm, receptionScheduleForm, screeningPeriodForm } from '../support/office-duty-forms.js';

/** 排查期 (R17): the office declares a screening period and the units that must report. */
export const screeningPeriodCommand: CommandHandler = {
  words: ['排查期'],
  run: async (ctx) => ctx.reply(await screeningPeriodForm(ctx)),
};

/** 安排接访 (R14): the office puts a leader on the reception schedule. */
export const receptionScheduleCommand: CommandHandler = {
  words: ['安排接访'],
  run: async (ctx) => ctx.reply(await receptionScheduleForm(ctx)),
};

/** 越级上访 (R23): the office records a unit's people petitioning a higher level. */
export const higherLevelVisitCommand: CommandHandler = {
  words: ['越级上访'],
  run: async (ctx) => ctx.reply(await higherLevelVisitForm(ctx)),
};
