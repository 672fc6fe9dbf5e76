import { z } from 'zod';
import { assertDutyAllowed, assertGlobalAllowed } from '../../domain/authorization.js';
import { DomainError } from '../../domain/errors.js';
import { sentimentNotification } from '../../domain/duties/sentiment.js';
import type { Actor } from '../../domain/model.js';
import type { Notification } from '../../domain/notifications.js';
import type { Deps } from '../ports.js';
import type { SentimentReport } from '../ports/duties.js';
import { audit } from '../support/audit.js';
import { id, text } from '../support/fields.js';
import { parseInput } from '../support/parse-input.js';
import { idsWithRole } from '../support/recipients.js';

export const reportSentimentInput = z.object({ villageId: id, content: text(5000) });

export interface ReportSentimentResult {
  report: SentimentReport;
  notifications: Notification[];
}

/** R16 即时即报: a village collector or cadre reports an issue; the area leader and the office hear at once. */
export async function reportSentiment(deps: Deps, actor: Actor, raw: unknown): Promise<ReportSentimentResult> {
  const input = parseInput(reportSentimentInput, raw);
  assertGlobalAllowed(actor.person, 'REPORT_SENTIMENT');
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    const village = await repos.directory.village(input.villageId);
    if (!village) throw new DomainError('NOT_FOUND', '所属村不存在', { villageId: input.villageId });
    assertDutyAllowed(actor.person, 'REPORT_SENTIMENT_IN', { linkedToVillage: await repos.sentiments.isLinked(actor.person.id, village.id) });
    const report = await repos.sentiments.create({ villageId: village.id, reporterId: actor.person.id, content: input.content, reportedAt: now });
    await audit(repos, actor, now, {
      action: 'sentiment.report',
      entityType: 'SentimentReport',
      entityId: report.id,
      after: { villageId: village.id, reportedAt: now },
    });
    const area = await repos.directory.area(village.areaId);
    const areaLeader = area?.leaderId ? await repos.directory.person(area.leaderId) : null;
    return {
      report,
      notifications: [
        sentimentNotification(
          { id: report.id, villageName: village.name, reporterName: actor.person.name, content: report.content },
          { areaLeaderId: areaLeader?.active ? areaLeader.id : null, officeIds: await idsWithRole(repos, 'OFFICE_STAFF') },
        ),
      ],
    };
  });
}
