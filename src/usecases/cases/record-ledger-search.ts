import { z } from 'zod';
import { assertGlobalAllowed } from '../../domain/authorization.js';
import type { Actor } from '../../domain/model.js';
import { maskSearchTerm } from '../../domain/privacy/mask-search-term.js';
import type { Deps } from '../ports.js';
import { audit } from '../support/audit.js';
import { parseInput } from '../support/parse-input.js';

const input = z.object({
  /** What was typed: masked before it is kept (maskSearchTerm says why not hashed). */
  term: z.string().trim().min(1).max(100),
  /** Cases the search found through their petitioners, newest first (at most 50 named). */
  cases: z.array(z.string().max(40)).max(50),
  count: z.number().int().min(1),
  /** The ledger page, or an export of it. */
  output: z.enum(['PAGE', 'EXPORT']),
});

/**
 * R24/R25: a search of the ledger that found cases through a petitioner's name, phone or ID
 * number is a look-up of a person: who searched, when, for what (masked) and whose cases it
 * reached go in the audit log. Only those allowed to search petitioners can make one.
 */
export async function recordLedgerSearch(deps: Deps, actor: Actor, raw: unknown): Promise<void> {
  const v = parseInput(input, raw);
  assertGlobalAllowed(actor.person, 'LIST_PERSONAL_DATA');
  await deps.uow.run((repos) =>
    audit(repos, actor, deps.clock.now(), {
      action: 'ledger.search_personal_data',
      entityType: 'Ledger',
      entityId: 'ledger',
      after: { term: maskSearchTerm(v.term), count: v.count, cases: v.cases, output: v.output },
      reason: '按信访人姓名、电话或身份证号检索台账',
    }),
  );
}
