import { z } from 'zod';
import { assertCaseAllowed } from '../../domain/authorization.js';
import { assertTransition } from '../../domain/case-status.js';
import type { Actor, CaseRecord } from '../../domain/model.js';
import { ARCHIVE_CONFIRMATIONS, archiveCheck, type ArchiveQuestion } from '../../domain/review/archive-check.js';
import type { Deps } from '../ports.js';
import { id } from '../support/fields.js';
import { lockCase } from '../support/load.js';
import { parseInput } from '../support/parse-input.js';
import { clocksOf, reviewFactsOf } from '../support/review-facts.js';
import { transition } from '../support/transition.js';

const input = z.object({
  caseId: id,
  /** What the office confirmed when it was asked (R26): archiving with a review window still open. */
  confirmed: z.enum(ARCHIVE_CONFIRMATIONS, { error: '确认内容无效' }).optional(),
});

export type ArchiveCaseResult =
  | { archived: true; case: CaseRecord }
  /** Nothing changed: the office is asked first (R26), and archives by confirming `question.about`. */
  | { archived: false; case: CaseRecord; question: ArchiveQuestion };

/**
 * Archives a followed-up case; R3's ownership ends here, when the case is closed for good. R26:
 * refused while a 复查/复核 waits for its answer; while the petitioner may still ask, or a claim
 * still has no 处理意见书, only once the office has confirmed.
 */
export async function archiveCase(deps: Deps, actor: Actor, raw: unknown): Promise<ArchiveCaseResult> {
  const { caseId, confirmed } = parseInput(input, raw);
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    const c = await lockCase(repos, caseId);
    assertCaseAllowed(actor.person, 'ARCHIVE', c);
    assertTransition(c.status, 'ARCHIVED');
    const { facts } = await reviewFactsOf(repos, c);
    const check = archiveCheck(facts, await clocksOf(deps.config, facts, now), confirmed ?? null);
    if (check.kind === 'CONFIRM') return { archived: false, case: c, question: check.question };
    const reason = check.confirmed ? `归档（${confirmedReason(check.confirmed)}，经确认）` : '归档';
    const updated = await transition(repos, actor, now, c, 'ARCHIVED', reason, { archivedAt: now });
    const ownership = await repos.ownerships.active(c.id);
    if (ownership) await repos.ownerships.end(ownership.id, now, 'CLOSED');
    return { archived: true, case: updated };
  });
}

function confirmedReason(q: ArchiveQuestion): string {
  switch (q.about) {
    case 'AWAITING_OPINION': return '尚未出具处理意见书';
    case 'REVIEW_WINDOW': return `信访人在${q.openUntil}前仍可请求复查`;
    case 'RE_REVIEW_WINDOW': return `信访人在${q.openUntil}前仍可请求复核`;
  }
}
