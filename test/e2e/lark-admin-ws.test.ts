import { beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../support/database.js';
import { useLarkSuite, submitNames, type LarkHarness } from '../support/lark-harness.js';
import { cardActionEvent, messageEvent } from '../support/lark-payloads.js';
import type { Township } from '../support/township.js';

describe('Lark: linking people, and the long-connection entry', () => {
  const suite = useLarkSuite((p) => [p.office, p.villageCadre, p.cadre]);
  let t: TestDatabase;
  let town: Township;
  let h: LarkHarness;
  beforeAll(() => void ({ t, town, h } = suite));

  it('同步用户 links registered people to their Lark accounts by mobile, then they can use the bot', async () => {
    const stationed = town.people.stationed;
    h.fake.addUser({ open_id: h.ids(stationed).open_id, union_id: h.ids(stationed).union_id!, user_id: 'u_stationed', mobile: stationed.mobile! });
    await h.say(stationed, '我的');
    expect(h.fake.messages.find((m) => m.kind === 'reply' && m.content.includes('尚未登记'))).toBeDefined();

    await h.say(town.people.cadre, '同步用户');
    expect(h.fake.messages.at(-1)!.content).toContain('只有信访办管理员');
    await h.say(town.people.office, '同步用户');
    const summary = h.fake.messages.at(-1)!.content;
    expect(summary).toContain('新关联 1 人');
    expect(summary).toContain(stationed.name);
    const identity = await t.db.prisma.platformIdentity.findFirstOrThrow({ where: { personId: stationed.id, platform: 'LARK' } });
    expect(identity.openId).toBe(h.ids(stationed).open_id);
    expect(await t.db.prisma.auditLog.count({ where: { action: 'PLATFORM_IDENTITY_LINKED', entityId: stationed.id } })).toBe(1);

    const before = h.fake.messages.length;
    await h.say(stationed, '帮助');
    expect(h.fake.messages.slice(before).some((m) => m.content.includes('登记'))).toBe(true);
  });

  it('events over the long connection (dispatcher.invoke without signature, as WSClient does) reach the same bot', async () => {
    const p = town.people;
    await h.lark.dispatcher.invoke(messageEvent({ sender: h.ids(p.villageCadre), text: '@_user_1 登记', createTime: town.clock.now() }), { needCheck: false });
    await h.settle();
    const form = h.fake.messages.at(-1)!;
    const name = submitNames(JSON.parse(form.content))[0]!;
    const answer = (await h.lark.dispatcher.invoke(
      cardActionEvent({ operator: h.ids(p.villageCadre), name, formValue: { title: '长连接登记的案件', content: '内容', source: 'PHONE', petitionerName: '钱七' }, messageId: form.message_id, createTime: town.clock.now() }),
      { needCheck: false },
    )) as { toast?: { type: string; content: string } };
    await h.settle();
    expect(answer.toast).toMatchObject({ type: 'success', content: expect.stringContaining('已登记') });
    expect(await t.db.prisma.case.count({ where: { title: '长连接登记的案件', source: 'PHONE' } })).toBe(1);
  });
});
