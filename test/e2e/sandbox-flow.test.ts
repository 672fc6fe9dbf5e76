import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot, createNotifier } from '../../src/bot/create-bot.js';
import { notification } from '../../src/domain/notifications.js';
import { weeklySummaryNotification } from '../../src/domain/reminders/weekly-summary.js';
import type { Dispatcher } from '../../src/bot/dispatcher.js';
import type { InboundEvent } from '../../src/bot/inbound.js';
import type { MessagingPort } from '../../src/bot/messaging-port.js';
import { prismaReadModel } from '../../src/db/read-model.js';
import { createHttpApp } from '../../src/http/app.js';
import { sandboxMessageStore } from '../../src/db/repos/sandbox-message-repo.js';
import { createSandboxPlatform, type SandboxPlatform } from '../../src/platforms/sandbox/index.js';
import type { SandboxMessage } from '../../src/platforms/sandbox/conversations.js';
import type { PlatformName } from '../../src/usecases/ports/platform.js';
import { captureLogger } from '../support/capture-logger.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { rawRequest } from '../support/http-server.js';
import { buildTownship, type Township } from '../support/township.js';

const PUBLIC = join(process.cwd(), 'public', 'sandbox');

describe('the sandbox: the bot in a browser chat, through the same dispatcher (real PostgreSQL)', () => {
  let t: TestDatabase;
  let town: Township;
  let sandbox: SandboxPlatform;
  let bot: Dispatcher;
  let server: Server;
  let base: string;
  /** The token of a sandbox page this server served. */
  let token: string;
  beforeAll(async () => {
    t = await freshDatabase('postgres');
    town = await buildTownship(t.db, '2026-11-24T10:00:00+08:00');
    const { logger } = captureLogger('warn');
    sandbox = createSandboxPlatform({ uow: town.deps.uow, dispatch: (e) => bot.dispatch(e), clock: town.clock, logger, publicDir: PUBLIC, loopbackOnly: true, store: sandboxMessageStore(t.db.prisma) });
    const messengers = new Map<PlatformName, MessagingPort>([['SANDBOX', sandbox.messenger]]);
    bot = createBot({ deps: town.deps, clock: town.clock, read: prismaReadModel(t.db.prisma), messengers, logger });
    server = createHttpApp({ db: t.db, logger, routers: [sandbox.router] }).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    token = tokenOf(await (await get('/sandbox')).text());
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
    await t?.drop();
  });

  const get = async (path: string) => fetch(`${base}${path}`);
  /** A write as the sandbox page makes it: JSON, with the page's token. */
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'x-sandbox-token': token, ...headers } });
  const messages = async (as: string, chat: string): Promise<SandboxMessage[]> => (await (await get(`/sandbox/api/messages?as=${as}&chat=${encodeURIComponent(chat)}`)).json()) as SandboxMessage[];
  /** Sends text and waits until the bot has answered. */
  const say = async (as: string, chat: string, text: string, headers: Record<string, string> = {}) => {
    const before = (await messages(as, chat)).length;
    const res = await post('/sandbox/api/messages', { as, chat, text }, headers);
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
      [await fetch(`${base}/sandbox/api/messages`, { method: 'POST', body: '{not json', headers: { 'content-type': 'application/json', 'x-sandbox-token': token } }), 400, '请求格式有误'],
      [await post('/sandbox/api/messages', { as: me, chat: 'group:town', text: '帮助', padding: 'x'.repeat(300 * 1024) }), 413, '请求内容过大：超过 256 KB 的上限'],
    ] as const;
    for (const [res, status, text] of cases) {
      expect(res.status).toBe(status);
      expect(((await res.json()) as { message: string }).message).toContain(text);
    }
    expect(await t.db.prisma.auditLog.count()).toBe(before);
  });

  it('a write must be the sandbox page\'s own: JSON, from this site, with the page\'s token; anything else is refused with a clear reason and changes nothing (CSRF)', async () => {
    const me = town.people.office.id;
    const message = { as: me, chat: 'group:town', text: '帮助' };
    const groupBefore = (await messages(me, 'group:town')).length;
    const auditBefore = await t.db.prisma.auditLog.count();
    const page = await get('/sandbox');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(tokenOf(await page.text())).not.toBe(token); // one per page

    const refused = [
      ['another site\'s page', await post('/sandbox/api/messages', message, { origin: 'https://evil.example' }), 403, '拒绝来自其他网站的请求'],
      ['a cross-site fetch', await post('/sandbox/api/messages', message, { 'sec-fetch-site': 'cross-site' }), 403, '拒绝来自其他网站的请求'],
      ['an opaque origin', await post('/sandbox/api/messages', message, { origin: 'null' }), 403, '拒绝来自其他网站的请求'],
      ['text/plain', await fetch(`${base}/sandbox/api/messages`, { method: 'POST', body: JSON.stringify(message), headers: { 'content-type': 'text/plain', 'x-sandbox-token': token } }), 415, 'Content-Type: application/json'],
      ['a form', await fetch(`${base}/sandbox/api/messages`, { method: 'POST', body: new URLSearchParams({ as: me, chat: 'group:town', text: '帮助' }), headers: { 'x-sandbox-token': token } }), 415, 'Content-Type: application/json'],
      ['no token', await fetch(`${base}/sandbox/api/messages`, { method: 'POST', body: JSON.stringify(message), headers: { 'content-type': 'application/json' } }), 403, '页面令牌缺失或无效'],
      ['a wrong token', await post('/sandbox/api/messages', message, { 'x-sandbox-token': `${token.split('.')[0]}.${'A'.repeat(43)}` }), 403, '页面令牌缺失或无效'],
      ['a made-up token', await post('/sandbox/api/actions', { as: me, chat: 'group:town', messageId: 'sbm_x', value: { a: 'case.view' } }, { 'x-sandbox-token': 'x.y' }), 403, '页面令牌缺失或无效'],
    ] as const;
    for (const [what, res, status, text] of refused) {
      expect(res.status, what).toBe(status);
      expect(((await res.json()) as { message: string }).message, what).toContain(text);
    }
    // The page's own write, from this site, goes through.
    await say(me, 'group:town', '待办', { origin: base, 'sec-fetch-site': 'same-origin' });
    const said = (await messages(me, 'group:town')).slice(groupBefore).filter((m) => m.from.kind === 'person');
    expect(said.map((m) => m.text)).toEqual(['待办']);
    expect(await t.db.prisma.auditLog.count()).toBe(auditBefore);
  });

  it('by default the sandbox answers a browser on this machine only: not another address, not through a proxy, not under another host name (DNS rebinding)', async () => {
    const me = town.people.office.id;
    const groupBefore = (await messages(me, 'group:town')).length;
    const write = JSON.stringify({ as: me, chat: 'group:town', text: '帮助' });
    const writeHeaders = { 'content-type': 'application/json', 'x-sandbox-token': token };
    const port = new URL(base).port;
    const refused = [
      ['X-Forwarded-For', await rawRequest(base, { path: '/sandbox/api/people', headers: { 'x-forwarded-for': '10.0.0.5' } }), '经反向代理转发的请求不算本机请求'],
      ['Forwarded', await rawRequest(base, { path: '/sandbox/api/people', headers: { forwarded: 'for=10.0.0.5' } }), '经反向代理转发的请求不算本机请求'],
      ['X-Forwarded-Proto', await rawRequest(base, { path: '/sandbox', headers: { 'x-forwarded-proto': 'https' } }), '经反向代理转发的请求不算本机请求'],
      ['X-Real-IP', await rawRequest(base, { method: 'POST', path: '/sandbox/api/messages', headers: { ...writeHeaders, 'x-real-ip': '10.0.0.5' }, body: write }), '经反向代理转发的请求不算本机请求'],
      ['a rebound host name', await rawRequest(base, { path: '/sandbox/api/people', headers: { host: `evil.example:${port}` } }), '不是 localhost、127.0.0.1 或 [::1]'],
      ['a rebound page', await rawRequest(base, { path: '/sandbox', headers: { host: 'evil.example' } }), '不是 localhost、127.0.0.1 或 [::1]'],
      ['a rebound write', await rawRequest(base, { method: 'POST', path: '/sandbox/api/messages', headers: { ...writeHeaders, host: `evil.example:${port}`, origin: `http://evil.example:${port}` }, body: write }), '不是 localhost、127.0.0.1 或 [::1]'],
      ['another loopback-looking name', await rawRequest(base, { path: '/sandbox/api/people', headers: { host: `localhost.evil.example:${port}` } }), '不是 localhost、127.0.0.1 或 [::1]'],
    ] as const;
    for (const [what, res, text] of refused) {
      expect(res.status, what).toBe(403);
      expect((res.json() as { message: string }).message, what).toContain('沙盒只对本机开放');
      expect((res.json() as { message: string }).message, what).toContain(text);
    }
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'localhost']) {
      expect((await rawRequest(base, { path: '/sandbox/api/people', headers: { host } })).status, host).toBe(200);
    }
    expect((await messages(me, 'group:town')).length).toBe(groupBefore);
  });

  it('SANDBOX=true opens it to other hosts and addresses, but writes still need the page\'s token and this site', async () => {
    const dispatched: InboundEvent[] = [];
    const open = createSandboxPlatform({ uow: town.deps.uow, dispatch: async (e) => void dispatched.push(e), clock: town.clock, logger: captureLogger('silent').logger, publicDir: PUBLIC, loopbackOnly: false, store: sandboxMessageStore(t.db.prisma) });
    const app = new Koa();
    app.use(open.router.routes());
    const remote = app.listen(0, '127.0.0.1');
    await new Promise((r) => remote.once('listening', r));
    const at = `http://127.0.0.1:${(remote.address() as AddressInfo).port}`;
    try {
      const host = { host: 'xinfang-demo.example:8080', 'x-forwarded-for': '10.0.0.5' };
      const page = await rawRequest(at, { path: '/sandbox', headers: host });
      expect(page.status).toBe(200);
      const pageToken = tokenOf(page.text);
      const body = JSON.stringify({ as: town.people.office.id, chat: 'group:town', text: '帮助' });
      const json = { ...host, 'content-type': 'application/json' };
      expect((await rawRequest(at, { method: 'POST', path: '/sandbox/api/messages', headers: json, body })).status).toBe(403);
      expect((await rawRequest(at, { method: 'POST', path: '/sandbox/api/messages', headers: { ...json, 'x-sandbox-token': pageToken, origin: 'https://evil.example' }, body })).status).toBe(403);
      // A token of another sandbox (another process) is no token here.
      expect((await rawRequest(at, { method: 'POST', path: '/sandbox/api/messages', headers: { ...json, 'x-sandbox-token': token }, body })).status).toBe(403);
      expect((await rawRequest(at, { method: 'POST', path: '/sandbox/api/messages', headers: { ...json, 'x-sandbox-token': pageToken, origin: 'http://xinfang-demo.example:8080' }, body })).status).toBe(202);
      expect(dispatched).toEqual([expect.objectContaining({ kind: 'message', text: '帮助' })]);
    } finally {
      await new Promise((r) => remote.close(r));
    }
  });
});

/** The token the sandbox page carries in its meta tag. */
function tokenOf(html: string): string {
  const token = /<meta name="sandbox-token" content="([^"]+)">/.exec(html)?.[1];
  if (!token) throw new Error('the sandbox page carries no token');
  return token;
}
