import { z } from 'zod';
import { assertDutyAllowed } from '../../domain/authorization.js';
import { DomainError } from '../../domain/errors.js';
import type { Actor } from '../../domain/model.js';
import type { Notification } from '../../domain/notifications.js';
import { localDateOf } from '../../lib/local-date.js';
import type { Deps } from '../ports.js';
import type { ReceptionDay } from '../ports/duties.js';
import type { ReceptionDayLog } from '../ports/reception-log.js';
import { audit } from '../support/audit.js';
import { id, optionalText, text } from '../support/fields.js';
import { parseInput } from '../support/parse-input.js';

export const logReceptionDayInput = z.object({
  receptionDayId: id,
  visitors: z.number({ error: '应为数字' }).int({ error: '应为整数' }).min(0, { error: '不能小于0' }).max(10000, { error: '不能超过10000' }),
  summary: text(2000),
  note: optionalText(1000),
});

export interface LogReceptionDayResult {
  day: ReceptionDay;
  log: ReceptionDayLog;
  notifications: Notification[];
}

/**
 * R14: after a reception day its leader (or the office for them) logs how it went: how many
 * visitors, and a summary. Once: the log is the record the quarterly report draws on; cases
 * received that day are registered one by one with intake (source 接访日).
 */
export async function logReceptionDay(deps: Deps, actor: Actor, raw: unknown): Promise<LogReceptionDayResult> {
  const input = parseInput(logReceptionDayInput, raw);
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    const day = await repos.receptions.get(input.receptionDayId);
    if (!day) throw new DomainError('NOT_FOUND', '找不到该接访日', { receptionDayId: input.receptionDayId });
    assertDutyAllowed(actor.person, 'LOG_RECEPTION_FOR', { personId: day.leaderId });
    if (day.date > localDateOf(now)) throw new DomainError('VALIDATION', `输入有误：接访日是${day.date}，尚未到，不能填报`);
    const log: ReceptionDayLog = { visitors: input.visitors, summary: input.summary, note: input.note, loggedById: actor.person.id, loggedAt: now };
    if (!(await repos.receptionLogs.record(day.id, log))) {
      throw new DomainError('ALREADY_DONE', `${day.date}的接访情况已填报，不能重复填报`, { receptionDayId: day.id });
    }
    await audit(repos, actor, now, {
      action: 'reception-day.log',
      entityType: 'ReceptionDay',
      entityId: day.id,
      before: { loggedAt: null },
      after: { date: day.date, leaderId: day.leaderId, visitors: log.visitors, summary: log.summary, note: log.note },
    });
    return { day, log, notifications: [] };
  });
}
