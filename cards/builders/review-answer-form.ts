import { REVIEW_KIND_LABELS, type ReviewKind } from '../../src/domain/review/review-clocks.js';
import type { LocalDate } from '../../src/lib/local-date.js';
import { actionValue } from '../actions.js';
import type { Card } from '../model.js';
import { caseHeading } from './common.js';

export interface ReviewAnswerFormInput {
  case: { caseId: string; number: string; title: string };
  kind: ReviewKind;
  /** The day the answer is due. */
  answerBy: LocalDate | null;
  /** Now, as 'YYYY-MM-DD HH:mm' (Beijing), the picker's starting value. */
  now: string;
}

/** R26: records the written answer to a 复查 or 复核 request; a late answer is accepted and flagged. */
export function reviewAnswerFormCard(input: ReviewAnswerFormInput): Card {
  const label = REVIEW_KIND_LABELS[input.kind];
  return {
    title: `登记${label}意见`,
    subtitle: caseHeading(input.case),
    colour: 'purple',
    elements: [
      ...(input.answerBy ? [{ kind: 'fields' as const, fields: [{ label: '答复期限', value: input.answerBy }] }] : []),
      {
        kind: 'note',
        text: input.kind === 'REVIEW' ? '信访人对复查意见不服的，可自收到之日起30日内请求复核。' : '复核意见作出后，信访人仍以同一事实和理由提出的，不再受理。',
      },
      {
        kind: 'form',
        name: 'review_answer_form',
        inputs: [
          { kind: 'datetime', name: 'answeredAt', label: '答复时间', required: true, initial: input.now },
          { kind: 'text', name: 'answer', label: `${label}意见`, required: true, multiline: true, maxLength: 5000 },
        ],
        submit: { label: `登记${label}意见`, action: actionValue('review-answer.submit', { caseId: input.case.caseId, kind: input.kind }) },
      },
    ],
  };
}
