import { escapeMarkdown } from '../markdown.js';
import type { Card, CardElement, CardField } from '../model.js';
import { button } from './common.js';

export interface ResultInput {
  /** What happened, e.g. 已登记 XF-2026-0042. */
  title: string;
  /** A sentence on what was recorded (e.g. the case and its deadline), shown as it is. */
  message?: string;
  fields?: CardField[];
  /** Offers 查看案件 when the result concerns a case. */
  caseId?: string | null;
  /** Something the person should know next (e.g. 已通知包案领导). */
  note?: string;
}

/**
 * A confirmation of what the reader just did, and where to look next. Only such a card is
 * green and says 成功; whatever is pushed to someone (a duty, a reminder, news) is a notice.
 */
export function resultCard(r: ResultInput): Card {
  const elements: CardElement[] = [];
  if (r.message) elements.push({ kind: 'markdown', text: escapeMarkdown(r.message) });
  if (r.fields?.length) elements.push({ kind: 'fields', fields: r.fields });
  if (r.note) elements.push({ kind: 'note', text: r.note });
  if (r.caseId) elements.push({ kind: 'actions', buttons: [button('查看案件', 'case.view', { caseId: r.caseId })] });
  return { title: r.title, colour: 'green', tags: [{ text: '成功', colour: 'green' }], elements };
}
