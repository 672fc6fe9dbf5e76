import type { Card, CardColour, CardElement } from '../model.js';
import { button } from './common.js';

export interface NoticeInput {
  title: string;
  body: string;
  /** How pressing it is: red for overdue or urgent, orange for due soon, blue for information. */
  tone: 'overdue' | 'due' | 'info';
  caseId?: string | null;
}

const TONE: Record<NoticeInput['tone'], { colour: CardColour; tag: string }> = {
  overdue: { colour: 'red', tag: '已逾期' },
  due: { colour: 'orange', tag: '提醒' },
  info: { colour: 'blue', tag: '通知' },
};

/** A reminder or notice pushed by the scheduler: what is due, and the case to open (a fresh card, so it still takes clicks). */
export function noticeCard(n: NoticeInput): Card {
  const tone = TONE[n.tone];
  const elements: CardElement[] = [{ kind: 'fields', fields: [{ label: '内容', value: n.body }] }];
  if (n.caseId) elements.push({ kind: 'actions', buttons: [button('查看案件', 'case.view', { caseId: n.caseId })] });
  return { title: n.title, colour: tone.colour, tags: [{ text: tone.tag, colour: tone.colour }], elements };
}
