import {
  escalationEntries, overdueEntries, progressEntries, screeningEntries, unsatisfiedEntries, type EntryDraft,
} from '../../domain/assessment/entries.js';
import { DEFAULT_ASSESSMENT_RULES, effectiveRules } from '../../domain/assessment/rules.js';
import { DomainError } from '../../domain/errors.js';
import type { Notification } from '../../domain/notifications.js';
import { localDateOf } from '../../lib/local-date.js';
import type { Deps } from '../ports.js';
import { audit } from '../support/audit.js';

/**
 * R23 system job: derives the year's deductions from stored facts — late or missing
 * screening reports (R17), missed progress reports (R2), cases overdue (R11), 不满意 with the
 * unit (R27), and abnormal petitions from poor work (R21, 不合格). Each fact is recorded once
 * (its sourceKey), so running it again only adds what is new. Entries are never removed: a
 * deduction stands as the fact it was when observed.
 */
export async function collectAssessmentEntries(deps: Deps, year: number): Promise<{ year: number; recorded: EntryDraft[]; notifications: Notification[] }> {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new DomainError('VALIDATION', '输入有误：考核年度不正确');
  const now = deps.clock.now();
  const today = localDateOf(now);
  if (year > Number(today.slice(0, 4))) return { year, recorded: [], notifications: [] };
  return deps.uow.run(async (repos) => {
    await repos.assessment.ensureRules(DEFAULT_ASSESSMENT_RULES);
    const rules = effectiveRules(await repos.assessment.rules());
    const facts = repos.assessmentFacts;
    const duties = await facts.screeningDuties(year);
    const cases = await facts.deadlineFacts(year);
    const ratings = await facts.unitRatings(year);
    const escalations = await facts.escalationFacts(year);
    const ownerships = await facts.ownershipReporting(year, today);
    const drafts = [
      ...screeningEntries(duties, year, today, rules),
      ...progressEntries(ownerships, year, today, rules),
      ...overdueEntries(cases, year, today, rules),
      ...unsatisfiedEntries(ratings, year, rules),
      ...escalationEntries(escalations, year, rules),
    ];
    const inserted = await repos.assessment.record(drafts, now);
    const byKey = new Map(drafts.map((d) => [d.sourceKey, d]));
    for (const e of inserted) {
      const d = byKey.get(e.sourceKey)!;
      await audit(repos, null, now, {
        action: 'assessment.entry.create',
        entityType: 'AssessmentEntry',
        entityId: e.id,
        caseId: d.caseId,
        after: d,
        reason: `R23 ${year}年度考核自动归集`,
      });
    }
    return { year, recorded: inserted.map((e) => byKey.get(e.sourceKey)!), notifications: [] };
  });
}
