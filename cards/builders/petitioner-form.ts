import { actionValue } from '../actions.js';
import type { Card, CardElement, FormInput } from '../model.js';
import { button, caseHeading } from './common.js';

/** A petitioner as a card may show it: already masked (R24). */
export interface ShownPetitioner {
  id: string;
  name: string;
  phone: string | null;
  idNumber: string | null;
}

export interface PetitionersCardInput {
  case: { caseId: string; number: string; title: string };
  /** R16: converted from a report that named nobody. */
  petitionersPending: boolean;
  petitioners: readonly ShownPetitioner[];
}

const details = (p: ShownPetitioner) => [p.phone && `电话 ${p.phone}`, p.idNumber && `身份证 ${p.idNumber}`].filter(Boolean).join('，');

const fields = (nameRequired: boolean): FormInput[] => [
  { kind: 'text', name: 'petitionerName', label: '姓名', required: nameRequired, maxLength: 30 },
  { kind: 'text', name: 'petitionerPhone', label: '联系电话', required: false, maxLength: 20 },
  { kind: 'text', name: 'petitionerIdNumber', label: '身份证号', required: false, maxLength: 18 },
  { kind: 'text', name: 'petitionerAddress', label: '住址', required: false, maxLength: 200 },
];

/** 补充/更正信访人 (office only): the case's petitioners, each with a button to correct it, and a form to add one. */
export function petitionersCard(input: PetitionersCardInput): Card {
  const caseId = input.case.caseId;
  const elements: CardElement[] = [];
  if (input.petitionersPending) elements.push({ kind: 'note', text: '本案由民情信息转办，尚未登记信访人：请核实后补充。' });
  for (const p of input.petitioners) {
    const d = details(p);
    elements.push({ kind: 'item', text: d ? `${p.name}（${d}）` : p.name, button: button('更正', 'petitioner.open', { caseId, petitionerId: p.id }) });
  }
  elements.push(
    { kind: 'note', text: '身份证号、电话按登记时的规则校验。每次补充和更正都保留原记录并记入审计日志；也可在信访办工作台修改。' },
    { kind: 'form', name: 'petitioner_add_form', inputs: fields(true), submit: { label: '添加信访人', action: actionValue('petitioner.submit', { caseId }) }, open: actionValue('petitioner.open', { caseId }) },
  );
  return { title: input.petitionersPending ? '补充信访人' : '更正信访人', subtitle: caseHeading(input.case), colour: input.petitionersPending ? 'orange' : 'blue', elements };
}

export interface PetitionerCorrectionInput {
  case: { caseId: string; number: string; title: string };
  petitioner: ShownPetitioner;
}

/** One petitioner corrected or removed. The card cannot show the full data to edit (R24): a field left blank stays as recorded. */
export function petitionerCorrectionCard(input: PetitionerCorrectionInput): Card {
  const { caseId } = input.case;
  const p = input.petitioner;
  const d = details(p);
  return {
    title: '更正信访人',
    subtitle: caseHeading(input.case),
    colour: 'blue',
    elements: [
      { kind: 'fields', fields: [{ label: '现登记为', value: d ? `${p.name}（${d}）` : p.name }] },
      { kind: 'note', text: '只填写要更正的项，留空的项保持不变；勾选“删除此信访人”则删除（至少保留一名）。' },
      {
        kind: 'form',
        name: 'petitioner_correct_form',
        inputs: [...fields(false), { kind: 'checkbox', name: 'remove', label: '删除此信访人' }],
        submit: { label: '提交更正', action: actionValue('petitioner.submit', { caseId, petitionerId: p.id }) },
        open: actionValue('petitioner.open', { caseId, petitionerId: p.id }),
      },
    ],
  };
}
