import { ABNORMAL_DESTINATION_LABELS } from '../../src/domain/escalation/alert-kinds.js';
import type { LocalDate } from '../../src/lib/local-date.js';
import { actionValue } from '../actions.js';
import type { Card } from '../model.js';
import { caseHeading, choicesOf } from './common.js';

export interface AbnormalPetitionFormInput {
  case: { caseId: string; number: string; title: string };
  today: LocalDate;
}

/**
 * R21 非正常上访: the case's petitioner went to the province or Beijing abnormally, or a collective
 * visit to the prefecture happened. On submit the leader's persuasion duty (劝返) opens, and a
 * written self-criticism (书面检查) when the case was overdue.
 */
export function abnormalPetitionFormCard(input: AbnormalPetitionFormInput): Card {
  return {
    title: '报告非正常上访',
    subtitle: caseHeading(input.case),
    colour: 'red',
    elements: [
      { kind: 'note', text: '提交后通知主要领导，包案领导须组织劝返并登记劝返情况；案件已逾期的，包案领导还须向镇委常委会提交书面检查。' },
      {
        kind: 'form',
        name: 'abnormal_petition_form',
        inputs: [
          { kind: 'select', name: 'destination', label: '去向', required: true, options: choicesOf(ABNORMAL_DESTINATION_LABELS) },
          { kind: 'checkbox', name: 'collective', label: '集体访' },
          { kind: 'date', name: 'occurredOn', label: '发生日期', required: true, initial: input.today },
          { kind: 'text', name: 'detail', label: '情况说明', required: false, multiline: true, maxLength: 2000 },
        ],
        submit: { label: '提交报告', action: actionValue('abnormal.submit', { caseId: input.case.caseId }) },
      },
    ],
  };
}
