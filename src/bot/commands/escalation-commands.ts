import { assertGlobalAllowed } from '../../domain/authorization.js';
import type { CommandHandler } from '../handler.js';
import { majorEventForm } from '../support/escalation-forms.js';

/** 重大事项 (R18): the report form; on submit the people of the village go to the scene. */
export const majorEventCommand: CommandHandler = {
  words: ['重大事项'],
  async run(ctx) {
    assertGlobalAllowed(ctx.actor.person, 'RAISE_MAJOR_EVENT');
    await ctx.reply(await majorEventForm(ctx));
  },
};
