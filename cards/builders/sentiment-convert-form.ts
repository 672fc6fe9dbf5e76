import { COMPLEXITIES } from '../../src/domain/model.js';
import type { LocalDate } from '../../src/lib/local-date.js';
import { COMPLEXITY_LABELS } from '../labels.js';
import { actionValue } from '../actions.js';
import type { Card } from '../model.js';
import { choicesOf } from './common.js';

export interface SentimentConvertFormInput {
  report: { reportId: string; villageName: string; reporterName: string; content: string; reportedOn: LocalDate };
}

/** R16: the office turns a sentiment report into a petition case (R1 flags and R20 keywords apply as at intake). */
export function sentimentConvertFormCard(input: SentimentConvertFormInput): Card {
  const r = input.report;
  return {
    title: '民情信息转为案件',
    subtitle: `${r.villageName} · ${r.reporterName} ${r.reportedOn} 报送`,
    colour: 'blue',
    elements: [
      { kind: 'fields', fields: [{ label: '民情信息', value: r.content }] },
      { kind: 'note', text: '标题不填则按民情信息自动生成。已知信访人的请填写；不填则案件登记为“信访人待补充”，由信访办核实后补充。' },
      {
        kind: 'form',
        name: 'sentiment_convert_form',
        inputs: [
          { kind: 'text', name: 'title', label: '标题', required: false, maxLength: 100 },
          { kind: 'text', name: 'category', label: '类别', required: false, maxLength: 50, placeholder: '如：土地征收、劳资纠纷' },
          { kind: 'select', name: 'complexity', label: '难易程度', required: false, options: choicesOf(COMPLEXITY_LABELS, COMPLEXITIES), initial: 'GENERAL' },
          { kind: 'text', name: 'headcount', label: '人数', required: false, maxLength: 6 },
          { kind: 'checkbox', name: 'important', label: '重要信访' },
          { kind: 'checkbox', name: 'sudden', label: '突发性' },
          { kind: 'text', name: 'petitionerName', label: '信访人姓名', required: false, maxLength: 30 },
          { kind: 'text', name: 'petitionerPhone', label: '联系电话', required: false, maxLength: 20 },
          { kind: 'text', name: 'petitionerIdNumber', label: '身份证号', required: false, maxLength: 18 },
          { kind: 'text', name: 'petitionerAddress', label: '住址', required: false, maxLength: 200 },
        ],
        submit: { label: '转为案件', action: actionValue('sentiment.convert-submit', { reportId: r.reportId }) },
      },
    ],
  };
}
