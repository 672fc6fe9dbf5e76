import type { LocalDate } from '../../src/lib/local-date.js';
import { actionValue } from '../actions.js';
import { beijingDateTime } from '../format.js';
import type { Card, CardField } from '../model.js';
import { button, caseHeading } from './common.js';

export interface ExtensionDecisionInput {
  extensionId: string;
  case: { caseId: string; number: string; title: string };
  currentDueOn: LocalDate;
  requestedDueOn: LocalDate;
  reason: string;
  requestedByName: string;
  requestedAt: Date;
  ceiling?: LocalDate | null;
}

/** R10: the leading group approves (capped at R9's ceiling) or rejects, with a reason told to the petitioner. */
export function extensionDecisionCard(input: ExtensionDecisionInput): Card {
  const fields: CardField[] = [
    { label: '现办结时限', value: input.currentDueOn },
    { label: '申请延期至', value: input.requestedDueOn, colour: 'orange' },
    { label: '延期理由', value: input.reason },
    { label: '申请人', value: `${input.requestedByName}（${beijingDateTime(input.requestedAt)}）` },
  ];
  if (input.ceiling) fields.push({ label: '最长可延至', value: input.ceiling });
  return {
    title: '审批延期申请',
    subtitle: caseHeading(input.case),
    colour: 'orange',
    elements: [
      { kind: 'fields', fields },
      { kind: 'note', text: '批准的日期不超过法定上限；审批意见即告知信访人的延期理由。' },
      {
        kind: 'form',
        name: 'extension_decision_form',
        inputs: [
          {
            kind: 'select',
            name: 'decision',
            label: '是否同意',
            required: true,
            options: [{ value: 'APPROVE', label: '同意延期' }, { value: 'REJECT', label: '不同意' }],
          },
          { kind: 'text', name: 'reason', label: '审批意见', required: true, multiline: true, maxLength: 1000 },
        ],
        submit: { label: '提交审批', action: actionValue('extension.decide-submit', { extensionId: input.extensionId }) },
        // Pushed to the approver rather than opened by a click: where forms are asked in chat, this starts it.
        open: actionValue('extension.decide-open', { extensionId: input.extensionId }),
      },
      { kind: 'actions', buttons: [button('查看案件', 'case.view', { caseId: input.case.caseId })] },
    ],
  };
}
