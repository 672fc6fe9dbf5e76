import { z } from 'zod';
import { assertCaseAllowed } from '../../domain/authorization.js';
import type { Actor, CaseRecord } from '../../domain/model.js';
import type { Deps } from '../ports.js';
import { id } from '../support/fields.js';
import { lockCase } from '../support/load.js';
import { parseInput } from '../support/parse-input.js';
import { transition } from '../support/transition.js';

const input = z.object({ caseId: id });

/** Archives a followed-up case; R3's ownership ends here, when the case is closed for good. */
export async function archiveCase(deps: Deps, actor: Actor, raw: unknown): Promise<{ case: CaseRecord }> {
  const { caseId } = parseInput(input, raw);
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    const c = await lockCase(repos, caseId);
    assertCaseAllowed(actor.person, 'ARCHIVE', c);
    const updated = await transition(repos, actor, now, c, 'ARCHIVED', '归档', { archivedAt: now });
    const ownership = await repos.ownerships.active(c.id);
    if (ownership) await repos.ownerships.end(ownership.id, now, 'CLOSED');
    return { case: updated };
  });
}
