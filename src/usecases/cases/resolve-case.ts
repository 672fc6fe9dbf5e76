import { z } from 'zod';
import { assertCaseAllowed } from '../../domain/authorization.js';
import { overdueFacts } from '../../domain/deadlines/overdue.js';
import { DomainError } from '../../domain/errors.js';
import type { Actor, CaseRecord } from '../../domain/model.js';
import { notification, type Notification } from '../../domain/notifications.js';
import { checkClosingConditions } from '../../domain/progress/closing-conditions.js';
import { localDateOf } from '../../lib/local-date.js';
import type { Deps } from '../ports.js';
import { id, text } from '../support/fields.js';
import { lockCase } from '../support/load.js';
import { parseInput } from '../support/parse-input.js';
import { idsWithRole } from '../support/recipients.js';
import { transition } from '../support/transition.js';

const input = z.object({ caseId: id, resolution: text(2000) });

/** R6: resolves a case once 查办, 落实 and a 保稳定 assessment are on record; R11 keeps lateness. */
export async function resolveCase(deps: Deps, actor: Actor, raw: unknown): Promise<{ case: CaseRecord; notifications: Notification[] }> {
  const { caseId, resolution } = parseInput(input, raw);
  const now = deps.clock.now();
  const calendar = await deps.config.calendar();
  return deps.uow.run(async (repos) => {
    const c = await lockCase(repos, caseId);
    assertCaseAllowed(actor.person, 'RESOLVE', c);
    const check = checkClosingConditions(await repos.progress.forCase(c.id));
    if (!check.ok) {
      throw new DomainError('CLOSING_CONDITIONS', `${c.number} 尚不能办结，还缺：${check.missing.join('、')}`, { missing: check.missing });
    }
    const late = c.dueOn ? overdueFacts(c.dueOn, localDateOf(now), localDateOf(now), calendar) : null;
    const updated = await transition(repos, actor, now, c, 'RESOLVED', 'R6 办结', {
      resolution,
      resolvedAt: now,
      stability: check.stability,
      overdueOn: c.overdueOn ?? late?.overdueSince ?? null,
    });
    return {
      case: updated,
      notifications: [
        notification({
          kind: 'CASE_RESOLVED',
          key: `resolved:${c.id}:${now.getTime()}`,
          urgency: 'NORMAL',
          recipientIds: await idsWithRole(repos, 'OFFICE_STAFF'),
          caseId: c.id,
          title: `${c.number} 已办结，请安排回访`,
          body: resolution,
        }),
      ],
    };
  });
}
