import { authorizeGlobal } from '../../domain/authorization.js';
import { assertMayReceive } from '../../domain/duties/reception.js';
import { receptionLinkFor, type ReceptionDayRef } from '../../domain/duties/reception-link.js';
import { DomainError } from '../../domain/errors.js';
import type { Actor, CaseSource } from '../../domain/model.js';
import type { LocalDate } from '../../lib/local-date.js';
import type { Repos } from '../ports.js';
import type { ReceptionDay } from '../ports/duties.js';
import { audit } from './audit.js';
import { requirePerson } from './load.js';

/**
 * R14: the reception day an intake links its case to (receptionLinkFor), recording the day first
 * when the office names a leader who received on a date with none on the schedule. Inside the
 * intake's transaction: a refusal leaves nothing behind.
 */
export async function receptionDayOfIntake(
  repos: Repos,
  actor: Actor,
  now: Date,
  input: { source: CaseSource; receivedOn: LocalDate; receptionDayId: string | null; receptionLeaderId: string | null },
): Promise<string | null> {
  const ref = async (d: ReceptionDay): Promise<ReceptionDayRef> => ({ id: d.id, leaderId: d.leaderId, date: d.date, leaderName: (await repos.directory.person(d.leaderId))?.name ?? '（未知）' });
  const chosen = input.receptionDayId ? await repos.receptions.get(input.receptionDayId) : null;
  if (input.receptionDayId && !chosen) throw new DomainError('NOT_FOUND', '接访日不存在', { receptionDayId: input.receptionDayId });
  const daysOnDate = input.source === 'RECEPTION_DAY' && !chosen ? await Promise.all((await repos.receptions.between(input.receivedOn, input.receivedOn)).map(ref)) : [];
  const link = receptionLinkFor({ source: input.source, receivedOn: input.receivedOn, chosenDay: chosen && (await ref(chosen)), leaderId: input.receptionLeaderId, daysOnDate });
  if (link === null || 'dayId' in link) return link?.dayId ?? null;

  const leader = await requirePerson(repos, link.recordFor, '接访领导');
  if (!authorizeGlobal(actor.person, 'SCHEDULE_RECEPTION').allowed) {
    throw new DomainError('FORBIDDEN', `${input.receivedOn}没有${leader.name}的接访日安排，补录接访日由信访办办理`);
  }
  assertMayReceive(leader);
  const day = (await repos.receptions.create({ leaderId: leader.id, date: input.receivedOn, location: null, note: '登记接访日来访事项时补录' }))!;
  await audit(repos, actor, now, {
    action: 'reception-day.record',
    entityType: 'ReceptionDay',
    entityId: day.id,
    after: { leaderId: day.leaderId, date: day.date },
    reason: 'R14 登记接访日来访事项时补录当天的接访日',
  });
  return day.id;
}
