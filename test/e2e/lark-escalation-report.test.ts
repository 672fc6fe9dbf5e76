import { beforeAll, describe, expect, it } from 'vitest';
import { actionValue } from '../../cards/actions.js';
import type { TestDatabase } from '../support/database.js';
import { ownedCase } from '../support/flows.js';
import { buttonValues, cardOf, submitNames, titleOf, useLarkSuite, type LarkHarness } from '../support/lark-harness.js';
import type { Township } from '../support/township.js';

describe('sentiment (R16), major events (R18) and abnormal petitions (R21) reported from Lark', () => {
  const suite = useLarkSuite((p) => [p.office, p.mayor, p.secretary, p.deputy, p.deputy2, p.cadre, p.areaLeader, p.stationed, p.villageCadre, p.collector, p.outsider], { minutesBetweenTests: 1 });
  let t: TestDatabase;
  let town: Township;
  let h: LarkHarness;
  beforeAll(() => void ({ t, town, h } = suite));

  const texts = (card: unknown) => JSON.stringify(card);
  /** The card the bot last answered with (a reply or a form goes to the chat, not to a person). */
  const lastReply = () => cardOf(h.fake.messages.at(-1)!);

  it('R18: a village cadre reports a mass incident; the people of the village are alerted to go to the scene and the office is told', async () => {
    const p = town.people;
    await h.say(p.villageCadre, '重大事项', { chatType: 'p2p' });
    const form = lastReply();
    expect(titleOf(form)).toBe('报告重大事项');
    const submit = submitNames(form)[0]!;

    // A form without the village is refused with the reason, and nothing is raised.
    const bad = await h.submit(p.villageCadre, submit, { eventKind: 'MASS_INCIDENT', detail: '村民聚集' });
    expect(bad.body.toast).toMatchObject({ type: 'warning' });
    expect(bad.body.toast!.content).toContain('请选择发生事项的村（社区）');
    expect(await t.db.prisma.alert.count()).toBe(0);

    const res = await h.submit(p.villageCadre, submit, { villageId: town.villages.a, eventKind: 'MASS_INCIDENT', detail: '约50名村民聚集镇政府门口，要求解决征地补偿' });
    expect(res.body.toast).toMatchObject({ type: 'success', content: '重大事项已报告' });
    const alert = await t.db.prisma.alert.findFirstOrThrow({ include: { recipients: true } });
    expect(alert.title).toContain('群体性事件');
    const onAlert = alert.recipients.map((r) => r.personId);
    expect(onAlert).toEqual(expect.arrayContaining([p.areaLeader.id, p.stationed.id, p.villageCadre.id]));
    await h.settle();
    // Those who must go get the alert card with its acknowledgement buttons; the office a notice.
    for (const who of [p.areaLeader, p.stationed]) {
      const card = h.cards(who).find((x) => texts(x.card).includes('群体性事件'));
      expect(card, who.name).toBeDefined();
      expect(buttonValues(card!.card).some((v) => v.a === 'alert.ack')).toBe(true);
    }
    expect(h.cards(p.office).some((x) => texts(x.card).includes('群体性事件'))).toBe(true);
  });

  it('R18: someone who may not raise a major event is told why, and gets no form', async () => {
    const p = town.people;
    const before = h.fake.messages.length;
    await h.say(p.cadre, '重大事项', { chatType: 'p2p' });
    const answers = h.fake.messages.slice(before);
    expect(answers).toHaveLength(1);
    expect(texts(cardOf(answers[0]!))).toContain('您无权发起重大事项预警');
    expect(submitNames(cardOf(answers[0]!))).toEqual([]);
  });

  it('R21: the office reports a petitioner gone to Beijing from the case card; the owner leader gets the persuasion duty', async () => {
    const p = town.people;
    const c = await ownedCase(town); // owner 孙副镇长 (deputy), responsible 吴志强 (cadre)
    await h.click(p.office, actionValue('case.view', { caseId: c.id }));
    expect(buttonValues(lastReply())).toContainEqual(expect.objectContaining({ a: 'abnormal.open', caseId: c.id }));

    const opened = await h.click(p.office, actionValue('abnormal.open', { caseId: c.id }));
    expect(opened.body.toast?.type).toBe('info');
    const form = lastReply();
    expect(titleOf(form)).toBe('报告非正常上访');
    const res = await h.submit(p.office, submitNames(form)[0]!, { destination: 'BEIJING', occurredOn: '2026-11-02 +0800', detail: '在京非接待场所滞留' });
    expect(res.body.toast).toMatchObject({ type: 'success', content: '进京非正常上访已报告' });
    const persuasion = await t.db.prisma.persuasion.findFirstOrThrow({ where: { caseId: c.id } });
    expect(persuasion).toMatchObject({ leaderId: p.deputy.id, destination: 'BEIJING', outcome: 'IN_PROGRESS' });
    await h.settle();
    expect(h.cards(p.deputy).some((x) => texts(x.card).includes('进京非正常上访'))).toBe(true);
  });

  it('R21: someone with nothing to do with the case cannot report it, and nothing is opened', async () => {
    const c = await ownedCase(town);
    const refused = await h.click(town.people.outsider, actionValue('abnormal.open', { caseId: c.id }));
    expect(refused.body.toast).toMatchObject({ type: 'error' });
    expect(refused.body.toast!.content).toContain('只有信访办、主要领导或承办人可以报告非正常上访');
    const submitted = await h.submit(town.people.outsider, `abnormal.submit?caseId=${c.id}`, { destination: 'PROVINCE', occurredOn: '2026-11-02 +0800' });
    expect(submitted.body.toast).toMatchObject({ type: 'error' });
    expect(await t.db.prisma.persuasion.count({ where: { caseId: c.id } })).toBe(0);
  });

  it('R16: a village collector reports what people say; the office sees it in 待办 and turns it into a case', async () => {
    const p = town.people;
    await h.say(p.collector, '民情', { chatType: 'p2p' });
    const form = lastReply();
    expect(titleOf(form)).toBe('报送民情信息');
    const sent = await h.submit(p.collector, submitNames(form)[0]!, { villageId: town.villages.a, content: '三组村民反映灌溉渠堵塞，影响春耕，约8户' }, { messageId: h.fake.messages.at(-1)!.message_id });
    expect(sent.body.toast).toMatchObject({ type: 'success', content: '民情信息已报送' });
    const report = await t.db.prisma.sentimentReport.findFirstOrThrow({ where: { reporterId: p.collector.id } });
    await h.settle();
    expect(h.cards(p.areaLeader).some((x) => texts(x.card).includes('灌溉渠'))).toBe(true);

    town.clock.advance(1000);
    await h.say(p.office, '待办', { chatType: 'p2p' });
    const todo = h.fake.messages.at(-1)!;
    const convert = buttonValues(cardOf(todo)).find((v) => v.a === 'sentiment.convert-open' && v.reportId === report.id);
    expect(convert).toBeDefined();
    town.clock.advance(1000);
    await h.click(p.office, convert, { messageId: todo.message_id });
    const convertForm = h.fake.messages.at(-1)!;
    expect(titleOf(cardOf(convertForm))).toBe('民情信息转为案件');
    town.clock.advance(1000);
    const converted = await h.submit(p.office, submitNames(cardOf(convertForm))[0]!, { title: '灌溉渠堵塞', complexity: 'GENERAL', headcount: '8' }, { messageId: convertForm.message_id });
    expect(converted.body.toast?.content).toMatch(/^已转为案件 XF-2026-\d{4}$/);
    const linked = await t.db.prisma.sentimentReport.findUniqueOrThrow({ where: { id: report.id } });
    expect(linked.caseId).not.toBeNull();
    expect((await t.db.prisma.case.findUniqueOrThrow({ where: { id: linked.caseId! } })).title).toBe('灌溉渠堵塞');
  });

  it('R16: a town leader is not a collector: told why, no form', async () => {
    const before = h.fake.messages.length;
    await h.say(town.people.deputy, '民情', { chatType: 'p2p' });
    const answers = h.fake.messages.slice(before);
    expect(answers).toHaveLength(1);
    expect(texts(cardOf(answers[0]!))).toContain('民情信息由各村民情信息员报送');
  });
});
