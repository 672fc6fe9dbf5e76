import { REVIEW_KIND_LABELS, type ReviewKind } from '../../src/domain/review/review-clocks.js';
import type { LocalDate } from '../../src/lib/local-date.js';
import { actionValue } from '../actions.js';
import type { Card } from '../model.js';
import { caseHeading } from './common.js';

export interface ReviewRequestFormInput {
  case: { caseId: string; number: string; title: string };
  kind: ReviewKind;
  /** Last day the petitioner may ask. */
  requestBy: LocalDate | null;
  today: LocalDate;
}

/** R26: records the petitioner's request for 复查 (review) or 复核 (re-review); the answer clock starts. */
export function reviewRequestFormCard(input: ReviewRequestFormInput): Card {
  const label = REVIEW_KIND_LABELS[input.kind];
  return {
    title: `登记${label}申请`,
    subtitle: caseHeading(input.case),
    colour: 'purple',
    elements: [
      ...(input.requestBy ? [{ kind: 'fields' as const, fields: [{ label: '申请期限', value: `${input.requestBy} 前` }] }] : []),
      {
        kind: 'note',
        text: input.kind === 'REVIEW'
          ? '信访人对处理意见不服的，可在收到处理意见书之日起30日内请求复查。'
          : '信访人对复查意见不服的，可在收到复查意见书之日起30日内请求复核；复核后不再受理同一请求。',
      },
      {
        kind: 'form',
        name: 'review_form',
        inputs: [
          { kind: 'date', name: 'requestedOn', label: '申请日期', required: true, initial: input.today },
          { kind: 'text', name: 'note', label: '申请事项', required: false, multiline: true, maxLength: 1000 },
        ],
        submit: { label: `登记${label}申请`, action: actionValue('review.submit', { caseId: input.case.caseId, kind: input.kind }) },
      },
    ],
  };
}
