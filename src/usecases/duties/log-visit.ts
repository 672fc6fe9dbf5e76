import { z } from 'zod';
import { assertDutyAllowed, assertGlobalAllowed } from '../../domain/authorization.js';
import { DomainError } from '../../domain/errors.js';
import type { Actor } from '../../domain/model.js';
import type { Notification } from '../../domain/notifications.js';
import { addDays, localDateOf } from '../../lib/local-date.js';
import type { Deps } from '../ports.js';
import type { VillageVisit } from '../ports/duties.js';
import { audit } from '../support/audit.js';
import { id, localDate, optionalText } from '../support/fields.js';
import { lockCase, requirePerson } from '../support/load.js';
import { parseInput } from '../support/parse-input.js';

export const logVisitInput = z.object({
  leaderId: id.optional(),
  villageId: id,
  date: localDate,
  peopleMet: optionalText(1000),
  note: optionalText(5000),
  caseIds: z
    .array(id)
    .max(50)
    .default([])
    .refine((ids) => new Set(ids).size === ids.length, { error: '同一案件不能重复列出' }),
});

/** How far back a visit may be logged: after the trip, not to fill a past month's gap. */
export const VISIT_BACKDATE_DAYS = 31;

export interface LogVisitResult {
  visit: VillageVisit;
  notifications: Notification[];
}

/**
 * R15: a town or principal leader logs a village visit (下访): the village, the day, whom they
 * met, and the cases taken there, which are linked to the visit. The office may log it for them.
 */
export async function logVisit(deps: Deps, actor: Actor, raw: unknown): Promise<LogVisitResult> {
  const input = parseInput(logVisitInput, raw);
  assertGlobalAllowed(actor.person, 'LOG_VISIT');
  const leaderId = input.leaderId ?? actor.person.id;
  assertDutyAllowed(actor.person, 'LOG_VISIT_FOR', { personId: leaderId });
  const now = deps.clock.now();
  const today = localDateOf(now);
  if (input.date > today) throw new DomainError('VALIDATION', '输入有误：下访日期不能晚于今天');
  if (input.date < addDays(today, -VISIT_BACKDATE_DAYS)) {
    throw new DomainError('VALIDATION', `输入有误：只能补录${VISIT_BACKDATE_DAYS}天内的下访`);
  }
  return deps.uow.run(async (repos) => {
    const leader = await requirePerson(repos, leaderId, '下访领导');
    if (!leader.roles.some((r) => r === 'TOWN_LEADER' || r === 'PRINCIPAL_LEADER')) {
      throw new DomainError('VALIDATION', `输入有误：${leader.name}不是镇党政领导，不填报下访`, { leaderId });
    }
    const village = await repos.directory.village(input.villageId);
    if (!village) throw new DomainError('NOT_FOUND', '所去的村不存在', { villageId: input.villageId });
    const visit = await repos.visits.create({
      leaderId: leader.id,
      villageId: village.id,
      date: input.date,
      peopleMet: input.peopleMet,
      note: input.note,
      recordedAt: now,
    });
    await audit(repos, actor, now, {
      action: 'visit.log',
      entityType: 'VillageVisit',
      entityId: visit.id,
      after: { leaderId: visit.leaderId, villageId: visit.villageId, date: visit.date, caseIds: input.caseIds },
    });
    for (const caseId of input.caseIds) {
      const c = await lockCase(repos, caseId);
      if (c.visitId !== null) throw new DomainError('CONFLICT', `案件${c.number}已关联其他下访记录`, { caseId, visitId: c.visitId });
      await repos.cases.update(c.id, { visitId: visit.id });
      await audit(repos, actor, now, {
        action: 'case.link-visit',
        entityType: 'Case',
        entityId: c.id,
        caseId: c.id,
        before: { visitId: null },
        after: { visitId: visit.id },
      });
    }
    return { visit, notifications: [] };
  });
}
