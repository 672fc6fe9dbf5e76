import { actionValue } from '../actions.js';
import type { Card } from '../model.js';
import { button, caseHeading } from './common.js';

export interface ResolveFormInput {
  case: { caseId: string; number: string; title: string };
  /** R6: what is still missing (checkClosingConditions().missing); empty when the case may close. */
  missing: readonly string[];
}

/** 办结: only once R6 三包一保 is on record; otherwise the card says what is missing and offers 报送进展. */
export function resolveFormCard(input: ResolveFormInput): Card {
  if (input.missing.length > 0) {
    return {
      title: '暂不能办结',
      subtitle: caseHeading(input.case),
      colour: 'orange',
      elements: [
        { kind: 'fields', fields: [{ label: '办结前尚缺', value: input.missing.join('；'), colour: 'red' }] },
        { kind: 'note', text: '按“三包一保”要求，须有包查办、包落实进展和保稳定评估后才能办结。' },
        { kind: 'actions', buttons: [button('报送进展', 'progress.open', { caseId: input.case.caseId }, 'primary')] },
      ],
    };
  }
  return {
    title: '办结案件',
    subtitle: caseHeading(input.case),
    colour: 'green',
    elements: [
      { kind: 'note', text: '办结后由信访办回访信访人，了解满意度。' },
      {
        kind: 'form',
        name: 'resolve_form',
        inputs: [{ kind: 'text', name: 'resolution', label: '办结情况', required: true, multiline: true, maxLength: 1000 }],
        submit: { label: '确认办结', action: actionValue('resolve.submit', { caseId: input.case.caseId }) },
      },
    ],
  };
}
