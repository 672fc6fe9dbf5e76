import { SANDBOX_MESSAGE_DAYS, SANDBOX_MESSAGES_PER_CHAT, type SandboxMessageStore, type StoredSandboxMessage } from '../../bot/ports/sandbox-messages.js';
import type { PrismaClient, SandboxMessage } from '../../generated/prisma/client.js';

const toMessage = (r: SandboxMessage): StoredSandboxMessage => ({
  id: r.id,
  chat: r.chat,
  fromPerson: r.fromPerson ? { id: r.fromPerson, name: r.fromName ?? '' } : null,
  at: r.at,
  text: r.text,
  cardHtml: r.cardHtml,
});

/** The sandbox's chats in the database, each cut to its newest SANDBOX_MESSAGES_PER_CHAT and SANDBOX_MESSAGE_DAYS at every add. */
export function sandboxMessageStore(prisma: PrismaClient): SandboxMessageStore {
  return {
    async add(m, uuid) {
      if (uuid) {
        const sent = await prisma.sandboxMessage.findUnique({ where: { uuid } });
        if (sent) return toMessage(sent);
      }
      const row = await prisma.sandboxMessage.create({
        data: { id: m.id, chat: m.chat, fromPerson: m.fromPerson?.id ?? null, fromName: m.fromPerson?.name ?? null, text: m.text, cardHtml: m.cardHtml, uuid: uuid ?? null, at: m.at },
      });
      await prisma.$executeRaw`
        DELETE FROM "SandboxMessage"
        WHERE ("chat" = ${m.chat} AND "seq" < (
                 SELECT "seq" FROM "SandboxMessage" WHERE "chat" = ${m.chat} ORDER BY "seq" DESC OFFSET ${SANDBOX_MESSAGES_PER_CHAT - 1} LIMIT 1))
           OR "at" < ${new Date(m.at.getTime() - SANDBOX_MESSAGE_DAYS * 86_400_000)}`;
      return toMessage(row);
    },
    async get(id) {
      const row = await prisma.sandboxMessage.findUnique({ where: { id } });
      return row ? toMessage(row) : null;
    },
    async setCard(id, cardHtml) {
      const { count } = await prisma.sandboxMessage.updateMany({ where: { id }, data: { cardHtml } });
      return count === 1;
    },
    async chat(chat) {
      const rows = await prisma.sandboxMessage.findMany({ where: { chat }, orderBy: { seq: 'desc' }, take: SANDBOX_MESSAGES_PER_CHAT });
      return rows.reverse().map(toMessage);
    },
  };
}
