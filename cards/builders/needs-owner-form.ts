import { actionValue } from '../actions.js';
import type { Card } from '../model.js';
import { caseHeading } from './common.js';

export interface NeedsOwnerFormInput {
  case: { caseId: string; number: string; title: string };
}

/** R1: the leading group marks a case as needing a leader owner; it then waits in the "needs owner" queue. */
export function needsOwnerFormCard(input: NeedsOwnerFormInput): Card {
  return {
    title: '认定需领导包案',
    subtitle: caseHeading(input.case),
    colour: 'orange',
    elements: [
      { kind: 'note', text: '认定后案件进入“待包案”，由信访领导小组提出包案意见、镇委常委会审定。' },
      {
        kind: 'form',
        name: 'needs_owner_form',
        inputs: [{ kind: 'text', name: 'reason', label: '认定理由', required: true, multiline: true, maxLength: 500 }],
        submit: { label: '确认认定', action: actionValue('needs-owner.submit', { caseId: input.case.caseId }) },
      },
    ],
  };
}
