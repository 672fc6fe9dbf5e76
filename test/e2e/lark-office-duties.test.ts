import { beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '../../src/domain/model.js';
import type { TestDatabase } from '../support/database.js';
import { cardOf, submitNames, titleOf, useLarkSuite, type LarkHarness } from '../support/lark-harness.js';
import type { Township } from '../support/township.js';

describe('the office\'s duties from chat: R17 screening periods, R14 reception schedule, R23 higher-level visits (Lark)', () => {
  const suite = useLarkSuite((p) => [p.office, p.deputy, p.unitHead, p.cadre], { minutesBetweenTests: 1 });
  let t: TestDatabase;
  let town: Township;
  let h: LarkHarness;
  beforeAll(() => void ({ t, town, h } = suite));

  const texts = (card: unknown) => JSON.stringify(card);

  /** `who` sends `word` 1:1, then submits the form that comes back. */
  async function formFromCommand(who: Person, word: string, title: string, form: Record<string, unknown>) {
    await h.say(who, word, { chatType: 'p2p' });
    const formMessage = h.fake.messages.at(-1)!;
    expect(titleOf(cardOf(formMessage))).toBe(title);
    town.clock.advance(1000);
    return h.submit(who, submitNames(cardOf(formMessage))[0]!, form, { messageId: formMessage.message_id });
  }

  it('R17: 排查期 declares a sensitive-period screening; the units named are told to report daily', async () => {
    const res = await formFromCommand(town.people.office, '排查期', '部署矛盾纠纷排查', {
      name: '元旦春节期间矛盾纠纷集中排查', kind: 'SENSITIVE', startsOn: '2026-11-02 +0800', endsOn: '2026-11-30 +0800', reportDueOn: '2026-11-03 +0800', unitIds: [town.units.justice],
    });
    expect(res.body.toast).toMatchObject({ type: 'success', content: '已部署：元旦春节期间矛盾纠纷集中排查' });
    const period = await t.db.prisma.screeningPeriod.findFirstOrThrow({ where: { name: '元旦春节期间矛盾纠纷集中排查' } });
    expect(period.kind).toBe('SENSITIVE');
    await h.settle();
    expect(h.cards(town.people.unitHead).some((x) => texts(x.card).includes('元旦春节期间矛盾纠纷集中排查'))).toBe(true);
  });

  it('R17: a period whose report date has passed is refused with the reason, and nothing is declared', async () => {
    const before = await t.db.prisma.screeningPeriod.count();
    const res = await formFromCommand(town.people.office, '排查期', '部署矛盾纠纷排查', {
      name: '过期排查', kind: 'REGULAR', startsOn: '2026-10-01 +0800', endsOn: '2026-10-31 +0800', reportDueOn: '2026-10-31 +0800', unitIds: [town.units.justice],
    });
    expect(res.body.toast).toMatchObject({ type: 'warning' });
    expect(res.body.toast!.content).toContain('报送截止日期已过');
    expect(await t.db.prisma.screeningPeriod.count()).toBe(before);
  });

  it('R14: 安排接访 puts a leader on the reception schedule; the leader is told', async () => {
    const res = await formFromCommand(town.people.office, '安排接访', '安排领导接访日', { leaderId: town.people.deputy.id, date: '2026-11-10 +0800', location: '镇信访接待室' });
    expect(res.body.toast).toMatchObject({ type: 'success', content: '接访日已安排' });
    const day = await t.db.prisma.receptionDay.findFirstOrThrow({ where: { leaderId: town.people.deputy.id } });
    expect(day.date).toEqual(new Date('2026-11-10T00:00:00Z'));
    await h.settle();
    expect(h.cards(town.people.deputy).some((x) => texts(x.card).includes('2026-11-10'))).toBe(true);
  });

  it('R14: 接访安排 shows everyone the schedule of the next 30 days', async () => {
    await h.say(town.people.cadre, '接访安排', { chatType: 'p2p' });
    const card = cardOf(h.fake.messages.at(-1)!);
    expect(titleOf(card)).toBe('领导接访日安排');
    expect(texts(card)).toContain('2026-11-10');
    expect(texts(card)).toContain('孙副镇长');
  });

  it('R14: 登记 links a 接访日 case to the reception day of its receipt date; with none that day the office names the leader and the day is recorded', async () => {
    const office = town.people.office;
    const form = { title: '接访：土地流转租金未付', content: '反映村集体流转土地租金两年未付。', source: 'RECEPTION_DAY', receivedOn: '2026-11-02 +0800', petitionerName: '赵大伯' };
    await h.say(office, '登记', { chatType: 'p2p' });
    expect(texts(cardOf(h.fake.messages.at(-1)!))).toContain('接访领导（来源为接访日时）');
    const cases = await t.db.prisma.case.count();
    const refused = await formFromCommand(office, '登记', '登记信访事项', form);
    expect(refused.body.toast?.content).toContain('2026-11-02没有安排领导接访日。若当天确有领导接访，请在「接访领导」中选择该领导');
    expect(await t.db.prisma.case.count()).toBe(cases);

    const res = await formFromCommand(office, '登记', '登记信访事项', { ...form, receptionLeaderId: town.people.deputy.id });
    expect(res.body.toast).toMatchObject({ type: 'success', content: expect.stringMatching(/^已登记 XF-2026-\d{4}$/) });
    const c = await t.db.prisma.case.findFirstOrThrow({ where: { title: form.title }, include: { receptionDay: true } });
    expect(c.receptionDay).toMatchObject({ leaderId: town.people.deputy.id, date: new Date('2026-11-02T00:00:00Z') });
    // The next one that day finds the day by itself.
    const again = await formFromCommand(office, '登记', '登记信访事项', { ...form, title: '接访：村道积水' });
    expect(again.body.toast?.type).toBe('success');
    expect((await t.db.prisma.case.findFirstOrThrow({ where: { title: '接访：村道积水' } })).receptionDayId).toBe(c.receptionDayId);
  });

  it('R23: 越级上访 records a collective provincial visit caused by poor work: deduction and 不合格; recorded again, nothing doubles', async () => {
    const form = { unitId: town.units.justice, level: 'PROVINCE', collective: 'true', date: '2026-11-01 +0800', evidence: '市信访局通报第12期', poorWork: 'true' };
    const res = await formFromCommand(town.people.office, '越级上访', '登记越级上访', form);
    expect(res.body.toast).toMatchObject({ type: 'success', content: '已登记到省上访' });
    const entries = await t.db.prisma.assessmentEntry.findMany({ where: { unitId: town.units.justice } });
    expect(entries.some((e) => e.unqualified)).toBe(true);
    const again = await formFromCommand(town.people.office, '越级上访', '登记越级上访', form);
    expect(texts(again.body.card)).toContain('此前已登记');
    expect(await t.db.prisma.assessmentEntry.count({ where: { unitId: town.units.justice } })).toBe(entries.length);
  });

  it('only the office: a cadre asking for these forms is told why', async () => {
    for (const word of ['排查期', '安排接访', '越级上访']) {
      const before = h.fake.messages.length;
      await h.say(town.people.cadre, word, { chatType: 'p2p' });
      const answers = h.fake.messages.slice(before);
      expect(answers, word).toHaveLength(1);
      expect(texts(cardOf(answers[0]!)), word).toContain('此操作由信访办（信访领导小组）办理');
    }
  });
});
