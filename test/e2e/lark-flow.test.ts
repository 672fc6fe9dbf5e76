import { beforeAll, describe, expect, it } from 'vitest';
import { actionValue } from '../../cards/actions.js';
import type { TestDatabase } from '../support/database.js';
import { buttonValues, useLarkSuite, submitNames, titleOf, type LarkHarness } from '../support/lark-harness.js';
import { signAndEncrypt, messageEvent } from '../support/lark-payloads.js';
import type { Township } from '../support/township.js';

describe('the Lark bot end to end: HTTP in, real SDK out to a fake Lark, real PostgreSQL', () => {
  const suite = useLarkSuite((p) => [p.office, p.approver, p.secretary, p.mayor, p.deputy, p.deputy2, p.cadre, p.unitHead, p.villageCadre, p.outsider]);
  let t: TestDatabase;
  let town: Township;
  let h: LarkHarness;
  beforeAll(() => void ({ t, town, h } = suite));


  it('answers 帮助 in a group with a help card listing what this person may do', async () => {
    const res = await h.say(town.people.villageCadre, '帮助');
    expect(res.status).toBe(200);
    const last = h.fake.messages.at(-1)!;
    expect(last.kind).toBe('reply');
    expect(last.content).toContain('登记');
    expect(last.content).not.toContain('会议'); // a village cadre does not record leading-group meetings
  });

  it('answers anything it does not understand with the help card, never silence', async () => {
    const before = h.fake.messages.length;
    await h.say(town.people.villageCadre, '今天天气怎么样');
    expect(h.fake.messages.length).toBe(before + 1);
    expect(h.fake.messages.at(-1)!.content).toContain('登记');
  });

  it('walks a collective petition from intake to follow-up: R1, R4, R6, R27 through cards', async () => {
    const p = town.people;
    // 登记: the form comes back as a reply
    await h.say(p.villageCadre, '登记');
    const form = h.fake.messages.at(-1)!;
    const submit = submitNames(JSON.parse(form.content))[0]!;
    expect(submit).toMatch(/^intake\.submit/);
    const intake = await h.submit(p.villageCadre, submit, {
      title: '青山村三组征地补偿款分配不公',
      content: '村民反映分配补偿款未开会讨论，外嫁女未列入名单，请求重新核定。',
      source: 'VISIT',
      complexity: 'GENERAL',
      villageId: town.villages.a,
      headcount: '12',
      petitionerName: '张大明',
      petitionerIdNumber: '110101199003074514',
      petitionerPhone: '13812345678',
    }, { messageId: form.message_id });
    expect(intake.status).toBe(200);
    expect(intake.body.toast).toMatchObject({ type: 'success', content: expect.stringMatching(/已登记 XF-2026-\d{4}/) });
    const c = await t.db.prisma.case.findFirstOrThrow({ where: { title: '青山村三组征地补偿款分配不公' } });
    expect(c.status).toBe('AWAITING_OWNER');
    // R1: the office is told a case needs an owner
    expect(h.cards(p.office).map((x) => titleOf(x.card)).join()).toContain('需确定包案领导');

    // The office proposes the owner (R2/R4) from the case's form
    const open = await h.click(p.office, actionValue('ownership.open', { caseId: c.id }));
    expect(open.body.toast?.type).toBe('info');
    const ownershipForm = h.fake.messages.at(-1)!;
    const proposeName = submitNames(JSON.parse(ownershipForm.content))[0]!;
    const proposed = await h.submit(p.office, proposeName, {
      leaderId: p.deputy.id,
      unitId: town.units.justice,
      responsiblePersonId: p.cadre.id,
      requirements: '一个月内查清补偿款分配情况，做好稳控',
      deadline: '2026-11-30 +0800',
      reportingCadence: 'WEEKLY',
    }, { messageId: ownershipForm.message_id });
    expect(proposed.body.toast).toMatchObject({ type: 'success' });
    expect((await t.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('AWAITING_APPROVAL');

    // The approver receives an approval card with 同意 and approves from it
    const approval = h.cards(p.approver).at(-1)!;
    const approve = buttonValues(approval.card).find((v) => v.a === 'ownership.approve')!;
    expect(approve).toBeDefined();
    const approved = await h.click(p.approver, approve, { messageId: approval.message.message_id });
    expect(approved.body.toast).toMatchObject({ type: 'success', content: expect.stringContaining('包案已生效') });
    expect(approved.body.card?.type).toBe('raw');
    const owned = await t.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(owned).toMatchObject({ status: 'IN_PROGRESS', ownerLeaderId: p.deputy.id, responsiblePersonId: p.cadre.id });
    expect(h.cards(p.deputy).map((x) => titleOf(x.card)).join()).toContain('包案已生效');

    // Progress (R6) by the responsible person, then resolve by the owner
    const progressName = (tag: string) => `progress.submit?caseId=${c.id}`;
    for (const [tag, stability] of [['INVESTIGATION', null], ['IMPLEMENTATION', null], ['STABILITY', 'STABLE']] as const) {
      const r = await h.submit(p.cadre, progressName(tag), { tag, content: `${tag} 的进展`, ...(stability ? { stability } : {}) });
      expect(r.body.toast, tag).toMatchObject({ type: 'success' });
    }
    expect(await t.db.prisma.progressEntry.count({ where: { caseId: c.id } })).toBe(3);
    const resolved = await h.submit(p.deputy, `resolve.submit?caseId=${c.id}`, { resolution: '补偿款已重新核算发放，信访人认可' });
    expect(resolved.body.toast).toMatchObject({ type: 'success', content: expect.stringContaining('已办结') });

    // Follow-up with the two ratings (R27)
    const followed = await h.submit(p.office, `follow-up.submit?caseId=${c.id}`, { officeRating: 'SATISFIED', unitRating: 'BASICALLY_SATISFIED' });
    expect(followed.body.toast).toMatchObject({ type: 'success' });
    expect((await t.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('FOLLOWED_UP');
    expect(await t.db.prisma.followUp.count({ where: { caseId: c.id } })).toBe(1);
  });
});

describe('the Lark bot refuses what it must, and does things once', () => {
  const suite = useLarkSuite((p) => [p.office, p.approver, p.deputy, p.cadre, p.unitHead, p.villageCadre, p.outsider]);
  let t: TestDatabase;
  let town: Township;
  let h: LarkHarness;
  beforeAll(() => void ({ t, town, h } = suite));

  const state = async () => ({
    cases: await t.db.prisma.case.findMany({ select: { id: true, status: true, ownerLeaderId: true }, orderBy: { id: 'asc' } }),
    progress: await t.db.prisma.progressEntry.count(),
    proposals: await t.db.prisma.ownershipProposal.count(),
  });

  async function ownedCaseViaCards() {
    const p = town.people;
    const intake = await h.submit(p.office, 'intake.submit', { title: `拖欠农民工工资 ${Math.random()}`, content: '工地拖欠工资三个月', source: 'VISIT', headcount: '8', petitionerName: '李四' });
    const c = await t.db.prisma.case.findFirstOrThrow({ where: { status: 'AWAITING_OWNER' }, orderBy: { createdAt: 'desc' } });
    expect(intake.body.toast?.type).toBe('success');
    await h.submit(p.office, `ownership.submit?caseId=${c.id}`, { leaderId: p.deputy.id, unitId: town.units.justice, responsiblePersonId: p.cadre.id, requirements: '限期追回工资', deadline: '2026-11-25', reportingCadence: 'WEEKLY' });
    const proposal = await t.db.prisma.ownershipProposal.findFirstOrThrow({ where: { caseId: c.id } });
    await h.click(p.approver, actionValue('ownership.approve', { proposalId: proposal.id }));
    return { c, proposal };
  }

  it('a re-pushed message event (same event_id) is answered once', async () => {
    const before = h.fake.messages.length;
    await h.say(town.people.cadre, '我的', { eventId: 'ev_repeat_1' });
    await h.say(town.people.cadre, '我的', { eventId: 'ev_repeat_1' });
    expect(h.fake.messages.length).toBe(before + 1);
  });

  it('a double click on a submit has exactly one effect; the second is told it was done', async () => {
    const { c } = await ownedCaseViaCards();
    const form = { tag: 'INVESTIGATION', content: '调取工地考勤记录' };
    const first = await h.submit(town.people.cadre, `progress.submit?caseId=${c.id}`, form, { messageId: 'om_progress_form_1' });
    const second = await h.submit(town.people.cadre, `progress.submit?caseId=${c.id}`, form, { messageId: 'om_progress_form_1' });
    expect(first.body.toast?.type).toBe('success');
    expect(second.body.toast).toMatchObject({ type: 'info', content: expect.stringContaining('已处理') });
    expect(await t.db.prisma.progressEntry.count({ where: { caseId: c.id } })).toBe(1);
  });

  it('two approvers clicking 同意 at once give one active ownership', async () => {
    const p = town.people;
    await h.submit(p.office, 'intake.submit', { title: '土地流转纠纷', content: '流转费未按期支付', source: 'VISIT', headcount: '6', petitionerName: '王五' });
    const c = await t.db.prisma.case.findFirstOrThrow({ where: { title: '土地流转纠纷' } });
    await h.submit(p.office, `ownership.submit?caseId=${c.id}`, { leaderId: p.deputy.id, unitId: town.units.justice, responsiblePersonId: p.cadre.id, requirements: '督促支付', deadline: '2026-11-25', reportingCadence: 'WEEKLY' });
    const proposal = await t.db.prisma.ownershipProposal.findFirstOrThrow({ where: { caseId: c.id } });
    const [a, b] = await Promise.all([
      h.click(p.approver, actionValue('ownership.approve', { proposalId: proposal.id }), { messageId: 'om_a' }),
      h.click(p.approver, actionValue('ownership.approve', { proposalId: proposal.id }), { messageId: 'om_b' }),
    ]);
    expect([a.body.toast?.type, b.body.toast?.type].sort()).toEqual(['error', 'success']);
    expect(await t.db.prisma.caseOwnership.count({ where: { caseId: c.id } })).toBe(1);
  });

  it('a person acting beyond their role is refused with the reason, and nothing changes', async () => {
    const { c } = await ownedCaseViaCards();
    const before = await state();
    const refused = await h.submit(town.people.outsider, `resolve.submit?caseId=${c.id}`, { resolution: '已解决' });
    expect(refused.body.toast).toMatchObject({ type: 'error', content: expect.stringContaining('只有信访办、包案领导或责任人可以办结') });
    const notApprover = await h.click(town.people.cadre, actionValue('ownership.open', { caseId: c.id }));
    expect(notApprover.status).toBe(200);
    expect(await state()).toEqual(before);
  });

  it('a form with bad values gets a clear Chinese error and changes nothing', async () => {
    const before = await state();
    const bad = await h.submit(town.people.office, 'intake.submit', { title: '', content: '内容', source: 'FAX', petitionerName: '张三', petitionerPhone: '12345' });
    expect(bad.body.toast).toMatchObject({ type: 'warning', content: expect.stringMatching(/标题.*来源|来源.*标题/) });
    expect(bad.body.toast!.content).toContain('电话');
    expect(await state()).toEqual(before);
  });

  it('an unknown user is told politely that they are not registered, and the office is notified', async () => {
    const stranger = { id: '99999999-9999-4999-8999-999999999999' } as never;
    const officeBefore = h.cards(town.people.office).length;
    const sent = h.fake.messages.length;
    await h.say(stranger, '我的');
    const answers = h.fake.messages.slice(sent);
    expect(answers.find((m) => m.kind === 'reply')!.content).toContain('尚未登记');
    expect(h.cards(town.people.office).length).toBe(officeBefore + 1);
    expect(h.cards(town.people.office).at(-1)!.message.content).toContain('未登记的用户');
    const click = await h.click(stranger, actionValue('intake.open', {}));
    expect(click.body.toast).toMatchObject({ type: 'error', content: expect.stringContaining('尚未登记') });
  });

  it('R24: a case card in a group masks the petitioner; full details go 1:1 and are audited', async () => {
    const { c } = await ownedCaseViaCards();
    const number = (await t.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).number;
    await h.say(town.people.cadre, `案件 ${number}`);
    const groupCard = h.fake.messages.at(-1)!.content;
    expect(groupCard).toContain('李&#42;'); // 李*, with the markdown asterisk escaped
    expect(groupCard).not.toContain('李四');
    const full = await h.click(town.people.cadre, actionValue('case.view-full', { caseId: c.id }));
    expect(full.body.toast?.content).toContain('单聊');
    const direct = h.cards(town.people.cadre).at(-1)!;
    expect(direct.message.receive_id_type).toBe('open_id');
    expect(direct.message.content).toContain('李四');
    expect(await t.db.prisma.auditLog.count({ where: { action: 'case.view_personal_data', caseId: c.id, actorId: town.people.cadre.id } })).toBe(1);
    const refused = await h.click(town.people.unitHead, actionValue('case.view-full', { caseId: c.id }));
    expect(refused.body.toast?.type).toBe('error');
  });

  it('reads 案件 as typed on a phone in a group: after the @, no space, the serial alone, 全角 or lower case, a pasted number', async () => {
    const { c } = await ownedCaseViaCards();
    const number = (await t.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).number;
    const serial = Number(number.slice(-4));
    for (const typed of [`案件${serial}`, `案件　${number.toLowerCase()}`, `案件：${serial}。`, `${number}`]) {
      const before = h.fake.messages.length;
      await h.say(town.people.cadre, typed);
      expect(h.fake.messages.length, typed).toBe(before + 1);
      expect(titleOf(JSON.parse(h.fake.messages.at(-1)!.content)), typed).toContain(number);
    }
  });

  it('forged signatures, replayed timestamps and malformed JSON are refused and change nothing', async () => {
    const before = await state();
    const sent = h.fake.messages.length;
    const env = messageEvent({ sender: h.ids(town.people.office), text: '@_user_1 登记', createTime: town.clock.now() });
    const good = signAndEncrypt(env, 'e2e-encrypt-key', { timestamp: town.clock.now() });
    const forged = await h.post('/lark/events', good.rawBody, { ...good.headers, 'x-lark-signature': 'f'.repeat(64) });
    expect(forged.status).toBe(401);
    const wrongKey = signAndEncrypt(env, 'not-the-key', { timestamp: town.clock.now() });
    expect((await h.post('/lark/events', wrongKey.rawBody, wrongKey.headers)).status).toBe(401);
    const old = signAndEncrypt(env, 'e2e-encrypt-key', { timestamp: new Date(town.clock.now().getTime() - 3600_000) });
    expect((await h.post('/lark/events', old.rawBody, old.headers)).status).toBe(401);
    expect((await h.post('/lark/cards', '{"encrypt":', { 'content-type': 'application/json' })).status).toBe(400);
    expect(h.fake.messages.length).toBe(sent);
    expect(await state()).toEqual(before);
    expect(h.logLines.some((l) => String(l.msg).includes('refused'))).toBe(true);
  });
});
