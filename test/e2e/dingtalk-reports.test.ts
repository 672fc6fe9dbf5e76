import { beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../support/database.js';
import { DingTalkHarness, useDingTalkSuite } from '../support/dingtalk-harness.js';
import type { Township } from '../support/township.js';

// The reports of the frontline on DingTalk: the same commands as on Lark, their forms asked question by question.

describe('R18 major events and R16 sentiment reported on DingTalk (HTTP mode; fake DingTalk; real PostgreSQL)', () => {
  const suite = useDingTalkSuite('2026-11-24T10:00:00+08:00');
  let t: TestDatabase;
  let town: Township;
  let h: DingTalkHarness;
  beforeAll(() => void ({ t, town, h } = suite));

  it('R18: a village cadre reports a mass incident by the guided form; the area leader is alerted on DingTalk', async () => {
    const p = town.people;
    await h.say(p.villageCadre, '重大事项', { p2p: true });
    const asked = await h.fill(p.villageCadre, { 发生的村: '青山村', 事项类别: '群体性事件', 情况说明: '约50名村民聚集镇政府门口，要求解决征地补偿' });
    expect(asked).toEqual(['发生的村', '事项类别', '情况说明']);
    // The reporter is one of those who must go: the result, then the alert to acknowledge.
    expect(h.messagesTo(p.villageCadre).some((m) => JSON.stringify(m.msgParam).includes('重大事项已报告'))).toBe(true);
    const alert = await t.db.prisma.alert.findFirstOrThrow({ include: { recipients: true } });
    expect(alert.title).toContain('群体性事件');
    expect(alert.recipients.map((r) => r.personId)).toContain(p.areaLeader.id);
    expect(h.lastTextTo(p.areaLeader)).toContain('群体性事件');
  });

  it('R16: a village collector reports sentiment by the guided form; the office hears of it', async () => {
    const p = town.people;
    await h.say(p.collector, '民情', { p2p: true });
    await h.fill(p.collector, { 所在村: '青山村', 民情信息: '二组村民反映自来水停供三天，情绪较大' });
    expect(h.lastTextTo(p.collector)).toContain('民情信息已报送');
    expect(await t.db.prisma.sentimentReport.count({ where: { reporterId: p.collector.id } })).toBe(1);
    expect(h.lastTextTo(p.office)).toContain('自来水');
  });
});
