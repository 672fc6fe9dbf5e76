import type { CaseCardInput } from '../../../cards/builders/case-card.js';
import type { CaseView } from '../../usecases/cases/view-case.js';
import type { HandlerContext } from '../handler.js';

/** Names and open items a case card shows, looked up for a CaseView. */
export async function caseCardInput(ctx: HandlerContext, view: CaseView, context: 'GROUP' | 'DIRECT'): Promise<CaseCardInput> {
  const c = view.case;
  return ctx.lookup(async (repos) => {
    const personName = async (id: string | null) => (id ? ((await repos.directory.person(id))?.name ?? null) : null);
    const latest = view.progress.at(-1) ?? null;
    const [village, unit, proposal, extensions] = await Promise.all([
      c.villageId ? repos.directory.village(c.villageId) : null,
      c.unitId ? repos.directory.unit(c.unitId) : null,
      repos.proposals.pendingForCase(c.id),
      repos.extensions.forCase(c.id),
    ]);
    return {
      caseId: c.id,
      number: c.number,
      title: c.title,
      content: c.content,
      status: c.status,
      source: c.source,
      villageName: village?.name ?? null,
      headcount: c.headcount,
      receivedAt: c.receivedAt,
      petitioners: view.petitioners,
      personalDataVisible: view.personalDataVisible,
      context,
      ownerName: await personName(c.ownerLeaderId),
      unitName: unit?.name ?? null,
      responsibleName: await personName(c.responsiblePersonId),
      requirements: view.ownership?.requirements ?? null,
      reportingCadence: view.ownership?.reportingCadence ?? null,
      dueOn: c.dueOn,
      overdue: view.overdue,
      latestProgress: latest
        ? { tag: latest.tag, content: latest.content, stability: latest.stability, at: latest.createdAt, authorName: await personName(latest.authorId) }
        : null,
      ownershipReasons: c.ownershipReasons,
      dangerFlags: c.dangerFlags,
      allowedActions: view.allowedActions,
      pendingProposalId: proposal?.id ?? null,
      pendingExtensionId: extensions.find((e) => e.status === 'PENDING')?.id ?? null,
    };
  });
}
