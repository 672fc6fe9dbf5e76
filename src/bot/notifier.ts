import { createHash } from 'node:crypto';
import type { Card } from '../../cards/model.js';
import type { Notification } from '../domain/notifications.js';
import type { Logger } from '../lib/logger.js';
import type { UnitOfWork } from '../usecases/ports.js';
import type { PlatformName } from '../usecases/ports/platform.js';
import type { MessagingPort, UrgentChannel } from './messaging-port.js';
import type { Clock } from '../lib/clock.js';
import { recipientsMayBeTold } from '../usecases/support/notification-recipients.js';
import { immediatePushes } from '../usecases/reminders/plan-pushes.js';
import type { PushQueue } from './ports/push-queue.js';

/** Lark caps uuid at 50 characters; the hash keeps it stable for the same fact and person. */
export function sendUuid(...parts: string[]): string {
  return createHash('sha256').update(parts.join('|')).digest('base64url').slice(0, 40);
}

/**
 * Delivers the notifications a use case returned to every platform account of each recipient.
 * With the scheduler's queues at hand they are recorded in the outbox first and delivered by its
 * workers (retried, rate-limited across processes, never lost to a crash); without them (no
 * Redis) they are sent from here at once. The uuid is derived from the notification's key, so a
 * retry never posts twice.
 */
export class Notifier {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly messengers: ReadonlyMap<PlatformName, MessagingPort>,
    private readonly render: (n: Notification, recipientId: string) => Promise<Card>,
    private readonly logger: Logger,
    /** The urgent channels a township enabled, used at the top of an escalation ladder. */
    private readonly urgentChannels: readonly UrgentChannel[] = ['app'],
    private readonly outbox?: { queue: PushQueue; clock: Clock },
  ) {}

  async deliver(all: readonly Notification[]): Promise<void> {
    const notifications = await this.uow.read((repos) => Promise.all(all.map(async (n) => ({ ...n, recipientIds: await recipientsMayBeTold(repos, n) }))));
    if (this.outbox) return this.enqueue(notifications, this.outbox);
    for (const n of notifications) {
      for (const personId of n.recipientIds) {
        try {
          await this.deliverTo(n, personId);
        } catch (err) {
          this.logger.error({ err, key: n.key, personId }, 'notification not delivered');
        }
      }
    }
  }

  private async enqueue(notifications: readonly Notification[], outbox: { queue: PushQueue; clock: Clock }): Promise<void> {
    // A key recorded before (a repeated click) is not recorded again: it was delivered already.
    const pushes = await this.uow.run((repos) => repos.pushes.record(immediatePushes(notifications, outbox.clock.now())));
    try {
      await outbox.queue.deliver(pushes);
      await outbox.queue.watchAlerts(notifications.flatMap((n) => (n.alertId ? [n.alertId] : [])));
      await outbox.queue.refreshCases(notifications.flatMap((n) => (n.caseId ? [n.caseId] : [])));
    } catch (err) {
      // The rows stay PENDING: the worker's reconciler finds them within minutes.
      this.logger.warn({ err, pushes: pushes.length }, 'queue unreachable: pushes wait in the outbox for the reconciler');
    }
  }

  /**
   * Delivers one notification to one person on every platform they have an account on, and
   * says on how many ('withheld' when the rules forbid telling them about its case); throws when a platform fails (after its own retries), so that a queue can
   * try again — the uuid makes a platform that already took it ignore the retry.
   */
  async deliverTo(n: Notification, personId: string): Promise<number | 'withheld'> {
    const allowed = await this.uow.read((repos) => recipientsMayBeTold(repos, { caseId: n.caseId, recipientIds: [personId] }));
    if (allowed.length === 0) {
      this.logger.info({ key: n.key, personId, caseId: n.caseId }, 'notification withheld: the recipient may not be told about the case');
      return 'withheld';
    }
    let delivered = 0;
    let failure: unknown = null;
    for (const [platform, messenger] of this.messengers) {
      const ids = await this.uow.read((repos) => repos.identities.idsOf(personId, platform));
      if (!ids) continue;
      try {
        const card = await this.render(n, personId);
        const user = { platform, ...ids };
        const { messageId } = await messenger.send({ kind: 'user', user }, card, { uuid: sendUuid(n.key, personId, platform) });
        if (n.urgentChannel && messenger.buzz && this.urgentChannels.length > 0) await messenger.buzz(messageId, user, this.urgentChannels);
        delivered += 1;
      } catch (err) {
        failure ??= err;
      }
    }
    if (failure) throw failure;
    return delivered;
  }
}
