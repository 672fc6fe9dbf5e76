import type { Server } from 'node:http';
import type { PushQueue } from '../../src/bot/ports/push-queue.js';
import type { AddressInfo } from 'node:net';
import type { LarkCardJson } from '../../cards/lark/render.js';
import { createBot } from '../../src/bot/create-bot.js';
import type { Dispatcher } from '../../src/bot/dispatcher.js';
import type { MessagingPort } from '../../src/bot/messaging-port.js';
import { loadConfig } from '../../src/config.js';
import { prismaReadModel } from '../../src/db/read-model.js';
import { chatRepo } from '../../src/db/repos/chat-repo.js';
import { outboundRepo } from '../../src/db/repos/outbound-repo.js';
import { createHttpApp } from '../../src/http/app.js';
import type { Person } from '../../src/domain/model.js';
import { createLarkPlatform, type LarkPlatform } from '../../src/platforms/lark/index.js';
import type { PlatformName } from '../../src/usecases/ports/platform.js';
import { components } from '../cards/lark-walk.js';
import { captureLogger } from './capture-logger.js';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { freshDatabase, type TestDatabase } from './database.js';
import { FakeLark, fakeP2pChatId, type FakeLarkMessage } from './fake-lark.js';
import { APP_ID, cardActionEvent, messageEvent, signAndEncrypt, type UserIds } from './lark-payloads.js';
import { buildTownship, type Township } from './township.js';

export const ENCRYPT_KEY = 'e2e-encrypt-key';

/** The bot as main.ts composes it, on a real database, the real Lark SDK and a fake Lark open API. */
export interface LarkHarness {
  fake: FakeLark;
  bot: Dispatcher;
  lark: LarkPlatform;
  base: string;
  logLines: Record<string, unknown>[];
  ids(p: Person): UserIds;
  /** The 1:1 chat of the bot with this person (where sends to them and their p2p messages land). */
  p2pChat(p: Person): string;
  /** In a group (the default group chat unless `chatId`), or 1:1 (the person's own chat with the bot unless `chatId`). */
  say(from: Person, text: string, opts?: { chatType?: 'group' | 'p2p'; eventId?: string; chatId?: string }): Promise<Response>;
  /** A click on a card in `chatId` (default: the default group chat). */
  click(from: Person, value: unknown, opts?: { eventId?: string; messageId?: string; chatId?: string }): Promise<{ status: number; body: { toast?: { type: string; content: string }; card?: { type: string; data: LarkCardJson } } }>;
  submit(from: Person, submitName: string, form: Record<string, unknown>, opts?: { eventId?: string; messageId?: string; chatId?: string }): ReturnType<LarkHarness['click']>;
  post(path: string, rawBody: string, headers: Record<string, string>): Promise<Response>;
  /** Waits until every dispatched event and its deliveries are done. */
  settle(): Promise<void>;
  /** Cards the bot sent, newest last, optionally only to one person's open_id. */
  cards(to?: Person): { message: FakeLarkMessage; card: LarkCardJson }[];
  close(): Promise<void>;
}

export const cardOf = (m: FakeLarkMessage): LarkCardJson => JSON.parse(m.content) as LarkCardJson;
export const titleOf = (card: LarkCardJson) => ((card.header as { title: { content: string } }).title.content);
/** The values of a card's buttons (outside forms) and the names of its form submits. */
export function buttonValues(card: LarkCardJson): Record<string, unknown>[] {
  return components(card)
    .filter((c) => c.node.tag === 'button' && !c.inForm)
    .map((c) => (c.node.behaviors as { value: Record<string, unknown> }[])[0]!.value);
}
export function submitNames(card: LarkCardJson): string[] {
  return components(card).filter((c) => c.node.tag === 'button' && c.inForm).map((c) => c.node.name as string);
}

/**
 * `sleepMovesClock`: the bot's waits (rate limits, retry backoff) advance the town's fixed clock
 * instead of returning at once — needed when many sends hit one person at one fixed instant.
 * `pushQueue`: the bot as the web role runs it with Redis — its notifications go through the outbox.
 */
/**
 * The platform's sleep in tests: with `movesClock`, sleeping moves the test clock on; otherwise it
 * returns at once (retries need not wait), yielding to the event loop. A send that waits for a rate
 * limit on a frozen clock would wait forever: it fails loudly instead of hanging the test.
 */
function frozenClockSleep(town: Township, movesClock: boolean): (ms: number) => Promise<void> {
  let spins = 0;
  let lastNow = Number.NaN;
  return async (ms) => {
    if (movesClock) return void town.clock.advance(ms);
    const now = town.clock.now().getTime();
    spins = now === lastNow ? spins + 1 : 0;
    lastNow = now;
    if (spins > 1000) throw new Error("a send waits for Lark's rate limit on a frozen test clock: advance town.clock between sends, or start the harness with sleepMovesClock");
    await new Promise((resolve) => setImmediate(resolve));
  };
}

export async function startLarkHarness(t: TestDatabase, town: Township, linked: Person[], opts: { sleepMovesClock?: boolean; pushQueue?: PushQueue } = {}): Promise<LarkHarness> {
  const fake = await FakeLark.start({ now: () => town.clock.now().getTime() });
  const { logger, lines } = captureLogger('info');
  const ids = (p: Person): UserIds => ({ open_id: `ou_${p.id.replace(/-/g, '')}`, union_id: `on_${p.id.replace(/-/g, '')}`, user_id: null });
  for (const p of linked) {
    await t.db.prisma.platformIdentity.create({ data: { personId: p.id, platform: 'LARK', openId: ids(p).open_id, unionId: ids(p).union_id } });
  }
  const config = loadConfig({ LARK_APP_ID: APP_ID, LARK_APP_SECRET: 'e2e-secret', LARK_ENCRYPT_KEY: ENCRYPT_KEY, LARK_DOMAIN: fake.url });
  let bot: Dispatcher | undefined;
  // Lark acknowledges messages before the bot has answered: track the dispatches to wait for them.
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>): Promise<T> => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => undefined);
    return p;
  };
  const settle = async () => {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    await bot!.idle();
  };
  const lark = createLarkPlatform({ config, dispatch: (e) => track(bot!.dispatch(e)), logger, outbound: outboundRepo(t.db.prisma), chats: chatRepo(t.db.prisma), clock: town.clock, sleep: frozenClockSleep(town, opts.sleepMovesClock ?? false) })!;
  const messengers = new Map<PlatformName, MessagingPort>([['LARK', lark.messenger]]);
  bot = createBot({ deps: town.deps, clock: town.clock, read: prismaReadModel(t.db.prisma), messengers, directories: new Map([['LARK', lark.directory]]), logger, ...(opts.pushQueue && { pushQueue: opts.pushQueue }) });
  await lark.start();
  const app = createHttpApp({ db: t.db, logger, routers: [lark.router!] });
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const post = (path: string, rawBody: string, headers: Record<string, string>) => fetch(`${base}${path}`, { method: 'POST', body: rawBody, headers });
  const signedPost = async (path: string, payload: unknown) => {
    const req = signAndEncrypt(payload, ENCRYPT_KEY, { timestamp: town.clock.now() });
    return post(path, req.rawBody, req.headers);
  };
  const click: LarkHarness['click'] = async (from, value, opts = {}) => {
    const res = await signedPost('/lark/cards', cardActionEvent({ operator: ids(from), value, eventId: opts.eventId, messageId: opts.messageId, chatId: opts.chatId, createTime: town.clock.now() }));
    const text = await res.text();
    await settle();
    return { status: res.status, body: text ? JSON.parse(text) : {} };
  };
  return {
    fake,
    bot,
    lark,
    base,
    logLines: lines,
    ids,
    p2pChat: (p) => fakeP2pChatId(ids(p).open_id),
    async say(from, text, opts = {}) {
      const inGroup = (opts.chatType ?? 'group') === 'group';
      const res = await signedPost(
        '/lark/events',
        messageEvent({
          sender: ids(from),
          text: inGroup ? `@_user_1 ${text}` : text,
          chatType: opts.chatType ?? 'group',
          eventId: opts.eventId,
          chatId: opts.chatId ?? (inGroup ? undefined : fakeP2pChatId(ids(from).open_id)),
          createTime: town.clock.now(),
          ...(inGroup ? {} : { mentions: [] }),
        }),
      );
      await settle();
      return res;
    },
    click,
    submit: (from, submitName, form, opts = {}) => {
      return (async () => {
        const res = await signedPost('/lark/cards', cardActionEvent({ operator: ids(from), name: submitName, formValue: form, eventId: opts.eventId, messageId: opts.messageId, chatId: opts.chatId, createTime: town.clock.now() }));
        const text = await res.text();
        await settle();
        return { status: res.status, body: text ? JSON.parse(text) : {} };
      })();
    },
    post,
    settle,
    cards(to) {
      return fake.messages
        .filter((m) => m.msg_type === 'interactive' && (!to || m.receive_id === ids(to).open_id))
        .map((message) => ({ message, card: cardOf(message) }));
    },
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      await lark.stop();
      await fake.close();
    },
  };
}

export interface LarkSuite {
  t: TestDatabase;
  town: Township;
  h: LarkHarness;
}

/**
 * Registers the hooks of an end-to-end suite: a fresh PostgreSQL database, the test township
 * on 2026-11-02, and the bot with the named people linked to Lark. The fields are set before
 * the suite's own beforeAll hooks run.
 */
export function useLarkSuite(linked: (people: Township['people']) => Person[], opts: { minutesBetweenTests?: number; sleepMovesClock?: boolean } = {}): LarkSuite {
  const suite = {} as LarkSuite;
  beforeAll(async () => {
    suite.t = await freshDatabase('postgres');
    suite.town = await buildTownship(suite.t.db, '2026-11-02T09:00:00+08:00');
    suite.h = await startLarkHarness(suite.t, suite.town, linked(suite.town.people), { sleepMovesClock: opts.sleepMovesClock ?? false });
  });
  // Lark allows 5 sends per second per chat: tests that answer into one chat let the clock move on between them.
  if (opts.minutesBetweenTests) beforeEach(() => suite.town.clock.advance(opts.minutesBetweenTests! * 60_000));
  afterAll(async () => {
    await suite.h?.close();
    await suite.t?.drop();
  });
  return suite;
}
