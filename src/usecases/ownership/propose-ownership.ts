import { z } from 'zod';
import { assertCaseAllowed } from '../../domain/authorization.js';
import { DomainError } from '../../domain/errors.js';
import type { Actor, CaseRecord, OwnershipProposal } from '../../domain/model.js';
import { notification, type Notification } from '../../domain/notifications.js';
import type { Deps, Repos } from '../ports.js';
import { audit } from '../support/audit.js';
import { id } from '../support/fields.js';
import { lockCase } from '../support/load.js';
import { parseInput } from '../support/parse-input.js';
import { idsWithRole } from '../support/recipients.js';
import { transition } from '../support/transition.js';
import { checkOwnershipTerms } from './check-terms.js';
import { ownershipTermsInput } from './ownership-input.js';

const input = ownershipTermsInput.extend({ caseId: id });

/** R4 研究提出: the leading group proposes an owner; the case waits for the standing committee. */
export async function proposeOwnership(deps: Deps, actor: Actor, raw: unknown): Promise<{ proposal: OwnershipProposal; notifications: Notification[] }> {
  const { caseId, ...terms } = parseInput(input, raw);
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    const c = await lockCase(repos, caseId);
    assertCaseAllowed(actor.person, 'PROPOSE_OWNERSHIP', c);
    if (c.ownerLeaderId) throw new DomainError('CONFLICT', `${c.number} 已有包案领导，更换须走移交程序`);
    if (await repos.proposals.pendingForCase(c.id)) throw new DomainError('CONFLICT', `${c.number} 已有待审定的包案意见`);
    await checkOwnershipTerms(repos, deps.config, c, terms, now);
    const proposal = await repos.proposals.create({ caseId: c.id, kind: 'INITIAL', reason: null, proposedById: actor.person.id, proposedAt: now, ...terms });
    await transition(repos, actor, now, c, 'AWAITING_APPROVAL', 'R4 提出包案意见，报镇委常委会审定');
    await audit(repos, actor, now, { action: 'ownership.propose', entityType: 'OwnershipProposal', entityId: proposal.id, caseId: c.id, after: terms });
    return { proposal, notifications: [await approvalRequested(repos, c, proposal, `${c.number} 包案意见待审定`, c.title)] };
  });
}

const transferInput = ownershipTermsInput.extend({ caseId: id, reason: z.string().trim().min(1, { error: '请说明移交理由' }).max(500) });

/** R3 一包到底: a change of owner is an explicit transfer, approved like R4; the case keeps its status. */
export async function proposeTransfer(deps: Deps, actor: Actor, raw: unknown): Promise<{ proposal: OwnershipProposal; notifications: Notification[] }> {
  const { caseId, reason, ...terms } = parseInput(transferInput, raw);
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    const c = await lockCase(repos, caseId);
    assertCaseAllowed(actor.person, 'PROPOSE_TRANSFER', c);
    const current = await repos.ownerships.active(c.id);
    if (!current || !['IN_PROGRESS', 'EXTENDED'].includes(c.status)) {
      throw new DomainError('INVALID_TRANSITION', `${c.number} 没有正在办理的包案，无需移交`);
    }
    if (await repos.proposals.pendingForCase(c.id)) throw new DomainError('CONFLICT', `${c.number} 已有待审定的包案意见`);
    if (terms.leaderId === current.leaderId && terms.responsiblePersonId === current.responsiblePersonId && terms.unitId === current.unitId) {
      throw new DomainError('VALIDATION', '移交后的包案领导、责任单位和责任人与现在相同');
    }
    await checkOwnershipTerms(repos, deps.config, c, terms, now);
    const proposal = await repos.proposals.create({ caseId: c.id, kind: 'TRANSFER', reason, proposedById: actor.person.id, proposedAt: now, ...terms });
    await audit(repos, actor, now, { action: 'ownership.propose_transfer', entityType: 'OwnershipProposal', entityId: proposal.id, caseId: c.id, before: { leaderId: current.leaderId }, after: terms, reason });
    return { proposal, notifications: [await approvalRequested(repos, c, proposal, `${c.number} 包案移交待审定`, `${c.title}（理由：${reason}）`)] };
  });
}

/** R4: the standing committee's approvers are asked to decide. */
async function approvalRequested(repos: Repos, c: CaseRecord, proposal: OwnershipProposal, title: string, body: string): Promise<Notification> {
  return notification({
    kind: 'OWNERSHIP_APPROVAL_REQUESTED',
    key: `proposal:${proposal.id}`,
    urgency: 'NORMAL',
    recipientIds: await idsWithRole(repos, 'APPROVER'),
    caseId: c.id,
    title,
    body,
  });
}
