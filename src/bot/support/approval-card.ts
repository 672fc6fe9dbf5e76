import { approvalCard } from '../../../cards/builders/approval.js';
import type { Card } from '../../../cards/model.js';
import { authorizeCase } from '../../domain/authorization.js';
import { DomainError } from '../../domain/errors.js';
import type { Repos } from '../../usecases/ports.js';
import type { HandlerContext } from '../handler.js';
import { caseMaskers } from '../../usecases/support/case-maskers.js';

/** R4: a pending proposal as the standing committee sees it, with 同意 / 退回 for approvers. */
export function approvalCardFor(ctx: HandlerContext, proposalId: string): Promise<Card> {
  return ctx.lookup((repos) => approvalCardForRepos(repos, proposalId, ctx.actor.person.id));
}

export async function approvalCardForRepos(repos: Repos, proposalId: string, viewerId: string): Promise<Card> {
  {
    const p = await repos.proposals.get(proposalId);
    if (!p) throw new DomainError('NOT_FOUND', '找不到该包案意见');
    const c = await repos.cases.get(p.caseId);
    if (!c) throw new DomainError('NOT_FOUND', '找不到该案件');
    const viewer = await repos.directory.person(viewerId);
    const r = (await caseMaskers(repos, [c.id]))(c.id);
    const person = async (id: string) => (await repos.directory.person(id))?.name ?? '—';
    const unit = async (id: string | null) => (id ? ((await repos.directory.unit(id))?.name ?? '—') : null);
    return approvalCard({
      proposalId: p.id,
      kind: p.kind,
      case: { caseId: c.id, number: c.number, title: r.text(c.title) },
      leaderName: await person(p.leaderId),
      unitName: (await unit(p.unitId)) ?? '—',
      responsibleName: await person(p.responsiblePersonId),
      requirements: r.text(p.requirements),
      deadline: p.deadline,
      reportingCadence: p.reportingCadence,
      reportingNote: r.maybe(p.reportingNote),
      territorialUnitName: await unit(p.territorialUnitId),
      functionalUnitName: await unit(p.functionalUnitId),
      reason: r.maybe(p.reason),
      currentLeaderName: c.ownerLeaderId ? await person(c.ownerLeaderId) : null,
      proposedByName: await person(p.proposedById),
      proposedAt: p.proposedAt,
      canDecide: p.status === 'PENDING' && viewer !== null && authorizeCase(viewer, 'DECIDE_OWNERSHIP', c).allowed,
    });
  }
}
