import { caseScope } from '../../domain/privacy/case-scope.js';
import type { HandlerContext } from '../handler.js';

/** R24: the cases a list in this chat may hold — a group's list none that is confidential. */
export const chatScope = (ctx: HandlerContext) => caseScope(ctx.actor.person, ctx.inGroup ? 'GROUP_CHAT' : 'DIRECT_CHAT');
