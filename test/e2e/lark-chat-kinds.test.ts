import { beforeAll, describe, expect, it } from 'vitest';
import { actionValue } from '../../cards/actions.js';
import type { LarkCardJson } from '../../cards/lark/render.js';
import type { TestDatabase } from '../support/database.js';
import { ownedCase } from '../support/flows.js';
import { buttonValues, cardOf, titleOf, useLarkSuite, type LarkHarness } from '../support/lark-harness.js';
import type { Township } from '../support/township.js';

// Lark's card callbacks name the chat but not its kind: the bot learns it from messages
// (im.message.receive_v1 chat_type, and the chat_id Lark answers a send to a person with).

describe('R24 on Lark: a card click is private only in a chat known as 1:1 with the bot', () => {
  const suite = useLarkSuite((p) => [p.office, p.cadre, p.unitHead]);
  let t: TestDatabase;
  let town: Township;
  let h: LarkHarness;
  let caseId: string;
  let number: string;
  beforeAll(async () => {
    ({ t, town, h } = suite);
    const c = await ownedCase(town);
    caseId = c.id;
    number = c.number;
  });

  const offersFullData = (card: LarkCardJson) => buttonValues(card).some((v) => v.a === 'case.view-full');
  const chatRow = (chatId: string) => t.db.prisma.platformChat.findUnique({ where: { platform_chatId: { platform: 'LARK', chatId } } });
  let cardSeq = 0;
  /** Clicks 查看 on a (new) case card in the chat; returns the card the bot answered with there. */
  async function viewIn(chatId: string, who = town.people.cadre) {
    const before = h.fake.messages.length;
    const res = await h.click(who, actionValue('case.view', { caseId }), { chatId, messageId: `om_card${String(++cardSeq).padStart(28, '0')}` });
    expect(res.body.toast).toMatchObject({ type: 'info', content: '已发送案件详情' });
    const sent = h.fake.messages.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ receive_id_type: 'chat_id', receive_id: chatId });
    return cardOf(sent[0]!);
  }

  it('R24: a click from a chat the bot has never seen is treated as a group click: masked, no full-data button', async () => {
    const unknown = 'oc_0123456789abcdef0123456789abcdef';
    const card = await viewIn(unknown);
    expect(titleOf(card)).toContain(number);
    expect(JSON.stringify(card)).not.toMatch(/张大明|13812345678/);
    expect(offersFullData(card)).toBe(false);
    // A click teaches nothing, nor does the bot's answer in that chat.
    expect(await chatRow(unknown)).toBeNull();
  });

  it('R24: a click in a 1:1 chat with the bot is private: the case card there offers 查看完整信息 to the responsible person', async () => {
    const p2p = h.p2pChat(town.people.cadre);
    await h.say(town.people.cadre, `案件 ${number}`, { chatType: 'p2p' });
    expect(await chatRow(p2p)).toMatchObject({ kind: 'DIRECT' });

    const card = await viewIn(p2p);
    expect(offersFullData(card)).toBe(true);
    expect(JSON.stringify(card)).not.toContain('张大明'); // masked until asked for

    const full = await h.click(town.people.cadre, actionValue('case.view-full', { caseId }), { chatId: p2p });
    expect(full.body.toast).toMatchObject({ type: 'info', content: '完整信息已通过单聊发给您' });
    const sent = h.cards(town.people.cadre).at(-1)!;
    expect(sent.message.chat_id).toBe(p2p);
    expect(JSON.stringify(sent.card)).toMatch(/张大明.*13812345678/);
  });

  it('R24: a card the bot sent 1:1 is clicked as private: Lark names the 1:1 chat in its answer to the send', async () => {
    const office = town.people.office;
    const p2p = h.p2pChat(office);
    expect(await chatRow(p2p)).toBeNull();
    // 查看完整信息 from a group card sends the full card to the person's own chat with the bot…
    await h.click(office, actionValue('case.view-full', { caseId }));
    const fullCard = h.cards(office).at(-1)!;
    expect(fullCard.message).toMatchObject({ receive_id_type: 'open_id', chat_id: p2p });
    expect(await chatRow(p2p)).toMatchObject({ kind: 'DIRECT' });
    // …so a click on that card is a 1:1 click.
    const before = h.fake.messages.length;
    await h.click(office, actionValue('case.view', { caseId }), { chatId: p2p, messageId: fullCard.message.message_id });
    const answer = cardOf(h.fake.messages.slice(before).find((m) => m.receive_id === p2p)!);
    expect(offersFullData(answer)).toBe(true);
  });

  it('R24: the same card clicked in a group stays masked, for the same person who sees it privately 1:1', async () => {
    const group = 'oc_group00000000000000000000000001';
    await h.say(town.people.cadre, `案件 ${number}`, { chatId: group });
    expect(await chatRow(group)).toMatchObject({ kind: 'GROUP' });
    const card = await viewIn(group);
    expect(offersFullData(card)).toBe(false);
    expect(JSON.stringify(card)).not.toContain('张大明');
    const refused = await h.click(town.people.cadre, actionValue('case.view-full', { caseId }), { chatId: group });
    // 查看完整信息 clicked in a group (an old card) still goes privately, never into the group.
    expect(refused.body.toast?.content).toBe('完整信息已通过单聊发给您');
    expect(h.fake.messages.filter((m) => m.receive_id === group).every((m) => !m.content.includes('张大明'))).toBe(true);
  });

  it('R24: messages that come again record a chat once; a chat once seen as a group is never taken for 1:1', async () => {
    const group = 'oc_group00000000000000000000000002';
    await h.say(town.people.unitHead, '帮助', { chatId: group });
    await h.say(town.people.unitHead, '帮助', { chatId: group });
    const first = await chatRow(group);
    expect(first).toMatchObject({ kind: 'GROUP' });
    // An id mix-up (a 1:1 message naming a group's chat id) does not turn the group private.
    await h.say(town.people.unitHead, '帮助', { chatType: 'p2p', chatId: group });
    expect(await chatRow(group)).toEqual(first);
    expect(offersFullData(await viewIn(group, town.people.office))).toBe(false);
  });
});
