import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import type { OutboundLog } from '../../bot/ports/outbound.js';

/** The outbound message record in PostgreSQL: one row per (platform, uuid), last outcome wins. */
export function outboundRepo(prisma: PrismaClient): OutboundLog {
  return {
    async deliveredMessageId(platform, uuid) {
      const row = await prisma.outboundMessage.findUnique({ where: { platform_uuid: { platform, uuid } } });
      return row?.status === 'SENT' ? row.messageId : null;
    },
    async record(e) {
      const data = {
        destination: e.destination,
        payload: (e.payload ?? {}) as Prisma.InputJsonValue,
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
