import { sentimentConvertFormCard } from '../../../cards/builders/sentiment-convert-form.js';
import { sentimentFormCard } from '../../../cards/builders/sentiment-form.js';
import type { Card } from '../../../cards/model.js';
import { assertGlobalAllowed, authorizeGlobal } from '../../domain/authorization.js';
import { DomainError } from '../../domain/errors.js';
import { localDateOf } from '../../lib/local-date.js';
import type { HandlerContext } from '../handler.js';

/** R16: the report form with the villages this person collects for (every village for whoever may convert reports). */
export async function sentimentForm(ctx: HandlerContext): Promise<Card> {
  const person = ctx.actor.person;
  assertGlobalAllowed(person, 'REPORT_SENTIMENT');
  const villages = await ctx.lookup(async (repos) => {
    const all = await repos.directory.villages();
    if (authorizeGlobal(person, 'CONVERT_SENTIMENT').allowed) return all;
    const linked = [];
    for (const v of all) if (await repos.sentiments.isLinked(person.id, v.id)) linked.push(v);
    return linked;
  });
  if (villages.length === 0) throw new DomainError('FORBIDDEN', '您尚未关联任何村（社区），请联系信访办');
  return sentimentFormCard({ villages });
}

/** R16: the form that turns a report into a case, for whoever may convert reports. */
export async function sentimentConvertForm(ctx: HandlerContext, reportId: string): Promise<Card> {
  assertGlobalAllowed(ctx.actor.person, 'CONVERT_SENTIMENT');
  const found = await ctx.lookup(async (repos) => {
    const report = await repos.sentiments.lock(reportId);
    if (!report) return null;
    const [village, reporter] = [await repos.directory.village(report.villageId), await repos.directory.person(report.reporterId)];
    return { report, villageName: village?.name ?? '—', reporterName: reporter?.name ?? '—' };
  });
  if (!found) throw new DomainError('NOT_FOUND', '找不到该民情信息');
  if (found.report.caseId) throw new DomainError('ALREADY_DONE', '该民情信息已转为案件');
  const r = found.report;
  return sentimentConvertFormCard({
    report: { reportId: r.id, villageName: found.villageName, reporterName: found.reporterName, content: r.content, reportedOn: localDateOf(r.reportedAt) },
  });
}
