import { actionValue } from '../actions.js';
import type { Card } from '../model.js';
import { caseHeading } from './common.js';

export interface ReturnFormInput {
  proposalId: string;
  case: { number: string; title: string };
}

/** R4: returning a proposal needs a reason; it goes back to the proposer. */
export function returnFormCard(input: ReturnFormInput): Card {
  return {
    title: '退回包案意见',
    subtitle: caseHeading(input.case),
    colour: 'red',
    elements: [
      { kind: 'note', text: '退回理由将告知提出人，由信访领导小组重新研究提出。' },
      {
        kind: 'form',
        name: 'return_form',
        inputs: [{ kind: 'text', name: 'reason', label: '退回理由', required: true, multiline: true, maxLength: 500 }],
        submit: { label: '确认退回', action: actionValue('ownership.return-submit', { proposalId: input.proposalId }) },
      },
    ],
  };
}
