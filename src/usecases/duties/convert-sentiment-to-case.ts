import { z } from 'zod';
import { assertGlobalAllowed } from '../../domain/authorization.js';
import { DomainError } from '../../domain/errors.js';
import { sentimentCaseTitle } from '../../domain/duties/sentiment.js';
import { COMPLEXITIES, type Actor, type CaseRecord } from '../../domain/model.js';
import type { Notification } from '../../domain/notifications.js';
import type { WorkingCalendar } from '../../domain/calendar/working-calendar.js';
import type { DeadlinePolicy } from '../../domain/deadlines/deadline-policy.js';
import type { KeywordRule } from '../../domain/intake/danger-keywords.js';
import type { ConfigSource, Deps, Repos } from '../ports.js';
import type { SentimentReport } from '../ports/duties.js';
import { intakeCase } from '../intake-case.js';
import { audit } from '../support/audit.js';
import { id, optionalText, petitioner } from '../support/fields.js';
import { parseInput } from '../support/parse-input.js';

export const convertSentimentInput = z.object({
  reportId: id,
  title: optionalText(100),
  category: optionalText(50),
  complexity: z.enum(COMPLEXITIES).default('GENERAL'),
  headcount: z.number().int().min(1).max(100000).optional(),
  petitioners: z.array(petitioner).min(1).max(200).optional(),
  important: z.boolean().default(false),
  sudden: z.boolean().default(false),
});

export interface ConvertSentimentResult {
  case: CaseRecord;
  report: SentimentReport;
  notifications: Notification[];
}

/**
 * Deps that run a use case inside the caller's transaction, so that intake and the link commit
 * together. The configuration intake reads is loaded beforehand: inside a transaction a second
 * connection may not be had (the embedded database has only one).
 */
function inTransaction(deps: Deps, repos: Repos, loaded: Loaded): Deps {
  const answers: Partial<Record<keyof ConfigSource, () => Promise<unknown>>> = {
    calendar: async () => loaded.calendar,
    deadlinePolicy: async () => loaded.policy,
    keywordRules: async () => loaded.rules,
  };
  const config = new Proxy(deps.config, {
    get: (target, prop, receiver) => answers[prop as keyof ConfigSource] ?? Reflect.get(target, prop, receiver),
  });
  return { ...deps, config, uow: { run: (fn) => fn(repos), read: (fn) => fn(repos) } };
}

type Loaded = { calendar: WorkingCalendar; policy: DeadlinePolicy; rules: KeywordRule[] };

async function loadIntakeConfig(config: ConfigSource): Promise<Loaded> {
  const [calendar, policy, rules] = await Promise.all([config.calendar(), config.deadlinePolicy(), config.keywordRules()]);
  return { calendar, policy, rules };
}

/**
 * R16: the office turns a sentiment report into a case in one action, through the normal intake
 * (source 民情采集, the report's village and content); a report becomes a case once. A report
 * often names nobody: without petitioners the case is registered as awaiting them
 * (petitionersPending), for the office to complete when it has contacted the people concerned.
 */
export async function convertSentimentToCase(deps: Deps, actor: Actor, raw: unknown): Promise<ConvertSentimentResult> {
  const input = parseInput(convertSentimentInput, raw);
  assertGlobalAllowed(actor.person, 'CONVERT_SENTIMENT');
  const now = deps.clock.now();
  const loaded = await loadIntakeConfig(deps.config);
  return deps.uow.run(async (repos) => {
    const report = await repos.sentiments.lock(input.reportId);
    if (!report) throw new DomainError('NOT_FOUND', '找不到该民情信息', { reportId: input.reportId });
    if (report.caseId) throw new DomainError('ALREADY_DONE', '该民情信息已转为案件，不能重复转办', { caseId: report.caseId });
    const village = await repos.directory.village(report.villageId);
    const intake = await intakeCase(inTransaction(deps, repos, loaded), actor, {
      title: input.title ?? sentimentCaseTitle(village?.name ?? '', report.content),
      content: report.content,
      source: 'SENTIMENT',
      category: input.category,
      complexity: input.complexity,
      receivedAt: report.reportedAt,
      villageId: report.villageId,
      headcount: input.headcount,
      petitioners: input.petitioners ?? [],
      important: input.important,
      sudden: input.sudden,
    }, { petitionersMayWait: true });
    if (!(await repos.sentiments.linkCase(report.id, intake.case.id))) {
      throw new DomainError('ALREADY_DONE', '该民情信息已转为案件，不能重复转办', { reportId: report.id });
    }
    await audit(repos, actor, now, {
      action: 'sentiment.convert',
      entityType: 'SentimentReport',
      entityId: report.id,
      caseId: intake.case.id,
      before: { caseId: null },
      after: { caseId: intake.case.id, number: intake.case.number },
    });
    return { case: intake.case, report: { ...report, caseId: intake.case.id }, notifications: intake.notifications };
  });
}
