import { z } from 'zod';
import { isOpen } from '../../domain/case-status.js';
import { deadlineReminderNotification, nextDeadlineReminder, type DeadlineReminder } from '../../domain/reminders/deadline-reminders.js';
import type { DeliveryWindow } from '../../domain/reminders/delivery-window.js';
import { deliveryWindowOf } from '../../domain/reminders/reminder-settings.js';
import { addDays, compareDates, localDateOf, startOfLocalDate } from '../../lib/local-date.js';
import type { Deps } from '../ports.js';
import type { PushRecord } from '../ports/pushes.js';
import { id } from '../support/fields.js';
import { parseInput } from '../support/parse-input.js';
import { planPushes } from './plan-pushes.js';

const input = z.object({ caseId: id });

export interface DeadlineDuty {
  caseId: string;
  reminder: DeadlineReminder;
}

export interface RemindDeadlineResult {
  /** Pushes recorded now (none when nothing was due, or they were recorded before). */
  pushes: PushRecord[];
  /** The case's next reminder, for the scheduler; null when the case has no running deadline. */
  next: DeadlineDuty | null;
}

/**
 * The scheduler's job for a case deadline (R7–R11): reloads the case and re-checks it against the
 * clock, so a closed case or a moved deadline makes an old job harmless. When a reminder falls
 * due today it records one push per recipient in the outbox: the handlers (owner leader and
 * responsible person), the office once overdue, the principal leaders from 5 working days overdue.
 */
export async function remindDeadline(deps: Deps, raw: unknown, windowOverride?: DeliveryWindow): Promise<RemindDeadlineResult> {
  const v = parseInput(input, raw);
  const window = windowOverride ?? deliveryWindowOf(await deps.config.reminderSettings());
  const now = deps.clock.now();
  const today = localDateOf(now);
  const calendar = await deps.config.calendar();
  return deps.uow.run(async (repos) => {
    const c = await repos.cases.get(v.caseId);
    if (!c || !isOpen(c.status) || !c.dueOn) return { pushes: [], next: null };
    const due = nextDeadlineReminder(c.dueOn, today, calendar);
    if (compareDates(due.on, today) > 0) return { pushes: [], next: { caseId: c.id, reminder: due } };

    const recipients = [c.ownerLeaderId, c.responsiblePersonId].filter((x): x is string => x !== null);
    if (due.audience !== 'HANDLERS' || recipients.length === 0) recipients.push(...(await repos.directory.peopleWithRole('OFFICE_STAFF')).map((p) => p.id));
    if (due.audience === 'WITH_PRINCIPALS') recipients.push(...(await repos.directory.peopleWithRole('PRINCIPAL_LEADER')).map((p) => p.id));
    const n = deadlineReminderNotification({ id: c.id, number: c.number, title: c.title, dueOn: c.dueOn }, due, recipients);
    // A reminder is about its day: one found late (the worker was down) still goes out now.
    const at = new Date(Math.max(now.getTime(), startOfLocalDate(due.on).getTime()));
    const pushes = await repos.pushes.record(planPushes([n], at, calendar, window));
    return { pushes, next: { caseId: c.id, reminder: nextDeadlineReminder(c.dueOn, addDays(today, 1), calendar) } };
  });
}

