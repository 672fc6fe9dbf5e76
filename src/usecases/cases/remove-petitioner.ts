import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import type { Actor, Petitioner } from '../../domain/model.js';
import type { Deps } from '../ports.js';
import { audit } from '../support/audit.js';
import { caseToCorrect, currentPetitioner, petitionerRecord } from '../support/case-corrections.js';
import { AT_LEAST_ONE_PETITIONER, id, optionalText } from '../support/fields.js';
import { parseInput } from '../support/parse-input.js';

const input = z.object({ caseId: id, petitionerId: id, reason: optionalText(500) });

/**
 * The office removes a petitioner registered by mistake; a case keeps at least one. The row
 * stays, marked superseded (R25), so the register still shows who was recorded and when.
 */
export async function removePetitioner(deps: Deps, actor: Actor, raw: unknown): Promise<{ removed: Petitioner }> {
  const { caseId, petitionerId, reason } = parseInput(input, raw);
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    const c = await caseToCorrect(repos, actor, caseId);
    const { petitioner, all } = await currentPetitioner(repos, c, petitionerId);
    if (all.length === 1) throw new DomainError('CONFLICT', `${AT_LEAST_ONE_PETITIONER}：请先添加正确的信访人，再删除此人`);
    await repos.cases.supersedePetitioner(c.id, petitioner.id!, now);
    await audit(repos, actor, now, {
      action: 'petitioner.remove',
      entityType: 'Petitioner',
      entityId: petitioner.id!,
      caseId: c.id,
      before: petitionerRecord(petitioner),
      reason: reason ?? '删除误登记的信访人',
    });
    return { removed: petitioner };
  });
}
