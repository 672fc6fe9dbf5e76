import { z } from 'zod';
import { assertCaseAllowed } from '../../domain/authorization.js';
import { DomainError } from '../../domain/errors.js';
import type { Actor, CaseRecord } from '../../domain/model.js';
import type { Notification } from '../../domain/notifications.js';
import type { ReviewClocks } from '../../domain/review/review-clocks.js';
import { localDateOf } from '../../lib/local-date.js';
import type { Deps } from '../ports.js';
import { audit } from '../support/audit.js';
import { id, optionalText } from '../support/fields.js';
import { lockCase } from '../support/load.js';
import { parseInput } from '../support/parse-input.js';
import { clocksOf, reviewFactsOf } from '../support/review-facts.js';

export const issueOpinionInput = z.object({
  caseId: id,
  issuedAt: z.coerce.date({ error: '出具时间格式不正确' }).optional(),
  summary: optionalText(2000),
});

const HANDLED = ['RESOLVED', 'FOLLOWED_UP', 'ARCHIVED'];

/**
 * R26: records that the written opinion (处理意见书) of a handled 申诉求决 case was issued;
 * the 复查 window runs from it. The case status does not change.
 */
export async function issueOpinion(deps: Deps, actor: Actor, raw: unknown): Promise<{ case: CaseRecord; clocks: ReviewClocks; notifications: Notification[] }> {
  const input = parseInput(issueOpinionInput, raw);
  const now = deps.clock.now();
  const issuedAt = input.issuedAt ?? now;
  if (issuedAt.getTime() > now.getTime() + 60_000) throw new DomainError('VALIDATION', '输入有误：出具时间不能晚于现在');
  return deps.uow.run(async (repos) => {
    const c = await lockCase(repos, input.caseId);
    assertCaseAllowed(actor.person, 'RECORD_REVIEW', c);
    if (c.classification !== 'CLAIM') throw new DomainError('CONFLICT', '只有「申诉求决」类信访事项出具处理意见书');
    if (!HANDLED.includes(c.status) || !c.resolvedAt) throw new DomainError('CONFLICT', '案件办结后才能出具处理意见书', { status: c.status });
    if (c.opinionIssuedAt) throw new DomainError('ALREADY_DONE', `该案件已于${localDateOf(c.opinionIssuedAt)}出具处理意见书`);
    if (localDateOf(issuedAt) < localDateOf(c.resolvedAt)) {
      throw new DomainError('VALIDATION', `输入有误：出具时间不能早于办结日期（${localDateOf(c.resolvedAt)}）`);
    }
    const updated = await repos.cases.update(c.id, { opinionIssuedAt: issuedAt });
    await audit(repos, actor, now, {
      action: 'case.opinion',
      entityType: 'Case',
      entityId: c.id,
      caseId: c.id,
      before: { opinionIssuedAt: null },
      after: { opinionIssuedAt: issuedAt.toISOString(), summary: input.summary },
      reason: 'R26 出具处理意见书',
    });
    const { facts } = await reviewFactsOf(repos, updated);
    return { case: updated, clocks: await clocksOf(deps.config, facts, now), notifications: [] };
  });
}
