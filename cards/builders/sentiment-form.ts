import { actionValue } from '../actions.js';
import type { Card } from '../model.js';
import { namedChoices, type NamedRef } from './common.js';

export interface SentimentFormInput {
  /** The villages this person collects for (every village for the office). */
  villages: readonly NamedRef[];
}

/** R16 即时即报: a village collector reports what people are unhappy about, at once. */
export function sentimentFormCard(input: SentimentFormInput): Card {
  return {
    title: '报送民情信息',
    subtitle: '即时即报：群众反映的问题、矛盾纠纷苗头',
    colour: 'blue',
    elements: [
      { kind: 'note', text: '提交后立即通知包片领导和信访办；需要办理的，由信访办转为信访事项登记办理。' },
      {
        kind: 'form',
        name: 'sentiment_form',
        inputs: [
          { kind: 'select', name: 'villageId', label: '所在村（社区）', required: true, options: namedChoices(input.villages), ...(input.villages.length === 1 ? { initial: input.villages[0]!.id } : {}) },
          { kind: 'text', name: 'content', label: '民情信息', required: true, multiline: true, maxLength: 5000, placeholder: '谁、什么事、诉求、涉及人数、有无过激苗头' },
        ],
        submit: { label: '报送', action: actionValue('sentiment.submit', {}) },
      },
    ],
  };
}
