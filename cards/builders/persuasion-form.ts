import { ABNORMAL_DESTINATION_LABELS, type AbnormalDestination } from '../../src/domain/escalation/alert-kinds.js';
import type { LocalDate } from '../../src/lib/local-date.js';
import { PERSUASION_OUTCOME_LABELS } from '../action-forms.js';
import { actionValue } from '../actions.js';
import type { Card } from '../model.js';
import { caseHeading, choicesOf } from './common.js';

export interface PersuasionFormInput {
  persuasionId: string;
  case: { number: string; title: string };
  destination: AbnormalDestination;
  occurredOn: LocalDate;
  /** Now, as 'YYYY-MM-DD HH:mm' (Beijing), the picker's starting value. */
  now: string;
}

/** R21 劝返: the owner leader records who persuaded the petitioner to return, when, and the outcome. */
export function persuasionFormCard(input: PersuasionFormInput): Card {
  return {
    title: '登记劝返情况',
    subtitle: caseHeading(input.case),
    colour: 'red',
    elements: [
      { kind: 'fields', fields: [{ label: '情况', value: `${ABNORMAL_DESTINATION_LABELS[input.destination]}（${input.occurredOn}）`, colour: 'red' }] },
      {
        kind: 'form',
        name: 'persuasion_form',
        inputs: [
          { kind: 'text', name: 'who', label: '劝返人员', required: true, maxLength: 200, placeholder: '姓名、职务，多人用顿号分隔' },
          { kind: 'datetime', name: 'doneAt', label: '劝返时间', required: true, initial: input.now },
          { kind: 'select', name: 'outcome', label: '劝返结果', required: true, options: choicesOf(PERSUASION_OUTCOME_LABELS) },
          { kind: 'text', name: 'note', label: '情况说明', required: false, multiline: true, maxLength: 1000 },
        ],
        submit: { label: '提交', action: actionValue('persuasion.submit', { persuasionId: input.persuasionId }) },
      },
    ],
  };
}
