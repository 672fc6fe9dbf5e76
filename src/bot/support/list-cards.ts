import { caseListCard } from '../../../cards/builders/case-list.js';
import type { Card } from '../../../cards/model.js';
import { assertGlobalAllowed } from '../../domain/authorization.js';
import { chatScope } from './chat-scope.js';
import { localDateOf } from '../../lib/local-date.js';
import type { HandlerContext } from '../handler.js';
import { caseRows } from './case-rows.js';
import { todoCardFor } from './todo-card.js';

export type ListName = 'mine' | 'overdue' | 'todo';

/** The lists a 刷新 button redraws: 我的, 逾期 (office and principal leaders), 待办. */
export async function listCard(ctx: HandlerContext, list: ListName): Promise<Card> {
  const today = localDateOf(ctx.now);
  switch (list) {
    case 'mine': {
      const mine = await ctx.read.myOpenCases(ctx.actor.person, today, chatScope(ctx));
      return caseListCard({ kind: 'mine', rows: await caseRows(ctx, mine.cases), asOf: today });
    }
    case 'overdue': {
      assertGlobalAllowed(ctx.actor.person, 'LIST_ALL_CASES');
      const overdue = await ctx.read.overdueCases(today, chatScope(ctx));
      return caseListCard({ kind: 'overdue', rows: await caseRows(ctx, overdue.cases), asOf: today });
    }
    case 'todo':
      return todoCardFor(ctx);
  }
}
