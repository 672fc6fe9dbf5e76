import { todoList } from '../../src/usecases/duties/todo-list.js';
import { caseScope } from '../../src/domain/privacy/case-scope.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../src/domain/model.js';
import { addPetitioner } from '../../src/usecases/cases/add-petitioner.js';
import { correctPetitioner } from '../../src/usecases/cases/correct-petitioner.js';
import { correctRegistration } from '../../src/usecases/cases/correct-registration.js';
import { removePetitioner } from '../../src/usecases/cases/remove-petitioner.js';
import { viewCase } from '../../src/usecases/cases/view-case.js';
import { convertSentimentToCase } from '../../src/usecases/duties/convert-sentiment-to-case.js';
import { reportSentiment } from '../../src/usecases/duties/report-sentiment.js';
import { intakeCase } from '../../src/usecases/intake-case.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { ownedCase } from '../support/flows.js';
import { buildTownship, intakeForm, type Township } from '../support/township.js';

/** The registration of a case as the office's form submits it, with `changes`. */
const registration = (c: CaseRecord, changes: Record<string, unknown> = {}) => ({
  caseId: c.id, title: c.title, content: c.content, source: c.source, category: c.category, complexity: c.complexity,
  villageId: c.villageId, headcount: c.headcount, ...changes,
});

describe.each(['postgres', 'embedded'] as const)('the office corrects a case\'s registration and petitioners on %s', (kind) => {
  let t: TestDatabase;
  let town: Township;
  beforeAll(async () => {
    t = await freshDatabase(kind);
    town = await buildTownship(t.db);
  });
  afterAll(() => t.drop());
  beforeEach(() => town.clock.set('2026-11-02T09:00:00+08:00'));

  const office = () => town.actor(town.people.office);
  const register = async (overrides: Record<string, unknown> = {}) => (await intakeCase(town.deps, office(), intakeForm(overrides))).case;
  const snapshot = async (caseId: string) => ({
    case: await t.db.prisma.case.findUniqueOrThrow({ where: { id: caseId }, omit: { updatedAt: true } }),
    petitioners: await t.db.prisma.petitioner.findMany({ where: { caseId }, orderBy: { id: 'asc' } }),
    audit: await t.db.prisma.auditLog.count(),
    alerts: await t.db.prisma.alert.count(),
  });
  const auditOf = async (caseId: string, action: string) => {
    const rows = await t.db.prisma.auditLog.findMany({ where: { caseId, action }, orderBy: { seq: 'asc' } });
    return rows.map((r) => ({ before: r.before && JSON.parse(r.before), after: r.after && JSON.parse(r.after), reason: r.reason, channel: r.channel }));
  };

  it('R7: a corrected complexity computes the deadline again and says so; the change is audited before → after', async () => {
    const c = await register();
    expect(c).toMatchObject({ dueOn: '2026-11-23', dueRule: 'R7_GENERAL' });
    const r = await correctRegistration(town.deps, office(), registration(c, { complexity: 'SIMPLE', title: '宅基地边界纠纷（现场答复）', reason: '当场答复，属简单事项' }));
    expect(r.changed).toEqual(['title', 'complexity']);
    expect(r.deadline).toEqual({ moved: true, from: '2026-11-23', dueOn: '2026-11-02', dueRule: 'R7_SIMPLE', note: '办结时限由 2026-11-23 调整为 2026-11-02（简单事项当日办结（R7））' });
    expect(r.case).toMatchObject({ complexity: 'SIMPLE', title: '宅基地边界纠纷（现场答复）', dueOn: '2026-11-02', dueRule: 'R7_SIMPLE' });
    expect(await auditOf(c.id, 'case.correct')).toEqual([{
      before: { title: '宅基地边界纠纷', complexity: 'GENERAL', dueOn: '2026-11-23', dueRule: 'R7_GENERAL' },
      after: { title: '宅基地边界纠纷（现场答复）', complexity: 'SIMPLE', dueOn: '2026-11-02', dueRule: 'R7_SIMPLE' },
      reason: '当场答复，属简单事项',
      channel: 'SCRIPT',
    }]);
    // Two months for a complex case run past the statutory 60 days, which then govern (R9: the earliest applies).
    const complex = await correctRegistration(town.deps, office(), registration(r.case, { complexity: 'COMPLEX' }));
    expect(complex.deadline).toMatchObject({ moved: true, from: '2026-11-02', dueRule: 'R9_HANDLING' });
    expect(complex.deadline!.note).toMatch(/^办结时限由 2026-11-02 调整为 2027-01-0\d（法定办理期限（R9））$/);
  });

  it('R7: a corrected source outside R7 (a letter) leaves the statutory limit (R9) as the deadline', async () => {
    const c = await register();
    const r = await correctRegistration(town.deps, office(), registration(c, { source: 'LETTER' }));
    expect(r.deadline).toMatchObject({ moved: true, dueRule: 'R9_HANDLING' });
    expect(r.case.dueOn! > c.dueOn!).toBe(true);
  });

  it('R8: an owned case keeps the deadline its approval set when its complexity is corrected', async () => {
    const c = await ownedCase(town);
    const r = await correctRegistration(town.deps, office(), registration(c, { complexity: 'SIMPLE' }));
    expect(r.deadline).toMatchObject({ moved: false, dueOn: '2026-11-30', dueRule: 'R8_OWNERSHIP' });
    expect(r.deadline!.note).toBe('办结时限 2026-11-30 不变（包案审定时限（R8））');
    expect(r.case).toMatchObject({ complexity: 'SIMPLE', dueOn: '2026-11-30' });
  });

  it('R11: once its deadline has passed a case\'s deadline does not move by a correction — refused, nothing changed', async () => {
    const c = await register();
    town.clock.set('2026-11-25T09:00:00+08:00');
    const before = await snapshot(c.id);
    await expect(correctRegistration(town.deps, office(), registration(c, { complexity: 'COMPLEX', title: '改标题' })))
      .rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('已过，逾期事实已记录（R11）') });
    expect(await snapshot(c.id)).toEqual(before);
    // What does not move the deadline may still be corrected.
    const r = await correctRegistration(town.deps, office(), registration(c, { title: '改标题' }));
    expect(r).toMatchObject({ changed: ['title'], deadline: null });
  });

  it('R1: a headcount corrected to 12 makes an unowned case collective: it joins the needs-owner queue and the office is told', async () => {
    const c = await register();
    expect(c.status).toBe('REGISTERED');
    const r = await correctRegistration(town.deps, office(), registration(c, { headcount: 12 }));
    expect(r.case).toMatchObject({ status: 'AWAITING_OWNER', ownershipReasons: ['COLLECTIVE'], headcount: 12 });
    expect(r.notifications).toEqual([expect.objectContaining({ kind: 'CASE_NEEDS_OWNER', recipientIds: [town.people.office.id] })]);
    expect((await auditOf(c.id, 'case.transition')).at(-1)).toMatchObject({ after: { status: 'AWAITING_OWNER' }, reason: 'R1 包案范围（更正登记后）：重要群体性信访' });
  });

  it('R20: corrected content that threatens suicide is flagged and goes to the principal leaders as at intake', async () => {
    const c = await register();
    const r = await correctRegistration(town.deps, office(), registration(c, { content: '信访人称问题再不解决就喝农药。' }));
    expect(r.case.dangerFlags).toEqual(['SUICIDE']);
    expect(r.notifications.map((n) => n.kind)).toContain('DANGER_LETTER');
    expect(await t.db.prisma.alert.count({ where: { caseId: c.id, kind: 'DANGER_LETTER' } })).toBe(1);
  });

  it('bad input is refused in Chinese and changes nothing: an empty title, an unknown village, nobody but the office, an archived case', async () => {
    const c = await register();
    const before = await snapshot(c.id);
    await expect(correctRegistration(town.deps, office(), registration(c, { title: ' ', headcount: 0 })))
      .rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/标题：不能为空.*人数/) });
    await expect(correctRegistration(town.deps, office(), registration(c, { villageId: '00000000-0000-4000-8000-000000000000' })))
      .rejects.toMatchObject({ code: 'NOT_FOUND', message: '所属村不存在' });
    await expect(correctRegistration(town.deps, town.actor(town.people.cadre), registration(c, { title: '别的' })))
      .rejects.toMatchObject({ code: 'FORBIDDEN', message: '此操作由信访办（信访领导小组）办理' });
    await expect(addPetitioner(town.deps, town.actor(town.people.deputy), { caseId: c.id, name: '李四' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await t.db.prisma.case.update({ where: { id: c.id }, data: { status: 'ARCHIVED' } });
    await expect(correctRegistration(town.deps, office(), registration(c, { title: '别的' }))).rejects.toMatchObject({ code: 'CONFLICT', message: `${c.number} 已归档，登记信息不再更正` });
    await t.db.prisma.case.update({ where: { id: c.id }, data: { status: 'REGISTERED' } });
    expect(await snapshot(c.id)).toEqual(before);
    expect(await correctRegistration(town.deps, office(), registration(c))).toMatchObject({ changed: [], deadline: null });
    expect(await t.db.prisma.auditLog.count()).toBe(before.audit);
  });

  it('R24/R25: a petitioner corrected keeps the row as first written (superseded) next to the new one; the log has before → after', async () => {
    const c = await register();
    const [first] = await t.db.prisma.petitioner.findMany({ where: { caseId: c.id } });
    town.clock.set('2026-11-03T10:00:00+08:00');
    const r = await correctPetitioner(town.deps, office(), { caseId: c.id, petitionerId: first!.id, name: '张大名', phone: '13912345678', address: null });
    expect(r.changed).toBe(true);
    const rows = await t.db.prisma.petitioner.findMany({ where: { caseId: c.id }, orderBy: { supersededAt: { sort: 'asc', nulls: 'first' } } });
    expect(rows).toEqual([
      expect.objectContaining({ name: '张大名', phone: '13912345678', idNumber: '110101199003074514', address: null, isPrimary: true, supersededAt: null }),
      expect.objectContaining({ id: first!.id, name: '张大明', phone: '13812345678', address: '青山村三组12号', supersededAt: new Date('2026-11-03T10:00:00+08:00') }),
    ]);
    expect(await auditOf(c.id, 'petitioner.correct')).toEqual([expect.objectContaining({
      before: { id: first!.id, name: '张大明', idNumber: '110101199003074514', phone: '13812345678', address: '青山村三组12号' },
      after: { id: r.petitioner.id, name: '张大名', idNumber: '110101199003074514', phone: '13912345678', address: null },
    })]);
    // The case shows the corrected petitioner; text naming the former one is still masked (R24).
    const v = await viewCase(town.deps, office(), { caseId: c.id, context: 'CONSOLE' });
    expect(v.petitioners.map((p) => p.name)).toEqual(['张*名']);
    expect(v.redact.text('张大明来电')).toBe('张*明来电');
    // Nothing to change is no correction.
    expect(await correctPetitioner(town.deps, office(), { caseId: c.id, petitionerId: r.petitioner.id, name: '张大名' })).toMatchObject({ changed: false });
    await expect(correctPetitioner(town.deps, office(), { caseId: c.id, petitionerId: first!.id, name: '又改' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('R24: ID numbers and phones are checked as at intake; a case keeps at least one petitioner; nothing changes on refusal', async () => {
    const c = await register();
    const [only] = await t.db.prisma.petitioner.findMany({ where: { caseId: c.id } });
    const before = await snapshot(c.id);
    await expect(addPetitioner(town.deps, office(), { caseId: c.id, name: '李四', idNumber: '110101199003074515' }))
      .rejects.toMatchObject({ code: 'VALIDATION', message: '输入有误：身份证号不正确（18位，校验位有误）' });
    await expect(correctPetitioner(town.deps, office(), { caseId: c.id, petitionerId: only!.id, phone: '12345' }))
      .rejects.toMatchObject({ code: 'VALIDATION', message: '输入有误：电话号码格式不正确' });
    await expect(removePetitioner(town.deps, office(), { caseId: c.id, petitionerId: only!.id }))
      .rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('至少填写一名信访人') });
    expect(await snapshot(c.id)).toEqual(before);
    const { petitioner: added } = await addPetitioner(town.deps, office(), { caseId: c.id, name: '李四', phone: '0710-3456789' });
    await removePetitioner(town.deps, office(), { caseId: c.id, petitionerId: added.id!, reason: '误登记' });
    expect((await t.db.prisma.petitioner.findUniqueOrThrow({ where: { id: added.id! } })).supersededAt).not.toBeNull();
    expect((await viewCase(town.deps, office(), { caseId: c.id, context: 'CONSOLE' })).petitioners).toHaveLength(1);
    expect(await auditOf(c.id, 'petitioner.remove')).toEqual([expect.objectContaining({ before: { name: '李四', idNumber: null, phone: '0710-3456789', address: null }, after: null, reason: '误登记' })]);
  });

  it('R20: a letter that comes to have two signatories is a joint letter', async () => {
    const c = await register({ source: 'LETTER' });
    expect(c.dangerFlags).toEqual([]);
    const r = await addPetitioner(town.deps, office(), { caseId: c.id, name: '李四' });
    expect(r.case.dangerFlags).toEqual(['JOINT_LETTER']);
    expect(r.notifications.map((n) => n.kind)).toContain('DANGER_LETTER');
  });

  it('R16: a case converted from a report that named nobody awaits its petitioners until the office adds one', async () => {
    const { report } = await reportSentiment(town.deps, town.actor(town.people.collector), { villageId: town.villages.a, content: '三组村民反映灌溉渠堵塞。' });
    const { case: c } = await convertSentimentToCase(town.deps, office(), { reportId: report.id });
    expect(c).toMatchObject({ petitionersPending: true, headcount: 1 });
    expect((await viewCase(town.deps, office(), { caseId: c.id, context: 'CONSOLE' })).petitioners).toEqual([]);
    // The office's 待办 lists it, with the button that completes it.
    const waiting = async () => (await todoList(town.deps, office(), { scope: caseScope(town.people.office, 'DIRECT_CHAT') })).entries.filter((e) => e.kind === 'PETITIONERS').map((e) => e.caseId);
    expect(await waiting()).toContain(c.id);
    const r = await addPetitioner(town.deps, office(), { caseId: c.id, name: '钱小军', phone: '13700001234', idNumber: '110101199003074514' });
    expect(r.case.petitionersPending).toBe(false);
    expect(await waiting()).not.toContain(c.id);
    expect(r.petitioner).toMatchObject({ name: '钱小军', isPrimary: true });
    expect(await auditOf(c.id, 'petitioner.add')).toEqual([expect.objectContaining({
      before: { petitionersPending: true },
      after: { name: '钱小军', idNumber: '110101199003074514', phone: '13700001234', address: null, petitionersPending: false },
      reason: '补充信访人（R16 民情转办时未留信访人）',
    })]);
  });

  it('R16: a conversion that names the petitioner registers them at once', async () => {
    const { report } = await reportSentiment(town.deps, town.actor(town.people.collector), { villageId: town.villages.a, content: '村民反映低保评定不公。' });
    const { case: c } = await convertSentimentToCase(town.deps, office(), { reportId: report.id, petitioners: [{ name: '孙二娘', phone: '13700005678' }] });
    expect(c.petitionersPending).toBe(false);
    expect((await t.db.prisma.petitioner.findMany({ where: { caseId: c.id } })).map((p) => p.name)).toEqual(['孙二娘']);
  });
});
