import type { Actor, CaseRecord, Petitioner } from '../../domain/model.js';
import type { Notification } from '../../domain/notifications.js';
import type { Deps } from '../ports.js';
import { audit } from '../support/audit.js';
import { caseToCorrect, petitionerRecord } from '../support/case-corrections.js';
import { id, optionalText, petitioner } from '../support/fields.js';
import { parseInput } from '../support/parse-input.js';
import { flagNewDanger } from '../support/registration-flags.js';

const input = petitioner.extend({ caseId: id, reason: optionalText(500) });

export interface AddPetitionerResult {
  case: CaseRecord;
  petitioner: Petitioner;
  notifications: Notification[];
}

/**
 * The office adds a petitioner to a case, checked as at intake (a valid ID number and phone).
 * The first one of a case converted from a sentiment report that named nobody completes it
 * (R16). A letter that now has several signatories is a joint letter (R20).
 */
export async function addPetitioner(deps: Deps, actor: Actor, raw: unknown): Promise<AddPetitionerResult> {
  const { caseId, reason, ...p } = parseInput(input, raw);
  const now = deps.clock.now();
  // Read before the transaction: on the embedded database it holds the only connection.
  const rules = await deps.config.keywordRules();
  return deps.uow.run(async (repos) => {
    const c = await caseToCorrect(repos, actor, caseId);
    const others = await repos.cases.petitioners(c.id);
    const added = await repos.cases.addPetitioner(c.id, { ...p, isPrimary: others.length === 0 });
    const completed = c.petitionersPending ? await repos.cases.update(c.id, { petitionersPending: false }) : c;
    await audit(repos, actor, now, {
      action: 'petitioner.add',
      entityType: 'Petitioner',
      entityId: added.id!,
      caseId: c.id,
      before: c.petitionersPending ? { petitionersPending: true } : null,
      after: { ...petitionerRecord(added), ...(c.petitionersPending ? { petitionersPending: false } : {}) },
      reason: reason ?? (c.petitionersPending ? '补充信访人（R16 民情转办时未留信访人）' : '补充信访人'),
    });
    const flagged = await flagNewDanger(repos, actor, now, completed, others.length + 1, rules);
    return { case: flagged.case, petitioner: added, notifications: flagged.notifications };
  });
}
