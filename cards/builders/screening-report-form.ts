import type { ScreeningKind } from '../../src/domain/duties/screening.js';
import type { LocalDate } from '../../src/lib/local-date.js';
import { actionValue } from '../actions.js';
import type { Card } from '../model.js';

export interface ScreeningReportFormInput {
  periodId: string;
  name: string;
  kind: ScreeningKind;
  startsOn: LocalDate;
  endsOn: LocalDate;
  reportDueOn: LocalDate;
  unitName: string;
}

const KIND_LABELS: Record<ScreeningKind, string> = { REGULAR: '常规排查', SENSITIVE: '敏感时期集中排查' };

/** R17 排查: a unit's findings, or a zero report (零报告), by the due date. */
export function screeningReportFormCard(input: ScreeningReportFormInput): Card {
  return {
    title: '报送矛盾纠纷排查情况',
    subtitle: `${input.name} · ${input.unitName}`,
    colour: input.kind === 'SENSITIVE' ? 'orange' : 'blue',
    elements: [
      {
        kind: 'fields',
        fields: [
          { label: '排查类型', value: KIND_LABELS[input.kind] },
          { label: '排查期间', value: `${input.startsOn} 至 ${input.endsOn}` },
          { label: '报送截止', value: input.reportDueOn, colour: 'orange' },
        ],
      },
      { kind: 'note', text: '未排查出矛盾纠纷的，勾选「零报告」，不填排查情况；逾期未报将计入年终考核。' },
      {
        kind: 'form',
        name: 'screening_form',
        inputs: [
          { kind: 'checkbox', name: 'isZero', label: '零报告（本期未排查出矛盾纠纷）' },
          { kind: 'text', name: 'findings', label: '排查情况', required: false, multiline: true, maxLength: 1000, placeholder: '排查出的矛盾纠纷及调处情况' },
        ],
        submit: { label: '报送', action: actionValue('screening.submit', { periodId: input.periodId }) },
      },
    ],
  };
}
