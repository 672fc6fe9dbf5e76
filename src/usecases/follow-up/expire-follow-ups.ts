import { followUpExpired } from '../../domain/follow-up/follow-up.js';
import type { Notification } from '../../domain/notifications.js';
import { addDays, localDateOf, startOfLocalDate } from '../../lib/local-date.js';
import type { Deps } from '../ports.js';
import { audit } from '../support/audit.js';
import { transition } from '../support/transition.js';

/**
 * R27 system job: a resolved case whose follow-up window has passed with no call-back gets
 * 逾期未评价 for both the office and the unit and moves to 已回访 (so it can be archived).
 * Idempotent: each case is re-checked under its lock, and a rated case is no longer a candidate.
 */
export async function expireFollowUps(deps: Deps): Promise<{ expiredCaseIds: string[]; notifications: Notification[] }> {
  const now = deps.clock.now();
  const today = localDateOf(now);
  const [calendar, policy] = await Promise.all([deps.config.calendar(), deps.config.deadlinePolicy()]);
  // A window ends no earlier than followUpWindowDays − 1 days after resolution: a safe superset.
  const resolvedBefore = startOfLocalDate(addDays(today, -(policy.followUpWindowDays - 1)));
  const candidates = await deps.uow.run((repos) => repos.followUps.awaitingFollowUp(resolvedBefore));
  const expiredCaseIds: string[] = [];
  for (const caseId of candidates) {
    const expired = await deps.uow.run(async (repos) => {
      const c = await repos.cases.lock(caseId);
      if (!c) return false;
      const last = (await repos.followUps.forCase(caseId)).at(-1)?.recordedAt ?? null;
      if (!followUpExpired({ status: c.status, resolvedAt: c.resolvedAt, lastFollowUpAt: last }, today, calendar, policy)) return false;
      const followUp = await repos.followUps.create({
        caseId,
        officeRating: 'NOT_RATED',
        unitRating: 'NOT_RATED',
        note: null,
        recordedById: null,
        recordedAt: now,
        reopened: false,
      });
      await audit(repos, null, now, {
        action: 'case.follow_up',
        entityType: 'FollowUp',
        entityId: followUp.id,
        caseId,
        after: { officeRating: 'NOT_RATED', unitRating: 'NOT_RATED' },
        reason: 'R27 回访期限已过，逾期未评价',
      });
      await transition(repos, null, now, c, 'FOLLOWED_UP', 'R27 回访期限已过，逾期未评价');
      return true;
    });
    if (expired) expiredCaseIds.push(caseId);
  }
  return { expiredCaseIds, notifications: [] };
}
