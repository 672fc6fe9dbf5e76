import { actionValue } from '../actions.js';
import type { Card } from '../model.js';
import { caseHeading } from './common.js';
import { ownershipInputs, type OwnershipCandidates, type OwnershipDefaults } from './ownership-inputs.js';

export interface TransferFormInput {
  case: { caseId: string; number: string; title: string };
  currentLeaderName: string;
  candidates: OwnershipCandidates;
  defaults?: OwnershipDefaults;
}

/** R3 一包到底: a change of owner is an explicit transfer with a reason, approved like R4. */
export function transferFormCard(input: TransferFormInput): Card {
  return {
    title: '移交包案',
    subtitle: caseHeading(input.case),
    colour: 'orange',
    elements: [
      { kind: 'fields', fields: [{ label: '现包案领导', value: input.currentLeaderName }] },
      { kind: 'note', text: '包案领导原则上一包到底；移交须说明理由，经镇委常委会审定后生效。' },
      {
        kind: 'form',
        name: 'transfer_form',
        inputs: [
          { kind: 'text', name: 'reason', label: '移交理由', required: true, multiline: true, maxLength: 500 },
          ...ownershipInputs(input.candidates, input.defaults),
        ],
        submit: { label: '提交审定', action: actionValue('transfer.submit', { caseId: input.case.caseId }) },
      },
    ],
  };
}
