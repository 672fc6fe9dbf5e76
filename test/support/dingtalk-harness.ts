import type { Server } from 'node:http';
import { afterAll, beforeAll } from 'vitest';
import type { AddressInfo } from 'node:net';
import { createBot } from '../../src/bot/create-bot.js';
import type { Dispatcher } from '../../src/bot/dispatcher.js';
import { GuidedForms } from '../../src/bot/guided-form/guided-forms.js';
import type { MessagingPort } from '../../src/bot/messaging-port.js';
import type { PushQueue } from '../../src/bot/ports/push-queue.js';
import { loadConfig } from '../../src/config.js';
import { prismaReadModel } from '../../src/db/read-model.js';
import { guidedFormStore } from '../../src/db/repos/guided-form-repo.js';
import { outboundRepo } from '../../src/db/repos/outbound-repo.js';
import type { Person } from '../../src/domain/model.js';
import { createHttpApp } from '../../src/http/app.js';
import { readActionText } from '../../src/platforms/dingtalk/action-text.js';
import { createDingTalkPlatform, type DingTalkPlatform } from '../../src/platforms/dingtalk/index.js';
import { createDingTalkStream, createDWClient, type DingTalkStream } from '../../src/platforms/dingtalk/stream.js';
import type { PlatformName } from '../../src/usecases/ports/platform.js';
import { captureLogger } from './capture-logger.js';
import { freshDatabase, type TestDatabase } from './database.js';
import { cardCallback, CORP_ID, freshSignedHeaders, robotText, streamFrame, TOPIC_CARD, TOPIC_ROBOT, type DingTalkUser } from './dingtalk-payloads.js';
import { FAKE_DT_CLIENT_ID, FAKE_DT_CLIENT_SECRET, FakeDingTalk, type FakeDingTalkCard, type FakeDingTalkMessage, type FakeDingTalkStandardCard } from './fake-dingtalk.js';
import { buildTownship, type Township } from './township.js';

// The bot on DingTalk as main.ts composes it: the real dispatcher and use cases on PostgreSQL,
// DingTalk's side a fake of its OpenAPI. Events come in signed over HTTP (`/dingtalk/robot`,
// `/dingtalk/cards`) or as stream frames through the SDK's downstream entry with a stubbed socket.

export interface DingTalkHarnessOptions {
  mode?: 'http' | 'stream';
  /** DINGTALK_CARD_TEMPLATE_ID: cards go as interactive cards of this template. */
  cardTemplateId?: string;
  /** DINGTALK_FORM_TEMPLATE_ID: cards with a form go as interactive cards of this template, with inputs. */
  formTemplateId?: string;
  /** DINGTALK_CARDS: the suites written for ActionCards keep them (`actioncard`, the fallback); `standard` is the default on a real tenant. */
  cards?: 'standard' | 'actioncard';
  /** PUBLIC_URL (HTTP mode: standard cards name their callback address under it). */
  publicUrl?: string;
  pushQueue?: PushQueue;
  /** Other platforms the same bot serves (one deployment, Lark and DingTalk side by side). */
  alsoOn?: Map<PlatformName, MessagingPort>;
}

/** A button the bot offered: its label and the text a click on it sends to the robot. */
export interface OfferedButton {
  title: string;
  text: string;
}

export const GROUP = 'cidTownshipGroup0000000001==';

export const staffOf = (p: Person): DingTalkUser => ({
  staffId: `staff${p.mobile ?? p.id.slice(0, 8)}`,
  dingtalkId: `$:LWCP_v1:$${p.mobile ?? p.id.slice(0, 8)}==`,
  nick: p.name,
});

/** The buttons of a robot message: ActionCard buttons and inline links, each with the text its click sends. */
export function buttonsOf(m: FakeDingTalkMessage): OfferedButton[] {
  const out: OfferedButton[] = [];
  const add = (title: string, url: string) => url.startsWith('dtmd://') && out.push({ title, text: decodeURIComponent(url.split('content=')[1]!) });
  if (m.msgParam.singleURL) add(m.msgParam.singleTitle!, m.msgParam.singleURL);
  for (let i = 1; i <= 5; i += 1) if (m.msgParam[`actionURL${i}`]) add(m.msgParam[`actionTitle${i}`]!, m.msgParam[`actionURL${i}`]!);
  for (const [, title, url] of (m.msgParam.text ?? '').matchAll(/\[([^\]]+)\]\((dtmd:[^)]+)\)/g)) add(title!, url!);
  return out;
}

/** The action value a button's click carries. */
export function valueOf(b: OfferedButton): { a: string; [k: string]: unknown } {
  const meaning = readActionText(b.text);
  if (!meaning) throw new Error(`not a click text: ${b.text}`);
  return meaning.value as { a: string };
}

/** The buttons of a standard card as it shows now (its latest update): label and id. */
export function standardButtons(c: FakeDingTalkStandardCard): { label: string; id: string }[] {
  const data = (c.updates.at(-1) ?? c.cardData) as { contents: { type: string; actions?: { id: string; label: { text: string } }[] }[] };
  return data.contents.filter((x) => x.type === 'action').flatMap((x) => x.actions ?? []).map((b) => ({ label: b.label.text, id: b.id }));
}

/** The buttons of a template card (its `buttons` variable). */
export function templateButtons(c: FakeDingTalkCard): { text: string; action: unknown }[] {
  const latest = c.updates.at(-1) ?? c.cardParamMap;
  return (JSON.parse(latest.buttons ?? '[]') as { text: string; action: string }[]).map((b) => ({ text: b.text, action: JSON.parse(b.action) as unknown }));
}

export class DingTalkHarness {
  private frames = 0;

  private constructor(
    readonly fake: FakeDingTalk,
    readonly platform: DingTalkPlatform,
    readonly bot: Dispatcher,
    private readonly town: Township,
    private readonly server: Server | null,
    private readonly stream: DingTalkStream | null,
    readonly logLines: Record<string, unknown>[],
    /** What the bot sent back on the stream: the acknowledgements (stream mode). */
    readonly acks: Record<string, unknown>[],
  ) {}

  static async start(t: TestDatabase, town: Township, o: DingTalkHarnessOptions = {}): Promise<DingTalkHarness> {
    const mode = o.mode ?? 'http';
    for (const p of Object.values(town.people)) {
      await t.db.prisma.platformIdentity.create({ data: { personId: p.id, platform: 'DINGTALK', userId: staffOf(p).staffId } });
    }
    const fake = await FakeDingTalk.start({ now: () => town.clock.now().getTime() });
    const { logger, lines } = captureLogger('warn');
    const config = loadConfig({
      DINGTALK_CLIENT_ID: FAKE_DT_CLIENT_ID,
      DINGTALK_CLIENT_SECRET: FAKE_DT_CLIENT_SECRET,
      DINGTALK_MODE: mode,
      DINGTALK_API_URL: fake.url,
      DINGTALK_OAPI_URL: fake.url,
      ...(o.cardTemplateId && { DINGTALK_CARD_TEMPLATE_ID: o.cardTemplateId }),
      ...(o.formTemplateId && { DINGTALK_FORM_TEMPLATE_ID: o.formTemplateId }),
      DINGTALK_CARDS: o.cards ?? 'actioncard',
      ...(o.publicUrl && { PUBLIC_URL: o.publicUrl }),
    });
    let bot: Dispatcher | undefined;
    // The fixed town clock must move while the rate limiter waits, or it would wait forever.
    const platform = createDingTalkPlatform({
      config, dispatch: (e) => bot!.dispatch(e), logger, outbound: outboundRepo(t.db.prisma), clock: town.clock, sleep: async (ms: number) => void town.clock.advance(ms),
    })!;
    bot = createBot({
      deps: town.deps, clock: town.clock, read: prismaReadModel(t.db.prisma), logger,
      messengers: new Map<PlatformName, MessagingPort>([...(o.alsoOn ?? []), ['DINGTALK', platform.messenger]]),
      directories: new Map([['DINGTALK', platform.directory]]),
      guidedForms: new GuidedForms(guidedFormStore(t.db.prisma), town.clock),
      ...(o.pushQueue && { pushQueue: o.pushQueue }),
    });
    let server: Server | null = null;
    let stream: DingTalkStream | null = null;
    const acks: Record<string, unknown>[] = [];
    if (mode === 'http') {
      server = createHttpApp({ db: t.db, logger, routers: [platform.router!] }).listen(0, '127.0.0.1');
      await new Promise((r) => server!.once('listening', r));
    } else {
      stream = createDingTalkStream({ clientId: FAKE_DT_CLIENT_ID, clientSecret: FAKE_DT_CLIENT_SECRET, client: createDWClient(FAKE_DT_CLIENT_ID, FAKE_DT_CLIENT_SECRET), inbound: platform.inbound, logger });
      (stream.client as unknown as { socket: unknown }).socket = { readyState: 1, send: (data: string) => acks.push(JSON.parse(data) as Record<string, unknown>) };
    }
    return new DingTalkHarness(fake, platform, bot, town, server, stream, lines, acks);
  }

  get base(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /**
   * A robot message from `who` (in the group unless p2p), delivered as the harness's mode delivers
   * it; waits until the bot has answered. `msgId` repeats a message (DingTalk's retry); `frameId`
   * repeats a stream frame (the gateway's re-push).
   */
  async say(who: Person, text: string, o: { p2p?: boolean; headers?: Record<string, string>; msgId?: string; frameId?: string } = {}): Promise<number> {
    const payload = robotText(text, {
      sender: staffOf(who), conversationType: o.p2p ? '1' : '2', ...(o.p2p ? {} : { conversationId: GROUP }), createAt: this.town.clock.now(), ...(o.msgId && { msgId: o.msgId }),
    });
    return this.deliver('robot', payload, o.headers, o.frameId);
  }

  /** A click on a button the bot offered: the text it sends, from the conversation the button was in. */
  click(who: Person, b: OfferedButton, o: { p2p?: boolean } = {}): Promise<number> {
    return this.say(who, b.text, o);
  }

  /** A click on a template card (callback with params.action and, for a form, the inputs). */
  async cardClick(who: Person, card: FakeDingTalkCard, action: unknown, form: Record<string, unknown> = {}): Promise<number> {
    const group = card.openSpaceId.includes('IM_GROUP.');
    const payload = cardCallback({
      outTrackId: card.outTrackId,
      userId: staffOf(who).staffId!,
      action,
      form,
      spaceType: group ? 'IM_GROUP' : 'IM_ROBOT',
      spaceId: group ? card.openSpaceId.split('IM_GROUP.')[1]! : staffOf(who).staffId!,
    });
    return this.deliver('cards', payload);
  }

  /**
   * A click on a standard card's `request` button: the callback names the card (outTrackId = its
   * cardBizId) and the button (actionIds); no space is said, as DingTalk's documentation leaves it open.
   */
  async standardClick(who: Person, card: FakeDingTalkStandardCard, buttonId: string, o: { frameId?: string } = {}): Promise<number> {
    const payload = {
      outTrackId: card.cardBizId,
      corpId: CORP_ID,
      userId: staffOf(who).staffId!,
      userIdType: 1,
      type: 'actionCallback',
      content: JSON.stringify({ cardPrivateData: { actionIds: [buttonId], params: {} } }),
      extension: JSON.stringify({}),
    };
    return this.deliver('cards', payload, undefined, o.frameId);
  }

  /** Standard cards in the town group, or in `p`'s 1:1 chat with the robot. */
  standardCards(p?: Person): FakeDingTalkStandardCard[] {
    return this.fake.standardCards.filter((c) => (p ? c.userId === staffOf(p).staffId : c.openConversationId === GROUP));
  }

  /** Messages sent 1:1 to `p` (since message number `since`). */
  messagesTo(p: Person, since = 0): FakeDingTalkMessage[] {
    return this.fake.messages.slice(since).filter((m) => m.userIds.includes(staffOf(p).staffId!));
  }

  lastTo(p: Person): FakeDingTalkMessage {
    const m = this.messagesTo(p).at(-1);
    if (!m) throw new Error(`nothing was sent to ${p.name}`);
    return m;
  }

  /** What the last message to `p` says (title, text, buttons), as one string. */
  lastTextTo(p: Person): string {
    return JSON.stringify(this.lastTo(p).msgParam);
  }

  /** Interactive (template) cards delivered to `p`'s 1:1 chat with the robot. */
  cardsTo(p: Person): FakeDingTalkCard[] {
    return this.fake.cards.filter((c) => c.openSpaceId === `dtv1.card//IM_ROBOT.${staffOf(p).staffId}`);
  }

  /** What a template card shows now (its latest update), as one string. */
  static cardText(c: FakeDingTalkCard): string {
    return JSON.stringify(c.updates.at(-1) ?? c.cardParamMap);
  }

  groupMessages(since = 0): FakeDingTalkMessage[] {
    return this.fake.messages.slice(since).filter((m) => m.kind === 'group');
  }

  /** A button on any message `p` got since message number `since` (a click's answer and the card it sent may come in either order). */
  buttonTo(p: Person, title: string, since = 0): OfferedButton {
    const b = this.messagesTo(p, since).flatMap(buttonsOf).reverse().find((x) => x.title === title);
    if (!b) throw new Error(`no button 「${title}」 was sent to ${p.name}: ${this.messagesTo(p, since).flatMap(buttonsOf).map((x) => x.title).join(', ')}`);
    return b;
  }

  /** Answers each question of a guided form in turn (1:1). */
  async answer(who: Person, answers: string[]): Promise<void> {
    for (const a of answers) await this.say(who, a, { p2p: true });
  }

  /**
   * Fills the guided form `who` is being asked, question by question, as a person reads them: by
   * the question's label, a choice by (part of) its option's label, answered with its number;
   * questions not named are skipped (「跳过」, or 「否」 for yes/no). Returns the questions asked.
   */
  async fill(who: Person, byLabel: Record<string, string>): Promise<string[]> {
    const asked: string[] = [];
    for (let n = 0; n < 40; n += 1) {
      const text = this.lastTo(who).msgParam.text ?? '';
      const q = /（(\d+)\/(\d+)）([^（：]+)/.exec(text);
      if (!q) return asked;
      const label = q[3]!.trim();
      asked.push(label);
      const wanted = byLabel[label];
      const options = [...text.matchAll(/(?:^|\n|  )(\d+)\. ([^\n]+)/g)].map((m) => ({ n: m[1]!, label: m[2]!.trim() }));
      let reply: string;
      if (wanted === undefined) reply = text.includes('「是」或「否」') ? '否' : '跳过';
      else if (options.length > 0 && !/^\d+$/.test(wanted)) reply = options.find((o) => o.label.includes(wanted))?.n ?? wanted;
      else reply = wanted;
      await this.say(who, reply, { p2p: true });
      const next = /（(\d+)\/\d+）/.exec(this.lastTo(who).msgParam.text ?? '');
      if (next?.[1] === q[1]) throw new Error(`「${label}」 answered 「${reply}」 was refused: ${this.lastTo(who).msgParam.text}`);
      if (q[1] === q[2]) return asked;
    }
    throw new Error('the guided form did not end');
  }

  async idle(): Promise<void> {
    await this.platform.idle();
    await this.bot.idle();
  }

  async close(): Promise<void> {
    if (this.server) await new Promise((r) => this.server!.close(r));
    await this.platform.stop();
    await this.fake.close();
  }

  private async deliver(route: 'robot' | 'cards', payload: unknown, headers?: Record<string, string>, frameId?: string): Promise<number> {
    let status = 200;
    if (this.server) {
      const res = await fetch(`${this.base}/dingtalk/${route}`, { method: 'POST', body: JSON.stringify(payload), headers: headers ?? freshSignedHeaders(FAKE_DT_CLIENT_SECRET, this.town.clock.now()) });
      status = res.status;
      await res.arrayBuffer();
    } else {
      const id = frameId ?? `frame-${++this.frames}`;
      this.stream!.client.onDownStream(JSON.stringify(streamFrame(route === 'robot' ? TOPIC_ROBOT : TOPIC_CARD, payload, id, { at: this.town.clock.now() })));
    }
    await this.idle();
    return status;
  }
}

export interface DingTalkSuite {
  t: TestDatabase;
  town: Township;
  h: DingTalkHarness;
}

/** A fresh database, the test township at `at` with everyone linked to DingTalk, and the bot on DingTalk, for one describe block. */
export function useDingTalkSuite(at: string, o: DingTalkHarnessOptions = {}): DingTalkSuite {
  const suite = {} as DingTalkSuite;
  beforeAll(async () => {
    suite.t = await freshDatabase('postgres');
    suite.town = await buildTownship(suite.t.db, at);
    suite.h = await DingTalkHarness.start(suite.t, suite.town, o);
  });
  afterAll(async () => {
    await suite.h?.close();
    await suite.t?.drop();
  });
  return suite;
}
