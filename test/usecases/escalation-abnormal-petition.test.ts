import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { recordPersuasion } from '../../src/usecases/escalation/record-persuasion.js';
import { reportAbnormalPetition } from '../../src/usecases/escalation/report-abnormal-petition.js';
import { submitSelfCriticism } from '../../src/usecases/escalation/submit-self-criticism.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { ownedCase } from '../support/flows.js';
import { buildTownship, type Township } from '../support/township.js';

describe.each(['postgres', 'embedded'] as const)('R21 abnormal petitions on %s', (kind) => {
  let t: TestDatabase;
  let town: Township;
  beforeAll(async () => {
    t = await freshDatabase(kind);
    town = await buildTownship(t.db);
  });
  afterAll(() => t.drop());

  const counts = async () => {
    const p = t.db.prisma;
    return {
      persuasions: await p.persuasion.count(),
      statements: await p.writtenStatement.count(),
      alerts: await p.alert.count(),
      facts: await p.accountabilityFact.count(),
      audit: await p.auditLog.count(),
    };
  };
  const report = (who: keyof Township['people'], input: Record<string, unknown>) => reportAbnormalPetition(town.deps, town.actor(town.people[who]), input);

  it('R21: an owned case within its deadline opens persuasion for its leader, alerts the principal leaders and keeps the fact', async () => {
    town.clock.set('2026-11-02T09:00:00+08:00');
    const c = await ownedCase(town);
    expect(c.dueOn).toBe('2026-11-30');
    town.clock.set('2026-11-20T15:00:00+08:00');
    const r = await report('office', { caseId: c.id, destination: 'BEIJING', occurredOn: '2026-11-20', detail: '信访人在国家信访局登记' });
    const p = town.people;
    expect(r.overdue).toBe(false);
    expect(r.selfCriticism).toBeNull();
    expect(r.persuasion).toMatchObject({ caseId: c.id, leaderId: p.deputy.id, destination: 'BEIJING', occurredOn: '2026-11-20', caseOverdue: false, outcome: 'IN_PROGRESS', alertId: r.alert.id });
    expect(r.alert.kind).toBe('ABNORMAL_PETITION');
    expect(r.alert.recipients.map((x) => x.personId).sort()).toEqual([p.secretary.id, p.mayor.id, p.deputy.id].sort());
    const alertMsg = r.notifications.find((n) => n.kind === 'ABNORMAL_PETITION')!;
    expect(alertMsg).toMatchObject({ urgency: 'CRITICAL', requiresAck: true });
    expect(r.notifications.find((n) => n.kind === 'DUTY_OPENED')!.recipientIds).toEqual([p.deputy.id]);
    expect(await t.db.prisma.writtenStatement.count({ where: { caseId: c.id } })).toBe(0);
    const facts = await t.db.prisma.accountabilityFact.findMany({ where: { caseId: c.id }, orderBy: { sourceKey: 'asc' } });
    expect(facts.map((f) => [f.kind, f.reason, f.personId, f.unitId])).toEqual([
      ['ESCALATION', 'ABNORMAL_PETITION', p.deputy.id, null],
      ['ESCALATION', 'ABNORMAL_PETITION', null, town.units.justice],
    ]);
  });

  it('R21: an overdue case also opens a written self-criticism for its leader to the standing committee', async () => {
    town.clock.set('2026-11-02T09:00:00+08:00');
    const c = await ownedCase(town, { title: '拆迁安置房分配纠纷' });
    town.clock.set('2026-12-05T10:00:00+08:00');
    const r = await report('secretary', { caseId: c.id, destination: 'PREFECTURE', collective: true, occurredOn: '2026-12-04' });
    const p = town.people;
    expect(r.overdue).toBe(true);
    expect(r.persuasion).toMatchObject({ leaderId: p.deputy.id, destination: 'PREFECTURE', collective: true, caseOverdue: true });
    expect(r.selfCriticism).toMatchObject({ kind: 'SELF_CRITICISM', authorId: p.deputy.id, period: c.number, caseId: c.id, dueOn: '2026-12-12', submittedAt: null });
    expect(r.notifications.filter((n) => n.kind === 'DUTY_OPENED').map((n) => n.title)).toEqual([`请组织劝返：${c.number}`, `请向镇委常委会提交书面检查：${c.number}`]);
    const facts = await t.db.prisma.accountabilityFact.findMany({ where: { caseId: c.id } });
    expect(facts.map((f) => [f.kind, f.reason]).sort()).toEqual([['SLOW_ACTION', 'ABNORMAL_PETITION_OVERDUE'], ['SLOW_ACTION', 'ABNORMAL_PETITION_OVERDUE']]);
    const actions = (await t.db.prisma.auditLog.findMany({ where: { caseId: c.id, at: new Date('2026-12-05T10:00:00+08:00') }, orderBy: { seq: 'asc' } })).map((a) => a.action);
    expect(actions).toEqual(['alert.raise', 'persuasion.open', 'statement.open', 'accountability.record', 'accountability.record']);
  });

  it('R21: the same petition reported twice, a future date, or a reporter without the right changes nothing', async () => {
    town.clock.set('2026-11-02T09:00:00+08:00');
    const c = await ownedCase(town, { title: '土地承包经营权纠纷' });
    town.clock.set('2026-11-21T09:00:00+08:00');
    await report('office', { caseId: c.id, destination: 'PROVINCE', occurredOn: '2026-11-21' });
    const before = await counts();
    const dup = await report('office', { caseId: c.id, destination: 'PROVINCE', occurredOn: '2026-11-21' }).catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(DomainError);
    expect((dup as DomainError).message).toBe('该案件当天的这次非正常上访已经报告过');
    await expect(report('office', { caseId: c.id, destination: 'PROVINCE', occurredOn: '2026-11-22' })).rejects.toThrow(/发生日期不能晚于今天/);
    await expect(report('office', { caseId: c.id, destination: 'MOON', occurredOn: '2026-11-21' })).rejects.toThrow(/去向：应为/);
    await expect(report('outsider', { caseId: c.id, destination: 'BEIJING', occurredOn: '2026-11-21' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await counts()).toEqual(before);
  });

  it('R21: the leader or the office records who persuaded, when, and the outcome; a return is final', async () => {
    town.clock.set('2026-11-02T09:00:00+08:00');
    const c = await ownedCase(town, { title: '养老保险待遇争议' });
    town.clock.set('2026-11-22T09:00:00+08:00');
    const { persuasion } = await report('office', { caseId: c.id, destination: 'BEIJING', occurredOn: '2026-11-22' });
    const record = (who: keyof Township['people'], input: Record<string, unknown>) =>
      recordPersuasion(town.deps, town.actor(town.people[who]), { persuasionId: persuasion.id, who: '孙副镇长、吴志强', doneAt: '2026-11-22T08:00:00+08:00', outcome: 'NOT_RETURNED', ...input });
    const before = await counts();
    await expect(record('cadre2', {})).rejects.toMatchObject({ code: 'FORBIDDEN', message: '劝返情况由负责劝返的领导或信访办记录' });
    await expect(record('deputy', { doneAt: '2026-11-23T08:00:00+08:00' })).rejects.toThrow(/劝返时间不能晚于现在/);
    await expect(record('deputy', { doneAt: '2026-11-21T08:00:00+08:00' })).rejects.toThrow(/不能早于上访发生日期/);
    await expect(record('deputy', { outcome: 'MAYBE' })).rejects.toThrow(/劝返结果：应为/);
    expect(await counts()).toEqual(before);

    const first = await record('deputy', { note: '信访人情绪激动，暂未返回' });
    expect(first.persuasion).toMatchObject({ outcome: 'NOT_RETURNED', who: '孙副镇长、吴志强', recordedById: town.people.deputy.id });
    const second = await record('office', { outcome: 'RETURNED', doneAt: '2026-11-22T08:30:00+08:00' });
    expect(second.persuasion.outcome).toBe('RETURNED');
    expect(second.notifications[0]!.title).toContain('已劝返');
    await expect(record('deputy', { outcome: 'NOT_RETURNED' })).rejects.toMatchObject({ code: 'ALREADY_DONE' });
    const audit = await t.db.prisma.auditLog.findMany({ where: { action: 'persuasion.record', entityId: persuasion.id } });
    expect(audit).toHaveLength(2);
  });

  it('R21: only the leader submits the self-criticism, and only once', async () => {
    town.clock.set('2026-11-02T09:00:00+08:00');
    const c = await ownedCase(town, { title: '危房改造补助纠纷' });
    town.clock.set('2026-12-03T09:00:00+08:00');
    const { selfCriticism } = await report('office', { caseId: c.id, destination: 'BEIJING', occurredOn: '2026-12-02' });
    const submit = (who: keyof Township['people'], statementId = selfCriticism!.id) =>
      submitSelfCriticism(town.deps, town.actor(town.people[who]), { statementId, content: '本人对该案件逾期未办结负有领导责任，检查如下……' });
    await expect(submit('office')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const done = await submit('deputy');
    expect(done.statement.submittedAt).toEqual(new Date('2026-12-03T09:00:00+08:00'));
    expect(done.notifications[0]!.recipientIds.sort()).toEqual([town.people.approver.id, town.people.secretary.id].sort());
    await expect(submit('deputy')).rejects.toMatchObject({ code: 'ALREADY_DONE' });
    const other = await t.db.prisma.writtenStatement.create({
      data: { dutyKey: `OVERDUE_EXPLANATION|${town.people.deputy.id}|2026Q4|${c.id}`, kind: 'OVERDUE_EXPLANATION', authorId: town.people.deputy.id, period: '2026Q4', caseId: c.id, openedAt: new Date() },
    });
    await expect(submit('deputy', other.id)).rejects.toMatchObject({ code: 'NOT_FOUND', message: '找不到该书面检查任务' });
  });
});
