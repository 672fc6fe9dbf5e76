import { extensionDecisionCard } from '../../../cards/builders/extension-decision.js';
import type { Card } from '../../../cards/model.js';
import { DomainError } from '../../domain/errors.js';
import type { ConfigSource, Repos } from '../../usecases/ports.js';
import { deadlineOf } from '../../usecases/support/deadline.js';
import { caseMaskers } from '../../usecases/support/case-maskers.js';

/** R10: an extension request as the leading group decides it, with R9's ceiling shown. */
export async function extensionDecisionCardFor(repos: Repos, config: ConfigSource, extensionId: string): Promise<Card> {
  const ext = await repos.extensions.get(extensionId);
  if (!ext) throw new DomainError('NOT_FOUND', '找不到该延期申请');
  if (ext.status !== 'PENDING') throw new DomainError('ALREADY_DONE', `该延期申请已${ext.status === 'APPROVED' ? '批准' : '审批未通过'}，无需再审批`);
  const c = await repos.cases.get(ext.caseId);
  if (!c) throw new DomainError('NOT_FOUND', '找不到该案件');
  const { milestones } = await deadlineOf(repos, config, c);
  const r = (await caseMaskers(repos, [c.id]))(c.id);
  return extensionDecisionCard({
    extensionId: ext.id,
    case: { caseId: c.id, number: c.number, title: r.text(c.title) },
    currentDueOn: c.dueOn ?? ext.requestedDueOn,
    requestedDueOn: ext.requestedDueOn,
    reason: r.text(ext.reason),
    requestedByName: (await repos.directory.person(ext.requestedById))?.name ?? '—',
    requestedAt: ext.requestedAt,
    ceiling: milestones.statutoryCeiling,
  });
}
