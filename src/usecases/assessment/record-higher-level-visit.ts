import { createHash } from 'node:crypto';
import { z } from 'zod';
import { assertGlobalAllowed } from '../../domain/authorization.js';
import { visitEntries } from '../../domain/assessment/entries.js';
import { DEFAULT_ASSESSMENT_RULES, escalationDisqualifies, VISIT_LEVELS } from '../../domain/assessment/rules.js';
import type { SheetEntry } from '../../domain/assessment/sheet.js';
import { DomainError } from '../../domain/errors.js';
import type { Actor } from '../../domain/model.js';
import type { Notification } from '../../domain/notifications.js';
import { localDateOf } from '../../lib/local-date.js';
import { assertDate, pastFactRule } from '../../domain/dates/date-rules.js';
import type { Deps } from '../ports.js';
import { audit } from '../support/audit.js';
import { id, localDate, text } from '../support/fields.js';
import { requireUnit } from '../support/load.js';
import { parseInput } from '../support/parse-input.js';

export const higherLevelVisitInput = z.object({
  unitId: id,
  level: z.enum(VISIT_LEVELS, { error: '上访去向应为 县 / 市 / 省 / 北京' }),
  collective: z.boolean().default(false),
  date: localDate,
  caseId: id.optional().nullable().transform((v) => v ?? null),
  /** What happened and on what record (e.g. the higher level's bulletin): the deduction's evidence. */
  evidence: text(500),
  /** The visit followed from the unit's poor work (R21): Beijing, province or collective makes it 不合格. */
  poorWork: z.boolean().default(false),
});

/**
 * R23: the office records a visit by the unit's people to the county, city, province or
 * Beijing: one deduction (doubled points for a collective visit by default), plus 不合格 when
 * poor work led to it. Recording the same visit twice changes nothing.
 */
export async function recordHigherLevelVisit(
  deps: Deps,
  actor: Actor,
  raw: unknown,
): Promise<{ entries: SheetEntry[]; created: boolean; notifications: Notification[] }> {
  const input = parseInput(higherLevelVisitInput, raw);
  assertGlobalAllowed(actor.person, 'RECORD_ASSESSMENT');
  const now = deps.clock.now();
  assertDate(input.date, pastFactRule('上访日期', localDateOf(now)), 'date');
  const disqualifies = escalationDisqualifies(input.level, input.collective);
  if (input.poorWork && !disqualifies) {
    throw new DomainError('VALIDATION', '输入有误：只有因工作不力导致到省、赴京上访或越级集体访的，才评为不合格');
  }
  return deps.uow.run(async (repos) => {
    const unit = await requireUnit(repos, input.unitId);
    const c = input.caseId ? await repos.cases.get(input.caseId) : null;
    if (input.caseId && !c) throw new DomainError('NOT_FOUND', '找不到该案件', { caseId: input.caseId });
    await repos.assessment.ensureRules(DEFAULT_ASSESSMENT_RULES);
    const drafts = visitEntries(
      {
        unitId: unit.id,
        unitName: unit.name,
        level: input.level,
        collective: input.collective,
        date: input.date,
        caseId: c?.id ?? null,
        caseNumber: c?.number ?? null,
        evidence: input.evidence,
        poorWork: input.poorWork,
        reference: createHash('sha256').update(input.evidence).digest('hex').slice(0, 12),
      },
      await repos.assessment.rules(),
      disqualifies,
    );
    const inserted = await repos.assessment.record(drafts, now);
    for (const e of inserted) {
      const d = drafts.find((x) => x.sourceKey === e.sourceKey)!;
      await audit(repos, actor, now, {
        action: 'assessment.entry.create',
        entityType: 'AssessmentEntry',
        entityId: e.id,
        caseId: d.caseId,
        after: d,
        reason: 'R23 记录越级上访',
      });
    }
    const entries: SheetEntry[] = [];
    for (const d of drafts) {
      const e = await repos.assessment.entryBySourceKey(d.sourceKey);
      if (e !== null) entries.push(e);
    }
    return { entries, created: inserted.length > 0, notifications: [] };
  });
}
