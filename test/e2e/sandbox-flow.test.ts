import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot, createNotifier } from '../../src/bot/create-bot.js';
import { notification } from '../../src/domain/notifications.js';
import { weeklySummaryNotification } from '../../src/domain/reminders/weekly-summary.js';
import type { Dispatcher } from '../../src/bot/dispatcher.js';
import type { MessagingPort } from '../../src/bot/messaging-port.js';
import { prismaReadModel } from '../../src/db/read-model.js';
import { createHttpApp } from '../../src/http/app.js';
import { createSandboxPlatform, type SandboxPlatform } from '../../src/platforms/sandbox/index.js';
import type { SandboxMessage } from '../../src/platforms/sandbox/conversations.js';
import type { PlatformName } from '../../src/usecases/ports/platform.js';
import { captureLogger } from '../support/capture-logger.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { buildTownship, type Township } from '../support/township.js';

const PUBLIC = join(process.cwd(), 'public', 'sandbox');

describe('the sandbox: the bot in a browser chat, through the same dispatcher (real PostgreSQL)', () => {
  let t: TestDatabase;
  let town: Township;
  let sandbox: SandboxPlatform;
  let bot: Dispatcher;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    t = await freshDatabase('postgres');
    town = await buildTownship(t.db, '2026-11-24T10:00:00+08:00');
    const { logger } = captureLogger('warn');
    sandbox = createSandboxPlatform({ uow: town.deps.uow, dispatch: (e) => bot.dispatch(e), clock: town.clock, logger, publicDir: PUBLIC, loopbackOnly: true });
    const messengers = new Map<PlatformName, MessagingPort>([['SANDBOX', sandbox.messenger]]);
    bot = createBot({ deps: town.deps, clock: town.clock, read: prismaReadModel(t.db.prisma), messengers, logger });
    server = createHttpApp({ db: t.db, logger, summary: async () => ({}), routers: [sandbox.router] }).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
    await t?.drop();
  });

  const get = async (path: string) => fetch(`${base}${path}`);
  const post = async (path: string, body: unknown) => fetch(`${base}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  const messages = async (as: string, chat: string): Promise<SandboxMessage[]> => (await (await get(`/sandbox/api/messages?as=${as}&chat=${encodeURIComponent(chat)}`)).json()) as SandboxMessage[];
  /** Sends text and waits until the bot has answered. */
  const say = async (as: string, chat: string, text: string) => {
    const before = (await messages(as, chat)).length;
    const res = await post('/sandbox/api/messages', { as, chat, text });
    expect(res.status).toBe(202);
    // The answer comes after the 202: wait for the bot's message after ours.
    for (let i = 0; i < 200; i += 1) {
      const answer = (await messages(as, chat)).slice(before).find((m) => m.from.kind === 'bot');
      if (answer) return answer;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`no answer to ${text}`);
  };
  /** Text as the browser shows it: entities decoded. */
  const shown = (html: string) =>
    html.replace(/<[^>]+>/g, '').replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const attr = (html: string, name: string) => [...html.matchAll(new RegExp(`${name}="([^"]*)"`, 'g'))].map((m) => shown(m[1]!));

  it('serves the chat page and lists the demo people with their roles in Chinese', async () => {
    const page = await get('/sandbox');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('assets/app.js');
    expect((await get('/sandbox/assets/app.js')).headers.get('content-type')).toContain('javascript');
    expect((await get('/sandbox/assets/../../package.json')).status).toBe(404);
    const people = (await (await get('/sandbox/api/people')).json()) as { id: string; name: string; roleLabel: string; unit: string | null }[];
    expect(people.find((p) => p.id === town.people.office.id)).toMatchObject({ name: '王丽华', roleLabel: '信访办', unit: '镇信访办' });
    expect(people.find((p) => p.id === town.people.approver.id)?.roleLabel).toBe('常委会审批人、镇领导');
    const convs = await (await get(`/sandbox/api/conversations?as=${town.people.office.id}`)).json();
    expect(convs).toEqual([
      { id: 'group:town', type: 'group', title: '镇信访工作群（沙盒）' },
      { id: `p2p:${town.people.office.id}`, type: 'p2p', title: '与信访包案助手单聊' },
    ]);
  });

  it('a village cadre files a case from the intake card in 1:1; the office sees it in the group masked (R24) and streams it live', async () => {
    const p = town.people;
    const me = p.villageCadre.id;
    const chat = `p2p:${me}`;
    const form = await say(me, chat, '登记');
    expect(form.from).toEqual({ kind: 'bot' });
    const submitName = attr(form.cardHtml!, 'data-submit-name')[0]!;
    expect(submitName).toMatch(/^intake\.submit/);
    const res = await post('/sandbox/api/actions', {
      as: me, chat, messageId: form.id, submitName,
      form: { title: '青山村三组征地补偿款分配不公', content: '村民反映补偿款分配未开会讨论。', source: 'VISIT', complexity: 'GENERAL', villageId: town.villages.a, headcount: '12', petitionerName: '张大明', petitionerIdNumber: '110101199003074514', petitionerPhone: '13812345678' },
    });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { toast: { type: string; text: string } };
    expect(answer.toast.type).toBe('success');
    const number = /XF-2026-\d{4}/.exec(answer.toast.text)![0];
    expect(await t.db.prisma.case.count({ where: { number } })).toBe(1);

    // The office watches the stream while asking for the case in the group.
    const stream = await fetch(`${base}/sandbox/api/stream?as=${p.office.id}`);
    const reader = stream.body!.getReader();
    const card = await say(p.office.id, 'group:town', `案件 ${number}`);
    expect(shown(card.cardHtml!)).toContain('信访人：张*明（电话 138****5678');
    expect(shown(card.cardHtml!)).not.toContain('13812345678');
    let seen = '';
    while (!seen.includes(card.id)) seen += new TextDecoder().decode((await reader.read()).value);
    expect(seen).toContain('event: message');
    await reader.cancel();
  });

  it('a button click goes through the dispatcher: 提出包案意见 on the case card brings the ownership form with its pickers', async () => {
    const me = town.people.office.id;
    const chat = `p2p:${me}`;
    const c = await t.db.prisma.case.findFirstOrThrow({ where: { title: '青山村三组征地补偿款分配不公' } });
    const card = await say(me, chat, `案件 ${c.number}`);
    const open = attr(card.cardHtml!, 'data-action').map((v) => JSON.parse(v) as Record<string, unknown>).find((v) => v.a === 'ownership.open')!;
    expect(open).toEqual({ a: 'ownership.open', caseId: c.id });
    const res = await post('/sandbox/api/actions', { as: me, chat, messageId: card.id, value: open });
    expect(((await res.json()) as { toast: { type: string } }).toast.type).toBe('info');
    await bot.idle();
    const form = (await messages(me, chat)).at(-1)!;
    expect(attr(form.cardHtml!, 'data-submit-name')[0]).toBe(`ownership.submit?caseId=${c.id}`);
    expect(shown(form.cardHtml!)).toContain('孙副镇长');
  });

  it('R7: a reminder the scheduler delivers arrives in the person\'s 1:1 sandbox chat, live on their stream', async () => {
    const p = town.people;
    const { logger } = captureLogger('warn');
    const notifier = createNotifier({ deps: town.deps, messengers: new Map<PlatformName, MessagingPort>([['SANDBOX', sandbox.messenger]]), logger });
    const stream = await fetch(`${base}/sandbox/api/stream?as=${p.deputy.id}`);
    const reader = stream.body!.getReader();
    const n = notification({ kind: 'DEADLINE_REMINDER', key: 'deadline:test:2026-11-30:DUE_IN_3:2026-11-25', urgency: 'NORMAL', recipientIds: [p.deputy.id], title: 'XF-2026-0001 还剩 3 个工作日到期', body: '请按期办结并及时报送进展。' });
    expect(await notifier.deliverTo(n, p.deputy.id)).toBe(1);
    let seen = '';
    while (!seen.includes('还剩 3 个工作日到期')) seen += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    const inbox = await messages(p.deputy.id, `p2p:${p.deputy.id}`);
    expect(shown(inbox.at(-1)!.cardHtml!)).toContain('XF-2026-0001 还剩 3 个工作日到期');
    // Delivered again (a retried job): the same uuid posts once.
    await notifier.deliverTo(n, p.deputy.id);
    expect((await messages(p.deputy.id, `p2p:${p.deputy.id}`)).length).toBe(inbox.length);
  });

  it('the weekly summary shows its chart in the sandbox page: the PNG as a data URL', async () => {
    const p = town.people;
    const { logger } = captureLogger('warn');
    const notifier = createNotifier({ deps: town.deps, messengers: new Map<PlatformName, MessagingPort>([['SANDBOX', sandbox.messenger]]), logger });
    const figures = {
      from: '2026-11-16', to: '2026-11-22', received: 3, resolved: 1, openNow: 7, overdueNow: 1,
      byVillage: [{ village: '青山村', received: 2, resolved: 1, overdueNow: 1 }, { village: null, received: 1, resolved: 0, overdueNow: 0 }],
    };
    expect(await notifier.deliverTo(weeklySummaryNotification(figures, [p.office.id]), p.office.id)).toBe(1);
    const html = (await messages(p.office.id, `p2p:${p.office.id}`)).at(-1)!.cardHtml!;
    expect(shown(html)).toContain('信访工作周报');
    const img = /<img src="data:image\/png;base64,([A-Za-z0-9+/=]+)" alt="([^"]*)">/.exec(html);
    expect(img, 'an <img> with the chart').not.toBeNull();
    const png = Buffer.from(img![1]!, 'base64');
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(1280);
    expect(shown(img![2]!)).toBe('各村（社区）上周新收、办结与目前逾期：青山村 新收 2、办结 1、逾期 1；未关联村（社区） 新收 1、办结 0、逾期 0');
  });

  it('bad input gets a clear Chinese error and changes nothing', async () => {
    const me = town.people.office.id;
    const before = await t.db.prisma.auditLog.count();
    const cases = [
      [await post('/sandbox/api/messages', { as: me, chat: 'group:town', text: '   ' }), 400, '请输入内容'],
      [await post('/sandbox/api/messages', { as: '00000000-0000-4000-8000-000000000000', chat: 'group:town', text: '帮助' }), 404, '演示人员不存在'],
      [await post('/sandbox/api/messages', { as: me, chat: `p2p:${town.people.mayor.id}`, text: '帮助' }), 404, '会话不存在'],
      [await post('/sandbox/api/actions', { as: me, chat: 'group:town', messageId: 'sbm_nope', value: { a: 'case.view' } }), 404, '卡片不存在'],
      [await post('/sandbox/api/actions', { as: me, chat: 'group:town', messageId: 'sbm_nope', submitName: 'no.such?x=1' }), 400, ''],
      [await fetch(`${base}/sandbox/api/messages`, { method: 'POST', body: '{not json' }), 400, '请求格式有误'],
      [await post('/sandbox/api/messages', { as: me, chat: 'group:town', text: '帮助', padding: 'x'.repeat(300 * 1024) }), 413, '请求内容过大：超过 256 KB 的上限'],
    ] as const;
    for (const [res, status, text] of cases) {
      expect(res.status).toBe(status);
      expect(((await res.json()) as { message: string }).message).toContain(text);
    }
    expect(await t.db.prisma.auditLog.count()).toBe(before);
  });

  it('by default the sandbox answers this machine only: acting as anyone is not for the network', async () => {
    const app = new Koa();
    app.proxy = true; // so that X-Forwarded-For stands for a remote address in this test
    app.use(sandbox.router.routes());
    const remote = app.listen(0, '127.0.0.1');
    await new Promise((r) => remote.once('listening', r));
    try {
      const res = await fetch(`http://127.0.0.1:${(remote.address() as AddressInfo).port}/sandbox/api/people`, { headers: { 'x-forwarded-for': '10.0.0.5' } });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { message: string }).message).toContain('沙盒只对本机开放');
    } finally {
      await new Promise((r) => remote.close(r));
    }
  });
});
