import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseNumbersIn, maskCard } from '../../cards/mask-card.js';
import type { Card } from '../../cards/model.js';
import type { Destination, MessagingPort } from '../../src/bot/messaging-port.js';
import { CardPrivacy, privateMessenger } from '../../src/bot/support/private-messenger.js';
import { intakeCase } from '../../src/usecases/intake-case.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { buildTownship, intakeForm, type Township } from '../support/township.js';

const cardAbout = (number: string, text: string): Card => ({
  title: `${number} ${text}`,
  subtitle: text,
  colour: 'blue',
  tags: [{ text, colour: 'red' }],
  elements: [
    { kind: 'markdown', text: `**内容** ${text}` },
    { kind: 'fields', fields: [{ label: '进展', value: text }] },
    { kind: 'note', text },
    { kind: 'item', text, badge: { text, colour: 'red' } },
    { kind: 'actions', buttons: [{ label: text, style: 'default', action: { a: 'case.view', caseId: 'id-kept' }, confirm: { title: text, text } }] },
    { kind: 'form', name: 'f', inputs: [{ kind: 'select', name: 's', label: text, required: true, options: [{ value: 'v', label: text }] }, { kind: 'text', name: 't', label: '备注', required: false, initial: text, placeholder: text }], submit: { label: '提交', action: { a: 'progress.submit', caseId: 'id-kept' } } },
  ],
});

describe('R24: every card leaves for a platform masked, with the petitioners of the cases it names', () => {
  it('R24: every text of a card is masked, markdown with entities; action values stay', () => {
    const masked = maskCard(cardAbout('XF-2026-0001', '张大明 13812345678'), [{ name: '张大明' }]);
    const json = JSON.stringify(masked);
    expect(json).not.toMatch(/张大明|13812345678/);
    expect(json).toContain('张*明 138****5678');
    expect((masked.elements[0] as { text: string }).text).toBe('**内容** 张&#42;明 138&#42;&#42;&#42;&#42;5678');
    expect(json.match(/id-kept/g)).toHaveLength(2);
    expect(caseNumbersIn(cardAbout('XF-2026-0001', 'XF-2026-0002 合并办理'))).toEqual(['XF-2026-0001', 'XF-2026-0002']);
  });

  describe.each(['postgres', 'embedded'] as const)('through a messenger (%s)', (kind) => {
    let t: TestDatabase;
    let town: Township;
    let number: string;
    const sent: { to: Destination | 'reply' | 'update'; card: Card }[] = [];
    const inner: MessagingPort = {
      platform: 'LARK',
      send: async (to, card) => (sent.push({ to, card }), { messageId: 'm' }),
      reply: async (_id, card) => (sent.push({ to: 'reply', card }), { messageId: 'm' }),
      update: async (_id, card) => void sent.push({ to: 'update', card }),
      findUser: async () => null,
    };
    beforeAll(async () => {
      t = await freshDatabase(kind);
      town = await buildTownship(t.db);
      number = (await intakeCase(town.deps, town.actor(town.people.office), intakeForm())).case.number;
    });
    afterAll(() => t?.drop());

    it('R24: a card naming a case is masked of its petitioners whatever a builder forgot, in a group, 1:1, as a reply or an update', async () => {
      const m = privateMessenger(inner, new CardPrivacy(town.deps.uow, town.clock));
      const card = cardAbout(number, '张大明住青山村三组12号，身份证110101199003074514');
      await m.send({ kind: 'chat', chatId: 'oc_group' }, card, { uuid: 'u1' });
      await m.send({ kind: 'user', user: { platform: 'LARK', openId: 'ou_1' } }, card, { uuid: 'u2' });
      await m.reply('om_1', card, { uuid: 'u3' });
      await m.update('om_1', card);
      for (const s of sent.splice(0)) expect(JSON.stringify(s.card)).not.toMatch(/张大明|三组12号|110101199003074514/);
    });

    it('R24: an audited full view passes unmasked to one person only, never to a group, a reply or an update', async () => {
      const m = privateMessenger(inner, new CardPrivacy(town.deps.uow, town.clock));
      const full: Card = { ...cardAbout(number, '张大明 13812345678'), personalData: 'FULL' };
      await m.send({ kind: 'user', user: { platform: 'LARK', openId: 'ou_1' } }, full, { uuid: 'u4' });
      await m.send({ kind: 'chat', chatId: 'oc_group' }, full, { uuid: 'u5' });
      await m.reply('om_1', full, { uuid: 'u6' });
      const [toUser, ...others] = sent.splice(0);
      expect(JSON.stringify(toUser!.card)).toContain('张大明 13812345678');
      for (const s of others) expect(JSON.stringify(s.card)).not.toMatch(/张大明|13812345678/);
    });
  });
});
