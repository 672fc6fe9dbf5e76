import type { OwnershipHistory } from '../../../../db/queries/case-story/ownership-history.js';
import type { OwnershipProposal } from '../../../../domain/model.js';
import { REPORTING_CADENCE_LABELS } from '../../../../domain/ownership/reporting-cadence.js';
import { line, RANK, type StoryContext, type StoryEvent } from './story-event.js';

/** R2–R4 and R3's transfers: each proposal with its terms, the standing committee's decision, and an ownership's end. */
export function ownershipEvents(h: OwnershipHistory, ctx: StoryContext): StoryEvent[] {
  return [
    ...h.proposals.flatMap((p) => [proposed(p, ctx), ...(p.decidedAt ? [decided(p, p.decidedAt, ctx)] : [])]),
    ...h.ownerships.flatMap((o) =>
      o.endedAt ? [{ at: o.endedAt, rank: RANK.ownershipEnd, tag: '包案', title: `${ctx.person(o.leaderId)}的包案结束`, who: null, lines: line('原因', o.endReason ? (END_REASONS[o.endReason] ?? ctx.redact.text(o.endReason)) : null) }] : [],
    ),
  ];
}

/** Why an ownership ended (CaseOwnership.endReason). */
const END_REASONS: Readonly<Record<string, string>> = { TRANSFERRED: '经常委会审定移交（R3）', CLOSED: '案件归档' };

function proposed(p: OwnershipProposal, ctx: StoryContext): StoryEvent {
  const transfer = p.kind === 'TRANSFER';
  return {
    at: p.proposedAt,
    rank: RANK.proposal,
    tag: '包案',
    title: transfer ? '提出移交包案（R3），报常委会审定' : '提出包案意见（R4），报常委会审定',
    who: ctx.person(p.proposedById),
    lines: [
      ...line('移交理由', transfer ? ctx.redact.maybe(p.reason) : null),
      ...line('包案领导', ctx.person(p.leaderId)),
      ...line('责任单位', ctx.unit(p.unitId)),
      ...line('责任人', ctx.person(p.responsiblePersonId)),
      ...line('责任要求', ctx.redact.text(p.requirements)),
      ...line('办结时限', p.deadline),
      ...line('报送方式', [REPORTING_CADENCE_LABELS[p.reportingCadence], ctx.redact.maybe(p.reportingNote)].filter(Boolean).join('，')),
      ...line('稳控属地（R19）', p.territorialUnitId ? ctx.unit(p.territorialUnitId) : null),
      ...line('解决属事（R19）', p.functionalUnitId ? ctx.unit(p.functionalUnitId) : null),
    ],
  };
}

const DECISIONS: Record<OwnershipProposal['status'], string> = {
  PENDING: '待审定',
  APPROVED: '常委会审定通过，包案生效',
  RETURNED: '常委会退回包案意见',
  WITHDRAWN: '包案意见撤回',
};

function decided(p: OwnershipProposal, at: Date, ctx: StoryContext): StoryEvent {
  const title = p.kind === 'TRANSFER' && p.status === 'APPROVED' ? '常委会审定移交，新包案领导接办' : DECISIONS[p.status];
  return { at, rank: RANK.decision, tag: '包案', title, who: p.decidedById ? ctx.person(p.decidedById) : null, lines: line(p.status === 'RETURNED' ? '退回理由' : '审定意见', ctx.redact.maybe(p.decisionReason)) };
}
