import { alertCard } from '../../../cards/builders/alert.js';
import type { Card } from '../../../cards/model.js';
import type { ReportableStage } from '../../domain/escalation/ack-stage.js';
import type { RecipientReason } from '../../domain/escalation/alert-kinds.js';
import type { Repos } from '../../usecases/ports.js';
import { caseMaskers } from '../../usecases/support/case-maskers.js';

/** An alert (R18/R20/R21) as one recipient sees it: who must answer, and their own buttons. */
export async function alertCardForRepos(repos: Repos, alertId: string, viewerId: string | null): Promise<Card | null> {
  const alert = await repos.alerts.get(alertId);
  if (!alert) return null;
  const [village, c] = await Promise.all([
    alert.villageId ? repos.directory.village(alert.villageId) : null,
    alert.caseId ? repos.cases.get(alert.caseId) : null,
  ]);
  const recipients = await Promise.all(
    alert.recipients.map(async (r) => ({
      name: (await repos.directory.person(r.personId))?.name ?? '—',
      reason: r.reason as RecipientReason,
      required: r.required as ReportableStage,
      stage: r.stage,
    })),
  );
  const me = alert.recipients.find((r) => r.personId === viewerId);
  const mask = (await caseMaskers(repos, [alert.caseId]))(alert.caseId);
  return alertCard({
    alertId: alert.id,
    kind: alert.kind,
    title: mask.text(alert.title),
    detail: mask.text(alert.detail),
    villageName: village?.name ?? null,
    caseNumber: c?.number ?? null,
    raisedAt: alert.raisedAt,
    closed: alert.status === 'CLOSED',
    level: alert.level,
    recipients,
    viewer: me ? { required: me.required as ReportableStage, stage: me.stage } : null,
  });
}
