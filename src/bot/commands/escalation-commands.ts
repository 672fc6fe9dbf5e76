import type { CommandHandler } from '../handler.js';
import { majorEventForm } from '../support/escalation-forms.js';
import { sentimentForm } from '../support/sentiment-forms.js';

/** 重大事项 (R18): the report form; on submit the people of the village go to the scene. */
export const majorEventCommand: CommandHandler = {
  words: ['重大事项'],
  policy: { global: 'RAISE_MAJOR_EVENT' },
  run: async (ctx) => ctx.reply(await majorEventForm(ctx)),
};

/** 民情 (R16 即时即报): the report form of a village collector. */
export const sentimentCommand: CommandHandler = {
  words: ['民情'],
  policy: { global: 'REPORT_SENTIMENT' },
  run: async (ctx) => ctx.reply(await sentimentForm(ctx)),
};
