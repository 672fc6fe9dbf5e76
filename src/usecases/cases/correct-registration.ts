import { z } from 'zod';
import { caseDeadline } from '../../domain/deadlines/case-deadlines.js';
import { correctedDeadline, type DeadlineEffect } from '../../domain/deadlines/corrected-deadline.js';
import { DomainError } from '../../domain/errors.js';
import { rescopedReasons } from '../../domain/intake/ownership-scope.js';
import type { Actor, CaseRecord } from '../../domain/model.js';
import type { Notification } from '../../domain/notifications.js';
import { localDateOf } from '../../lib/local-date.js';
import type { Deps, NewCase } from '../ports.js';
import { audit } from '../support/audit.js';
import { deadlineFactsOf } from '../support/deadline.js';
import { id, optionalText } from '../support/fields.js';
import { caseToCorrect } from '../support/case-corrections.js';
import { parseInput } from '../support/parse-input.js';
import { flagNewDanger, queueIfNowInScope } from '../support/registration-flags.js';
import { registrationFields } from '../support/registration-fields.js';

/** The registration as corrected: every field, as the office's form submits it (checked as at intake). */
const input = z.object({ caseId: id, ...registrationFields, reason: optionalText(500) });

const FIELDS = ['title', 'content', 'source', 'category', 'complexity', 'villageId', 'headcount'] as const;
export type RegistrationField = (typeof FIELDS)[number];

export interface CorrectRegistrationResult {
  case: CaseRecord;
  /** The fields that changed; none when the form said what the case already said. */
  changed: RegistrationField[];
  /** What a change of source or complexity did to the deadline (R7–R11); null when neither changed. */
  deadline: DeadlineEffect | null;
  notifications: Notification[];
}

/**
 * The office corrects what was registered wrongly: title, content, source, category, complexity,
 * village and headcount, audited before → after. What intake derives from them is derived again:
 * the deadline (R7; see correctedDeadline for when it may no longer move), the R1 ownership scope
 * and the R20 scan.
 */
export async function correctRegistration(deps: Deps, actor: Actor, raw: unknown): Promise<CorrectRegistrationResult> {
  const v = parseInput(input, raw);
  const now = deps.clock.now();
  // Read before the transaction: on the embedded database it holds the only connection.
  const [calendar, policy, rules] = await Promise.all([deps.config.calendar(), deps.config.deadlinePolicy(), deps.config.keywordRules()]);
  return deps.uow.run(async (repos) => {
    const c = await caseToCorrect(repos, actor, v.caseId);
    const changed = FIELDS.filter((f) => v[f] !== c[f]);
    if (changed.length === 0) return { case: c, changed, deadline: null, notifications: [] };
    if (changed.includes('villageId') && v.villageId && !(await repos.directory.village(v.villageId))) {
      throw new DomainError('NOT_FOUND', '所属村不存在', { villageId: v.villageId });
    }
    const patch: Partial<NewCase> = Object.fromEntries(changed.map((f) => [f, v[f]]));
    let deadline: DeadlineEffect | null = null;
    if (changed.includes('source') || changed.includes('complexity')) {
      const facts = { ...(await deadlineFactsOf(repos, c)), source: v.source, complexity: v.complexity };
      deadline = correctedDeadline(c, caseDeadline(facts, calendar, policy), localDateOf(now));
      if (deadline.dueOn !== c.dueOn || deadline.dueRule !== c.dueRule) Object.assign(patch, { dueOn: deadline.dueOn, dueRule: deadline.dueRule });
    }
    const reasons = rescopedReasons(c.ownershipReasons, { source: v.source, headcount: v.headcount });
    if (reasons.join() !== c.ownershipReasons.join()) patch.ownershipReasons = reasons;
    const corrected = await repos.cases.update(c.id, patch);
    const keys = Object.keys(patch) as (keyof NewCase)[];
    await audit(repos, actor, now, {
      action: 'case.correct',
      entityType: 'Case',
      entityId: c.id,
      caseId: c.id,
      before: Object.fromEntries(keys.map((k) => [k, c[k]])),
      after: patch,
      reason: v.reason ?? '更正登记信息',
    });
    const queued = await queueIfNowInScope(repos, actor, now, c, corrected);
    const rescan = changed.some((f) => f === 'title' || f === 'content' || f === 'source');
    const flagged = rescan ? await flagNewDanger(repos, actor, now, queued.case, (await repos.cases.petitioners(c.id)).length, rules) : { case: queued.case, notifications: [] };
    return { case: flagged.case, changed, deadline, notifications: [...queued.notifications, ...flagged.notifications] };
  });
}
