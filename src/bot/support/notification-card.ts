import type { Card } from '../../../cards/model.js';
import { notificationNoticeCard } from '../../../cards/builders/notification-notice.js';
import { weeklySummaryCard } from '../../../cards/builders/weekly-summary.js';
import type { Notification } from '../../domain/notifications.js';
import type { Logger } from '../../lib/logger.js';
import type { ConfigSource, Repos, UnitOfWork } from '../../usecases/ports.js';
import { alertCardForRepos } from './alert-card.js';
import { approvalCardForRepos } from './approval-card.js';
import { extensionDecisionCardFor } from './extension-decision-card.js';
import { weeklyChartPng } from './weekly-chart.js';
import { caseMaskers } from '../../usecases/support/case-maskers.js';

/**
 * The card a notification becomes for one recipient: an approval card for R4 requests, a
 * decision card for R10 requests, an alert card with acknowledgement buttons for R18/R20/R21,
 * the weekly summary with its chart, otherwise a notice that says what it is (待办, 通知, 提醒…),
 * never a confirmation: the reader did not just do it.
 */
export async function notificationCard(uow: UnitOfWork, config: ConfigSource, n: Notification, recipientId: string, logger?: Logger): Promise<Card> {
  if (n.kind === 'WEEKLY_SUMMARY' && n.weekly) return weeklySummaryCard(n.weekly, await config.townName(), await weeklyChart(n, logger));
  return uow.read(async (repos: Repos) => {
    if (n.kind === 'OWNERSHIP_APPROVAL_REQUESTED' && n.caseId) {
      const pending = await repos.proposals.pendingForCase(n.caseId);
      if (pending) return approvalCardForRepos(repos, pending.id, recipientId);
    }
    if (n.kind === 'EXTENSION_REQUESTED' && n.caseId) {
      const pending = (await repos.extensions.forCase(n.caseId)).find((e) => e.status === 'PENDING');
      if (pending) return extensionDecisionCardFor(repos, config, pending.id);
    }
    if (n.alertId) {
      const card = await alertCardForRepos(repos, n.alertId, recipientId);
      if (card) return card;
    }
    // R24: a notification is masked with its case's petitioners, wherever it is read.
    const r = (await caseMaskers(repos, [n.caseId]))(n.caseId);
    return notificationNoticeCard({ ...n, title: r.text(n.title), body: r.text(n.body) });
  });
}

/** The summary still goes without its chart when the chart cannot be drawn: the figures are in the card too. */
async function weeklyChart(n: Notification, logger: Logger | undefined): Promise<Uint8Array | undefined> {
  try {
    return (await weeklyChartPng(n.weekly!)) ?? undefined;
  } catch (err) {
    logger?.error({ err, key: n.key }, 'weekly chart not drawn');
    return undefined;
  }
}
