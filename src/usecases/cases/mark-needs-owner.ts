import { z } from 'zod';
import { assertCaseAllowed } from '../../domain/authorization.js';
import { DomainError } from '../../domain/errors.js';
import type { Actor, CaseRecord } from '../../domain/model.js';
import type { Deps } from '../ports.js';
import { id } from '../support/fields.js';
import { lockCase } from '../support/load.js';
import { parseInput } from '../support/parse-input.js';
import { transition } from '../support/transition.js';

const input = z.object({ caseId: id, reason: z.string().trim().min(1, { error: '请说明需包案的理由' }).max(500) });

/** R1 "其他需包案": the leading group puts a case into the needs-owner queue. */
export async function markNeedsOwner(deps: Deps, actor: Actor, raw: unknown): Promise<{ case: CaseRecord }> {
  const { caseId, reason } = parseInput(input, raw);
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    const c = await lockCase(repos, caseId);
    assertCaseAllowed(actor.person, 'MARK_NEEDS_OWNER', c);
    if (c.ownerLeaderId) throw new DomainError('CONFLICT', `${c.number} 已有包案领导`);
    const reasons = c.ownershipReasons.includes('LEADING_GROUP') ? c.ownershipReasons : [...c.ownershipReasons, 'LEADING_GROUP'];
    return { case: await transition(repos, actor, now, c, 'AWAITING_OWNER', `R1 信访领导小组认定需包案：${reason}`, { ownershipReasons: reasons }) };
  });
}
