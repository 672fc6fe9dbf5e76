import { PROGRESS_TAGS, STABILITY_ASSESSMENTS } from '../../src/domain/model.js';
import { PROGRESS_TAG_LABELS } from '../../src/domain/progress/closing-conditions.js';
import { actionValue } from '../actions.js';
import { STABILITY_LABELS } from '../labels.js';
import type { Card, CardElement } from '../model.js';
import { caseHeading, choicesOf } from './common.js';

export interface ProgressFormInput {
  case: { caseId: string; number: string; title: string };
  /** What R6 still lacks before the case can close (checkClosingConditions().missing). */
  missing?: readonly string[];
}

/** R6 三包一保: a progress entry tagged 包案件 / 包查办 / 包落实 / 保稳定 (保稳定 with its assessment). */
export function progressFormCard(input: ProgressFormInput): Card {
  const elements: CardElement[] = [];
  if (input.missing?.length) {
    elements.push({ kind: 'fields', fields: [{ label: '办结前尚缺', value: input.missing.join('；'), colour: 'orange' }] });
  }
  elements.push({
    kind: 'form',
    name: 'progress_form',
    inputs: [
      { kind: 'select', name: 'tag', label: '进展类别', required: true, options: choicesOf(PROGRESS_TAG_LABELS, PROGRESS_TAGS) },
      { kind: 'text', name: 'content', label: '进展情况', required: true, multiline: true, maxLength: 1000 },
      { kind: 'select', name: 'stability', label: '稳定评估（保稳定必选）', required: false, options: choicesOf(STABILITY_LABELS, STABILITY_ASSESSMENTS) },
    ],
    submit: { label: '提交进展', action: actionValue('progress.submit', { caseId: input.case.caseId }) },
  });
  return { title: '报送进展', subtitle: caseHeading(input.case), colour: 'blue', elements };
}
