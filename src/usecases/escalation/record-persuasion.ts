import { z } from 'zod';
import { assertDutyAllowed } from '../../domain/authorization.js';
import { ABNORMAL_DESTINATION_LABELS } from '../../domain/escalation/alert-kinds.js';
import { DomainError } from '../../domain/errors.js';
import type { Actor } from '../../domain/model.js';
import { notification, type Notification } from '../../domain/notifications.js';
import { startOfLocalDate } from '../../lib/local-date.js';
import type { Deps } from '../ports.js';
import type { PersuasionRecord } from '../ports/escalation.js';
import { audit } from '../support/audit.js';
import { id, optionalText, text } from '../support/fields.js';
import { lockCase } from '../support/load.js';
import { parseInput } from '../support/parse-input.js';
import { idsWithRole } from '../support/recipients.js';

export const recordPersuasionInput = z.object({
  persuasionId: id,
  who: text(200),
  doneAt: z.coerce.date({ error: '格式不正确' }),
  outcome: z.enum(['RETURNED', 'NOT_RETURNED'], { error: '应为已劝返或未劝返' }),
  note: optionalText(2000),
});

export interface RecordPersuasionResult {
  persuasion: PersuasionRecord;
  notifications: Notification[];
}

const OUTCOME_LABELS = { RETURNED: '已劝返', NOT_RETURNED: '未劝返' } as const;

/** R21: the persuading leader (or the office) records who persuaded, when, and the outcome. */
export async function recordPersuasion(deps: Deps, actor: Actor, raw: unknown): Promise<RecordPersuasionResult> {
  const input = parseInput(recordPersuasionInput, raw);
  const now = deps.clock.now();
  if (input.doneAt.getTime() > now.getTime() + 60_000) throw new DomainError('VALIDATION', '输入有误：劝返时间不能晚于现在');
  return deps.uow.run(async (repos) => {
    const found = await repos.persuasions.get(input.persuasionId);
    if (!found) throw new DomainError('NOT_FOUND', '找不到该劝返任务', { persuasionId: input.persuasionId });
    const c = await lockCase(repos, found.caseId);
    const before = (await repos.persuasions.get(found.id))!;
    assertDutyAllowed(actor.person, 'RECORD_PERSUASION_FOR', { personId: before.leaderId });
    if (input.doneAt < startOfLocalDate(before.occurredOn)) {
      throw new DomainError('VALIDATION', '输入有误：劝返时间不能早于上访发生日期');
    }
    const patch = { who: input.who, doneAt: input.doneAt, outcome: input.outcome, note: input.note, recordedById: actor.person.id };
    if (!(await repos.persuasions.record(before.id, patch))) {
      throw new DomainError('ALREADY_DONE', '该劝返任务已记录为劝返成功，不能再修改', { persuasionId: before.id });
    }
    await audit(repos, actor, now, {
      action: 'persuasion.record',
      entityType: 'Persuasion',
      entityId: before.id,
      caseId: c.id,
      before: { who: before.who, doneAt: before.doneAt, outcome: before.outcome, note: before.note },
      after: { who: input.who, doneAt: input.doneAt, outcome: input.outcome, note: input.note },
    });
    const persuasion = (await repos.persuasions.get(before.id))!;
    return {
      persuasion,
      notifications: [
        notification({
          kind: 'ABNORMAL_PETITION',
          key: `persuasion:${persuasion.id}:${input.outcome}:${input.doneAt.toISOString()}`,
          urgency: input.outcome === 'RETURNED' ? 'NORMAL' : 'URGENT',
          recipientIds: [...(await idsWithRole(repos, 'PRINCIPAL_LEADER', 'OFFICE_STAFF'))].filter((p) => p !== actor.person.id),
          caseId: c.id,
          title: `劝返情况：${c.number} ${OUTCOME_LABELS[input.outcome]}`,
          body: `${ABNORMAL_DESTINATION_LABELS[persuasion.destination]}（${persuasion.occurredOn}）：${input.who}，${OUTCOME_LABELS[input.outcome]}${input.note ? `。${input.note}` : ''}`,
        }),
      ],
    };
  });
}
