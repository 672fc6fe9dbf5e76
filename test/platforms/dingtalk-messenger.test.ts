import { beforeEach, describe, expect, it } from 'vitest';
import type { Card } from '../../cards/model.js';
import type { OutboundLog } from '../../src/bot/ports/outbound.js';
import { readActionText } from '../../src/platforms/dingtalk/action-text.js';
import { dingtalkContactDirectory } from '../../src/platforms/dingtalk/contacts.js';
import { decodeDingTalkMessageId, inboundMessageId, messageIdOfCardRef } from '../../src/platforms/dingtalk/message-ref.js';
import { cardRefFor, DING_CONTENT, DingTalkMessenger, outTrackIdFor, type DingTalkMessengerOptions } from '../../src/platforms/dingtalk/messenger.js';
import { renderDingTalkFormTemplateCard, renderDingTalkMessage, renderDingTalkTemplateCard } from '../../src/platforms/dingtalk/render.js';
import { DingTalkSendError } from '../../src/platforms/dingtalk/send-error.js';
import { captureLogger } from '../support/capture-logger.js';
import type { TestDatabase } from '../support/database.js';
import { dingtalkSenderFor, useFakeDingTalk } from '../support/dingtalk-sender.js';
import { FAKE_DT_ROBOT_CODE, type FakeDingTalk } from '../support/fake-dingtalk.js';

const TEMPLATE = 'f0c1d2e3-0000-4000-8000-000000000001.schema';
const user = (userId: string) => ({ kind: 'user' as const, user: { platform: 'DINGTALK' as const, userId } });
const group = (chatId: string) => ({ kind: 'chat' as const, chatId });

const card: Card = {
  title: '包案提醒',
  colour: 'orange',
  elements: [
    { kind: 'markdown', text: '请于 **12月1日** 前报送进展' },
    { kind: 'actions', buttons: [{ label: '报送进展', style: 'primary', action: { a: 'progress.open', caseId: 'c1' } }] },
  ],
};
const updated: Card = { ...card, title: '包案提醒（已报送）', elements: [{ kind: 'markdown', text: '已报送，谢谢' }] };

describe('DingTalkMessenger against the fake DingTalk API', () => {
  let fake: FakeDingTalk;
  let t: TestDatabase;
  let outbound: OutboundLog;
  const { logger, lines } = captureLogger();
  const rows = () => t.db.prisma.outboundMessage.findMany({ orderBy: { createdAt: 'asc' } });

  function messenger(opts: Partial<DingTalkMessengerOptions> = {}) {
    const { sender, slept } = dingtalkSenderFor(fake, outbound, logger);
    return { m: new DingTalkMessenger(sender, { robotCode: FAKE_DT_ROBOT_CODE, logger, ...opts }), slept, sender };
  }

  const suite = useFakeDingTalk();
  beforeEach(() => {
    ({ fake, t, outbound } = suite);
    lines.length = 0;
  });

  it('sends to a person with batchSend {robotCode, userIds, msgKey, msgParam as JSON} and records it as SENT', async () => {
    const { m } = messenger();
    const { messageId } = await m.send(user('staff001'), card, { uuid: 'remind-case-1' });
    const sent = fake.apiRequests().at(-1)!;
    expect(sent).toMatchObject({ method: 'POST', path: '/v1.0/robot/oToMessages/batchSend', status: 200 });
    const expected = renderDingTalkMessage(card, { cardRef: cardRefFor('remind-case-1') });
    expect(sent.body).toEqual({ robotCode: FAKE_DT_ROBOT_CODE, userIds: ['staff001'], msgKey: expected.msgKey, msgParam: JSON.stringify(expected.msgParam) });
    expect(fake.messages).toEqual([expect.objectContaining({ kind: 'oto', userIds: ['staff001'], msgKey: 'sampleActionCard', msgParam: expected.msgParam })]);
    expect(decodeDingTalkMessageId(messageId)).toEqual({ place: { kind: 'user', userId: 'staff001' }, key: cardRefFor('remind-case-1') });
    expect(await rows()).toEqual([
      expect.objectContaining({ platform: 'DINGTALK', uuid: 'remind-case-1', destination: 'user:staff001', status: 'SENT', messageId, attempts: 1, lastError: null }),
    ]);
  });

  it("a click on the card's button names that very message (card ref → message id)", async () => {
    const { m } = messenger();
    const { messageId } = await m.send(user('staff001'), card, { uuid: 'remind-case-2' });
    const url = fake.messages[0]!.msgParam.singleURL!;
    const clicked = readActionText(decodeURIComponent(url.split('content=')[1]!));
    expect(clicked).toEqual({ kind: 'action', value: { a: 'progress.open', caseId: 'c1' }, cardRef: cardRefFor('remind-case-2') });
    expect(messageIdOfCardRef({ kind: 'user', userId: 'staff001' }, clicked!.cardRef!)).toBe(messageId);
  });

  it('sends to a group with groupMessages/send {robotCode, openConversationId, msgKey, msgParam}, without #操作 buttons (a group robot would not receive their texts)', async () => {
    const { m } = messenger();
    const { messageId } = await m.send(group('cidOffice=='), card, { uuid: 'g-1' });
    expect(fake.apiRequests().at(-1)).toMatchObject({ path: '/v1.0/robot/groupMessages/send', body: { robotCode: FAKE_DT_ROBOT_CODE, openConversationId: 'cidOffice==', msgKey: 'sampleMarkdown' } });
    const text = JSON.stringify(fake.messages.at(-1)!.msgParam);
    expect(text).not.toContain('dtmd://');
    expect(text).toContain('如需办理，请在与机器人的单聊中发送');
    expect(fake.messages).toEqual([expect.objectContaining({ kind: 'group', openConversationId: 'cidOffice==' })]);
    expect(decodeDingTalkMessageId(messageId)?.place).toEqual({ kind: 'chat', conversationId: 'cidOffice==' });
    expect((await rows())[0]).toMatchObject({ destination: 'chat:cidOffice==', status: 'SENT' });
  });

  it('the same uuid twice posts one message: in this process (even at once), and across processes through the record', async () => {
    const { m } = messenger();
    const [a, b] = await Promise.all([m.send(user('staff001'), card, { uuid: 'dup-1' }), m.send(user('staff001'), card, { uuid: 'dup-1' })]);
    const c = await m.send(user('staff001'), card, { uuid: 'dup-1' });
    // Another process: its own memory is empty, the outbound record knows.
    const d = await messenger().m.send(user('staff001'), card, { uuid: 'dup-1' });
    expect(new Set([a.messageId, b.messageId, c.messageId, d.messageId]).size).toBe(1);
    expect(fake.messages).toHaveLength(1);
  });

  it('a failed send is not remembered: the retry really sends', async () => {
    const { m } = messenger();
    fake.failNext(5, 503);
    await expect(m.send(user('staff001'), card, { uuid: 'retry-1' })).rejects.toBeInstanceOf(DingTalkSendError);
    expect(await rows()).toEqual([expect.objectContaining({ uuid: 'retry-1', status: 'FAILED', attempts: 5 })]);
    await m.send(user('staff001'), card, { uuid: 'retry-1' });
    expect(fake.messages).toHaveLength(1);
    expect(await rows()).toEqual([expect.objectContaining({ uuid: 'retry-1', status: 'SENT' })]);
  });

  it('a person DingTalk does not know (invalidStaffIdList) fails at once and is recorded', async () => {
    const { m, slept } = messenger();
    fake.invalidStaffIds.add('gone01');
    const err = await m.send(user('gone01'), card, { uuid: 'inv-1' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ retryable: false, attempts: 1 });
    expect(slept).toEqual([]);
    expect(fake.messages).toEqual([]);
    expect(await rows()).toEqual([expect.objectContaining({ uuid: 'inv-1', status: 'FAILED', lastError: expect.stringContaining('gone01') })]);
  });

  it('a person without a DingTalk userId is refused before any call, and recorded', async () => {
    const { m } = messenger();
    await expect(m.send({ kind: 'user', user: { platform: 'DINGTALK', unionId: 'union-only' } }, card, { uuid: 'no-id' })).rejects.toThrow(/userId/);
    expect(fake.apiRequests()).toEqual([]);
    expect(await rows()).toEqual([expect.objectContaining({ uuid: 'no-id', status: 'FAILED', attempts: 0 })]);
  });

  it('replies into the conversation a message came from: the group, or the 1:1 chat with its sender', async () => {
    const { m } = messenger();
    await m.reply(inboundMessageId({ conversationType: '2', conversationId: 'cidVillage', senderStaffId: 'staff002', msgId: 'msgA' }), card, { uuid: 'r-1' });
    await m.reply(inboundMessageId({ conversationType: '1', conversationId: 'cidP2P', senderStaffId: 'staff002', msgId: 'msgB' }), card, { uuid: 'r-2' });
    expect(fake.messages.map((x) => [x.kind, x.openConversationId ?? x.userIds[0]])).toEqual([
      ['group', 'cidVillage'],
      ['oto', 'staff002'],
    ]);
    expect((await rows()).map((r) => r.destination)).toEqual(['reply:chat:cidVillage', 'reply:user:staff002']);
    await expect(m.reply('om_lark_message', card, { uuid: 'r-3' })).rejects.toThrow(/不是|无法识别/);
  });

  it('without a template, an update is a new message in the same conversation, once per content', async () => {
    const { m } = messenger();
    const { messageId } = await m.send(group('cidOffice'), card, { uuid: 'u-1' });
    await m.update(messageId, updated);
    await m.update(messageId, updated);
    expect(fake.messages.map((x) => [x.openConversationId, x.msgParam.title])).toEqual([
      ['cidOffice', '包案提醒'],
      ['cidOffice', '包案提醒（已报送）'],
    ]);
  });

  it('with a template: createAndDeliver into the robot chat or group, outTrackId from the uuid; update in place with PUT', async () => {
    const { m } = messenger({ cardTemplateId: TEMPLATE });
    const toUser = await m.send(user('staff001'), card, { uuid: 'tpl-1' });
    const toGroup = await m.send(group('cidOffice'), card, { uuid: 'tpl-2' });
    const create = fake.apiRequests().filter((r) => r.path === '/v1.0/card/instances/createAndDeliver');
    expect(create[0]!.body).toMatchObject({
      cardTemplateId: TEMPLATE,
      outTrackId: outTrackIdFor('tpl-1'),
      callbackType: 'STREAM',
      openSpaceId: 'dtv1.card//IM_ROBOT.staff001',
      imRobotOpenDeliverModel: { spaceType: 'IM_ROBOT', robotCode: FAKE_DT_ROBOT_CODE },
      imRobotOpenSpaceModel: { supportForward: false },
      cardData: renderDingTalkTemplateCard(card),
      userIdType: 1,
    });
    expect(create[1]!.body).toMatchObject({ openSpaceId: 'dtv1.card//IM_GROUP.cidOffice', imGroupOpenDeliverModel: { robotCode: FAKE_DT_ROBOT_CODE } });
    expect(fake.messages).toEqual([]);
    expect(decodeDingTalkMessageId(toUser.messageId)).toEqual({ place: { kind: 'user', userId: 'staff001' }, outTrackId: outTrackIdFor('tpl-1') });

    await m.update(toGroup.messageId, updated);
    expect(fake.apiRequests().at(-1)).toMatchObject({
      method: 'PUT',
      path: '/v1.0/card/instances',
      body: { outTrackId: outTrackIdFor('tpl-2'), cardData: renderDingTalkTemplateCard(updated), cardUpdateOptions: { updateCardDataByKey: true } },
    });
    expect(fake.cards.find((c) => c.outTrackId === outTrackIdFor('tpl-2'))!.cardParamMap.title).toBe('包案提醒（已报送）');
    expect(fake.cards).toHaveLength(2);
    // Updates are recorded only when they fail.
    expect((await rows()).map((r) => r.uuid)).toEqual(['tpl-1', 'tpl-2']);
  });

  it('a template card with HTTP callbacks names its callback route', async () => {
    const { m } = messenger({ cardTemplateId: TEMPLATE, cardCallback: { type: 'HTTP', routeKey: 'xinfang-cards' } });
    await m.send(user('staff001'), card, { uuid: 'tpl-http' });
    expect(fake.apiRequests().at(-1)!.body).toMatchObject({ callbackType: 'HTTP', callbackRouteKey: 'xinfang-cards' });
  });

  it('with a form template: a card with a form goes as a card of that template, inputs and all; other cards as before; forms are then in cards', async () => {
    const form: Card = {
      title: '报送进展',
      colour: 'blue',
      elements: [{ kind: 'form', name: 'progress_form', inputs: [{ kind: 'text', name: 'content', label: '进展情况', required: true }], submit: { label: '提交进展', action: { a: 'progress.submit', caseId: 'c1' } } }],
    };
    expect(messenger().m.formsInCards).toBe(false);
    expect(messenger({ cardTemplateId: TEMPLATE }).m.formsInCards).toBe(false);
    const { m } = messenger({ formTemplateId: 'tpl.form' });
    expect(m.formsInCards).toBe(true);
    const sent = await m.send(user('staff001'), form, { uuid: 'form-1' });
    await m.send(user('staff001'), card, { uuid: 'plain-1' });
    expect(fake.apiRequests().find((r) => r.path === '/v1.0/card/instances/createAndDeliver')!.body).toMatchObject({ cardTemplateId: 'tpl.form', cardData: renderDingTalkFormTemplateCard(form) });
    // Without a card template, a card without a form is still an ActionCard.
    expect(fake.messages.map((x) => x.msgKey)).toEqual(['sampleActionCard']);
    // The submitted form is replaced by the answer: its inputs cleared.
    await m.update(sent.messageId, updated);
    expect(fake.apiRequests().at(-1)).toMatchObject({ method: 'PUT', body: { cardData: { cardParamMap: { title: '包案提醒（已报送）', fields: '[]', submitText: '' } } } });
  });

  it('finds a person by mobile through the legacy getbymobile (with the legacy token); unknown or email-only → null', async () => {
    const { m } = messenger();
    fake.addUser('13800000002', 'staff002');
    expect(await m.findUser({ mobile: '13800000002' })).toEqual({ platform: 'DINGTALK', userId: 'staff002' });
    expect(await m.findUser({ mobile: '13900000000' })).toBeNull();
    expect(await m.findUser({ email: 'a@b.cn' })).toBeNull();
    const lookups = fake.apiRequests().filter((r) => r.path === '/topapi/v2/user/getbymobile');
    expect(lookups.map((r) => r.body)).toEqual([{ mobile: '13800000002' }, { mobile: '13900000000' }]);
    expect(lookups.every((r) => r.token?.startsWith('legacy-'))).toBe(true);
  });

  it('the contact directory links people by mobile (for dingtalk:sync-users)', async () => {
    const { sender } = messenger();
    fake.addUser('13800000003', 'staff003');
    const found = await dingtalkContactDirectory(sender).lookup({ mobiles: ['13800000003', '13800000003', '13700000000'], emails: ['x@y.cn'] });
    expect(found).toEqual([{ mobile: '13800000003', ids: { userId: 'staff003' } }]);
  });

  it('buzz sends a DING per channel: app → remindType 1, sms → 2, phone → 3', async () => {
    const { m } = messenger();
    const { messageId } = await m.send(user('staff001'), card, { uuid: 'urgent-1' });
    await m.buzz(messageId, { platform: 'DINGTALK', userId: 'staff001' }, ['app', 'sms', 'phone']);
    expect(fake.dings).toEqual([1, 2, 3].map((remindType) => expect.objectContaining({ robotCode: FAKE_DT_ROBOT_CODE, remindType, receiverUserIdList: ['staff001'], content: DING_CONTENT })));
    expect(fake.apiRequests().filter((r) => r.path === '/v1.0/robot/ding/send')).toHaveLength(3);
  });

  it('a DING DingTalk refuses (no 专业版 quota) is recorded and logged, not thrown; a DING that keeps failing with 5xx is thrown', async () => {
    const { m } = messenger();
    fake.dingEnabled = false;
    await m.buzz('dt_x', { platform: 'DINGTALK', userId: 'staff001' }, ['app']);
    expect(await rows()).toEqual([expect.objectContaining({ destination: 'ding:app:user:staff001', status: 'FAILED', lastError: expect.stringContaining('ding.serverquota.insufficient') })]);
    expect(lines.some((l) => l.msg === 'dingtalk DING refused; the message itself was delivered')).toBe(true);
    fake.dingEnabled = true;
    fake.failNext(5, 500, { path: /ding\/send/ });
    await expect(m.buzz('dt_x', { platform: 'DINGTALK', userId: 'staff001' }, ['app'])).rejects.toMatchObject({ retryable: true, attempts: 5 });
    // A person with no userId cannot be DINGed: nothing is called.
    await m.buzz('dt_x', { platform: 'DINGTALK', unionId: 'u' }, ['app']);
    expect(fake.dings).toEqual([]);
  });
});
