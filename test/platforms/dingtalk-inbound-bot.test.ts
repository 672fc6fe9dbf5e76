import Koa from 'koa';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Card } from '../../cards/model.js';
import { createBot } from '../../src/bot/create-bot.js';
import type { Dispatcher } from '../../src/bot/dispatcher.js';
import type { InboundAction, PlatformUserRef } from '../../src/bot/inbound.js';
import type { ActionResponse, Destination, MessagingPort } from '../../src/bot/messaging-port.js';
import { prismaReadModel } from '../../src/db/read-model.js';
import { createDingTalkInbound, type DingTalkInbound } from '../../src/platforms/dingtalk/events.js';
import { dingtalkHttpRouter } from '../../src/platforms/dingtalk/http.js';
import { decodeDingTalkMessageId } from '../../src/platforms/dingtalk/message-ref.js';
import { captureLogger } from '../support/capture-logger.js';
import { freshPostgres, type TestDatabase } from '../support/database.js';
import { actionClick, CLIENT_SECRET, freshSignedHeaders, LI, robotText, ZHANG } from '../support/dingtalk-payloads.js';
import { serve } from '../support/http-server.js';
import { buildTownship, type Township } from '../support/township.js';

// HTTP-mode callbacks into the bot as main.ts builds it, on PostgreSQL: what the dispatcher makes
// of DingTalk's ids and keys. The messenger only records (the outbound side has its own tests).

class RecordingMessenger implements MessagingPort {
  readonly platform = 'DINGTALK' as const;
  readonly replies: { messageId: string; card: Card }[] = [];
  readonly sends: { to: Destination; card: Card }[] = [];
  async send(to: Destination, card: Card) {
    this.sends.push({ to, card });
    return { messageId: `dt_sent_${this.sends.length}` };
  }
  async reply(messageId: string, card: Card) {
    this.replies.push({ messageId, card });
    return { messageId: `dt_reply_${this.replies.length}` };
  }
  async update() {}
  async findUser(): Promise<PlatformUserRef | null> {
    return null;
  }
}

describe('DingTalk callbacks through the bot (PostgreSQL)', () => {
  let t: TestDatabase;
  let town: Township;
  let bot: Dispatcher;
  let inbound: DingTalkInbound;
  let server: Awaited<ReturnType<typeof serve>>;
  const messenger = new RecordingMessenger();
  const answers: { action: InboundAction; response: ActionResponse }[] = [];
  const { logger } = captureLogger('info');

  beforeAll(async () => {
    t = await freshPostgres();
    town = await buildTownship(t.db);
    await t.db.prisma.platformIdentity.create({ data: { personId: town.people.office.id, platform: 'DINGTALK', userId: LI.staffId } });
    bot = createBot({ deps: town.deps, clock: town.clock, read: prismaReadModel(t.db.prisma), messengers: new Map([['DINGTALK', messenger]]), logger });
    inbound = createDingTalkInbound({
      dispatch: (e) => bot.dispatch(e),
      answer: async (action, response) => void answers.push({ action, response }),
      confirm: async () => undefined,
      logger,
      clock: town.clock,
    });
    const app = new Koa();
    const router = dingtalkHttpRouter({ inbound, appSecret: CLIENT_SECRET, logger, clock: town.clock });
    app.use(router.routes());
    server = await serve(app);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await t?.drop();
  });
  beforeEach(() => {
    messenger.replies.length = 0;
    messenger.sends.length = 0;
    answers.length = 0;
  });

  const say = async (payload: unknown) => {
    const res = await fetch(`${server.base}/dingtalk/robot`, { method: 'POST', body: JSON.stringify(payload), headers: freshSignedHeaders(CLIENT_SECRET, town.clock.now()) });
    expect(res.status).toBe(200);
    await inbound.idle();
    await bot.idle();
  };
  const processed = () => t.db.prisma.processedEvent.findMany({ where: { platform: 'DINGTALK' } });

  it('answers a linked person in their 1:1 chat, once for a message DingTalk delivers twice', async () => {
    const payload = robotText('帮助', { msgId: 'msgBot1==', conversationType: '1', createAt: town.clock.now() });
    await say(payload);
    await say(payload);
    expect(messenger.replies).toHaveLength(1);
    expect(decodeDingTalkMessageId(messenger.replies[0]!.messageId)).toEqual({ place: { kind: 'user', userId: LI.staffId }, key: 'msgBot1==' });
    expect((await processed()).map((r) => r.eventId)).toEqual(['msg:msgBot1==']);
  });

  it('tells someone not registered so, in the group they wrote in', async () => {
    await say(robotText(' 待办', { sender: ZHANG, createAt: town.clock.now() }));
    expect(messenger.replies).toHaveLength(1);
    expect(JSON.stringify(messenger.replies[0]!.card.elements)).toContain('您尚未登记为本系统用户');
    expect(decodeDingTalkMessageId(messenger.replies[0]!.messageId)?.place.kind).toBe('chat');
  });

  it('runs a "#操作" click as a card action, and refuses a stale button with a toast answered back', async () => {
    await say(actionClick({ a: 'intake.open' }, { conversationType: '1', createAt: town.clock.now() }));
    // The form goes to the operator (a 1:1 click has no chat); the toast comes back as the answer.
    expect(messenger.sends).toEqual([{ to: { kind: 'user', user: expect.objectContaining({ userId: LI.staffId }) }, card: expect.objectContaining({ title: expect.stringContaining('登记') }) }]);
    expect(answers).toEqual([{ action: expect.objectContaining({ value: { a: 'intake.open' } }), response: { toast: { type: 'info', text: '已发送表单，请填写后提交' } } }]);
    answers.length = 0;
    await say(actionClick({ a: 'no.such-action' }, { conversationType: '1', createAt: town.clock.now() }));
    expect(answers).toEqual([{ action: expect.objectContaining({ kind: 'action', chat: null }), response: { toast: expect.objectContaining({ type: expect.stringMatching(/warning|error/) }) } }]);
  });
});
