import { actionValue } from '../actions.js';
import type { Card } from '../model.js';
import { caseHeading } from './common.js';

export interface OpinionFormInput {
  case: { caseId: string; number: string; title: string };
  /** Now, as 'YYYY-MM-DD HH:mm' (Beijing), the picker's starting value. */
  now: string;
}

/** R26: the written opinion (处理意见书) of a handled 申诉求决 case was issued; the 复查 window runs from it. */
export function opinionFormCard(input: OpinionFormInput): Card {
  return {
    title: '出具处理意见书',
    subtitle: caseHeading(input.case),
    colour: 'blue',
    elements: [
      { kind: 'note', text: '信访人可自收到处理意见书之日起 30 日内请求复查。' },
      {
        kind: 'form',
        name: 'opinion_form',
        inputs: [
          { kind: 'datetime', name: 'issuedAt', label: '出具时间', required: true, initial: input.now },
          { kind: 'text', name: 'summary', label: '意见摘要', required: false, multiline: true, maxLength: 2000 },
        ],
        submit: { label: '登记', action: actionValue('opinion.submit', { caseId: input.case.caseId }) },
      },
    ],
  };
}
