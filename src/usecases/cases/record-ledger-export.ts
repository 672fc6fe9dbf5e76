import { z } from 'zod';
import { assertGlobalAllowed } from '../../domain/authorization.js';
import type { Actor } from '../../domain/model.js';
import type { Deps } from '../ports.js';
import { audit } from '../support/audit.js';
import { parseInput } from '../support/parse-input.js';

const input = z.object({
  filterText: z.string().max(1000),
  count: z.number().int().min(0),
  /** Unmasked petitioners' names, phones and ID numbers (R24). */
  full: z.boolean(),
});

/**
 * R24/R25: an export of the ledger leaves the building: it is audited, and one with petitioners'
 * full personal data may only be made by the petition office.
 */
export async function recordLedgerExport(deps: Deps, actor: Actor, raw: unknown): Promise<void> {
  const v = parseInput(input, raw);
  assertGlobalAllowed(actor.person, 'LIST_ALL_CASES');
  if (v.full) assertGlobalAllowed(actor.person, 'LIST_PERSONAL_DATA');
  await deps.uow.run((repos) =>
    audit(repos, actor, deps.clock.now(), {
      action: v.full ? 'ledger.export_personal_data' : 'ledger.export',
      entityType: 'Ledger',
      entityId: 'ledger',
      after: { filter: v.filterText, count: v.count },
      reason: v.full ? '导出含信访人完整信息的台账' : '导出台账（信访人信息已脱敏）',
    }),
  );
}
