import { z } from 'zod';
import { assertGlobalAllowed } from '../../domain/authorization.js';
import { DomainError } from '../../domain/errors.js';
import type { Actor } from '../../domain/model.js';
import { addDays, daysBetween, localDateOf } from '../../lib/local-date.js';
import type { Deps } from '../ports.js';
import type { ReceptionDay } from '../ports/duties.js';
import { id, localDate } from '../support/fields.js';
import { parseInput } from '../support/parse-input.js';

export const listReceptionInput = z.object({
  from: localDate.optional(),
  to: localDate.optional(),
  leaderId: id.optional().nullable().transform((v) => v ?? null),
});

export interface ReceptionScheduleEntry extends ReceptionDay {
  leaderName: string;
  caseCount: number;
}

const MAX_RANGE_DAYS = 366;

/** R14: the reception schedule, by default today and the next 30 days, with cases received per day. */
export async function listReceptionDays(deps: Deps, actor: Actor, raw: unknown): Promise<{ days: ReceptionScheduleEntry[] }> {
  const input = parseInput(listReceptionInput, raw ?? {});
  assertGlobalAllowed(actor.person, 'VIEW_DUTY_SCHEDULE');
  const today = localDateOf(deps.clock.now());
  const from = input.from ?? today;
  const to = input.to ?? addDays(from, 30);
  if (to < from) throw new DomainError('VALIDATION', '输入有误：结束日期不能早于开始日期');
  if (daysBetween(from, to) > MAX_RANGE_DAYS) throw new DomainError('VALIDATION', '输入有误：一次最多查询一年');
  return deps.uow.run(async (repos) => {
    const days = await repos.receptions.between(from, to, input.leaderId);
    const names = new Map<string, string>();
    for (const leaderId of new Set(days.map((d) => d.leaderId))) {
      names.set(leaderId, (await repos.directory.person(leaderId))?.name ?? '（未知）');
    }
    const entries = days.map((d) => ({ ...d, leaderName: names.get(d.leaderId)! }));
    entries.sort((a, b) => (a.date === b.date ? a.leaderName.localeCompare(b.leaderName, 'zh-Hans-CN') : a.date < b.date ? -1 : 1));
    return { days: entries };
  });
}
