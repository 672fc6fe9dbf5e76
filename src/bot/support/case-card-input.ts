import type { CaseCardInput } from '../../../cards/builders/case-card.js';
import type { CaseView } from '../../usecases/cases/view-case.js';
import { clocksOf, reviewFactsOf } from '../../usecases/support/review-facts.js';
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
    petitionersPending: c.petitionersPending,
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
    ...(await reviewButtons(ctx, view)),
  };
}

/** R26: which request window is open, or which answer awaited, on a claim whose 处理意见书 is out. */
async function reviewButtons(ctx: HandlerContext, view: CaseView): Promise<Pick<CaseCardInput, 'reviewWindow' | 'reviewPending'>> {
  const c = view.case;
  if (c.classification !== 'CLAIM' || !c.opinionIssuedAt || !view.allowedActions.includes('RECORD_REVIEW')) return {};
  const { facts } = await ctx.lookup((repos) => reviewFactsOf(repos, c));
  const { stage } = await clocksOf(ctx.deps.config, facts, ctx.now);
  const window = stage === 'REVIEW_WINDOW' ? 'REVIEW' : stage === 'RE_REVIEW_WINDOW' ? 'RE_REVIEW' : null;
  const pending = stage === 'REVIEW_PENDING' ? 'REVIEW' : stage === 'RE_REVIEW_PENDING' ? 'RE_REVIEW' : null;
  return { reviewWindow: window, reviewPending: pending };
}
