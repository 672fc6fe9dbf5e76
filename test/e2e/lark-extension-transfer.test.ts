import { beforeAll, describe, expect, it } from 'vitest';
import { actionValue } from '../../cards/actions.js';
import type { TestDatabase } from '../support/database.js';
import { buttonValues, useLarkSuite, submitNames, titleOf, type LarkHarness } from '../support/lark-harness.js';
import type { Township } from '../support/township.js';

describe('extension (R10), transfer (R3) and review requests (R26) through Lark cards', () => {
  const suite = useLarkSuite((p) => [p.office, p.approver, p.deputy, p.deputy2, p.cadre, p.unitHead]);
  let t: TestDatabase;
  let town: Township;
  let h: LarkHarness;
  beforeAll(() => void ({ t, town, h } = suite));

  async function ownedCase(title: string) {
    const p = town.people;
    await h.submit(p.office, 'intake.submit', { title, content: '反映内容', source: 'LETTER', headcount: '7', petitionerName: '赵六' });
    const c = await t.db.prisma.case.findFirstOrThrow({ where: { title } });
    await h.submit(p.office, `ownership.submit?caseId=${c.id}`, { leaderId: p.deputy.id, unitId: town.units.justice, responsiblePersonId: p.cadre.id, requirements: '依法处理', deadline: '2026-11-30', reportingCadence: 'WEEKLY' });
    const proposal = await t.db.prisma.ownershipProposal.findFirstOrThrow({ where: { caseId: c.id } });
    await h.click(p.approver, actionValue('ownership.approve', { proposalId: proposal.id }));
    return c;
  }

  it('R10: the responsible person asks within the R9 ceiling (a later date is refused on the form), the office gets a decision card and approves', async () => {
    const c = await ownedCase('环境污染投诉');
    const p = town.people;
    await h.click(p.cadre, actionValue('extension.open', { caseId: c.id }));
    const form = h.fake.messages.at(-1)!;
    const name = submitNames(JSON.parse(form.content))[0]!;
    // accepted 2026-11-02: 60 + 30 days → 2027-01-31 (Sunday) → 2027-02-01
    const tooLate = await h.submit(p.cadre, name, { requestedDueOn: '2027-03-31 +0800', reason: '需环保部门检测' });
    expect(tooLate.body.toast).toMatchObject({ type: 'error', content: expect.stringContaining('不能晚于法定最长期限 2027-02-01') });
    expect(await t.db.prisma.extension.count({ where: { caseId: c.id } })).toBe(0);
    const asked = await h.submit(p.cadre, name, { requestedDueOn: '2027-02-01 +0800', reason: '需环保部门检测' });
    expect(asked.body.toast).toMatchObject({ type: 'success' });
    const decision = h.cards(p.office).find((x) => titleOf(x.card).includes('延期'))!;
    expect(decision).toBeDefined();
    const decideName = submitNames(decision.card)[0]!;
    const decided = await h.submit(p.office, decideName, { decision: 'APPROVE', reason: '检测需时，已告知信访人' });
    expect(decided.body.toast?.content).toContain('延期已批准');
    const row = await t.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(row.status).toBe('EXTENDED');
    expect(row.dueOn?.toISOString().slice(0, 10)).toBe('2027-02-01');
  });

  it('R3: the owner proposes a transfer; until the committee approves, the owner stays', async () => {
    const c = await ownedCase('宅基地纠纷');
    const p = town.people;
    const transfer = await h.submit(p.deputy, `transfer.submit?caseId=${c.id}`, {
      leaderId: p.deputy2.id, unitId: town.units.justice, responsiblePersonId: p.cadre.id, requirements: '继续调处', deadline: '2026-11-30', reportingCadence: 'WEEKLY', reason: '分工调整',
    });
    expect(transfer.body.toast).toMatchObject({ type: 'success' });
    expect((await t.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).ownerLeaderId).toBe(p.deputy.id);
    const approval = h.cards(p.approver).at(-1)!;
    const approve = buttonValues(approval.card).find((v) => v.a === 'ownership.approve')!;
    await h.click(p.approver, approve);
    expect((await t.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).ownerLeaderId).toBe(p.deputy2.id);
  });

  it('R26: a 复查 request before any 处理意见书 is refused with the reason, and nothing is recorded', async () => {
    const c = await ownedCase('低保评定异议');
    const refused = await h.submit(town.people.office, `review.submit?caseId=${c.id}&kind=REVIEW`, {});
    expect(refused.body.toast?.type).toBe('error');
    expect(await t.db.prisma.caseReview.count({ where: { caseId: c.id } })).toBe(0);
  });
});
