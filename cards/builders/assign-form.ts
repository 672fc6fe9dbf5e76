import { actionValue } from '../actions.js';
import type { Card } from '../model.js';
import { caseHeading, namedChoices } from './common.js';
import { responsibleChoices, type OwnershipCandidates } from './ownership-inputs.js';

export interface AssignFormInput {
  case: { caseId: string; number: string; title: string };
  candidates: Pick<OwnershipCandidates, 'units' | 'people'>;
}

/** R5 交办: the leading group hands a case outside the R1 scope to a unit and a responsible person. */
export function assignFormCard(input: AssignFormInput): Card {
  return {
    title: '交办案件',
    subtitle: caseHeading(input.case),
    colour: 'blue',
    elements: [
      { kind: 'note', text: '不属于领导包案范围的事项，由信访领导小组交责任单位办理；交办后责任人和单位负责人会收到通知。' },
      {
        kind: 'form',
        name: 'assign_form',
        inputs: [
          { kind: 'select', name: 'unitId', label: '责任单位', required: true, options: namedChoices(input.candidates.units) },
          {
            kind: 'select',
            name: 'responsiblePersonId',
            label: '责任人',
            required: true,
            options: responsibleChoices(input.candidates.people),
          },
          { kind: 'text', name: 'note', label: '交办意见', required: false, multiline: true, maxLength: 500 },
        ],
        submit: { label: '交办', action: actionValue('assign.submit', { caseId: input.case.caseId }) },
      },
    ],
  };
}
