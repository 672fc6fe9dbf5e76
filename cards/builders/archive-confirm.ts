import type { ArchiveQuestion } from '../../src/domain/review/archive-check.js';
import { escapeMarkdown } from '../markdown.js';
import type { Card, CardElement } from '../model.js';
import { button, caseHeading } from './common.js';

export interface ArchiveConfirmInput {
  case: { caseId: string; number: string; title: string };
  question: ArchiveQuestion;
}

const WINDOW_LABELS = { REVIEW_WINDOW: '可请求复查至', RE_REVIEW_WINDOW: '可请求复核至' } as const;

/** R26: before archiving a case the petitioner may still ask to have reviewed, the office confirms. */
export function archiveConfirmCard(input: ArchiveConfirmInput): Card {
  const q = input.question;
  const elements: CardElement[] = [{ kind: 'markdown', text: escapeMarkdown(q.question) }];
  if (q.openUntil && q.about !== 'AWAITING_OPINION') elements.push({ kind: 'fields', fields: [{ label: WINDOW_LABELS[q.about], value: q.openUntil, colour: 'orange' }] });
  elements.push({
    kind: 'actions',
    buttons: [
      button('确认归档', 'case.archive', { caseId: input.case.caseId, confirmed: q.about }, 'primary'),
      button('暂不归档', 'case.view', { caseId: input.case.caseId }),
    ],
  });
  return {
    title: '归档前请确认',
    subtitle: caseHeading(input.case),
    colour: 'orange',
    tags: [{ text: '待确认', colour: 'orange' }],
    elements,
  };
}
