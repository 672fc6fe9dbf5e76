import type { Classification } from '../../src/domain/model.js';
import { CLASSIFICATION_LABELS } from '../../src/domain/review/classification.js';
import { actionValue } from '../actions.js';
import type { Card } from '../model.js';
import { caseHeading, choicesOf, namedChoices, type NamedRef } from './common.js';

export interface ClassifyFormInput {
  case: { caseId: string; number: string; title: string };
  current: Classification | null;
  /** Who and which unit an accusation may name (R24: they never see the case). */
  people: readonly NamedRef[];
  units: readonly NamedRef[];
}

/** R26: 建议意见 / 检举控告 / 申诉求决; an accusation goes to discipline inspection. */
export function classifyFormCard(input: ClassifyFormInput): Card {
  return {
    title: '信访事项分类',
    subtitle: caseHeading(input.case),
    colour: 'blue',
    elements: [
      { kind: 'note', text: '检举控告类事项转纪检监察办理，材料不得转给被反映人或被反映单位；申诉求决类办结后须出具处理意见书。' },
      {
        kind: 'form',
        name: 'classify_form',
        inputs: [
          { kind: 'select', name: 'classification', label: '性质分类', required: true, options: choicesOf(CLASSIFICATION_LABELS), ...(input.current ? { initial: input.current } : {}) },
          { kind: 'select', name: 'accusedPersonId', label: '被反映人（检举控告）', required: false, options: namedChoices(input.people) },
          { kind: 'select', name: 'accusedUnitId', label: '被反映单位（检举控告）', required: false, options: namedChoices(input.units) },
        ],
        submit: { label: '保存分类', action: actionValue('classify.submit', { caseId: input.case.caseId }) },
      },
    ],
  };
}
