import { z } from 'zod';
import { assertGlobalAllowed } from '../../domain/authorization.js';
import { effectiveRules, type AssessmentRule } from '../../domain/assessment/rules.js';
import { assessmentSheet, type AssessmentSheet } from '../../domain/assessment/sheet.js';
import type { Actor } from '../../domain/model.js';
import type { Notification } from '../../domain/notifications.js';
import type { Deps } from '../ports.js';
import { parseInput } from '../support/parse-input.js';
import { textsAbout } from '../support/case-texts.js';

export const sheetInput = z.object({
  year: z.coerce.number({ error: '考核年度应为数字' }).int().min(2000, { error: '考核年度不正确' }).max(2100, { error: '考核年度不正确' }),
});

export interface AssessmentSheetResult extends AssessmentSheet {
  year: number;
  rules: AssessmentRule[];
  notifications: Notification[];
}

/** R23: the year's score sheet (office and principal leaders); reads only. */
export async function getAssessmentSheet(deps: Deps, actor: Actor, raw: unknown): Promise<AssessmentSheetResult> {
  const { year } = parseInput(sheetInput, raw);
  assertGlobalAllowed(actor.person, 'VIEW_ASSESSMENT');
  return deps.uow.run(async (repos) => {
    const stored = await repos.assessment.rules();
    const recorded = await repos.assessment.entries(year);
    // R24: the sheet is exported: each piece of evidence as this reader may read it.
    const evidence = await textsAbout(repos, actor.person, 'EXPORT', recorded.map((e) => e.evidence));
    const entries = recorded.map((e, i) => ({ ...e, evidence: evidence[i]! }));
    const units = await repos.assessment.assessedUnits(year);
    return { year, ...assessmentSheet(units, entries, stored), rules: effectiveRules(stored), notifications: [] };
  });
}
