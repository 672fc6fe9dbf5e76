import { Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import type { OutboundLog } from '../../bot/ports/outbound.js';
import { DEFAULT_PAYLOAD_RETENTION, type PayloadRetention } from '../../domain/privacy/payload-retention.js';

/**
 * The outbound message record in PostgreSQL: one row per (platform, uuid), last outcome wins.
 * With a retention of 0 days a delivered card's content is not kept at all (R24); otherwise the
 * hourly system jobs drop it later (usecases/privacy/drop-expired-payloads.ts).
 */
export function outboundRepo(prisma: PrismaClient, retention: Pick<PayloadRetention, 'sentDays'> = DEFAULT_PAYLOAD_RETENTION): OutboundLog {
  return {
    async deliveredMessageId(platform, uuid) {
      const row = await prisma.outboundMessage.findUnique({ where: { platform_uuid: { platform, uuid } }, select: { status: true, messageId: true } });
      return row?.status === 'SENT' ? row.messageId : null;
    },
    async record(e) {
      const drop = e.status === 'SENT' && retention.sentDays === 0;
      const data = {
        destination: e.destination,
        payload: drop ? Prisma.DbNull : ((e.payload ?? {}) as Prisma.InputJsonValue),
        payloadDroppedAt: drop ? e.sentAt : null,
        status: e.status,
        messageId: e.messageId,
        attempts: e.attempts,
        lastError: e.lastError,
        sentAt: e.sentAt,
      };
      await prisma.outboundMessage.upsert({
        where: { platform_uuid: { platform: e.platform, uuid: e.uuid } },
        create: { platform: e.platform, uuid: e.uuid, ...data },
        update: data,
      });
    },
  };
}
