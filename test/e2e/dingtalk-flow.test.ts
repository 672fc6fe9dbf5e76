import { beforeAll, describe, expect, it } from 'vitest';
import { actionText } from '../../src/platforms/dingtalk/action-text.js';
import { localDateOf } from '../../src/lib/local-date.js';
import { proposeOwnership } from '../../src/usecases/ownership/propose-ownership.js';
import type { TestDatabase } from '../support/database.js';
import { signedHeaders } from '../support/dingtalk-payloads.js';
import { buttonsOf, DingTalkHarness, useDingTalkSuite, valueOf } from '../support/dingtalk-harness.js';
import { FAKE_DT_CLIENT_SECRET } from '../support/fake-dingtalk.js';
import { collectiveCase, ownedCase, ownershipTerms } from '../support/flows.js';
import type { Township } from '../support/township.js';

// The Lark flows, on DingTalk: signed HTTP robot callbacks in, the real dispatcher and use cases
// on PostgreSQL, ActionCards out to a fake of DingTalk's OpenAPI; buttons come back as texts and
// forms are asked question by question in 1:1 chat.

describe('DingTalk end to end (HTTP mode; fake DingTalk; real PostgreSQL)', () => {
  const suite = useDingTalkSuite('2026-11-24T10:00:00+08:00');
  let t: TestDatabase;
  let town: Township;
  let h: DingTalkHarness;
  beforeAll(() => void ({ t, town, h } = suite));
  const status = async (id: string) => (await t.db.prisma.case.findUniqueOrThrow({ where: { id } })).status;

  it('answers 帮助 in the group with what this person may do, as an ActionCard or markdown', async () => {
    expect(await h.say(town.people.villageCadre, '帮助')).toBe(200);
    const answer = h.fake.messages.at(-1)!;
    expect(answer.kind).toBe('group');
    expect(JSON.stringify(answer.msgParam)).toContain('登记');
    expect(JSON.stringify(answer.msgParam)).not.toContain('会议');
  });

  it('answers anything it does not understand with the help card, never silence', async () => {
    const before = h.fake.messages.length;
    await h.say(town.people.villageCadre, '今天天气怎么样');
    expect(h.fake.messages.length).toBe(before + 1);
    expect(JSON.stringify(h.fake.messages.at(-1)!.msgParam)).toContain('登记');
  });

  it('walks a collective petition from intake to follow-up on DingTalk alone: R1, R4, R6, R27 by buttons and guided forms', async () => {
    const p = town.people;
    // R1: 登记 in the group; the form goes on 1:1, question by question.
    await h.say(p.villageCadre, '登记');
    expect(JSON.stringify(h.fake.messages.at(-1)!.msgParam)).toContain('单聊中开始填写');
    const asked = await h.fill(p.villageCadre, {
      标题: '青山村三组征地补偿款分配不公',
      反映内容: '村民反映分配补偿款未开会讨论，外嫁女未列入名单，请求重新核定。',
      信访来源: '来访',
      所属村: '青山村',
      来访人数: '12',
      信访人姓名: '张大明',
      身份证号: '110101199003074514',
      联系电话: '13812345678',
    });
    expect(asked).toEqual(expect.arrayContaining(['标题', '信访来源', '信访人姓名']));
    expect(h.lastTextTo(p.villageCadre)).toMatch(/已登记 XF-2026-\d{4}/);
    const c = await t.db.prisma.case.findFirstOrThrow({ where: { title: '青山村三组征地补偿款分配不公' }, include: { petitioners: true } });
    expect(c).toMatchObject({ status: 'AWAITING_OWNER', source: 'VISIT', headcount: 12, villageId: town.villages.a });
    expect(c.petitioners[0]).toMatchObject({ name: '张大明', phone: '13812345678' });
    // R1: the office is told on DingTalk that the case needs an owner, with a button to propose one.
    expect(h.lastTextTo(p.office)).toContain('需确定包案领导');

    // R2/R4: the office proposes the owner from the case, by the guided form.
    await h.say(p.office, `案件 ${c.number}`, { p2p: true });
    await h.click(p.office, h.buttonTo(p.office, '提出包案意见'), { p2p: true });
    await h.fill(p.office, {
      包案领导: p.deputy.name,
      责任单位: '司法所',
      责任人: p.cadre.name,
      责任要求: '一个月内查清补偿款分配情况，做好稳控',
      办结时限: '2026-11-30',
      
    });
    expect(h.lastTextTo(p.office)).not.toMatch(/失败|不能|错误/);
    expect(await status(c.id)).toBe('AWAITING_APPROVAL');

    // R4: the approver gets the approval card 1:1 and approves: 同意 asks first, 确定 acts.
    const since = h.fake.messages.length;
    await h.click(p.approver, h.buttonTo(p.approver, '同意'), { p2p: true });
    expect(h.lastTextTo(p.approver)).toContain('请确认');
    await h.click(p.approver, h.buttonTo(p.approver, '确定', since), { p2p: true });
    const owned = await t.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(owned).toMatchObject({ status: 'IN_PROGRESS', ownerLeaderId: p.deputy.id, responsiblePersonId: p.cadre.id });
    expect(JSON.stringify(h.messagesTo(p.deputy, since).map((m) => m.msgParam))).toContain('包案已生效');

    // R6: the responsible person reports progress three times with the 三包一保 tag.
    for (const [tag, extra] of [['包查办', {}], ['包落实', {}], ['保稳定', { 稳定评估: '稳定' }]] as const) {
      await h.say(p.cadre, `案件 ${c.number}`, { p2p: true });
      await h.click(p.cadre, h.buttonTo(p.cadre, '报送进展'), { p2p: true });
      await h.fill(p.cadre, { 进展类别: tag, 进展情况: `${tag}环节的进展`, ...extra });
      expect(h.lastTextTo(p.cadre), tag).not.toMatch(/失败|不能|错误/);
    }
    const progress = await t.db.prisma.progressEntry.findMany({ where: { caseId: c.id }, orderBy: { createdAt: 'asc' } });
    expect(progress.map((e) => e.tag)).toEqual(['INVESTIGATION', 'IMPLEMENTATION', 'STABILITY']);

    // The owner leader resolves it.
    await h.say(p.deputy, `案件 ${c.number}`, { p2p: true });
    await h.click(p.deputy, h.buttonTo(p.deputy, '办结'), { p2p: true });
    await h.fill(p.deputy, { 办结情况: '补偿款已重新核算发放，信访人认可' });
    expect(h.lastTextTo(p.deputy)).toContain('已办结');
    expect(await status(c.id)).toBe('RESOLVED');

    // R27: the office follows up with the two ratings.
    await h.say(p.office, `案件 ${c.number}`, { p2p: true });
    await h.click(p.office, h.buttonTo(p.office, '回访'), { p2p: true });
    await h.fill(p.office, { 对信访办的评价: '满意', 对责任单位的评价: '基本满意' });
    expect(await status(c.id)).toBe('FOLLOWED_UP');
    expect(await t.db.prisma.followUp.findFirstOrThrow({ where: { caseId: c.id } })).toMatchObject({ officeRating: 'SATISFIED', unitRating: 'BASICALLY_SATISFIED' });
  });

  it('R4: an approver approves from the case card; a second 确定 (double click) has no effect and is told so', async () => {
    const p = town.people;
    const c = await collectiveCase(town);
    await proposeOwnership(town.deps, town.actor(p.office), ownershipTerms(town, c.id));
    await h.say(p.approver, `案件 ${c.number}`, { p2p: true });
    const before = h.fake.messages.length;
    await h.click(p.approver, h.buttonTo(p.approver, '审定包案意见'), { p2p: true });
    const approve = h.buttonTo(p.approver, '同意', before);
    expect(approve.text.startsWith('#确认')).toBe(true);
    const asked = h.fake.messages.length;
    await h.click(p.approver, approve, { p2p: true });
    const ok = h.buttonTo(p.approver, '确定', asked);
    expect(valueOf(ok).a).toBe('ownership.approve');
    await h.click(p.approver, ok, { p2p: true });
    expect(await status(c.id)).toBe('IN_PROGRESS');
    expect(JSON.stringify(h.lastTo(p.deputy).msgParam)).toContain(c.number);
    const audits = await t.db.prisma.auditLog.count({ where: { action: 'ownership.approve' } });
    await h.click(p.approver, ok, { p2p: true });
    expect(await t.db.prisma.auditLog.count({ where: { action: 'ownership.approve' } })).toBe(audits);
    expect(h.lastTextTo(p.approver)).toMatch(/已处理|已审定|不是待审定/);
  });

  it('R10: the responsible person asks for an extension by guided form; the decision card pushed to the office starts its own form with 开始填写; the date is within R9\'s ceiling', async () => {
    const p = town.people;
    const c = await ownedCase(town);
    await h.say(p.cadre, `案件 ${c.number}`, { p2p: true });
    await h.click(p.cadre, h.buttonTo(p.cadre, '申请延期'), { p2p: true });
    // a working day within R9's ceiling (60 + 30 days from acceptance); a later date is refused when entered
    await h.fill(p.cadre, { 申请延期至: '2027-02-01', 延期理由: '需环保部门检测' });
    expect(h.lastTextTo(p.cadre)).toContain('延期申请已提交');
    const decision = h.messagesTo(p.office).reverse().find((m) => m.msgParam.title === '审批延期申请')!;
    expect(decision.msgParam.text).toContain('机器人会在单聊中逐项询问');
    const start = buttonsOf(decision).find((b) => b.title === '开始填写')!;
    await h.click(p.office, start, { p2p: true });
    await h.fill(p.office, { 是否同意: '同意延期', 审批意见: '检测需时，已告知信访人' });
    expect(h.lastTextTo(p.office)).toContain('延期已批准');
    const row = await t.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(row.status).toBe('EXTENDED');
    expect(row.dueOn!.toISOString().slice(0, 10)).toBe('2027-02-01');
  });

  it('R24: a case card in the group masks the petitioner; in 1:1, 查看完整信息 shows the full details to one allowed, audited; another is refused', async () => {
    const p = town.people;
    const c = await ownedCase(town, { petitioners: [{ name: '李四', phone: '13912345678' }] });
    const since = h.fake.messages.length;
    await h.say(p.cadre, `案件 ${c.number}`);
    const inGroup = h.groupMessages(since).at(-1)!;
    expect(inGroup.msgParam.text).toContain('李＊');
    expect(JSON.stringify(inGroup.msgParam)).not.toMatch(/李四|13912345678|查看完整信息/);
    await h.say(p.cadre, `案件 ${c.number}`, { p2p: true });
    await h.click(p.cadre, h.buttonTo(p.cadre, '查看完整信息', since), { p2p: true });
    expect(h.lastTextTo(p.cadre)).toContain('李四');
    expect(h.lastTextTo(p.cadre)).toContain('13912345678');
    expect(await t.db.prisma.auditLog.count({ where: { action: 'case.view_personal_data', caseId: c.id, actorId: p.cadre.id } })).toBe(1);
    // The unit head (not assigned to the case) sends the same click: refused, nothing shown, nothing audited.
    await h.click(p.unitHead, h.buttonTo(p.cadre, '查看完整信息', since), { p2p: true });
    expect(JSON.stringify(h.messagesTo(p.unitHead, since).map((m) => m.msgParam))).not.toContain('李四');
    expect(await t.db.prisma.auditLog.count({ where: { action: 'case.view_personal_data', caseId: c.id } })).toBe(1);
  });

  it('R1: once only optional questions are left, 「完成」 files the case at once, with what the card would have shown filled in', async () => {
    const p = town.people;
    await h.say(p.villageCadre, '登记', { p2p: true });
    await h.answer(p.villageCadre, ['四组路灯不亮', '村民反映四组路灯损坏已一月。', '跳过', '跳过', '跳过', '跳过', '跳过']);
    // Not yet: the petitioner's name is still to come, so 「完成」 is the answer to this question, not the end.
    expect(h.lastTextTo(p.villageCadre)).toContain('信访人姓名');
    expect(h.lastTextTo(p.villageCadre)).not.toContain('回复「完成」即提交');
    await h.say(p.villageCadre, '孙大娘', { p2p: true });
    expect(h.lastTextTo(p.villageCadre)).toContain('回复「完成」即提交');
    await h.say(p.villageCadre, '完成', { p2p: true });
    expect(h.lastTextTo(p.villageCadre)).toMatch(/已登记 XF-2026-\d{4}/);
    const c = await t.db.prisma.case.findFirstOrThrow({ where: { title: '四组路灯不亮' }, include: { petitioners: true } });
    expect(c).toMatchObject({ source: 'VISIT' });
    expect(localDateOf(c.receivedAt)).toBe('2026-11-24');
    expect(c.petitioners[0]).toMatchObject({ name: '孙大娘', phone: null });
  });

  it('a command sent in the middle of a guided form leaves the form (it is not taken as an answer) and is carried out', async () => {
    const p = town.people;
    await h.say(p.villageCadre, '登记', { p2p: true });
    await h.answer(p.villageCadre, ['五组排水沟堵塞']);
    const before = h.messagesTo(p.villageCadre).length;
    await h.say(p.villageCadre, '我的', { p2p: true });
    const answers = h.messagesTo(p.villageCadre).slice(before).map((m) => m.msgParam.title);
    expect(answers[0]).toBe('已退出未填完的「登记信访事项」');
    expect(answers.length).toBe(2);
    expect(await t.db.prisma.guidedForm.count()).toBe(0);
    expect(await t.db.prisma.case.count({ where: { title: '五组排水沟堵塞' } })).toBe(0);
  });

  it('R1: a wrong answer in a guided form is asked again; 取消 stops and nothing is filed', async () => {
    const p = town.people;
    const cases = await t.db.prisma.case.count();
    await h.say(p.villageCadre, '登记', { p2p: true });
    expect(h.lastTextTo(p.villageCadre)).toContain('（1/');
    await h.answer(p.villageCadre, ['水渠被占用', '三组灌溉水渠被占用。', '99']);
    expect(h.lastTextTo(p.villageCadre)).toContain('请回复 1 到');
    await h.say(p.villageCadre, '取消', { p2p: true });
    expect(h.lastTextTo(p.villageCadre)).toContain('已取消填写');
    expect(await t.db.prisma.case.count()).toBe(cases);
    // The session is over: the next message is a command again.
    await h.say(p.villageCadre, '帮助', { p2p: true });
    expect(h.lastTextTo(p.villageCadre)).toContain('登记');
  });

  it('a person acting beyond their role is refused with the reason before any question is asked, and nothing changes', async () => {
    const p = town.people;
    const c = await collectiveCase(town);
    const sessions = await t.db.prisma.guidedForm.count();
    await h.say(p.outsider, actionText({ a: 'resolve.open', caseId: c.id }), { p2p: true });
    expect(h.lastTextTo(p.outsider)).toContain('只有信访办、包案领导或责任人可以办结');
    expect(await t.db.prisma.guidedForm.count()).toBe(sessions);
    expect(await status(c.id)).toBe('AWAITING_OWNER');
  });

  it('同步用户: the office links people to their DingTalk accounts by mobile from the chat; a cadre may not', async () => {
    const p = town.people;
    await t.db.prisma.platformIdentity.deleteMany({ where: { personId: p.deputy2.id, platform: 'DINGTALK' } });
    h.fake.addUser(p.deputy2.mobile!, 'staffDeputy2New');
    await h.say(p.cadre, '同步用户', { p2p: true });
    expect(h.lastTextTo(p.cadre)).not.toContain('用户同步完成');
    expect(await t.db.prisma.platformIdentity.count({ where: { personId: p.deputy2.id, platform: 'DINGTALK' } })).toBe(0);
    await h.say(p.office, '同步用户', { p2p: true });
    expect(h.lastTextTo(p.office)).toContain('用户同步完成：新关联 1 人');
    expect(h.lastTextTo(p.office)).toContain(p.deputy2.name);
    expect(await t.db.prisma.platformIdentity.findFirstOrThrow({ where: { personId: p.deputy2.id, platform: 'DINGTALK' } })).toMatchObject({ userId: 'staffDeputy2New' });
  });

  it('an unknown DingTalk user is told politely that they are not registered, and the office is notified', async () => {
    const stranger = { id: '99999999-9999-4999-8999-999999999999', name: '陌生人', mobile: '19900000000' } as never;
    const officeBefore = h.messagesTo(town.people.office).length;
    await h.say(stranger, '我的', { p2p: true });
    expect(h.lastTextTo(stranger)).toContain('尚未登记');
    expect(h.messagesTo(town.people.office).length).toBe(officeBefore + 1);
    expect(h.lastTextTo(town.people.office)).toContain('未登记的用户');
  });

  it('a callback with a bad or stale signature is refused and dispatches nothing', async () => {
    const before = h.fake.messages.length;
    expect(await h.say(town.people.office, '帮助', { headers: signedHeaders('not-the-secret', town.clock.now()) })).toBe(401);
    expect(await h.say(town.people.office, '帮助', { headers: signedHeaders(FAKE_DT_CLIENT_SECRET, new Date(town.clock.now().getTime() - 2 * 3_600_000)) })).toBe(401);
    expect(h.fake.messages.length).toBe(before);
  });
});
