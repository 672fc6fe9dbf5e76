import type { CaseCardInput } from '../../../cards/builders/case-card.js';
import type { CaseView } from '../../usecases/cases/view-case.js';
import type { HandlerContext } from '../handler.js';

/** Names a case card shows, looked up for a CaseView. */
export async function caseCardInput(ctx: HandlerContext, view: CaseView, context: 'GROUP' | 'DIRECT'): Promise<CaseCardInput> {
  const c = view.case;
  const names = ctx.names;
  const latest = view.progress.at(-1) ?? null;
  return {
    caseId: c.id,
    number: c.number,
    title: c.title,
    content: c.content,
    status: c.status,
    source: c.source,
    villageName: await names.village(c.villageId),
    headcount: c.headcount,
    receivedAt: c.receivedAt,
    petitioners: view.petitioners,
    personalDataVisible: view.personalDataVisible,
    context,
    ownerName: await names.person(c.ownerLeaderId),
    unitName: await names.unit(c.unitId),
    responsibleName: await names.person(c.responsiblePersonId),
    requirements: view.ownership?.requirements ?? null,
    reportingCadence: view.ownership?.reportingCadence ?? null,
    dueOn: c.dueOn,
    overdue: view.overdue,
    latestProgress: latest
      ? { tag: latest.tag, content: latest.content, stability: latest.stability, at: latest.createdAt, authorName: await names.person(latest.authorId) }
      : null,
    ownershipReasons: c.ownershipReasons,
    dangerFlags: c.dangerFlags,
    allowedActions: view.allowedActions,
    pendingProposalId: view.pendingProposalId,
    pendingExtensionId: view.pendingExtensionId,
    classification: c.classification,
    opinionIssued: c.opinionIssuedAt !== null,
  };
}
