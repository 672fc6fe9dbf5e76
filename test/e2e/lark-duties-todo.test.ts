import { beforeAll, describe, expect, it } from 'vitest';
import { decodeForm } from '../../cards/actions.js';
import type { LarkCardJson } from '../../cards/lark/render.js';
import type { Person } from '../../src/domain/model.js';
import { convertSentimentToCase } from '../../src/usecases/duties/convert-sentiment-to-case.js';
import { logVisit } from '../../src/usecases/duties/log-visit.js';
import { reportSentiment } from '../../src/usecases/duties/report-sentiment.js';
import type { TestDatabase } from '../support/database.js';
import { dutyCounts } from '../support/duties.js';
import { buttonValues, cardOf, submitNames, titleOf, useLarkSuite, type LarkHarness } from '../support/lark-harness.js';
import { expectRefusedUnchanged } from '../support/refusal.js';
import type { Township } from '../support/township.js';

// The periodic duties in 待办 (R12, R15, R16) and the office's 下访 on behalf of a leader (R15).
// One township for the file, on 2026-11-02 (Q4, a Monday): the tests run in order.

describe('待办 for the periodic duties, and 下访 logged by the office: real SDK, fake Lark, real PostgreSQL', () => {
  const suite = useLarkSuite((p) => [p.office, p.secretary, p.deputy, p.deputy2, p.areaLeader, p.cadre, p.collector]);
  let t: TestDatabase;
  let town: Township;
  let h: LarkHarness;
  beforeAll(() => void ({ t, town, h } = suite));

  const text = (card: LarkCardJson) => JSON.stringify(card);
  const lastCard = () => cardOf(h.fake.messages.at(-1)!);
  async function todoOf(who: Person): Promise<LarkCardJson> {
    await h.say(who, '待办');
    const card = lastCard();
    expect(titleOf(card)).toMatch(/^待办事项（\d+）$/);
    return card;
  }
  const has = (card: LarkCardJson, a: string) => buttonValues(card).some((v) => v.a === a);

  it('R15: 待办 reminds a leader with no visit logged this month, and not once one is logged; nobody else sees it', async () => {
    const p = town.people;
    const todo = await todoOf(p.deputy);
    expect(text(todo)).toContain('2026年11月尚未下访联系村');
    expect(text(todo)).toContain("<font color='grey'>2026-11-30 前</font>"); // before the 20th: no reminder yet
    expect(has(todo, 'visit.open')).toBe(true);

    // From the reminder day (the 20th, a working day) it stands out.
    town.clock.set('2026-11-20T09:00:00+08:00');
    try {
      expect(text(await todoOf(p.deputy))).toContain("<font color='orange'>2026-11-30 前</font>");
    } finally {
      town.clock.set('2026-11-02T09:00:00+08:00');
    }

    // Leaders with no village to visit, and cadres, owe no visit.
    for (const who of [p.deputy2, p.cadre, p.office]) {
      const card = await todoOf(who);
      expect(text(card), who.name).not.toContain('尚未下访');
      expect(has(card, 'visit.open'), who.name).toBe(false);
    }

    // The button opens the 下访 form; once the visit is logged the reminder is gone.
    expect((await h.click(p.deputy, buttonValues(todo).find((v) => v.a === 'visit.open')!)).body.toast?.type).toBe('info');
    const form = lastCard();
    expect(titleOf(form)).toBe('填报下访记录');
    expect(text(form)).not.toContain('下访领导'); // a leader logs their own
    const res = await h.submit(p.deputy, submitNames(form)[0]!, { villageId: town.villages.a, date: '2026-11-02 +0800', peopleMet: '三组村民代表' });
    expect(res.body.toast).toMatchObject({ type: 'success', content: '下访记录已填报' });
    const after = await todoOf(p.deputy);
    expect(text(after)).not.toContain('尚未下访');
    expect(has(after, 'visit.open')).toBe(false);
    // The area leader, whose villages are the same, still owes their own visit.
    expect(text(await todoOf(p.areaLeader))).toContain('2026年11月尚未下访联系村');
  });

  it('R12: 待办 reminds the office of the quarter\'s leading-group meeting until one is recorded; leaders and cadres do not see it', async () => {
    const p = town.people;
    const todo = await todoOf(p.office);
    expect(text(todo)).toContain('2026年第四季度尚未召开信访领导小组会议');
    expect(text(todo)).toContain("<font color='grey'>2026-12-31 前</font>");
    const open = buttonValues(todo).find((v) => v.a === 'meeting.open');
    expect(open).toEqual({ a: 'meeting.open' });

    // Only the office records the meeting (authorization RECORD_MEETING): others are not reminded.
    for (const who of [p.secretary, p.deputy, p.cadre]) {
      const card = await todoOf(who);
      expect(text(card), who.name).not.toContain('信访领导小组会议');
      expect(has(card, 'meeting.open'), who.name).toBe(false);
    }

    expect((await h.click(p.office, open!)).body.toast?.type).toBe('info');
    const form = lastCard();
    expect(titleOf(form)).toBe('记录领导小组会议');
    const res = await h.submit(p.office, submitNames(form)[0]!, {
      date: '2026-11-02 +0800', topic: '研究重大疑难信访案件', decisions: '逐件明确包案领导', attendees: '赵书记、王丽华',
    });
    expect(res.body.toast).toMatchObject({ type: 'success', content: '会议已记录' });
    const after = await todoOf(p.office);
    expect(text(after)).not.toContain('信访领导小组会议');
    expect(has(after, 'meeting.open')).toBe(false);
  });

  it('R16: 待办 lists the sentiment reports awaiting the office, numbers masked, until converted into a case; others do not see them', async () => {
    const p = town.people;
    const { report } = await reportSentiment(town.deps, town.actor(p.collector), {
      villageId: town.villages.a, content: '三组灌溉渠堵塞，村民意见较大，联系人电话13812345678',
    });

    const todo = await todoOf(p.office);
    expect(text(todo)).toContain('**【民情信息】**');
    expect(text(todo)).toContain('青山村：三组灌溉渠堵塞');
    expect(text(todo)).toContain('蒋信息员报送');
    expect(text(todo)).not.toContain('13812345678');

    for (const who of [p.deputy, p.deputy2, p.cadre, p.collector]) {
      expect(text(await todoOf(who)), who.name).not.toContain('民情信息');
    }

    await convertSentimentToCase(town.deps, town.actor(p.office), { reportId: report.id });
    expect(text(await todoOf(p.office))).not.toContain('【民情信息】');
  });

  it('R15: the office logs a visit for the deputy through the 下访 form: recorded under the deputy, audited with the office as actor', async () => {
    const p = town.people;
    await h.say(p.office, '下访');
    const form = lastCard();
    expect(titleOf(form)).toBe('填报下访记录');
    expect(text(form)).toContain('下访领导');
    expect(text(form)).toContain(p.deputy.name);
    expect(text(form)).not.toContain(p.cadre.name); // only party and government leaders
    expect(text(form)).toContain('河口村'); // every village, not the office's own
    const submit = submitNames(form)[0]!;

    const visitsBefore = await t.db.prisma.villageVisit.count({ where: { leaderId: p.deputy.id } });
    const res = await h.submit(p.office, submit, { leaderId: p.deputy.id, villageId: town.villages.b, date: '2026-11-01 +0800', note: '信访办代填' });
    expect(res.body.toast).toMatchObject({ type: 'success', content: '下访记录已填报' });
    expect(text(res.body.card!.data)).toContain(`已代${p.deputy.name}填报`);

    const visit = await t.db.prisma.villageVisit.findFirstOrThrow({ where: { leaderId: p.deputy.id, note: '信访办代填' } });
    expect(visit).toMatchObject({ leaderId: p.deputy.id, villageId: town.villages.b });
    expect(await t.db.prisma.villageVisit.count({ where: { leaderId: p.deputy.id } })).toBe(visitsBefore + 1);
    expect(await t.db.prisma.villageVisit.count({ where: { leaderId: p.office.id } })).toBe(0);
    const audit = await t.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'visit.log', entityId: visit.id } });
    expect(audit.actorId).toBe(p.office.id);
    expect(JSON.parse(audit.after!)).toMatchObject({ leaderId: p.deputy.id, villageId: town.villages.b });
  });

  it('R15: a forged or bad 下访领导 is refused in Chinese and changes nothing', async () => {
    const p = town.people;
    const form = (over: Record<string, unknown>) => ({ villageId: town.villages.a, date: '2026-11-02 +0800', note: '冒名填报', ...over });
    const before = await dutyCounts(t);

    // A cadre may not log visits at all, for anyone.
    const cadre = await h.submit(p.cadre, 'visit.submit', form({ leaderId: p.deputy.id }));
    expect(cadre.body.toast).toMatchObject({ type: 'error', content: expect.stringContaining('下访记录由镇党政领导填报') });
    // A leader logs only their own.
    const leader = await h.submit(p.deputy, 'visit.submit', form({ leaderId: p.deputy2.id }));
    expect(leader.body.toast).toMatchObject({ type: 'error', content: expect.stringContaining('只能填报本人的下访记录') });
    // The office: a value that is no choice of the form, and someone who is no leader.
    const bad = await h.submit(p.office, 'visit.submit', form({ leaderId: 'deputy' }));
    expect(bad.body.toast).toMatchObject({ type: 'warning', content: '输入有误：下访领导：选项无效，请重新选择' });
    const notLeader = await h.submit(p.office, 'visit.submit', form({ leaderId: p.cadre.id }));
    expect(notLeader.body.toast).toMatchObject({ content: expect.stringContaining(`${p.cadre.name}不是镇党政领导`) });

    expect(await dutyCounts(t)).toEqual(before);
    expect(await t.db.prisma.villageVisit.count({ where: { note: '冒名填报' } })).toBe(0);

    // The same forged form, decoded by the catalogue and given to the use case directly.
    await expectRefusedUnchanged(
      () => dutyCounts(t),
      () => logVisit(town.deps, town.actor(p.deputy), decodeForm({ a: 'visit.submit' }, form({ leaderId: p.deputy2.id }))),
      'FORBIDDEN',
      /只能填报本人的下访记录/,
    );
  });
});
