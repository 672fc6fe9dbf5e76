import type { LocalDate } from '../../lib/local-date.js';
import { DomainError } from '../errors.js';
import type { CaseSource } from '../model.js';

export interface ReceptionDayRef {
  id: string;
  leaderId: string;
  leaderName: string;
  date: LocalDate;
}

/** The day to link a case to, or the leader whose day on the receipt date is to be recorded first. */
export type ReceptionLink = { dayId: string } | { recordFor: string };

/**
 * R14: a case received at a reception day (source 接访日) is linked to that day — the one held on
 * its receipt date. When several leaders received that day the office names the leader; when no
 * day is on the schedule for that date, naming the leader records the day (补录) — otherwise the
 * intake is refused. A day never links a case of another source, nor a case received another day.
 */
export function receptionLinkFor(input: {
  source: CaseSource;
  receivedOn: LocalDate;
  /** The day the intake named, looked up (null when it named none). */
  chosenDay: ReceptionDayRef | null;
  /** The leader the intake named (接访领导), if any. */
  leaderId: string | null;
  /** Every reception day on the receipt date. */
  daysOnDate: readonly ReceptionDayRef[];
}): ReceptionLink | null {
  const { source, receivedOn, chosenDay, leaderId, daysOnDate } = input;
  if (source !== 'RECEPTION_DAY') {
    if (chosenDay || leaderId) throw new DomainError('VALIDATION', '输入有误：只有来源为「接访日」的信访事项才关联接访日');
    return null;
  }
  if (chosenDay) {
    if (chosenDay.date !== receivedOn) {
      throw new DomainError('VALIDATION', `输入有误：所选接访日是${chosenDay.date}（${chosenDay.leaderName}），与收件日期${receivedOn}不一致`, { receptionDayId: chosenDay.id });
    }
    if (leaderId && leaderId !== chosenDay.leaderId) throw new DomainError('VALIDATION', `输入有误：所选接访日的接访领导是${chosenDay.leaderName}，与所填接访领导不一致`);
    return { dayId: chosenDay.id };
  }
  if (leaderId) {
    const theirs = daysOnDate.find((d) => d.leaderId === leaderId);
    return theirs ? { dayId: theirs.id } : { recordFor: leaderId };
  }
  if (daysOnDate.length === 1) return { dayId: daysOnDate[0]!.id };
  if (daysOnDate.length > 1) {
    const names = daysOnDate.map((d) => d.leaderName).sort((a, b) => a.localeCompare(b, 'zh-Hans-CN')).join('、');
    throw new DomainError('VALIDATION', `输入有误：${receivedOn}有${daysOnDate.length}位领导接访（${names}），请选择接访领导`, { date: receivedOn });
  }
  throw new DomainError(
    'VALIDATION',
    `输入有误：${receivedOn}没有安排领导接访日。若当天确有领导接访，请在「接访领导」中选择该领导，将补录当天的接访日；否则请改选其他信访来源`,
    { date: receivedOn },
  );
}
