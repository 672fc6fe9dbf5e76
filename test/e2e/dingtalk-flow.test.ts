import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createBot } from '../../src/bot/create-bot.js';
import type { Dispatcher } from '../../src/bot/dispatcher.js';
import type { MessagingPort } from '../../src/bot/messaging-port.js';
import { outboundRepo } from '../../src/db/repos/outbound-repo.js';
import { prismaReadModel } from '../../src/db/read-model.js';
import { createHttpApp } from '../../src/http/app.js';
import { createDingTalkPlatform, type DingTalkPlatform } from '../../src/platforms/dingtalk/index.js';
import { GuidedForms } from '../../src/bot/guided-form/guided-forms.js';
import { guidedFormStore } from '../../src/db/repos/guided-form-repo.js';
import { proposeOwnership } from '../../src/usecases/ownership/propose-ownership.js';
import type { Person } from '../../src/domain/model.js';
import type { PlatformName } from '../../src/usecases/ports/platform.js';
import { captureLogger } from '../support/capture-logger.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { robotText, signedHeaders, type DingTalkUser } from '../support/dingtalk-payloads.js';
import { FAKE_DT_CLIENT_ID, FAKE_DT_CLIENT_SECRET, FakeDingTalk, type FakeDingTalkMessage } from '../support/fake-dingtalk.js';
import { collectiveCase, ownershipTerms } from '../support/flows.js';
import { buildTownship, type Township } from '../support/township.js';

// The Lark flows, on DingTalk: signed HTTP robot callbacks in, the real dispatcher and use cases
// on PostgreSQL, ActionCards out to a fake of DingTalk's OpenAPI; buttons come back as texts.

describe('DingTalk end to end (HTTP mode; fake DingTalk; real PostgreSQL)', () => {
  let t: TestDatabase;
  let town: Township;
  let fake: FakeDingTalk;
  let platform: DingTalkPlatform;
  let bot: Dispatcher;
  let server: Server;
  let base: string;
  const staff = (p: Person): DingTalkUser => ({ staffId: `staff${p.mobile ?? p.id.slice(0, 8)}`, dingtalkId: `$:LWCP_v1:$${p.mobile ?? p.id.slice(0, 8)}==`, nick: p.name });
  beforeAll(async () => {
    t = await freshDatabase('postgres');
    town = await buildTownship(t.db, '2026-11-24T10:00:00+08:00');
    for (const p of Object.values(town.people)) {
      await t.db.prisma.platformIdentity.create({ data: { personId: p.id, platform: 'DINGTALK', userId: staff(p).staffId } });
    }
    fake = await FakeDingTalk.start({ now: () => town.clock.now().getTime() });
    const { logger } = captureLogger('warn');
    const config = loadConfig({ DINGTALK_CLIENT_ID: FAKE_DT_CLIENT_ID, DINGTALK_CLIENT_SECRET: FAKE_DT_CLIENT_SECRET, DINGTALK_MODE: 'http', DINGTALK_API_URL: fake.url, DINGTALK_OAPI_URL: fake.url });
    platform = createDingTalkPlatform({ config, dispatch: (e) => bot.dispatch(e), logger, outbound: outboundRepo(t.db.prisma), clock: town.clock, sleep: async (ms: number) => void town.clock.advance(ms) })!;
    bot = createBot({
      deps: town.deps, clock: town.clock, read: prismaReadModel(t.db.prisma), messengers: new Map<PlatformName, MessagingPort>([['DINGTALK', platform.messenger]]), logger,
      guidedForms: new GuidedForms(guidedFormStore(t.db.prisma), town.clock),
    });
    server = createHttpApp({ db: t.db, logger, summary: async () => ({}), routers: [platform.router!] }).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    await fake?.close();
    await t?.drop();
  });

  /** A robot message from `who`, signed as DingTalk signs it; waits until the bot has answered. */
  async function say(who: Person, text: string, o: { p2p?: boolean; headers?: Record<string, string> } = {}) {
    const body = JSON.stringify(robotText(text, { sender: staff(who), conversationType: o.p2p ? '1' : '2', createAt: town.clock.now() }));
    const res = await fetch(`${base}/dingtalk/robot`, { method: 'POST', body, headers: o.headers ?? signedHeaders(FAKE_DT_CLIENT_SECRET, town.clock.now()) });
    await platform.idle();
    await bot.idle();
    return res;
  }
  /** The buttons of a message: ActionCard buttons and inline links, each with the text its click sends. */
  function buttons(m: FakeDingTalkMessage): { title: string; text: string }[] {
    const out: { title: string; text: string }[] = [];
    const add = (title: string, url: string) => url.startsWith('dtmd://') && out.push({ title, text: decodeURIComponent(url.split('content=')[1]!) });
    if (m.msgParam.singleURL) add(m.msgParam.singleTitle!, m.msgParam.singleURL);
    for (let i = 1; i <= 5; i += 1) if (m.msgParam[`actionURL${i}`]) add(m.msgParam[`actionTitle${i}`]!, m.msgParam[`actionURL${i}`]!);
    for (const [, title, url] of (m.msgParam.text ?? '').matchAll(/\[([^\]]+)\]\((dtmd:[^)]+)\)/g)) add(title!, url!);
    return out;
  }
  const lastTo = (p: Person) => fake.messages.filter((m) => m.userIds.includes(staff(p).staffId!)).at(-1)!;
  /** A button on any message `p` got since message number `since` (a click's answer and the card it sent may come in either order). */
  const buttonSince = (p: Person, since: number, title: string) =>
    fake.messages.slice(since).filter((m) => m.userIds.includes(staff(p).staffId!)).flatMap(buttons).find((b) => b.title === title);

  it('answers 帮助 in the group with what this person may do, as an ActionCard or markdown', async () => {
    const res = await say(town.people.villageCadre, '帮助');
    expect(res.status).toBe(200);
    const answer = fake.messages.at(-1)!;
    expect(answer.kind).toBe('group');
    expect(JSON.stringify(answer.msgParam)).toContain('登记');
    expect(JSON.stringify(answer.msgParam)).not.toContain('会议');
  });

  it('R4: an approver approves on DingTalk — case card, approval card, the confirmation DingTalk cannot show as a dialog, 确定 — once, even clicked twice', async () => {
    const p = town.people;
    const c = await collectiveCase(town);
    await proposeOwnership(town.deps, town.actor(p.office), ownershipTerms(town, c.id));
    await say(p.approver, `案件 ${c.number}`, { p2p: true });
    const view = buttons(lastTo(p.approver)).find((b) => b.title === '审定包案意见')!;
    expect(view).toBeDefined();
    const before = fake.messages.length;
    await say(p.approver, view.text, { p2p: true });
    const approve = buttonSince(p.approver, before, '同意')!;
    expect(approve.text.startsWith('#确认')).toBe(true);
    const asked = fake.messages.length;
    await say(p.approver, approve.text, { p2p: true });
    expect(JSON.stringify(fake.messages.slice(asked).map((m) => m.msgParam))).toContain('请确认');
    const ok = buttonSince(p.approver, asked, '确定')!;
    await say(p.approver, ok.text, { p2p: true });
    expect((await t.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('IN_PROGRESS');
    // The owner leader hears of it 1:1 on DingTalk.
    expect(JSON.stringify(lastTo(p.deputy).msgParam)).toContain(c.number);
    // A second 确定 (double click): nothing more happens, and the approver is told so.
    const audits = await t.db.prisma.auditLog.count({ where: { action: 'ownership.approve' } });
    await say(p.approver, ok.text, { p2p: true });
    expect(await t.db.prisma.auditLog.count({ where: { action: 'ownership.approve' } })).toBe(audits);
    expect(JSON.stringify(lastTo(p.approver).msgParam)).toMatch(/已处理|已审定|不是待审定/);
  });

  it('R1: a village cadre files a case on DingTalk by answering the intake form question by question in 1:1; a wrong answer is asked again; 取消 stops', async () => {
    const p = town.people;
    const asked = () => JSON.stringify(lastTo(p.villageCadre).msgParam);
    await say(p.villageCadre, '登记', { p2p: true });
    expect(asked()).toContain('（1/');
    expect(asked()).toContain('标题');
    await say(p.villageCadre, '取消', { p2p: true });
    expect(asked()).toContain('已取消填写');

    // Asked from the group, the form goes on 1:1.
    await say(p.villageCadre, '登记');
    expect(JSON.stringify(fake.messages.at(-1)!.msgParam)).toContain('单聊中开始填写');
    const answers = [
      '三组水渠被占用', '村民反映三组灌溉水渠被个别农户占用，影响春耕。', '99', '来访', '跳过', '跳过', '跳过', '青山村',
      '李大爷', '13912345678', '跳过', '跳过', '跳过', '跳过', '否', '否', '否', '否',
    ];
    for (const a of answers) {
      await say(p.villageCadre, a, { p2p: true });
      if (a === '99') expect(asked()).toContain('请回复 1 到');
    }
    expect(asked()).toMatch(/已登记 XF-2026-\d{4}/);
    const c = await t.db.prisma.case.findFirstOrThrow({ where: { title: '三组水渠被占用' }, include: { petitioners: true } });
    expect(c).toMatchObject({ source: 'VISIT', villageId: town.villages.a });
    expect(c.petitioners[0]).toMatchObject({ name: '李大爷', phone: '13912345678' });
    // The session is over: the next message is a command again.
    await say(p.villageCadre, '帮助', { p2p: true });
    expect(asked()).toContain('登记');
  });

  it('a callback with a bad or stale signature is refused and dispatches nothing', async () => {
    const before = fake.messages.length;
    const forged = await say(town.people.office, '帮助', { headers: { ...signedHeaders('not-the-secret', town.clock.now()) } });
    expect(forged.status).toBe(401);
    const stale = await say(town.people.office, '帮助', { headers: signedHeaders(FAKE_DT_CLIENT_SECRET, new Date(town.clock.now().getTime() - 2 * 3_600_000)) });
    expect(stale.status).toBe(401);
    expect(fake.messages.length).toBe(before);
  });
});
