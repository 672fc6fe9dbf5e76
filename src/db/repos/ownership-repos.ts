import { toDbDate } from '../../lib/local-date.js';
import type { OwnershipRepo, ProposalRepo } from '../../usecases/ports.js';
import { toOwnership, toProposal } from './mappers.js';
import type { Tx } from './tx.js';

export function proposalRepo(tx: Tx): ProposalRepo {
  return {
    async create(data) {
      return toProposal(await tx.ownershipProposal.create({ data: { ...data, deadline: toDbDate(data.deadline) } }));
    },
    async get(id) {
      const row = await tx.ownershipProposal.findUnique({ where: { id } });
      return row ? toProposal(row) : null;
    },
    async pendingIds(limit, afterId) {
      const rows = await tx.ownershipProposal.findMany({ where: { status: 'PENDING', ...(afterId ? { id: { gt: afterId } } : {}) }, select: { id: true }, orderBy: { id: 'asc' }, take: limit });
      return rows.map((r) => r.id);
    },
    async pendingForCase(caseId) {
      const row = await tx.ownershipProposal.findFirst({ where: { caseId, status: 'PENDING' }, orderBy: { proposedAt: 'desc' } });
      return row ? toProposal(row) : null;
    },
    async decide(id, decision) {
      // Conditional on PENDING: of two concurrent decisions exactly one changes the row.
      const { count } = await tx.ownershipProposal.updateMany({ where: { id, status: 'PENDING' }, data: decision });
      return count === 1;
    },
  };
}

export function ownershipRepo(tx: Tx): OwnershipRepo {
  return {
    async activate(p, at) {
      const row = await tx.caseOwnership.create({
        data: {
          caseId: p.caseId,
          proposalId: p.id,
          leaderId: p.leaderId,
          unitId: p.unitId,
          responsiblePersonId: p.responsiblePersonId,
          requirements: p.requirements,
          deadline: toDbDate(p.deadline),
          reportingCadence: p.reportingCadence,
          reportingNote: p.reportingNote,
          activeFrom: at,
        },
      });
      return { ...toOwnership(row), territorialUnitId: p.territorialUnitId, functionalUnitId: p.functionalUnitId };
    },
    async active(caseId) {
      const row = await tx.caseOwnership.findFirst({ where: { caseId, endedAt: null }, include: { proposal: true } });
      if (!row) return null;
      return { ...toOwnership(row), territorialUnitId: row.proposal.territorialUnitId, functionalUnitId: row.proposal.functionalUnitId };
    },
    async end(id, at, reason) {
      await tx.caseOwnership.update({ where: { id }, data: { endedAt: at, endReason: reason } });
    },
  };
}
