import { z } from 'zod';
import { assertCaseAllowed } from '../../domain/authorization.js';
import { DomainError } from '../../domain/errors.js';
import type { Actor, CaseRecord, OwnershipProposal } from '../../domain/model.js';
import { notification, type Notification } from '../../domain/notifications.js';
import type { Deps, Repos } from '../ports.js';
import { audit } from '../support/audit.js';
import { deadlineOf } from '../support/deadline.js';
import { id } from '../support/fields.js';
import { lockCase } from '../support/load.js';
import { parseInput } from '../support/parse-input.js';
import { transition } from '../support/transition.js';
import { assertTermsNotAccused } from './check-terms.js';

const approveInput = z.object({ proposalId: id, comment: z.string().trim().max(500).optional() });
const returnInput = z.object({ proposalId: id, reason: z.string().trim().min(1, { error: '退回须说明理由' }).max(500) });

async function loadPending(repos: Repos, proposalId: string): Promise<{ proposal: OwnershipProposal; c: CaseRecord }> {
  const found = await repos.proposals.get(proposalId);
  if (!found) throw new DomainError('NOT_FOUND', '找不到该包案意见', { proposalId });
  // Lock the case first: concurrent decisions on one case queue here, and the second sees the first's result.
  const c = await lockCase(repos, found.caseId);
  const proposal = await repos.proposals.get(proposalId);
  if (!proposal || proposal.status !== 'PENDING') {
    throw new DomainError('ALREADY_DONE', '该包案意见已经审定过了', { proposalId, status: proposal?.status });
  }
  return { proposal, c };
}

/** R4 常委会审定: approval makes the ownership active (or completes an R3 transfer) and tells the owner. */
export async function approveOwnership(deps: Deps, actor: Actor, raw: unknown): Promise<{ case: CaseRecord; notifications: Notification[] }> {
  const { proposalId, comment } = parseInput(approveInput, raw);
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    const { proposal, c } = await loadPending(repos, proposalId);
    assertCaseAllowed(actor.person, 'DECIDE_OWNERSHIP', c);
    // The case may have been classified since the proposal named its handlers.
    await assertTermsNotAccused(repos, c, proposal);
    const decided = await repos.proposals.decide(proposal.id, { status: 'APPROVED', decidedById: actor.person.id, decidedAt: now, decisionReason: comment ?? null });
    if (!decided) throw new DomainError('ALREADY_DONE', '该包案意见已经审定过了', { proposalId });

    const previous = await repos.ownerships.active(c.id);
    if (previous) await repos.ownerships.end(previous.id, now, 'TRANSFERRED');
    await repos.ownerships.activate(proposal, now);
    const assignment = {
      ownerLeaderId: proposal.leaderId,
      unitId: proposal.unitId,
      responsiblePersonId: proposal.responsiblePersonId,
      territorialUnitId: proposal.territorialUnitId,
      functionalUnitId: proposal.functionalUnitId,
      assignedById: proposal.proposedById,
      assignedAt: now,
    };
    let updated = proposal.kind === 'INITIAL'
      ? await transition(repos, actor, now, c, 'IN_PROGRESS', 'R4 常委会审定通过，包案生效', assignment)
      : await repos.cases.update(c.id, assignment);
    const deadline = await deadlineOf(repos, deps.config, updated);
    updated = await repos.cases.update(c.id, { dueOn: deadline.dueOn, dueRule: deadline.rule });
    await audit(repos, actor, now, {
      action: proposal.kind === 'INITIAL' ? 'ownership.approve' : 'ownership.transfer',
      entityType: 'OwnershipProposal',
      entityId: proposal.id,
      caseId: c.id,
      before: previous ? { leaderId: previous.leaderId, unitId: previous.unitId, responsiblePersonId: previous.responsiblePersonId } : null,
      after: { ...assignment, dueOn: updated.dueOn, dueRule: updated.dueRule },
      reason: comment ?? null,
    });
    const unit = await repos.directory.unit(proposal.unitId);
    const told = [proposal.leaderId, proposal.responsiblePersonId, ...(unit?.headId ? [unit.headId] : []), ...(previous ? [previous.leaderId] : [])];
    return {
      case: updated,
      notifications: [
        notification({
          kind: 'OWNERSHIP_ACTIVATED',
          key: `ownership:${proposal.id}`,
          urgency: 'NORMAL',
          recipientIds: told,
          caseId: c.id,
          title: proposal.kind === 'INITIAL' ? `${c.number} 包案已生效` : `${c.number} 包案已移交`,
          body: `${c.title}｜办结时限 ${updated.dueOn}｜责任要求：${proposal.requirements}`,
        }),
      ],
    };
  });
}

/** R4: an approver returns a proposal with a reason; it goes back to the proposer. */
export async function returnProposal(deps: Deps, actor: Actor, raw: unknown): Promise<{ case: CaseRecord; notifications: Notification[] }> {
  const { proposalId, reason } = parseInput(returnInput, raw);
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    const { proposal, c } = await loadPending(repos, proposalId);
    assertCaseAllowed(actor.person, 'DECIDE_OWNERSHIP', c);
    const decided = await repos.proposals.decide(proposal.id, { status: 'RETURNED', decidedById: actor.person.id, decidedAt: now, decisionReason: reason });
    if (!decided) throw new DomainError('ALREADY_DONE', '该包案意见已经审定过了', { proposalId });
    const updated = proposal.kind === 'INITIAL' ? await transition(repos, actor, now, c, 'RETURNED', `R4 退回：${reason}`) : c;
    await audit(repos, actor, now, { action: 'ownership.return', entityType: 'OwnershipProposal', entityId: proposal.id, caseId: c.id, reason });
    return {
      case: updated,
      notifications: [
        notification({
          kind: 'PROPOSAL_RETURNED',
          key: `proposal-returned:${proposal.id}`,
          urgency: 'NORMAL',
          recipientIds: [proposal.proposedById],
          caseId: c.id,
          title: `${c.number} 包案意见被退回`,
          body: `退回理由：${reason}`,
        }),
      ],
    };
  });
}
