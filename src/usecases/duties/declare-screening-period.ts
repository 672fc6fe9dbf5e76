import { z } from 'zod';
import { assertGlobalAllowed } from '../../domain/authorization.js';
import { DomainError } from '../../domain/errors.js';
import { SCREENING_KINDS, screeningDateProblems } from '../../domain/duties/screening.js';
import type { Actor } from '../../domain/model.js';
import { notification, type Notification } from '../../domain/notifications.js';
import { localDateOf } from '../../lib/local-date.js';
import type { Deps } from '../ports.js';
import type { ScreeningPeriod } from '../ports/duties.js';
import { audit } from '../support/audit.js';
import { id, localDate, text } from '../support/fields.js';
import { requireUnit } from '../support/load.js';
import { parseInput } from '../support/parse-input.js';

export const declareScreeningInput = z.object({
  name: text(100),
  kind: z.enum(SCREENING_KINDS),
  startsOn: localDate,
  endsOn: localDate,
  reportDueOn: localDate,
  unitIds: z
    .array(id)
    .min(1, { error: '至少指定一个报送单位' })
    .max(500)
    .refine((ids) => new Set(ids).size === ids.length, { error: '同一单位不能重复列出' }),
});

export interface DeclareScreeningResult {
  period: ScreeningPeriod;
  notifications: Notification[];
}

const KIND_LABELS = { REGULAR: '常规排查', SENSITIVE: '敏感时期集中排查' } as const;

/** R17: the office declares a screening period, its dates and the units that must report. */
export async function declareScreeningPeriod(deps: Deps, actor: Actor, raw: unknown): Promise<DeclareScreeningResult> {
  const input = parseInput(declareScreeningInput, raw);
  assertGlobalAllowed(actor.person, 'DECLARE_SCREENING');
  const now = deps.clock.now();
  const problems = screeningDateProblems(input, localDateOf(now));
  if (problems.length > 0) throw new DomainError('VALIDATION', `输入有误：${problems.join('；')}`, { problems });
  return deps.uow.run(async (repos) => {
    for (const unitId of input.unitIds) await requireUnit(repos, unitId, '报送单位');
    const period = await repos.screenings.createPeriod({ ...input, declaredById: actor.person.id, declaredAt: now });
    await audit(repos, actor, now, {
      action: 'screening.declare',
      entityType: 'ScreeningPeriod',
      entityId: period.id,
      after: { name: period.name, kind: period.kind, startsOn: period.startsOn, endsOn: period.endsOn, reportDueOn: period.reportDueOn, unitIds: period.unitIds },
    });
    const contacts = await repos.screenings.unitContacts(period.unitIds);
    return {
      period,
      notifications: [
        notification({
          kind: 'DUTY_OPENED',
          key: `screening-declared:${period.id}`,
          urgency: period.kind === 'SENSITIVE' ? 'URGENT' : 'NORMAL',
          recipientIds: [...contacts.values()].flat(),
          title: `${period.name}：请报送排查情况`,
          body: `${KIND_LABELS[period.kind]}，排查期${period.startsOn}至${period.endsOn}，请于${period.reportDueOn}前报送排查情况（无情况请报零报告）。`,
        }),
      ],
    };
  });
}
