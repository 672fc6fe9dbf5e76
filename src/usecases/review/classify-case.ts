import { z } from 'zod';
import { assertCaseAllowed } from '../../domain/authorization.js';
import { DomainError } from '../../domain/errors.js';
import { CLASSIFICATIONS, type Actor, type CaseRecord } from '../../domain/model.js';
import { notification, type Notification } from '../../domain/notifications.js';
import { assertCanClassify, CLASSIFICATION_LABELS, routesToDiscipline } from '../../domain/review/classification.js';
import type { Deps, NewCase } from '../ports.js';
import { audit } from '../support/audit.js';
import { withoutAccused } from '../support/case-people.js';
import { id } from '../support/fields.js';
import { lockCase } from '../support/load.js';
import { parseInput } from '../support/parse-input.js';
import { idsWithRole } from '../support/recipients.js';

export const classifyInput = z.object({
  caseId: id,
  classification: z.enum(CLASSIFICATIONS),
  accusedPersonId: id.optional().nullable(),
  accusedUnitId: id.optional().nullable(),
});

export interface ClassifyResult {
  case: CaseRecord;
  changed: boolean;
  routedToDiscipline: boolean;
  notifications: Notification[];
}

/**
 * R26: the office classifies a case as 建议意见 / 检举控告 / 申诉求决. An accusation goes to
 * discipline inspection (its unit when the case has none yet, and the inspectors are told);
 * the accused, who may be named here, never sees it (authorization refuses them). The case
 * status does not change.
 */
export async function classifyCase(deps: Deps, actor: Actor, raw: unknown): Promise<ClassifyResult> {
  const input = parseInput(classifyInput, raw);
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    const c = await lockCase(repos, input.caseId);
    assertCaseAllowed(actor.person, 'CLASSIFY', c);
    if (input.accusedPersonId && !(await repos.directory.person(input.accusedPersonId))) {
      throw new DomainError('UNKNOWN_PERSON', '被反映人不存在', { personId: input.accusedPersonId });
    }
    if (input.accusedUnitId && !(await repos.directory.unit(input.accusedUnitId))) {
      throw new DomainError('NOT_FOUND', '被反映单位不存在', { unitId: input.accusedUnitId });
    }
    const patch: Partial<NewCase> = {};
    if (assertCanClassify(c, input.classification)) patch.classification = input.classification;
    if (input.accusedPersonId !== undefined && input.accusedPersonId !== c.accusedPersonId) patch.accusedPersonId = input.accusedPersonId;
    if (input.accusedUnitId !== undefined && input.accusedUnitId !== c.accusedUnitId) patch.accusedUnitId = input.accusedUnitId;
    const accusation = routesToDiscipline(input.classification);
    const discipline = accusation && patch.classification ? await repos.reviews.disciplineUnit() : null;
    const accusedUnitId = patch.accusedUnitId !== undefined ? patch.accusedUnitId : c.accusedUnitId;
    if (discipline && c.unitId === null && discipline.id !== accusedUnitId) {
      Object.assign(patch, { unitId: discipline.id, assignedById: actor.person.id, assignedAt: now });
    }
    if (Object.keys(patch).length === 0) return { case: c, changed: false, routedToDiscipline: false, notifications: [] };

    const updated = await repos.cases.update(c.id, patch);
    const before = Object.fromEntries(Object.keys(patch).map((k) => [k, c[k as keyof CaseRecord]]));
    await audit(repos, actor, now, {
      action: 'case.classify',
      entityType: 'Case',
      entityId: c.id,
      caseId: c.id,
      before,
      after: patch,
      reason: `R26 性质分类：${CLASSIFICATION_LABELS[input.classification]}`,
    });
    const notifications: Notification[] = [];
    const routed = accusation && patch.classification !== undefined;
    if (routed) {
      const inspectors = await withoutAccused(repos, updated, await idsWithRole(repos, 'DISCIPLINE_INSPECTOR'));
      if (inspectors.length > 0) {
        notifications.push(
          notification({
            kind: 'ACCUSATION_ROUTED',
            key: `accusation:${c.id}`,
            urgency: 'URGENT',
            recipientIds: inspectors,
            caseId: c.id,
            title: `${c.number} 检举控告类事项转纪检`,
            body: `${c.title}：请纪检部门依规办理，材料不得转给被检举控告的人员或单位。`,
          }),
        );
      }
    }
    return { case: updated, changed: true, routedToDiscipline: routed, notifications };
  });
}
