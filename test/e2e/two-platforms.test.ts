import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessagingPort } from '../../src/bot/messaging-port.js';
import { proposeOwnership } from '../../src/usecases/ownership/propose-ownership.js';
import type { PlatformName } from '../../src/usecases/ports/platform.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { DingTalkHarness } from '../support/dingtalk-harness.js';
import { collectiveCase, ownershipTerms } from '../support/flows.js';
import { startLarkHarness, titleOf, cardOf, type LarkHarness } from '../support/lark-harness.js';
import { buildTownship, type Township } from '../support/township.js';

// One deployment serving Lark and DingTalk at once: what is done on one platform reaches people
// on the other, and a person with accounts on both hears of it on both, once each.

describe('Lark and DingTalk side by side (one bot, fake Lark and fake DingTalk, real PostgreSQL)', () => {
  let t: TestDatabase;
  let town: Township;
  let lark: LarkHarness;
  let dt: DingTalkHarness;
  beforeAll(async () => {
    t = await freshDatabase('postgres');
    town = await buildTownship(t.db, '2026-11-24T10:00:00+08:00');
    // The owner leader is on both platforms; everyone is on DingTalk.
    lark = await startLarkHarness(t, town, [town.people.deputy]);
    dt = await DingTalkHarness.start(t, town, { alsoOn: new Map<PlatformName, MessagingPort>([['LARK', lark.lark.messenger]]) });
  });
  afterAll(async () => {
    await dt?.close();
    await lark?.close();
    await t?.drop();
  });

  it('R4: approved on DingTalk, the ownership reaches the owner leader on both his platforms, once each, and the responsible person on DingTalk only', async () => {
    const p = town.people;
    const c = await collectiveCase(town);
    await proposeOwnership(town.deps, town.actor(p.office), ownershipTerms(town, c.id));
    await dt.say(p.approver, `案件 ${c.number}`, { p2p: true });
    await dt.click(p.approver, dt.buttonTo(p.approver, '审定包案意见'), { p2p: true });
    const since = dt.fake.messages.length;
    await dt.click(p.approver, dt.buttonTo(p.approver, '同意'), { p2p: true });
    await dt.click(p.approver, dt.buttonTo(p.approver, '确定', since), { p2p: true });
    await lark.settle();
    expect((await t.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('IN_PROGRESS');

    const onLark = lark.cards(p.deputy).map((x) => titleOf(x.card)).filter((title) => title.includes('包案已生效'));
    const onDingTalk = dt.messagesTo(p.deputy).map((m) => m.msgParam.title ?? '').filter((title) => title.includes('包案已生效'));
    expect(onLark).toHaveLength(1);
    expect(onDingTalk).toHaveLength(1);
    expect(dt.messagesTo(p.cadre).some((m) => (m.msgParam.title ?? '').includes('包案已生效'))).toBe(true);
    expect(lark.fake.messages.filter((m) => m.receive_id !== lark.ids(p.deputy).open_id).map((m) => titleOf(cardOf(m)))).toEqual([]);
  });
});
