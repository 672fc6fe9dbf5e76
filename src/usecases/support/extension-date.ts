import { assertDate, laterBound } from '../../domain/dates/date-rules.js';
import type { CaseRecord } from '../../domain/model.js';
import { addDays, type LocalDate } from '../../lib/local-date.js';
import type { ConfigSource, Repos } from '../ports.js';
import { caseDeadline } from '../../domain/deadlines/case-deadlines.js';
import { deadlineFactsOf } from './deadline.js';

/** R9/R10: the date an extension asks for lies after the current deadline and within the statutory ceiling, on a working day. */
export async function assertExtensionDate(repos: Repos, config: ConfigSource, c: CaseRecord, requested: LocalDate, today: LocalDate): Promise<void> {
  const [calendar, policy] = [await config.calendar(), await config.deadlinePolicy()];
  const { milestones } = caseDeadline(await deadlineFactsOf(repos, c), calendar, policy);
  const tomorrow = { date: addDays(today, 1), why: '明天' };
  const earliest = c.dueOn ? laterBound(tomorrow, { date: addDays(c.dueOn, 1), why: '现办结时限的次日' }) : tomorrow;
  assertDate(requested, {
    label: '申请延期至',
    earliest,
    latest: { date: milestones.statutoryCeiling, why: '法定最长期限', note: `受理后${policy.handlingDays}日加延期${policy.maxExtensionDays}日，R9` },
    workingDays: calendar,
    deadline: true,
  }, 'requestedDueOn');
}
