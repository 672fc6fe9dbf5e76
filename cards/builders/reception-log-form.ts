import type { LocalDate } from '../../src/lib/local-date.js';
import { actionValue } from '../actions.js';
import type { Card } from '../model.js';

export interface ReceptionLogFormInput {
  receptionDayId: string;
  date: LocalDate;
  location: string | null;
  leaderName: string;
}

/** R14 接访: how a reception day went; cases received there are registered with 登记 (source 领导接访日). */
export function receptionLogFormCard(input: ReceptionLogFormInput): Card {
  return {
    title: '填报接访情况',
    subtitle: `${input.date} ${input.leaderName}接访`,
    colour: 'blue',
    elements: [
      { kind: 'fields', fields: [{ label: '接访地点', value: input.location ?? '未填' }] },
      { kind: 'note', text: '当天受理的信访事项请发送「登记」逐件登记，来源选「领导接访日」。' },
      {
        kind: 'form',
        name: 'reception_form',
        inputs: [
          { kind: 'text', name: 'visitors', label: '接待人次', required: true, maxLength: 6 },
          { kind: 'text', name: 'summary', label: '接访情况', required: true, multiline: true, maxLength: 1000 },
          { kind: 'text', name: 'note', label: '备注', required: false, maxLength: 1000 },
        ],
        submit: { label: '提交', action: actionValue('reception.submit', { receptionDayId: input.receptionDayId }) },
      },
    ],
  };
}
