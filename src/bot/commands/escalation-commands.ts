import type { CommandHandler } from '../handler.js';
import { majorEventForm } from '../support/escalation-forms.js';
import { sentimentForm } from '../support/sentiment-forms.js';

/** 重大事项 (R18): the report form; on submit the people of the village go to the scene. */
export const majorEventCommand: CommandHandler = {
  words: ['重大事项'],
  policy: { global: 'RAISE_MAJOR_EVENT' },
  help: { what: '报告大规模集体上访、群体性事件或进京上访苗头，通知相关人员立即赶赴现场' },
  run: async (ctx) => ctx.reply(await majorEventForm(ctx)),
};

/** 民情 (R16 即时即报): the report form of a village collector. */
export const sentimentCommand: CommandHandler = {
  words: ['民情'],
  policy: { global: 'REPORT_SENTIMENT' },
  help: { what: '报送群众反映的问题和矛盾纠纷苗头（即时即报）' },
  run: async (ctx) => ctx.reply(await sentimentForm(ctx)),
};
