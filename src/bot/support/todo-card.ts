import { todoCard } from '../../../cards/builders/todo.js';
import type { Card } from '../../../cards/model.js';
import { todoList } from '../../usecases/duties/todo-list.js';
import type { HandlerContext } from '../handler.js';
import { chatScope } from './chat-scope.js';
import { readOnlyDeps } from './read-only-deps.js';

/**
 * 待办: everything the rules make this person responsible for now, most urgent first, within
 * what this chat may show (R24: a group's list holds no confidential case).
 */
export async function todoCardFor(ctx: HandlerContext): Promise<Card> {
  return todoCard(await todoList(readOnlyDeps(ctx), ctx.actor, { scope: chatScope(ctx) }));
}
