import { escapeMarkdown } from '../markdown.js';
import type { Card } from '../model.js';
import { button, caseHeading } from './common.js';

export interface ReportUpInput {
  case: { caseId: string; number: string; title: string };
  /** The summary for the county, as the use case wrote it (names masked). */
  summary: string;
}

/** R5 上报: the summary for the county, to copy into the report. */
export function reportUpCard(input: ReportUpInput): Card {
  return {
    title: '上报材料',
    subtitle: caseHeading(input.case),
    colour: 'blue',
    elements: [
      { kind: 'markdown', text: escapeMarkdown(input.summary) },
      { kind: 'note', text: '已记录上报时间。以上内容可复制后按县信访局要求报送。' },
      { kind: 'actions', buttons: [button('查看案件', 'case.view', { caseId: input.case.caseId })] },
    ],
  };
}
