import { resultCard } from '../../../cards/builders/result.js';
import type { Card } from '../../../cards/model.js';
import type { HandlerContext } from '../handler.js';
import type { ActionResponse } from '../messaging-port.js';

/** A string param of a decoded action ('' when absent: the use case then refuses it). */
export const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Opening a form: the form goes to the chat as a new card; the clicked card stays. */
export async function sendForm(ctx: HandlerContext, card: Card): Promise<ActionResponse> {
  await ctx.reply(card);
  return { toast: { type: 'info', text: '已发送表单，请填写后提交' } };
}

/** A submit that worked: a success toast, and the clicked form becomes the result. */
export const done = (title: string, opts: { message?: string; caseId?: string | null; note?: string } = {}): ActionResponse => ({
  toast: { type: 'success', text: title },
  card: resultCard({ title, ...opts }),
});
