import { z } from 'zod';
import { approvalReminderNotification, nextApprovalReminderOn } from '../../domain/reminders/approval-reminders.js';
import type { DeliveryWindow } from '../../domain/reminders/delivery-window.js';
import { deliveryWindowOf } from '../../domain/reminders/reminder-settings.js';
import { addDays, compareDates, localDateOf, startOfLocalDate, type LocalDate } from '../../lib/local-date.js';
import type { Deps } from '../ports.js';
import type { PushRecord } from '../ports/pushes.js';
import { id } from '../support/fields.js';
import { parseInput } from '../support/parse-input.js';
import { planPushes } from './plan-pushes.js';

const input = z.object({ proposalId: id });

export interface RemindApprovalResult {
  pushes: PushRecord[];
  /** The next reminder day while the proposal stays pending; null once it is decided. */
  next: { proposalId: string; on: LocalDate } | null;
}

/**
 * The scheduler's job for an R4 proposal: reloads it, and when it has waited more than 2
 * working days and today is a reminder day, records one push per approver (the approval card).
 */
export async function remindApproval(deps: Deps, raw: unknown, windowOverride?: DeliveryWindow): Promise<RemindApprovalResult> {
  const v = parseInput(input, raw);
  const window = windowOverride ?? deliveryWindowOf(await deps.config.reminderSettings());
  const now = deps.clock.now();
  const today = localDateOf(now);
  const calendar = await deps.config.calendar();
  return deps.uow.run(async (repos) => {
    const proposal = await repos.proposals.get(v.proposalId);
    if (!proposal || proposal.status !== 'PENDING') return { pushes: [], next: null };
    const proposedOn = localDateOf(proposal.proposedAt);
    const on = nextApprovalReminderOn(proposedOn, today, calendar);
    if (compareDates(on, today) > 0) return { pushes: [], next: { proposalId: proposal.id, on } };
    const c = await repos.cases.get(proposal.caseId);
    if (!c) return { pushes: [], next: null };
    const approvers = (await repos.directory.peopleWithRole('APPROVER')).map((p) => p.id);
    const n = approvalReminderNotification(c, { id: proposal.id, proposedOn }, on, approvers);
    const at = new Date(Math.max(now.getTime(), startOfLocalDate(on).getTime()));
    const pushes = await repos.pushes.record(planPushes([n], at, calendar, window));
    return { pushes, next: { proposalId: proposal.id, on: nextApprovalReminderOn(proposedOn, addDays(today, 1), calendar) } };
  });
}
