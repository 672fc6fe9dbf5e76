import { join } from 'node:path';
import type { Card } from '../../cards/model.js';
import { createBot } from '../../src/bot/create-bot.js';
import type { Dispatcher } from '../../src/bot/dispatcher.js';
import type { MessagingPort } from '../../src/bot/messaging-port.js';
import type { Database } from '../../src/db/database.js';
import { prismaReadModel } from '../../src/db/read-model.js';
import { sandboxMessageStore } from '../../src/db/repos/sandbox-message-repo.js';
import type { Person } from '../../src/domain/model.js';
import { TOWN_GROUP, p2pChat } from '../../src/platforms/sandbox/conversations.js';
import { createSandboxPlatform } from '../../src/platforms/sandbox/index.js';
import type { Deps } from '../../src/usecases/ports.js';
import { captureLogger } from './capture-logger.js';

export interface SandboxAnswer {
  /** The cards the bot answered with, as it meant them (before rendering), masked as sent. */
  cards: Card[];
  /** The refusals the dispatcher logged for the message (FORBIDDEN: authorization). */
  refusals: { code: string; details?: { policy?: string } }[];
}

export interface SandboxBot {
  bot: Dispatcher;
  /** A message typed in the sandbox chat, 1:1 with the bot unless `group`, as its page posts it; resolves when it is answered. */
  say(from: Person, text: string, opts?: { group?: boolean }): Promise<SandboxAnswer>;
}

/**
 * The bot as main.ts composes it for the sandbox, in-process, on a real database: what a person
 * types goes through the sandbox's conversations and the one dispatcher, as on the sandbox page.
 */
export async function startSandboxBot(db: Database, deps: Deps): Promise<SandboxBot> {
  const { logger, lines } = captureLogger('info');
  let bot: Dispatcher | undefined;
  const sandbox = createSandboxPlatform({
    uow: deps.uow, dispatch: (e) => bot!.dispatch(e), clock: deps.clock, logger,
    publicDir: join(process.cwd(), 'public', 'sandbox'), loopbackOnly: true, store: sandboxMessageStore(db.prisma),
  });
  await sandbox.start();
  const sent: Card[] = [];
  // The sandbox's own messenger, noting each card it is given.
  const inner = sandbox.messenger;
  const messenger: MessagingPort = {
    platform: 'SANDBOX',
    send: async (to, card, o) => (sent.push(card), inner.send(to, card, o)),
    reply: async (messageId, card, o) => (sent.push(card), inner.reply(messageId, card, o)),
    update: (messageId, card) => inner.update(messageId, card),
    findUser: () => inner.findUser(),
  };
  bot = createBot({ deps, clock: deps.clock, read: prismaReadModel(db.prisma), messengers: new Map([['SANDBOX', messenger]]), logger });
  let count = 0;
  return {
    bot,
    async say(from, text, opts = {}) {
      const chat = opts.group ? TOWN_GROUP : p2pChat(from.id);
      const posted = await sandbox.conversations.postText(chat, { id: from.id, name: from.name }, text);
      const eventId = `sandbox-bot-${(count += 1)}`;
      const before = sent.length;
      await bot!.dispatch({
        kind: 'message', platform: 'SANDBOX', eventId, messageId: posted.id, chat: { id: chat, type: opts.group ? 'group' : 'p2p' },
        sender: { platform: 'SANDBOX', openId: from.id, name: from.name }, text, mentionsBot: true, sentAt: deps.clock.now(),
      });
      await bot!.idle();
      const refusals = lines.filter((l) => l.msg === 'refused' && l.eventId === eventId) as unknown as SandboxAnswer['refusals'];
      return { cards: sent.slice(before), refusals };
    },
  };
}

/** Every text a card shows (title, markdown, fields, notes, items, buttons), one per line. */
export function cardText(card: Card): string {
  const parts: string[] = [card.title, card.subtitle ?? ''];
  for (const e of card.elements) {
    if (e.kind === 'markdown' || e.kind === 'note' || e.kind === 'item') parts.push(e.text);
    if (e.kind === 'fields') parts.push(...e.fields.map((f) => `${f.label}：${f.value}`));
    if (e.kind === 'actions') parts.push(...e.buttons.map((b) => b.label));
  }
  return parts.join('\n');
}
