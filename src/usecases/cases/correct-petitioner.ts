import { z } from 'zod';
import type { Actor, Petitioner } from '../../domain/model.js';
import type { Deps } from '../ports.js';
import { audit } from '../support/audit.js';
import { caseToCorrect, currentPetitioner, petitionerRecord } from '../support/case-corrections.js';
import { id, idNumber, optionalText, phone, text } from '../support/fields.js';
import { parseInput } from '../support/parse-input.js';

/** What changes: a field left out stays as it is, null clears it; checked as at intake. */
const input = z.object({
  caseId: id,
  petitionerId: id,
  name: text(30).optional(),
  idNumber: idNumber.nullable().optional(),
  phone: phone.nullable().optional(),
  address: optionalText(200).optional(),
  reason: optionalText(500),
});

export interface CorrectPetitionerResult {
  petitioner: Petitioner;
  changed: boolean;
}

/**
 * The office corrects a petitioner's name, ID number, phone or address. The row as first
 * written stays, marked superseded, next to the corrected one (R25); the log keeps before → after.
 */
export async function correctPetitioner(deps: Deps, actor: Actor, raw: unknown): Promise<CorrectPetitionerResult> {
  const { caseId, petitionerId, reason, ...patch } = parseInput(input, raw);
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    const c = await caseToCorrect(repos, actor, caseId);
    const { petitioner: before } = await currentPetitioner(repos, c, petitionerId);
    const after: Petitioner = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
    const changed = (['name', 'idNumber', 'phone', 'address'] as const).some((k) => after[k] !== before[k]);
    if (!changed) return { petitioner: before, changed };
    await repos.cases.supersedePetitioner(c.id, before.id!, now);
    const corrected = await repos.cases.addPetitioner(c.id, { ...after, id: undefined });
    await audit(repos, actor, now, {
      action: 'petitioner.correct',
      entityType: 'Petitioner',
      entityId: corrected.id!,
      caseId: c.id,
      before: { ...petitionerRecord(before), id: before.id },
      after: { ...petitionerRecord(corrected), id: corrected.id },
      reason: reason ?? '更正信访人信息',
    });
    return { petitioner: corrected, changed };
  });
}
