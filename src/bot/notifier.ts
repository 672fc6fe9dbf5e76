import { createHash } from 'node:crypto';
import type { Card } from '../../cards/model.js';
import type { Notification } from '../domain/notifications.js';
import type { Logger } from '../lib/logger.js';
import type { UnitOfWork } from '../usecases/ports.js';
import type { PlatformName } from '../usecases/ports/platform.js';
import type { MessagingPort, UrgentChannel } from './messaging-port.js';

/** Lark caps uuid at 50 characters; the hash keeps it stable for the same fact and person. */
export function sendUuid(...parts: string[]): string {
  return createHash('sha256').update(parts.join('|')).digest('base64url').slice(0, 40);
}

/**
 * Delivers the notifications a use case returned, at once, to every platform account of each
 * recipient. The uuid is derived from the notification's key, so a retry never posts twice.
 * (The scheduler's outbox takes this over for timed and repeated pushes.)
 */
export class Notifier {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly messengers: ReadonlyMap<PlatformName, MessagingPort>,
    private readonly render: (n: Notification, recipientId: string) => Promise<Card>,
    private readonly logger: Logger,
    /** The urgent channels a township enabled, used at the top of an escalation ladder. */
    private readonly urgentChannels: readonly UrgentChannel[] = ['app'],
  ) {}

  async deliver(notifications: readonly Notification[]): Promise<void> {
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

  /**
   * Delivers one notification to one person on every platform they have an account on, and
   * says on how many; throws when a platform fails (after its own retries), so that a queue can
   * try again — the uuid makes a platform that already took it ignore the retry.
   */
  async deliverTo(n: Notification, personId: string): Promise<number> {
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
