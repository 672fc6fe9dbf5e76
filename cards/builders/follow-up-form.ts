import { GIVEN_RATINGS, RATING_LABELS } from '../../src/domain/follow-up/follow-up.js';
import type { LocalDate } from '../../src/lib/local-date.js';
import { actionValue } from '../actions.js';
import type { Card, CardField } from '../model.js';
import { caseHeading, choicesOf } from './common.js';

export interface FollowUpFormInput {
  case: { caseId: string; number: string; title: string };
  unitName: string | null;
  resolvedOn: LocalDate;
  /** Last day of the follow-up window. */
  windowEnd: LocalDate;
}

/** R27 回访: the petitioner rates the petition office and the responsible unit; 不满意 may reopen. */
export function followUpFormCard(input: FollowUpFormInput): Card {
  const ratings = choicesOf(RATING_LABELS, GIVEN_RATINGS);
  const fields: CardField[] = [
    { label: '办结日期', value: input.resolvedOn },
    { label: '回访截止', value: input.windowEnd },
  ];
  if (input.unitName) fields.push({ label: '责任单位', value: input.unitName });
  return {
    title: '回访登记',
    subtitle: caseHeading(input.case),
    colour: 'blue',
    elements: [
      { kind: 'fields', fields },
      {
        kind: 'form',
        name: 'follow_up_form',
        inputs: [
          { kind: 'select', name: 'officeRating', label: '对信访办的评价', required: true, options: ratings },
          { kind: 'select', name: 'unitRating', label: '对责任单位的评价', required: true, options: ratings },
          { kind: 'text', name: 'note', label: '回访情况', required: false, multiline: true, maxLength: 1000 },
          { kind: 'checkbox', name: 'reopen', label: '信访人不满意，重新办理' },
          { kind: 'text', name: 'reopenReason', label: '重新办理理由', required: false, maxLength: 500 },
          { kind: 'date', name: 'reopenDueOn', label: '重新办理时限', required: false },
        ],
        submit: { label: '提交回访', action: actionValue('follow-up.submit', { caseId: input.case.caseId }) },
      },
    ],
  };
}
