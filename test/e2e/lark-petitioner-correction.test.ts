import { beforeAll, describe, expect, it } from 'vitest';
import { actionValue } from '../../cards/actions.js';
import { convertSentimentToCase } from '../../src/usecases/duties/convert-sentiment-to-case.js';
import { reportSentiment } from '../../src/usecases/duties/report-sentiment.js';
import type { TestDatabase } from '../support/database.js';
import { buttonValues, cardOf, submitNames, titleOf, useLarkSuite, type LarkHarness } from '../support/lark-harness.js';
import type { Township } from '../support/township.js';

// R16 → R24: a case converted from a sentiment report that named nobody is completed from the
// chat by the office, with the form in the card; the card never shows full data, and nobody but
// the office gets it (the dispatcher's table test covers every role; here the office's own path).

describe('the office completes and corrects petitioners from the chat (Lark)', () => {
  const suite = useLarkSuite((p) => [p.office, p.cadre, p.collector], { minutesBetweenTests: 1 });
  let t: TestDatabase;
  let town: Township;
  let h: LarkHarness;
  beforeAll(() => void ({ t, town, h } = suite));

  let cards = 0;
  const onNewCard = () => ({ messageId: `om_petitioner_card_${++cards}` });
  const lastMessage = () => h.fake.messages.at(-1)!;

  async function convertedCase() {
    const { report } = await reportSentiment(town.deps, town.actor(town.people.collector), { villageId: town.villages.a, content: '三组村民反映灌溉渠堵塞，影响春耕。' });
    return (await convertSentimentToCase(town.deps, town.actor(town.people.office), { reportId: report.id })).case;
  }

  it('R16: the converted case\'s card says its petitioner is to be completed and offers 补充信访人 to the office; the form adds them', async () => {
    const c = await convertedCase();
    await h.click(town.people.office, actionValue('case.view', { caseId: c.id }), onNewCard());
    const caseCard = cardOf(lastMessage());
    expect(JSON.stringify(caseCard)).toContain('待补充（民情信息转办时未留信访人）');
    const open = buttonValues(caseCard).find((v) => v.a === 'petitioner.open');
    expect(open).toMatchObject({ caseId: c.id });

    town.clock.advance(1000);
    await h.click(town.people.office, open, { messageId: lastMessage().message_id });
    const form = cardOf(lastMessage());
    expect(titleOf(form)).toBe('补充信访人');
    town.clock.advance(1000);
    const bad = await h.submit(town.people.office, submitNames(form)[0]!, { petitionerName: '钱小军', petitionerIdNumber: '110101199003074515' }, { messageId: lastMessage().message_id });
    expect(bad.body.toast).toMatchObject({ type: 'warning', content: expect.stringContaining('身份证号') });
    expect(await t.db.prisma.petitioner.count({ where: { caseId: c.id } })).toBe(0);

    town.clock.advance(1000);
    const res = await h.submit(town.people.office, submitNames(form)[0]!, { petitionerName: '钱小军', petitionerPhone: '13700001234', petitionerIdNumber: '110101199003074514' }, { messageId: lastMessage().message_id });
    expect(res.body.toast).toMatchObject({ type: 'success', content: `${c.number} 已添加信访人` });
    expect(await t.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ petitionersPending: false });
    expect(await t.db.prisma.petitioner.findMany({ where: { caseId: c.id } })).toEqual([expect.objectContaining({ name: '钱小军', phone: '13700001234', isPrimary: true })]);
  });

  it('R24: the correction card names the petitioner masked, never in full; a field left blank stays; removal keeps one', async () => {
    await h.submit(town.people.office, 'intake.submit', { title: '排水沟堵塞', content: '反映排水沟堵塞', source: 'VISIT', petitionerName: '郑俊杰', petitionerPhone: '13912345678' }, onNewCard());
    const c = await t.db.prisma.case.findFirstOrThrow({ where: { title: '排水沟堵塞' } });
    const [p] = await t.db.prisma.petitioner.findMany({ where: { caseId: c.id } });
    town.clock.advance(1000);
    await h.click(town.people.office, actionValue('petitioner.open', { caseId: c.id }), onNewCard());
    const list = cardOf(lastMessage());
    expect(titleOf(list)).toBe('更正信访人');
    expect(JSON.stringify(list)).toContain('郑*杰');
    expect(JSON.stringify(list)).not.toMatch(/郑俊杰|13912345678/);
    const edit = buttonValues(list).find((v) => v.a === 'petitioner.open' && v.petitionerId === p!.id);
    town.clock.advance(1000);
    await h.click(town.people.office, edit, { messageId: lastMessage().message_id });
    const form = cardOf(lastMessage());
    expect(JSON.stringify(form)).not.toMatch(/郑俊杰|13912345678/);
    town.clock.advance(1000);
    const res = await h.submit(town.people.office, submitNames(form)[0]!, { petitionerAddress: '青山村五组3号' }, { messageId: lastMessage().message_id });
    expect(res.body.toast).toMatchObject({ type: 'success', content: '已更正信访人信息' });
    expect(await t.db.prisma.petitioner.findMany({ where: { caseId: c.id, supersededAt: null } }))
      .toEqual([expect.objectContaining({ name: '郑俊杰', phone: '13912345678', address: '青山村五组3号' })]);
    town.clock.advance(1000);
    const current = (await t.db.prisma.petitioner.findFirstOrThrow({ where: { caseId: c.id, supersededAt: null } })).id;
    const removal = await h.submit(town.people.office, `petitioner.submit?caseId=${c.id}&petitionerId=${current}`, { remove: true }, onNewCard());
    expect(removal.body.toast).toMatchObject({ type: 'error', content: expect.stringContaining('至少填写一名信访人') });
  });

  it('R24: the responsible cadre may not open or submit it — refused before any handler, nothing changed', async () => {
    const c = await convertedCase();
    const before = await t.db.prisma.auditLog.count();
    const open = await h.click(town.people.cadre, actionValue('petitioner.open', { caseId: c.id }), onNewCard());
    expect(open.body.toast).toMatchObject({ type: 'error' });
    const submit = await h.submit(town.people.cadre, `petitioner.submit?caseId=${c.id}`, { petitionerName: '冒名' }, onNewCard());
    expect(submit.body.toast).toMatchObject({ type: 'error' });
    expect(await t.db.prisma.petitioner.count({ where: { caseId: c.id } })).toBe(0);
    expect(await t.db.prisma.auditLog.count()).toBe(before);
  });
});
