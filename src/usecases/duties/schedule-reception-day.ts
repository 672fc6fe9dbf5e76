import { z } from 'zod';
import { assertGlobalAllowed } from '../../domain/authorization.js';
import { assertMayReceive } from '../../domain/duties/reception.js';
import { DomainError } from '../../domain/errors.js';
import type { Actor } from '../../domain/model.js';
import { notification, type Notification } from '../../domain/notifications.js';
import { localDateOf } from '../../lib/local-date.js';
import { assertDate, scheduledDayRule } from '../../domain/dates/date-rules.js';
import type { Deps } from '../ports.js';
import type { ReceptionDay } from '../ports/duties.js';
import { audit } from '../support/audit.js';
import { id, localDate, optionalText, text } from '../support/fields.js';
import { requirePerson } from '../support/load.js';
import { parseInput } from '../support/parse-input.js';

export const scheduleReceptionInput = z.object({
  leaderId: id,
  date: localDate,
  location: text(100),
  note: optionalText(500),
});

export interface ScheduleReceptionResult {
  day: ReceptionDay;
  notifications: Notification[];
}

/** R14: the office puts a leader on the reception schedule (接访日) for a day to come. */
export async function scheduleReceptionDay(deps: Deps, actor: Actor, raw: unknown): Promise<ScheduleReceptionResult> {
  const input = parseInput(scheduleReceptionInput, raw);
  assertGlobalAllowed(actor.person, 'SCHEDULE_RECEPTION');
  const now = deps.clock.now();
  assertDate(input.date, scheduledDayRule('接访日期', localDateOf(now), await deps.config.calendar()), 'date');
  return deps.uow.run(async (repos) => {
    const leader = await requirePerson(repos, input.leaderId, '接访领导');
    assertMayReceive(leader);
    const day = await repos.receptions.create({ leaderId: leader.id, date: input.date, location: input.location, note: input.note });
    if (!day) throw new DomainError('CONFLICT', `${leader.name}在${input.date}已安排接访`, { leaderId: leader.id, date: input.date });
    await audit(repos, actor, now, {
      action: 'reception-day.schedule',
      entityType: 'ReceptionDay',
      entityId: day.id,
      after: { leaderId: day.leaderId, date: day.date, location: day.location },
    });
    return {
      day,
      notifications: [
        notification({
          kind: 'DUTY_OPENED',
          key: `reception-day:${day.id}`,
          urgency: 'NORMAL',
          recipientIds: [leader.id],
          title: `接访日安排：${day.date}`,
          body: `请于${day.date}在${day.location}接待来访群众。`,
        }),
      ],
    };
  });
}
