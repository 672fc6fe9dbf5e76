import { beforeAll, describe, expect, it } from 'vitest';
import type { LarkCardJson } from '../../cards/lark/render.js';
import type { Person } from '../../src/domain/model.js';
import { toDbDate } from '../../src/lib/local-date.js';
import { assignCase } from '../../src/usecases/cases/assign-case.js';
import { intakeCase } from '../../src/usecases/intake-case.js';
import { returnProposal } from '../../src/usecases/ownership/decide-ownership.js';
import { proposeOwnership } from '../../src/usecases/ownership/propose-ownership.js';
import type { TestDatabase } from '../support/database.js';
import { collectiveCase, ownershipTerms } from '../support/flows.js';
import { buttonValues, cardOf, titleOf, useLarkSuite, type LarkHarness } from '../support/lark-harness.js';
import { resolvedCase } from '../support/resolved-case.js';
import { intakeForm, type Township } from '../support/township.js';

// 待办 and 我的 of the office, a unit head and a cadre through the real bot (signed Lark events,
// the real SDK, real PostgreSQL): each holds what the rules make them responsible for now, most
// urgent first, says why, offers only buttons they may use, and nothing they may not see.
// One township for the file, on Monday 2026-11-02: the tests run in order.

describe('待办 and 我的 by role: the office, a unit head, a cadre (Lark, real PostgreSQL)', () => {
  const suite = useLarkSuite((p) => [p.office, p.unitHead, p.cadre, p.cadre2, p.deputy, p.approver], { minutesBetweenTests: 1 });
  let t: TestDatabase;
  let town: Township;
  let h: LarkHarness;
  const n: Record<'unrouted' | 'awaiting' | 'returned' | 'resolved' | 'late' | 'accusation', string> = {} as never;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ({ t, town, h } = suite);
    const p = town.people;
    const office = town.actor(p.office);
    // R9: a letter received 3 weeks ago, registered and never handed over: due to be routed by 27 October.
    const unrouted = (await intakeCase(town.deps, office, intakeForm({ title: '来信反映灌溉渠被占', source: 'LETTER', receivedAt: '2026-10-12T10:00:00+08:00' }))).case;
    // R1: a collective visit waiting for its owner.
    const awaiting = await collectiveCase(town, { title: '集体反映征地补偿' });
    // R4: a proposal the standing committee returned.
    const returned = await collectiveCase(town, { title: '集体反映厂区噪声' });
    const { proposal } = await proposeOwnership(town.deps, office, ownershipTerms(town, returned.id));
    await returnProposal(town.deps, town.actor(p.approver), { proposalId: proposal.id, reason: '责任单位不对口' });
    // R27: resolved last week, to be called back.
    const resolved = await resolvedCase(t, town, { resolvedAt: '2026-10-28T15:00:00+08:00', classification: 'SUGGESTION', title: '路灯不亮' });
    // R11: the cadre's case of 司法所, 15 days overdue (row factory for the deadline).
    const late = (await intakeCase(town.deps, office, intakeForm({ title: '邻里宅基地纠纷', source: 'PHONE' }))).case;
    await assignCase(town.deps, office, { caseId: late.id, unitId: town.units.justice, responsiblePersonId: p.cadre.id });
    await t.db.prisma.case.update({ where: { id: late.id }, data: { dueOn: toDbDate('2026-10-18') } });
    // R24/R26: an accusation against the unit head, handled by a cadre of the same unit.
    const accusation = (await intakeCase(town.deps, office, intakeForm({ title: '举报所长违规收费', source: 'LETTER', classification: 'ACCUSATION', accusedPersonId: p.unitHead.id }))).case;
    await assignCase(town.deps, office, { caseId: accusation.id, unitId: town.units.justice, responsiblePersonId: p.cadre.id });
    Object.assign(n, { unrouted: unrouted.number, awaiting: awaiting.number, returned: returned.number, resolved: resolved.number, late: late.number, accusation: accusation.number });
    Object.assign(ids, { unrouted: unrouted.id, awaiting: awaiting.id, returned: returned.id, resolved: resolved.id, late: late.id, accusation: accusation.id });
  });

  const text = (card: LarkCardJson) => JSON.stringify(card);
  async function ask(who: Person, words: string, chatType: 'group' | 'p2p' = 'p2p'): Promise<LarkCardJson> {
    await h.say(who, words, { chatType });
    const card = cardOf(h.fake.messages.at(-1)!);
    return card;
  }
  /** The item lines of a card in order: "【label】 XF-… title\nwhy\n<badge>". */
  const lines = (card: LarkCardJson) => [...text(card).matchAll(/"content":"\*\*【([^】]+)】\*\* ([^"]*)"/g)].map((m) => `${m[1]} ${m[2]!.replace(/\\n/g, '\n')}`);
  const at = (card: LarkCardJson, number: string) => lines(card).findIndex((l) => l.includes(number));

  it('R1/R4/R5/R9/R11/R27: the office\'s 待办 holds the unrouted, the unowned, the returned, the late and the call-backs, overdue first, each saying why', async () => {
    const todo = await ask(town.people.office, '待办');
    expect(titleOf(todo)).toMatch(/^待办事项（\d+）$/);
    const l = lines(todo);
    // Overdue first: the case to route (6 days past 27 October) after the 15-day-late case to supervise.
    expect(l[at(todo, n.late)]).toMatch(/^督办 \*\*.*\n请督促承办人办结并说明逾期原因 · 承办人 吴志强\n<font color='red'>2026-10-18 已逾期 15 天<\/font>$/);
    expect(l[at(todo, n.unrouted)]).toMatch(/^待交办 .*\n已登记，尚未交办责任单位（收件后15日内交办）\n<font color='red'>2026-10-27 已逾期 6 天<\/font>$/);
    expect(at(todo, n.late)).toBeLessThan(at(todo, n.unrouted));
    expect(l[at(todo, n.awaiting)]).toContain('需领导包案（重要群体性信访），尚未提出包案意见');
    expect(l[at(todo, n.returned)]).toContain('常委会退回，理由：责任单位不对口 · 王丽华提出');
    expect(l[at(todo, n.resolved)]).toContain('已办结，请回访信访人');
    expect(at(todo, n.unrouted)).toBeLessThan(at(todo, n.awaiting));
    expect(text(todo)).toContain("**<font color='red'>已逾期</font>（2）**");
    // The accusation is in the office's 1:1 list only as supervised work, never in a group.
    const buttons = buttonValues(todo);
    expect(buttons).toEqual(expect.arrayContaining([
      { a: 'assign.open', caseId: ids.unrouted },
      { a: 'ownership.open', caseId: ids.awaiting },
      { a: 'ownership.open', caseId: ids.returned },
      { a: 'follow-up.open', caseId: ids.resolved },
      { a: 'case.view', caseId: ids.late },
    ]));
  });

  it('R24: the office\'s 待办 in a group holds no confidential case', async () => {
    await t.db.prisma.case.update({ where: { id: ids.accusation }, data: { dueOn: toDbDate('2026-10-20') } });
    expect(text(await ask(town.people.office, '待办'))).toContain(n.accusation);
    const group = await ask(town.people.office, '待办', 'group');
    expect(text(group)).toContain(n.late);
    expect(text(group)).not.toContain(n.accusation);
  });

  it('R11/R24: a unit head\'s 我的 lists the unit\'s open cases marked as the unit\'s, not the accusation against them; 待办 has the late one to see to', async () => {
    const p = town.people;
    const mine = await ask(p.unitHead, '我的');
    expect(titleOf(mine)).toBe('我的案件（1 件）');
    expect(text(mine)).toContain(`**${n.late}** 邻里宅基地纠纷\\n本单位案件 · 承办人 吴志强`);
    expect(text(mine)).not.toContain(n.accusation);
    expect(text(mine)).not.toContain('举报所长');

    const todo = await ask(p.unitHead, '待办');
    expect(lines(todo)).toEqual([`本单位 **${n.late}** 邻里宅基地纠纷\n已超过办结时限，请督促办结 · 承办人 吴志强\n<font color='red'>2026-10-18 已逾期 15 天</font>`]);
    expect(buttonValues(todo)).toEqual([{ a: 'case.view', caseId: ids.late }, { a: 'list.refresh', list: 'todo' }]);
    // The button shows the case card.
    const click = await h.click(p.unitHead, { a: 'case.view', caseId: ids.late }, { chatId: h.p2pChat(p.unitHead) });
    expect(click.body.toast?.type).not.toBe('error');
    expect(text(cardOf(h.fake.messages.at(-1)!))).toContain(n.late);
  });

  it('R7/R11: a cadre\'s 待办 holds the cases they handle, the overdue one first; 我的 lists them as theirs', async () => {
    const p = town.people;
    const todo = await ask(p.cadre, '待办');
    const l = lines(todo);
    expect(l).toHaveLength(2);
    expect(l[0]).toBe(`办理 **${n.late}** 邻里宅基地纠纷\n您是责任人，办理中；已超过办结时限，请尽快办结\n<font color='red'>2026-10-18 已逾期 15 天</font>`);
    expect(l[1]).toContain(n.accusation);
    expect(buttonValues(todo).filter((b) => b.a !== 'list.refresh')).toEqual([{ a: 'case.view', caseId: ids.late }, { a: 'case.view', caseId: ids.accusation }]);
    const mine = await ask(p.cadre, '我的');
    expect(titleOf(mine)).toBe('我的案件（2 件）');
    expect(text(mine)).not.toContain('本单位案件');
    // A cadre of another unit has none of it.
    expect(text(await ask(p.cadre2, '待办'))).toContain('目前没有待办事项');
  });

  it('every button on every role\'s 待办 passes the dispatcher\'s policy (action-policies.ts)', async () => {
    const p = town.people;
    for (const who of [p.office, p.unitHead, p.cadre, p.deputy, p.approver]) {
      const todo = await ask(who, '待办');
      for (const value of buttonValues(todo)) {
        const res = await h.click(who, value, { chatId: h.p2pChat(who) });
        expect(res.body.toast?.type, `${who.name} ${JSON.stringify(value)}: ${res.body.toast?.content}`).not.toBe('error');
        town.clock.advance(1000);
      }
    }
  });
});
