import type { PrismaClient } from '../../generated/prisma/client.js';
import type { ChatKindLog } from '../../bot/ports/chats.js';

/** Chat kinds in PostgreSQL: one row per (platform, chatId), looked up by its primary key. */
export function chatRepo(prisma: PrismaClient): ChatKindLog {
  return {
    async kindOf(platform, chatId) {
      const row = await prisma.platformChat.findUnique({ where: { platform_chatId: { platform, chatId } }, select: { kind: true } });
      return row?.kind ?? null;
    },
    async record(platform, chatId, kind, seenAt) {
      // One statement; a repeat writes nothing. Conflicting reports can only come from a mix-up of
      // ids, and then GROUP wins: treating a 1:1 chat as a group only masks more (R24).
      await prisma.$executeRaw`
        INSERT INTO "PlatformChat" ("platform", "chatId", "kind", "seenAt")
        VALUES (${platform}::"Platform", ${chatId}, ${kind}::"ChatKind", ${seenAt})
        ON CONFLICT ("platform", "chatId") DO UPDATE SET "kind" = 'GROUP'
        WHERE "PlatformChat"."kind" <> 'GROUP' AND EXCLUDED."kind" = 'GROUP'`;
    },
  };
}
