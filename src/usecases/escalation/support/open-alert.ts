import { DEFAULT_ESCALATION_POLICY, type EscalationPolicy } from '../../../domain/escalation/escalation-policy.js';
import { alertNotifications } from '../../../domain/escalation/alert-notifications.js';
import type { AlertSubject } from '../../../domain/escalation/ladder.js';
import { nextCheckAt } from '../../../domain/escalation/next-step.js';
import { DomainError } from '../../../domain/errors.js';
import type { Actor, CaseRecord } from '../../../domain/model.js';
import type { Notification } from '../../../domain/notifications.js';
import type { Repos } from '../../ports.js';
import type { AlertRecord } from '../../ports/escalation.js';
import { audit } from '../../support/audit.js';
import { ladderFor } from './ladder-facts.js';

export interface OpenAlertInput {
  subject: AlertSubject;
  case: CaseRecord | null;
  villageId: string | null;
  title: string;
  detail: string;
  eventKind?: string | null;
}

export interface OpenedAlert {
  alert: AlertRecord;
  notifications: Notification[];
  /** When the scheduler should first look at the alert (R18 repeats and climbing). */
  nextCheckAt: Date | null;
}

/** R18, R20, R21: stores an alert for the first level of its ladder, audited, with its messages. */
export async function openAlert(
  repos: Repos,
  actor: Actor | null,
  now: Date,
  input: OpenAlertInput,
  policy: EscalationPolicy = DEFAULT_ESCALATION_POLICY,
): Promise<OpenedAlert> {
  const opened = await openAlertIfAnyone(repos, actor, now, input, policy);
  if (!opened) {
    throw new DomainError('CONFLICT', '没有可以接收该预警的人员，请先在通讯录中设置主要领导、分管领导和相关人员', { kind: input.subject.kind });
  }
  return opened;
}

/** As openAlert, but null when nobody is there to receive it (intake must not fail for that). */
export async function openAlertIfAnyone(
  repos: Repos,
  actor: Actor | null,
  now: Date,
  input: OpenAlertInput,
  policy: EscalationPolicy = DEFAULT_ESCALATION_POLICY,
): Promise<OpenedAlert | null> {
  const [first] = await ladderFor(repos, input.subject, input.case);
  if (!first || first.audience.length === 0) return null;
  const alert = await repos.alerts.create({
    kind: input.subject.kind,
    caseId: input.case?.id ?? null,
    villageId: input.villageId,
    title: input.title,
    detail: input.detail,
    eventKind: input.eventKind ?? null,
    raisedById: actor?.person.id ?? null,
    raisedAt: now,
    recipients: first.audience,
  });
  await audit(repos, actor, now, {
    action: 'alert.raise',
    entityType: 'Alert',
    entityId: alert.id,
    caseId: alert.caseId,
    after: {
      kind: alert.kind,
      title: alert.title,
      eventKind: alert.eventKind,
      villageId: alert.villageId,
      recipients: alert.recipients.map((r) => ({ personId: r.personId, reason: r.reason, required: r.required })),
    },
  });
  return {
    alert,
    notifications: alertNotifications(alert, alert.recipients, { tag: 'raise', urgentChannel: false }),
    nextCheckAt: nextCheckAt(alert, policy),
  };
}
