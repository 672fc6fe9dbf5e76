import type { LocalDate } from '../../src/lib/local-date.js';
import { actionValue } from '../actions.js';
import type { Card, CardField } from '../model.js';
import { caseHeading } from './common.js';

export interface ExtensionRequestFormInput {
  case: { caseId: string; number: string; title: string };
  dueOn: LocalDate;
  /** The latest date R9 allows (60 + 30 days), when known. */
  ceiling?: LocalDate | null;
}

/** R10: the owner or responsible person asks once for more time, with a reason. */
export function extensionRequestFormCard(input: ExtensionRequestFormInput): Card {
  const fields: CardField[] = [{ label: '现办结时限', value: input.dueOn }];
  if (input.ceiling) fields.push({ label: '最长可延至', value: input.ceiling });
  return {
    title: '申请延期',
    subtitle: caseHeading(input.case),
    colour: 'orange',
    elements: [
      { kind: 'fields', fields },
      { kind: 'note', text: '每件只能延期一次，由信访领导小组审批；批准后须向信访人说明延期理由。' },
      {
        kind: 'form',
        name: 'extension_form',
        inputs: [
          { kind: 'date', name: 'requestedDueOn', label: '申请延期至', required: true },
          { kind: 'text', name: 'reason', label: '延期理由', required: true, multiline: true, maxLength: 1000 },
        ],
        submit: { label: '提交申请', action: actionValue('extension.submit', { caseId: input.case.caseId }) },
      },
    ],
  };
}
