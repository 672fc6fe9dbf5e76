import { quarterRange, type LocalDate } from '../../lib/local-date.js';
import { isTownLeader } from '../authorization.js';
import { DomainError } from '../errors.js';
import type { Person } from '../model.js';

/** R14: reception days are held by the town's leaders (镇级领导), principal leaders included. */
export function assertMayReceive(leader: Pick<Person, 'id' | 'name' | 'roles'>): void {
  if (!isTownLeader(leader)) {
    throw new DomainError('VALIDATION', `输入有误：${leader.name}不是镇级领导，不能安排接访`, { leaderId: leader.id });
  }
}

export interface ReceptionDayFacts {
  id: string;
  leaderId: string;
  date: LocalDate;
  caseCount: number;
}

export interface ReceptionReportDuty {
  leaderId: string;
  dayIds: string[];
  dates: LocalDate[];
  caseCount: number;
}

/**
 * R14: each leader who held at least one reception day in the quarter (up to `today` while the
 * quarter runs) owes the principal leaders a written report on how the cases received there
 * were handled. A day held with no case still counts: the report then says so.
 */
export function receptionReportDuties(quarter: string, days: readonly ReceptionDayFacts[], today: LocalDate): ReceptionReportDuty[] {
  const { start, end } = quarterRange(quarter);
  const asOf = today < end ? today : end;
  const byLeader = new Map<string, ReceptionReportDuty>();
  for (const d of [...days].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))) {
    if (d.date < start || d.date > asOf) continue;
    const duty = byLeader.get(d.leaderId) ?? { leaderId: d.leaderId, dayIds: [], dates: [], caseCount: 0 };
    duty.dayIds.push(d.id);
    duty.dates.push(d.date);
    duty.caseCount += d.caseCount;
    byLeader.set(d.leaderId, duty);
  }
  return [...byLeader.values()].sort((a, b) => (a.leaderId < b.leaderId ? -1 : 1));
}
