import { OPEN_STATUSES } from '../../domain/case-status.js';
import { stageRank, type AckStage } from '../../domain/escalation/ack-stage.js';
import { fromDbDate } from '../../lib/local-date.js';
import type { WorklistRepo } from '../../usecases/ports/worklists.js';
import { readCaseTodoFacts } from './case-todo-facts.js';
import { alertRepo, persuasionRepo } from './escalation-repo.js';
import { toExtension, toProposal } from './mappers.js';
import type { Tx } from './tx.js';

const notNull = <T>(v: T | null): v is T => v !== null;

export function worklistRepo(tx: Tx): WorklistRepo {
  return {
    async pendingProposals(limit) {
      const rows = await tx.ownershipProposal.findMany({ where: { status: 'PENDING' }, orderBy: { proposedAt: 'asc' }, take: limit });
      return rows.map(toProposal);
    },
    async pendingExtensions(limit) {
      const rows = await tx.extension.findMany({ where: { status: 'PENDING' }, orderBy: { requestedAt: 'asc' }, take: limit });
      return rows.map(toExtension);
    },
    async alertsAwaiting(personId) {
      const rows = await tx.alertRecipient.findMany({
        where: { personId, alert: { status: 'OPEN' } },
        select: { alertId: true, stage: true, required: true },
        orderBy: { notifiedAt: 'desc' },
      });
      const due = rows.filter((r) => stageRank(r.stage as AckStage) < stageRank(r.required as AckStage));
      const alerts = alertRepo(tx);
      return (await Promise.all(due.map((r) => alerts.get(r.alertId)))).filter(notNull);
    },
    async openPersuasions(leaderId) {
      const rows = await tx.persuasion.findMany({
        where: { leaderId, outcome: { not: 'RETURNED' } },
        select: { id: true },
        orderBy: { occurredOn: 'desc' },
      });
      const persuasions = persuasionRepo(tx);
      return (await Promise.all(rows.map((r) => persuasions.get(r.id)))).filter(notNull);
    },
    async openStatements(authorId) {
      const rows = await tx.writtenStatement.findMany({
        where: { authorId, submittedAt: null },
        orderBy: [{ dueOn: { sort: 'asc', nulls: 'last' } }, { openedAt: 'asc' }],
      });
      return rows.map((r) => ({ ...r, dueOn: r.dueOn ? fromDbDate(r.dueOn) : null }));
    },
    caseTodoFacts: (scope, limit) => readCaseTodoFacts(tx, scope, limit),
    async openOwnedCases(limit) {
      return tx.case.findMany({
        where: { ownerLeaderId: { not: null }, status: { in: [...OPEN_STATUSES] } },
        select: { id: true, number: true, title: true },
        orderBy: { number: 'asc' },
        take: limit,
      });
    },
  };
}
