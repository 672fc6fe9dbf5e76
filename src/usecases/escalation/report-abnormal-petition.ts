import { z } from 'zod';
import { assertCaseAllowed } from '../../domain/authorization.js';
import { abnormalPetitionFacts } from '../../domain/accountability/accountability-facts.js';
import { dutyKey } from '../../domain/duties/statements.js';
import { abnormalPetitionDuties } from '../../domain/escalation/abnormal-petition.js';
import { ABNORMAL_DESTINATION_LABELS, ABNORMAL_DESTINATIONS, abnormalTripLabel } from '../../domain/escalation/alert-kinds.js';
import type { EscalationPolicy } from '../../domain/escalation/escalation-policy.js';
import { escalationPolicyOf } from '../../domain/reminders/reminder-settings.js';
import { DomainError } from '../../domain/errors.js';
import type { Actor } from '../../domain/model.js';
import { notification, type Notification } from '../../domain/notifications.js';
import { localDateOf } from '../../lib/local-date.js';
import { assertDate, pastFactRule } from '../../domain/dates/date-rules.js';
import type { Deps } from '../ports.js';
import type { WrittenStatement } from '../ports/duties.js';
import type { AlertRecord, PersuasionRecord } from '../ports/escalation.js';
import { audit } from '../support/audit.js';
import { id, localDate, optionalText } from '../support/fields.js';
import { lockCase } from '../support/load.js';
import { parseInput } from '../support/parse-input.js';
import { loadLeadership } from './support/ladder-facts.js';
import { openAlert } from './support/open-alert.js';

export const reportAbnormalPetitionInput = z.object({
  caseId: id,
  destination: z.enum(ABNORMAL_DESTINATIONS, { error: '应为赴省、进京或到州集体访' }),
  collective: z.boolean().default(false),
  occurredOn: localDate,
  detail: optionalText(2000),
});

export interface ReportAbnormalPetitionResult {
  persuasion: PersuasionRecord;
  /** The self-criticism duty (书面检查), opened when the case was overdue. */
  selfCriticism: WrittenStatement | null;
  overdue: boolean;
  alert: AlertRecord;
  notifications: Notification[];
  nextCheckAt: Date | null;
}

/**
 * R21 非正常上访: opens a persuasion-to-return duty (劝返) for the case's leader; when the case
 * was overdue (R11) also a written self-criticism to the standing committee; alerts the
 * principal leaders and keeps the fact (R22).
 */
export async function reportAbnormalPetition(
  deps: Deps,
  actor: Actor,
  raw: unknown,
  policyOverride?: EscalationPolicy,
): Promise<ReportAbnormalPetitionResult> {
  const input = parseInput(reportAbnormalPetitionInput, raw);
  const now = deps.clock.now();
  const policy = policyOverride ?? escalationPolicyOf(await deps.config.reminderSettings());
  const today = localDateOf(now);
  assertDate(input.occurredOn, pastFactRule('发生日期', today), 'occurredOn');
  return deps.uow.run(async (repos) => {
    const c = await lockCase(repos, input.caseId);
    assertCaseAllowed(actor.person, 'REPORT_ABNORMAL', c);
    if (await repos.persuasions.find(c.id, input.destination, input.occurredOn)) {
      throw new DomainError('CONFLICT', '该案件当天的这次非正常上访已经报告过', { caseId: c.id, occurredOn: input.occurredOn });
    }
    const leadership = await loadLeadership(repos);
    const duties = abnormalPetitionDuties(c, input.occurredOn, today, leadership.petitionLeaderInChargeId);
    const label = `${ABNORMAL_DESTINATION_LABELS[input.destination]}${input.collective ? '（集体）' : ''}`;

    const opened = await openAlert(
      repos,
      actor,
      now,
      {
        subject: { kind: 'ABNORMAL_PETITION', ownerLeaderId: duties.leaderId },
        case: c,
        villageId: c.villageId,
        title: `${c.number} ${abnormalTripLabel(input.destination, input.collective)}`,
        detail: `${input.occurredOn} ${c.number}「${c.title}」${label}${duties.overdue ? '，该案件已逾期未办结' : ''}。${input.detail ?? ''}`,
        eventKind: input.destination,
      },
      policy,
    );
    const persuasion = await repos.persuasions.create({
      caseId: c.id,
      alertId: opened.alert.id,
      leaderId: duties.leaderId,
      destination: input.destination,
      collective: input.collective,
      occurredOn: input.occurredOn,
      caseOverdue: duties.overdue,
      openedAt: now,
    });
    await audit(repos, actor, now, {
      action: 'persuasion.open',
      entityType: 'Persuasion',
      entityId: persuasion.id,
      caseId: c.id,
      after: { leaderId: persuasion.leaderId, destination: persuasion.destination, collective: persuasion.collective, occurredOn: persuasion.occurredOn, caseOverdue: duties.overdue, owned: duties.owned },
    });
    const notifications: Notification[] = [
      ...opened.notifications,
      notification({
        kind: 'DUTY_OPENED',
        key: `persuasion:${persuasion.id}`,
        urgency: 'URGENT',
        recipientIds: [duties.leaderId],
        caseId: c.id,
        title: `请组织劝返：${c.number}`,
        body: `${input.occurredOn} ${label}。请立即组织劝返，并登记劝返人员、时间和劝返情况。`,
      }),
    ];

    let selfCriticism: WrittenStatement | null = null;
    if (duties.selfCriticism) {
      const { authorId, dueOn } = duties.selfCriticism;
      const { statement, created } = await repos.statements.openIfAbsent({
        dutyKey: dutyKey('SELF_CRITICISM', authorId, c.number, c.id),
        kind: 'SELF_CRITICISM',
        authorId,
        period: c.number,
        caseId: c.id,
        dueOn,
        openedAt: now,
      });
      selfCriticism = statement;
      if (created) {
        await audit(repos, actor, now, {
          action: 'statement.open',
          entityType: 'WrittenStatement',
          entityId: statement.id,
          caseId: c.id,
          after: { kind: 'SELF_CRITICISM', authorId, dueOn },
          reason: 'R21 案件逾期期间发生非正常上访',
        });
        notifications.push(
          notification({
            kind: 'DUTY_OPENED',
            key: `statement:${statement.id}`,
            urgency: 'NORMAL',
            recipientIds: [authorId],
            caseId: c.id,
            title: `请向镇委常委会提交书面检查：${c.number}`,
            body: `案件逾期未办结期间发生${label}，请于${dueOn}前提交书面检查。`,
          }),
        );
      }
    }

    const facts = abnormalPetitionFacts({
      caseId: c.id,
      caseNumber: c.number,
      destination: input.destination,
      occurredOn: input.occurredOn,
      overdue: duties.overdue,
      leaderId: duties.leaderId,
      unitId: c.unitId,
    });
    for (const fact of facts) {
      if (await repos.accountability.record(fact, now)) {
        await audit(repos, actor, now, { action: 'accountability.record', entityType: 'AccountabilityFact', entityId: fact.sourceKey, caseId: c.id, after: fact });
      }
    }
    return { persuasion, selfCriticism, overdue: duties.overdue, alert: opened.alert, notifications, nextCheckAt: opened.nextCheckAt };
  });
}
