import { STATEMENT_ADDRESSEES, STATEMENT_KIND_LABELS, type StatementKind } from '../../src/domain/duties/statements.js';
import type { LocalDate } from '../../src/lib/local-date.js';
import { actionValue } from '../actions.js';
import { quarterLabel } from '../format.js';
import type { Card, CardField } from '../model.js';

export interface StatementFormInput {
  statementId: string;
  kind: StatementKind;
  /** 2026Q4, or the case number for a self-criticism (R21). */
  period: string;
  dueOn: LocalDate | null;
  case?: { number: string; title: string } | null;
}

const ADDRESSEE_LABELS = { APPROVER: '镇委常委会', PRINCIPAL_LEADER: '镇主要领导' } as const;

const GUIDANCE: Record<StatementKind, string> = {
  OVERDUE_EXPLANATION: '包案案件逾期未办结的，包案领导每季度向镇委常委会书面说明原因及下一步措施，直至办结。',
  RECEPTION_REPORT: '接访领导每季度向镇主要领导书面汇报接访案件的办理情况。',
  SELF_CRITICISM: '因工作不力导致案件逾期并发生非正常上访的，包案领导向镇委常委会作出书面检查。',
};

/** R13 说明, R14 接访汇报, R21 书面检查: a document its author writes and submits in person. */
export function statementFormCard(input: StatementFormInput): Card {
  const fields: CardField[] = [
    { label: '报送对象', value: ADDRESSEE_LABELS[STATEMENT_ADDRESSEES[input.kind]] },
    { label: input.kind === 'SELF_CRITICISM' ? '案件' : '期间', value: input.case ? `${input.case.number} ${input.case.title}` : quarterLabel(input.period) },
  ];
  if (input.dueOn) fields.push({ label: '报送期限', value: input.dueOn });
  return {
    title: STATEMENT_KIND_LABELS[input.kind],
    colour: input.kind === 'SELF_CRITICISM' ? 'red' : 'orange',
    elements: [
      { kind: 'fields', fields },
      { kind: 'note', text: `${GUIDANCE[input.kind]}须本人提交，提交后不能修改。` },
      {
        kind: 'form',
        name: 'statement_form',
        inputs: [{ kind: 'text', name: 'content', label: '正文', required: true, multiline: true, maxLength: 1000 }],
        submit: { label: '提交', action: actionValue('statement.submit', { statementId: input.statementId }) },
      },
    ],
  };
}
