import type { LocalDate } from '../../src/lib/local-date.js';
import { actionValue } from '../actions.js';
import type { Card, CardElement, FormInput } from '../model.js';
import { namedChoices, type NamedRef } from './common.js';

export interface VisitFormInput {
  /** The leader's linked villages (and those of the areas they lead); every village when logging for others. */
  villages: readonly NamedRef[];
  /** Open cases the visit may have dealt with. */
  cases?: readonly { id: string; number: string; title: string }[];
  /** Set when the person may log for a leader (the office): the leaders to pick from, and who is preselected. */
  leaders?: { choices: readonly NamedRef[]; initial: string | null };
  today: LocalDate;
}

/** R15 下访: the monthly visit to a linked village — date, village, people met, cases taken. */
export function visitFormCard(input: VisitFormInput): Card {
  const inputs: FormInput[] = [];
  if (input.leaders) {
    const { choices, initial } = input.leaders;
    inputs.push({ kind: 'select', name: 'leaderId', label: '下访领导', required: true, options: namedChoices(choices), ...(initial ? { initial } : {}) });
  }
  inputs.push(
    { kind: 'select', name: 'villageId', label: '走访的村', required: true, options: namedChoices(input.villages) },
    { kind: 'date', name: 'date', label: '下访日期', required: true, initial: input.today },
    { kind: 'text', name: 'peopleMet', label: '走访对象', required: false, multiline: true, maxLength: 1000, placeholder: '接待、走访了哪些群众' },
    { kind: 'text', name: 'note', label: '下访情况', required: false, multiline: true, maxLength: 1000 },
  );
  if (input.cases?.length) {
    inputs.push({
      kind: 'multiselect',
      name: 'caseIds',
      label: '涉及案件',
      required: false,
      options: input.cases.slice(0, 100).map((c) => ({ value: c.id, label: `${c.number} ${c.title}`.slice(0, 60) })),
    });
  }
  const notes: CardElement[] = [{ kind: 'note', text: '下访中群众反映的新问题，请发送「登记」另行登记，来源选「领导下访」。' }];
  if (input.leaders) notes.push({ kind: 'note', text: '信访办可代镇党政领导填报，记录计入所选领导的下访。' });
  return {
    title: '填报下访记录',
    subtitle: '每月至少下访一次联系村',
    colour: 'blue',
    elements: [
      ...notes,
      { kind: 'form', name: 'visit_form', inputs, submit: { label: '提交', action: actionValue('visit.submit', {}) } },
    ],
  };
}
