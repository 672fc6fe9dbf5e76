import type { Card } from '../model.js';

/** A refusal or failure, in the words of the DomainError (already Chinese). */
export function errorCard(message: string, hint = '如有疑问，请联系镇信访办。'): Card {
  return {
    title: '操作未完成',
    colour: 'red',
    elements: [
      { kind: 'fields', fields: [{ label: '原因', value: message }] },
      { kind: 'note', text: hint },
    ],
  };
}
