import { MAJOR_EVENT_LABELS } from '../../src/domain/escalation/alert-kinds.js';
import { actionValue } from '../actions.js';
import type { Card } from '../model.js';
import { choicesOf, namedChoices, type NamedRef } from './common.js';

export interface MajorEventFormInput {
  villages: readonly NamedRef[];
}

/**
 * R18 重大事项: a large collective visit to the city or county, a mass incident or a possible
 * high-impact Beijing petition. On submit the people of that village go to the scene and the
 * leaders in charge take command; everyone alerted must acknowledge.
 */
export function majorEventFormCard(input: MajorEventFormInput): Card {
  return {
    title: '报告重大事项',
    subtitle: '大规模集体赴市县上访、群体性事件、可能造成重大影响的进京上访',
    colour: 'red',
    elements: [
      { kind: 'note', text: '提交后立即通知包片领导、驻村干部和村干部赶赴现场，分管领导靠前指挥；未确认的将每 10 分钟重复提醒并逐级上报。' },
      {
        kind: 'form',
        name: 'major_event_form',
        inputs: [
          { kind: 'select', name: 'villageId', label: '发生的村（社区）', required: true, options: namedChoices(input.villages) },
          { kind: 'select', name: 'eventKind', label: '事项类别', required: true, options: choicesOf(MAJOR_EVENT_LABELS) },
          { kind: 'text', name: 'detail', label: '情况说明', required: true, multiline: true, maxLength: 2000, placeholder: '时间、地点、人数、诉求、现场情况' },
        ],
        submit: { label: '立即报告', action: actionValue('major-event.submit', {}) },
      },
    ],
  };
}
