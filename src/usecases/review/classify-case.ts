import { z } from 'zod';
import { assertCaseAllowed } from '../../domain/authorization.js';
import { DomainError } from '../../domain/errors.js';
import { CLASSIFICATIONS, type Actor, type CaseRecord } from '../../domain/model.js';
import { notification, type Notification } from '../../domain/notifications.js';
import { assertCanClassify, CLASSIFICATION_LABELS, routesToDiscipline } from '../../domain/review/classification.js';
import type { Deps, NewCase, Repos } from '../ports.js';
import { accusedHandler } from '../../domain/privacy/accused-handlers.js';
import { audit } from '../support/audit.js';
import { whoMayBeTold } from '../support/case-people.js';
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
  /** R24: handlers taken off the case because it names them as accused (责任人, 责任单位 …). */
  withdrawn: string[];
  /** R3: the owner leader is the accused: the office must propose a transfer. */
  handoverNeeded: boolean;
  notifications: Notification[];
}

/**
 * The handlers of a case that the petition now names as accused: a responsible person or unit
 * (R19 units too) is taken off the case; an owner leader stays on record until an R3 transfer,
 * but sees nothing meanwhile (authorization refuses the accused).
 */
async function withdrawAccusedHandlers(repos: Repos, c: CaseRecord, accused: Pick<CaseRecord, 'accusedPersonId' | 'accusedUnitId'>): Promise<{ patch: Partial<NewCase>; withdrawn: string[]; handoverNeeded: boolean }> {
  const none = { patch: {}, withdrawn: [], handoverNeeded: false };
  if (accused.accusedPersonId === null && accused.accusedUnitId === null) return none;
  const isAccusedPerson = async (id: string | null, label: string) => {
    const person = id ? await repos.directory.person(id) : null;
    return person !== null && accusedHandler(accused, { people: [{ label, person }], units: [] }) !== null;
  };
  const patch: Partial<NewCase> = {};
  const withdrawn: string[] = [];
  if (await isAccusedPerson(c.responsiblePersonId, '责任人')) {
    patch.responsiblePersonId = null;
    withdrawn.push('责任人');
  }
  const units = { unitId: '责任单位', territorialUnitId: '稳控属地单位', functionalUnitId: '解决属事单位' } as const;
  for (const [key, label] of Object.entries(units) as [keyof typeof units, string][]) {
    if (c[key] !== null && c[key] === accused.accusedUnitId) {
      patch[key] = null;
      withdrawn.push(label);
    }
  }
  return { patch, withdrawn, handoverNeeded: await isAccusedPerson(c.ownerLeaderId, '包案领导') };
}

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
    const discipline = accusation ? await repos.reviews.disciplineUnit() : null;
    const accused = { accusedPersonId: patch.accusedPersonId !== undefined ? patch.accusedPersonId : c.accusedPersonId, accusedUnitId: patch.accusedUnitId !== undefined ? patch.accusedUnitId : c.accusedUnitId };
    // R24: whoever the case now names as accused stops handling it at once.
    const withdrawn = await withdrawAccusedHandlers(repos, c, accused);
    Object.assign(patch, withdrawn.patch);
    const unitId = patch.unitId !== undefined ? patch.unitId : c.unitId;
    if (discipline && accusation && (patch.classification || withdrawn.patch.unitId === null) && unitId === null && discipline.id !== accused.accusedUnitId) {
      Object.assign(patch, { unitId: discipline.id, assignedById: actor.person.id, assignedAt: now });
    }
    if (Object.keys(patch).length === 0) return { case: c, changed: false, routedToDiscipline: false, withdrawn: [], handoverNeeded: false, notifications: [] };

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
      const inspectors = await whoMayBeTold(repos, updated, await idsWithRole(repos, 'DISCIPLINE_INSPECTOR'));
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
    return { case: updated, changed: true, routedToDiscipline: routed, withdrawn: withdrawn.withdrawn, handoverNeeded: withdrawn.handoverNeeded, notifications };
  });
}
