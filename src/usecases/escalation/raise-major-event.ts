import { z } from 'zod';
import { assertGlobalAllowed } from '../../domain/authorization.js';
import { alertHeadline, MAJOR_EVENT_KINDS, MAJOR_EVENT_LABELS } from '../../domain/escalation/alert-kinds.js';
import type { EscalationPolicy } from '../../domain/escalation/escalation-policy.js';
import { escalationPolicyOf } from '../../domain/reminders/reminder-settings.js';
import { DomainError } from '../../domain/errors.js';
import type { Actor } from '../../domain/model.js';
import { notification, type Notification } from '../../domain/notifications.js';
import type { Deps } from '../ports.js';
import type { AlertRecord } from '../ports/escalation.js';
import { id, text } from '../support/fields.js';
import { parseInput } from '../support/parse-input.js';
import { idsWithRole } from '../support/recipients.js';
import { majorEventSubject } from './support/ladder-facts.js';
import { openAlert } from './support/open-alert.js';

export const raiseMajorEventInput = z.object({
  villageId: id,
  eventKind: z.enum(MAJOR_EVENT_KINDS, { error: '应为大规模集体赴市县上访、群体性事件或可能造成重大影响的进京上访' }),
  detail: text(2000),
  caseId: id.optional().nullable().transform((v) => v ?? null),
});

export interface RaiseMajorEventResult {
  alert: AlertRecord;
  notifications: Notification[];
  /** When the scheduler should look at the alert first. */
  nextCheckAt: Date | null;
}

/**
 * R18 重大事项: the area leader, the stationed and village cadres of the village go to the scene
 * (acknowledging "on the way" then "on site"); the leaders in charge take command (靠前指挥).
 */
export async function raiseMajorEvent(
  deps: Deps,
  actor: Actor,
  raw: unknown,
  policyOverride?: EscalationPolicy,
): Promise<RaiseMajorEventResult> {
  const input = parseInput(raiseMajorEventInput, raw);
  assertGlobalAllowed(actor.person, 'RAISE_MAJOR_EVENT');
  const now = deps.clock.now();
  const policy = policyOverride ?? escalationPolicyOf(await deps.config.reminderSettings());
  return deps.uow.run(async (repos) => {
    const village = await repos.directory.village(input.villageId);
    if (!village) throw new DomainError('NOT_FOUND', '所属村不存在', { villageId: input.villageId });
    const c = input.caseId ? await repos.cases.get(input.caseId) : null;
    if (input.caseId && !c) throw new DomainError('NOT_FOUND', '找不到该案件', { caseId: input.caseId });
    const label = MAJOR_EVENT_LABELS[input.eventKind];
    const opened = await openAlert(
      repos,
      actor,
      now,
      {
        subject: await majorEventSubject(repos, village.id),
        case: c,
        villageId: village.id,
        title: `${village.name}${label}`,
        detail: `${village.name}发生${label}${c ? `（${c.number}）` : ''}：${input.detail}（报告人：${actor.person.name}）`,
        eventKind: input.eventKind,
      },
      policy,
    );
    // The office follows every major event, though it does not go to the scene.
    const onAlert = new Set(opened.alert.recipients.map((r) => r.personId));
    const office = (await idsWithRole(repos, 'OFFICE_STAFF')).filter((p) => !onAlert.has(p));
    const notifications = [...opened.notifications];
    if (office.length > 0) {
      notifications.push(
        notification({
          kind: 'MAJOR_EVENT',
          key: `alert:${opened.alert.id}:office`,
          urgency: 'URGENT',
          recipientIds: office,
          caseId: opened.alert.caseId,
          title: alertHeadline(opened.alert.kind, opened.alert.title),
          body: `${opened.alert.detail}\n已通知包片领导、驻村干部、村干部赶赴现场，分管领导靠前指挥。`,
          alertId: opened.alert.id,
        }),
      );
    }
    return { alert: opened.alert, notifications, nextCheckAt: opened.nextCheckAt };
  });
}
