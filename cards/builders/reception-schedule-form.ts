import type { LocalDate } from '../../src/lib/local-date.js';
import { actionValue } from '../actions.js';
import type { Card } from '../model.js';
import { namedChoices, type NamedRef } from './common.js';

export interface ReceptionScheduleFormInput {
  leaders: readonly NamedRef[];
  today: LocalDate;
}

/** R14: the office puts a leader on the reception schedule (领导接访日). */
export function receptionScheduleFormCard(input: ReceptionScheduleFormInput): Card {
  return {
    title: '安排领导接访日',
    subtitle: '镇党政领导轮流接访，接访日程向社会公开',
    colour: 'blue',
    elements: [
      { kind: 'note', text: '接访日期须为今天起一年内的工作日（按国家法定节假日和调休安排）。提交后通知接访领导；接访当天由领导发送「接访」填报接待情况。' },
      {
        kind: 'form',
        name: 'reception_schedule_form',
        inputs: [
          { kind: 'select', name: 'leaderId', label: '接访领导', required: true, options: namedChoices(input.leaders) },
          { kind: 'date', name: 'date', label: '接访日期', required: true, initial: input.today },
          { kind: 'text', name: 'location', label: '接访地点', required: true, maxLength: 100, initial: '镇信访接待室' },
          { kind: 'text', name: 'note', label: '备注', required: false, maxLength: 500 },
        ],
        submit: { label: '安排', action: actionValue('reception-day.submit', {}) },
      },
    ],
  };
}
