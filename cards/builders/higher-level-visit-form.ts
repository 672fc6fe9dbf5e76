import { VISIT_LEVEL_LABELS } from '../../src/domain/assessment/rules.js';
import type { LocalDate } from '../../src/lib/local-date.js';
import { actionValue } from '../actions.js';
import type { Card } from '../model.js';
import { choicesOf, namedChoices, type NamedRef } from './common.js';

export interface HigherLevelVisitFormInput {
  units: readonly NamedRef[];
  today: LocalDate;
}

/** R23: the office records a unit's people petitioning a higher level: a deduction, and 不合格 when poor work led to it. */
export function higherLevelVisitFormCard(input: HigherLevelVisitFormInput): Card {
  return {
    title: '登记越级上访',
    subtitle: '年终考核（R23）：按次扣分，集体上访加倍',
    colour: 'orange',
    elements: [
      { kind: 'note', text: '因工作不力导致到省、进京或集体越级上访的，该单位年度考核评为不合格，取消评先评优资格。' },
      {
        kind: 'form',
        name: 'higher_level_visit_form',
        inputs: [
          { kind: 'select', name: 'unitId', label: '单位', required: true, options: namedChoices(input.units) },
          { kind: 'select', name: 'level', label: '上访去向', required: true, options: choicesOf(VISIT_LEVEL_LABELS) },
          { kind: 'checkbox', name: 'collective', label: '集体上访' },
          { kind: 'date', name: 'date', label: '上访日期', required: true, initial: input.today },
          { kind: 'text', name: 'evidence', label: '依据', required: true, multiline: true, maxLength: 500, placeholder: '如：县信访局通报（编号、日期）' },
          { kind: 'checkbox', name: 'poorWork', label: '系该单位工作不力所致' },
        ],
        submit: { label: '登记', action: actionValue('higher-visit.submit', {}) },
      },
    ],
  };
}
