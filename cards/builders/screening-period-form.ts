import type { LocalDate } from '../../src/lib/local-date.js';
import { actionValue } from '../actions.js';
import { SCREENING_KIND_LABELS } from '../labels.js';
import type { Card } from '../model.js';
import { choicesOf, namedChoices, type NamedRef } from './common.js';

export interface ScreeningPeriodFormInput {
  units: readonly NamedRef[];
  today: LocalDate;
}

/** R17: the office declares a screening period; the units named must report (daily in a sensitive period) or send a zero report. */
export function screeningPeriodFormCard(input: ScreeningPeriodFormInput): Card {
  return {
    title: '部署矛盾纠纷排查',
    subtitle: '常规排查，或重大活动、节假日等敏感时期的集中排查',
    colour: 'blue',
    elements: [
      { kind: 'note', text: '提交后通知各报送单位负责人；敏感时期每天报送（含节假日），无情况的报零报告。' },
      {
        kind: 'form',
        name: 'screening_period_form',
        inputs: [
          { kind: 'text', name: 'name', label: '名称', required: true, maxLength: 100, placeholder: '如：元旦春节期间矛盾纠纷集中排查' },
          { kind: 'select', name: 'kind', label: '类别', required: true, options: choicesOf(SCREENING_KIND_LABELS), initial: 'SENSITIVE' },
          { kind: 'date', name: 'startsOn', label: '开始日期', required: true, initial: input.today },
          { kind: 'date', name: 'endsOn', label: '结束日期', required: true },
          { kind: 'date', name: 'reportDueOn', label: '报送截止日期', required: true },
          { kind: 'multiselect', name: 'unitIds', label: '报送单位', required: true, options: namedChoices(input.units) },
        ],
        submit: { label: '部署', action: actionValue('screening-period.submit', {}) },
      },
    ],
  };
}
