import { z } from 'zod';
import { assertCaseAllowed } from '../../domain/authorization.js';
import { DomainError } from '../../domain/errors.js';
import { PROGRESS_TAGS, STABILITY_ASSESSMENTS, type Actor, type ProgressEntry } from '../../domain/model.js';
import type { Deps } from '../ports.js';
import { audit } from '../support/audit.js';
import { id, text } from '../support/fields.js';
import { lockCase } from '../support/load.js';
import { parseInput } from '../support/parse-input.js';

const input = z
  .object({
    caseId: id,
    tag: z.enum(PROGRESS_TAGS),
    content: text(2000),
    stability: z.enum(STABILITY_ASSESSMENTS).optional().nullable().transform((v) => v ?? null),
  })
  .refine((v) => v.tag !== 'STABILITY' || v.stability !== null, { error: '「保稳定」进展须选择稳定评估', path: ['stability'] });

/** R6 三包一保 progress, also the R5 反馈 (feedback) of the case. */
export async function addProgress(deps: Deps, actor: Actor, raw: unknown): Promise<{ entry: ProgressEntry }> {
  const v = parseInput(input, raw);
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    const c = await lockCase(repos, v.caseId);
    assertCaseAllowed(actor.person, 'ADD_PROGRESS', c);
    if (c.status !== 'IN_PROGRESS' && c.status !== 'EXTENDED') {
      throw new DomainError('INVALID_TRANSITION', `${c.number} 不在办理中，不能报送进展`);
    }
    const entry = await repos.progress.add({
      caseId: c.id,
      authorId: actor.person.id,
      unitId: actor.person.unitId,
      tag: v.tag,
      content: v.content,
      stability: v.tag === 'STABILITY' ? v.stability : null,
      createdAt: now,
    });
    await repos.cases.update(c.id, { feedbackById: actor.person.id, feedbackAt: now });
    await audit(repos, actor, now, { action: 'case.progress', entityType: 'ProgressEntry', entityId: entry.id, caseId: c.id, after: { tag: v.tag, stability: entry.stability } });
    return { entry };
  });
}
