import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Card } from '../../cards/model.js';
import { createBot } from '../../src/bot/create-bot.js';
import type { Dispatcher } from '../../src/bot/dispatcher.js';
import type { MessagingPort } from '../../src/bot/messaging-port.js';
import { SANDBOX_MESSAGES_PER_CHAT } from '../../src/bot/ports/sandbox-messages.js';
import { DbConfigSource } from '../../src/db/config-source.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { prismaReadModel } from '../../src/db/read-model.js';
import { sandboxMessageStore } from '../../src/db/repos/sandbox-message-repo.js';
import { prismaUnitOfWork } from '../../src/db/unit-of-work.js';
import { createHttpApp } from '../../src/http/app.js';
import { FixedClock } from '../../src/lib/clock.js';
import type { SandboxEvent, SandboxMessage } from '../../src/platforms/sandbox/conversations.js';
import { createSandboxPlatform, type SandboxPlatform } from '../../src/platforms/sandbox/index.js';
import type { PlatformName } from '../../src/usecases/ports/platform.js';
import { intakeCase } from '../../src/usecases/intake-case.js';
import { TEST_AUDIT_KEY } from '../support/audit-key.js';
import { captureLogger } from '../support/capture-logger.js';
import { buildTownship, intakeForm, type Township } from '../support/township.js';

// Issue #15 item 9: the sandbox's chats live in the database, so a page opened after the app
// restarted shows them again — kept as chat messages are (R24), bounded in number and age.

interface RunningApp {
  sandbox: SandboxPlatform;
  bot: Dispatcher;
  base: string;
  close(): Promise<void>;
}

/** The sandbox and the bot as main.ts composes them on the embedded database. */
async function startApp(db: Database, clock: FixedClock): Promise<RunningApp> {
  const { logger } = captureLogger('warn');
  const deps = { uow: prismaUnitOfWork(db.prisma, TEST_AUDIT_KEY), clock, config: new DbConfigSource(db.prisma, 0) };
  let bot: Dispatcher | undefined;
  const sandbox = createSandboxPlatform({ uow: deps.uow, dispatch: (e) => bot!.dispatch(e), clock, logger, publicDir: join(process.cwd(), 'public', 'sandbox'), loopbackOnly: true, store: sandboxMessageStore(db.prisma) });
  await sandbox.start();
  bot = createBot({ deps, clock, read: prismaReadModel(db.prisma), messengers: new Map<PlatformName, MessagingPort>([['SANDBOX', sandbox.messenger]]), logger });
  const server: Server = createHttpApp({ db, logger, routers: [sandbox.router] }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return {
    sandbox, bot, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      await bot!.idle();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

const shown = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));

describe('the sandbox keeps its chats in the embedded database on disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xf-sandbox-'));
  let town: Township;
  let caseNumber: string;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const messages = async (app: RunningApp, as: string, chat: string) => (await (await fetch(`${app.base}/sandbox/api/messages?as=${as}&chat=${encodeURIComponent(chat)}`)).json()) as SandboxMessage[];
  const say = async (app: RunningApp, as: string, chat: string, text: string) => {
    const res = await fetch(`${app.base}/sandbox/api/messages`, { method: 'POST', body: JSON.stringify({ as, chat, text }), headers: { 'content-type': 'application/json', 'x-sandbox-token': pageToken(await (await fetch(`${app.base}/sandbox`)).text()) } });
    expect(res.status).toBe(202);
    await app.bot.idle();
  };
  const pageToken = (html: string) => /<meta name="sandbox-token" content="([^"]+)">/.exec(html)![1]!;

  beforeAll(async () => {
    const db = await openDatabase({ dataDir: dir });
    town = await buildTownship(db, '2026-11-24T10:00:00+08:00');
    caseNumber = (await intakeCase(town.deps, town.actor(town.people.office), intakeForm({ title: '郑俊杰排水纠纷', petitioners: [{ name: '郑俊杰', phone: '13912345678' }] }))).case.number;
    await db.close();
  }, 180_000);

  it('R24: what was said survives a restart — the page shows it again, kept as chat messages are: the full view one person asked for and a number typed come back masked', async () => {
    const p = town.people;
    let db = await openDatabase({ dataDir: dir });
    let app = await startApp(db, town.clock);
    await say(app, p.office.id, 'group:town', '帮助');
    await say(app, p.cadre.id, `p2p:${p.cadre.id}`, '我的手机号是13912345678');
    // A full view of the petitioner, as an audited 1:1 card: shown in full live, to that person alone.
    const live: SandboxEvent[] = [];
    app.sandbox.conversations.watch(p.office.id, (e) => live.push(e));
    const full: Card = { title: `${caseNumber} 完整信息`, colour: 'blue', personalData: 'FULL', elements: [{ kind: 'fields', fields: [{ label: '信访人', value: '郑俊杰' }, { label: '电话', value: '13912345678' }] }] };
    await app.sandbox.messenger.send({ kind: 'user', user: { platform: 'SANDBOX', openId: p.office.id } }, full, { uuid: 'full-view-1' });
    expect(live.map((e) => (e.type === 'message' ? shown(e.message.cardHtml ?? '') : ''))).toEqual([expect.stringMatching(/郑俊杰[\s\S]*13912345678/)]);
    const group = await messages(app, p.office.id, 'group:town');
    expect(group.map((m) => m.from.kind)).toEqual(['person', 'bot']);
    await app.close();
    await db.close();

    // The app restarts on the same data directory.
    db = await openDatabase({ dataDir: dir });
    app = await startApp(db, town.clock);
    expect(await messages(app, p.office.id, 'group:town')).toEqual(group);
    const mine = await messages(app, p.cadre.id, `p2p:${p.cadre.id}`);
    expect(mine[0]).toMatchObject({ from: { kind: 'person', personId: p.cadre.id, name: p.cadre.name }, text: '我的手机号是139****5678' });
    expect(mine[1]!.from).toEqual({ kind: 'bot' });
    const kept = shown((await messages(app, p.office.id, `p2p:${p.office.id}`)).at(-1)!.cardHtml!);
    expect(kept).toContain('郑*杰');
    expect(kept).not.toMatch(/郑俊杰|13912345678/);
    // A card restored from the database still answers its buttons (the message is found by its id).
    expect(await app.sandbox.conversations.get(group[1]!.id)).toMatchObject({ chat: 'group:town' });
    // Nothing of it is in the database unmasked.
    const rows = JSON.stringify(await db.prisma.sandboxMessage.findMany());
    expect(rows).not.toMatch(/郑俊杰|13912345678/);
    await app.close();
    await db.close();
  }, 180_000);

  it('bounded: a chat keeps its newest 300 messages (other chats untouched), nothing older than 30 days; a retried send posts once', async () => {
    const db = await openDatabase({ dataDir: dir });
    const clock = new FixedClock(new Date('2026-11-25T09:00:00+08:00'));
    const app = await startApp(db, clock);
    const c = app.sandbox.conversations;
    const other = `p2p:${town.people.deputy.id}`;
    await c.postText(other, null, '另一会话的第一条');
    for (let i = 0; i < SANDBOX_MESSAGES_PER_CHAT + 5; i += 1) await c.postText('group:town', null, `第${i}条`);
    const group = await c.messages('group:town');
    expect(group).toHaveLength(SANDBOX_MESSAGES_PER_CHAT);
    expect([group[0]!.text, group.at(-1)!.text]).toEqual(['第5条', `第${SANDBOX_MESSAGES_PER_CHAT + 4}条`]);
    expect((await c.messages(other)).map((m) => m.text)).toEqual(['另一会话的第一条']);

    const card: Card = { title: '提醒', colour: 'blue', elements: [] };
    const once = await app.sandbox.messenger.send({ kind: 'chat', chatId: other }, card, { uuid: 'retry-1' });
    expect(await app.sandbox.messenger.send({ kind: 'chat', chatId: other }, card, { uuid: 'retry-1' })).toEqual(once);
    expect(await c.messages(other)).toHaveLength(2);

    clock.set('2026-12-26T09:00:00+08:00');
    await c.postText(other, null, '31天后');
    expect((await c.messages(other)).map((m) => m.text)).toEqual(['31天后']);
    expect(await c.messages('group:town')).toEqual([]);
    await app.close();
    await db.close();
  }, 180_000);
});
