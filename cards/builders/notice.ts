import { escapeMarkdown } from '../markdown.js';
import type { Card, CardColour, CardElement } from '../model.js';
import { button } from './common.js';

export interface NoticeInput {
  title: string;
  body: string;
  colour: CardColour;
  /** What the message is, in a word (待办, 待审定, 通知, 提醒, 已逾期, 紧急…); none for a plain answer. */
  tag?: string;
  /** Names the body when it is one thing (延期理由, 办结情况); without it the body reads on its own. */
  bodyLabel?: string;
  caseId?: string | null;
}

/**
 * A notice: something the reader is told, not something they just did — a reminder, a duty, a
 * request, news of a case — and the case to open (a fresh card, so it still takes clicks).
 */
export function noticeCard(n: NoticeInput): Card {
  const elements: CardElement[] = [];
  if (n.body.trim()) {
    elements.push(n.bodyLabel ? { kind: 'fields', fields: [{ label: n.bodyLabel, value: n.body }] } : { kind: 'markdown', text: escapeMarkdown(n.body) });
  }
  if (n.caseId) elements.push({ kind: 'actions', buttons: [button('查看案件', 'case.view', { caseId: n.caseId })] });
  return { title: n.title, colour: n.colour, ...(n.tag ? { tags: [{ text: n.tag, colour: n.colour }] } : {}), elements };
}
