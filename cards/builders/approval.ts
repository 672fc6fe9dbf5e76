import type { ReportingCadence } from '../../src/domain/model.js';
import { REPORTING_CADENCE_LABELS } from '../../src/domain/ownership/reporting-cadence.js';
import type { LocalDate } from '../../src/lib/local-date.js';
import { beijingDateTime } from '../format.js';
import type { Card, CardElement, CardField } from '../model.js';
import { button, caseHeading } from './common.js';

export interface ApprovalInput {
  proposalId: string;
  kind: 'INITIAL' | 'TRANSFER';
  case: { caseId: string; number: string; title: string };
  leaderName: string;
  unitName: string;
  responsibleName: string;
  requirements: string;
  deadline: LocalDate;
  reportingCadence: ReportingCadence;
  reportingNote: string | null;
  territorialUnitName?: string | null;
  functionalUnitName?: string | null;
  /** R3: why the owner changes (transfers only). */
  reason?: string | null;
  currentLeaderName?: string | null;
  proposedByName: string;
  proposedAt: Date;
  /** Whether the viewer may decide (an approver of the standing committee). */
  canDecide: boolean;
}

/** R4 常委会审定: a pending ownership proposal, with 同意 / 退回 for an approver. */
export function approvalCard(p: ApprovalInput): Card {
  const transfer = p.kind === 'TRANSFER';
  const fields: CardField[] = [];
  if (transfer) {
    fields.push({ label: '现包案领导', value: p.currentLeaderName ?? '—' }, { label: '移交理由', value: p.reason ?? '—' });
  }
  fields.push(
    { label: transfer ? '拟任包案领导' : '包案领导', value: p.leaderName },
    { label: '责任单位', value: p.unitName },
    { label: '责任人', value: p.responsibleName },
    { label: '责任要求', value: p.requirements },
    { label: '办结时限', value: p.deadline },
    { label: '报送方式', value: p.reportingNote ? `${REPORTING_CADENCE_LABELS[p.reportingCadence]}（${p.reportingNote}）` : REPORTING_CADENCE_LABELS[p.reportingCadence] },
  );
  if (p.territorialUnitName) fields.push({ label: '稳控属地单位', value: p.territorialUnitName });
  if (p.functionalUnitName) fields.push({ label: '解决属事单位', value: p.functionalUnitName });
  const elements: CardElement[] = [
    { kind: 'fields', fields },
    { kind: 'note', text: `${p.proposedByName} 于 ${beijingDateTime(p.proposedAt)} 提出` },
  ];
  if (p.canDecide) {
    elements.push({
      kind: 'actions',
      buttons: [
        button('同意', 'ownership.approve', { proposalId: p.proposalId }, 'primary', {
          title: '确认同意',
          text: `同意后${transfer ? '移交' : '包案'}即生效，并通知包案领导、责任单位和责任人。`,
        }),
        button('退回', 'ownership.return-open', { proposalId: p.proposalId }, 'danger'),
        button('查看案件', 'case.view', { caseId: p.case.caseId }),
      ],
    });
  } else {
    elements.push({ kind: 'actions', buttons: [button('查看案件', 'case.view', { caseId: p.case.caseId })] });
  }
  return { title: transfer ? '待审定：移交包案' : '待审定：包案意见', subtitle: caseHeading(p.case), colour: 'orange', elements };
}
