import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeCase } from '../../src/usecases/intake-case.js';
import { DomainError } from '../../src/domain/errors.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { buildTownship, intakeForm, type Township } from '../support/township.js';

async function counts(t: TestDatabase) {
  const p = t.db.prisma;
  return { cases: await p.case.count(), petitioners: await p.petitioner.count(), audit: await p.auditLog.count() };
}

describe.each(['postgres', 'embedded'] as const)('intake on %s', (kind) => {
  let t: TestDatabase;
  let town: Township;
  beforeAll(async () => {
    t = await freshDatabase(kind);
    town = await buildTownship(t.db);
  });
  afterAll(() => t.drop());

  it('R1: a general visit case gets a readable number, R7 deadline, and no owner requirement', async () => {
    const { case: c, notifications } = await intakeCase(town.deps, town.actor(town.people.villageCadre), intakeForm({ villageId: town.villages.a }));
    expect(c.number).toMatch(/^XF-2026-\d{4}$/);
    expect(c.status).toBe('REGISTERED');
    expect(c.ownershipReasons).toEqual([]);
    expect(c.dueOn).toBe('2026-11-23');
    expect(c.dueRule).toBe('R7_GENERAL');
    expect(notifications).toEqual([]);
  });

  it('R1: a collective case (5+ people) is flagged and queued as awaiting an owner, with an audited transition', async () => {
    const { case: c, notifications } = await intakeCase(
      town.deps,
      town.actor(town.people.office),
      intakeForm({ title: '征地补偿款分配', headcount: 23, source: 'VISIT' }),
    );
    expect(c.ownershipReasons).toContain('COLLECTIVE');
    expect(c.status).toBe('AWAITING_OWNER');
    expect(notifications.map((n) => n.kind)).toEqual(['CASE_NEEDS_OWNER']);
    expect(notifications[0]!.recipientIds).toEqual([town.people.office.id]);
    const audit = await t.db.prisma.auditLog.findMany({ where: { caseId: c.id }, orderBy: { seq: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['case.create', 'case.transition']);
    expect(audit[1]!.reason).toContain('重要群体性');
  });

  it('R1: a Beijing petition, an important reception-day case and a leading-group mark each need an owner', async () => {
    const actor = town.actor(town.people.office);
    const beijing = await intakeCase(town.deps, actor, intakeForm({ beijingPetition: true, source: 'REFERRED' }));
    const reception = await intakeCase(town.deps, actor, intakeForm({ important: true, source: 'RECEPTION_DAY', receptionLeaderId: town.people.deputy.id }));
    const marked = await intakeCase(town.deps, actor, intakeForm({ needsOwnership: true }));
    expect(beijing.case.ownershipReasons).toEqual(['BEIJING']);
    expect(reception.case.ownershipReasons).toEqual(['RECEPTION_DAY_IMPORTANT']);
    expect(marked.case.ownershipReasons).toEqual(['LEADING_GROUP']);
  });

  it('R1: only the leading group may mark a case as needing ownership', async () => {
    await expect(intakeCase(town.deps, town.actor(town.people.cadre), intakeForm({ needsOwnership: true }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('R20: a letter threatening suicide alerts the principal leaders and the leader in charge, to acknowledge', async () => {
    const { case: c, notifications } = await intakeCase(
      town.deps,
      town.actor(town.people.office),
      intakeForm({ source: 'LETTER', content: '再不解决，我就扬言自杀，去镇政府门口喝农药！' }),
    );
    expect(c.dangerFlags).toEqual(['SUICIDE']);
    const alert = notifications.find((n) => n.kind === 'DANGER_LETTER')!;
    expect(alert.urgency).toBe('CRITICAL');
    expect(alert.requiresAck).toBe(true);
    expect(alert.recipientIds.sort()).toEqual([town.people.secretary.id, town.people.mayor.id, town.people.deputy2.id].sort());
  });

  it('R20: a joint letter is detected by its words or by several signatories', async () => {
    const actor = town.actor(town.people.office);
    const byWords = await intakeCase(town.deps, actor, intakeForm({ source: 'LETTER', content: '我们全组村民联名反映村干部问题。' }));
    const bySigners = await intakeCase(
      town.deps,
      actor,
      intakeForm({ source: 'LETTER', petitioners: [{ name: '李四' }, { name: '王五' }, { name: '赵六' }] }),
    );
    expect(byWords.case.dangerFlags).toContain('JOINT_LETTER');
    expect(bySigners.case.dangerFlags).toContain('JOINT_LETTER');
  });

  it('rejects bad input with a Chinese message and changes nothing', async () => {
    const before = await counts(t);
    const actor = town.actor(town.people.office);
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ title: '' }, /标题/],
      [{ petitioners: [] }, /至少填写一名信访人/],
      [{ headcount: 'many' }, /人数/],
      [{ source: 'FAX' }, /来源/],
      [{ petitioners: [{ name: '张三', idNumber: '110101199003074515' }] }, /身份证号/],
      [{ petitioners: [{ name: '张三', phone: '12345' }] }, /电话/],
      [{ receivedAt: '2027-01-01T00:00:00Z' }, /收件时间不能晚于现在/],
      [{ villageId: '00000000-0000-4000-8000-000000000000' }, /所属村不存在/],
      [{ accusedPersonId: '00000000-0000-4000-8000-000000000000' }, /被反映人不存在/],
      [{ receptionDayId: '00000000-0000-4000-8000-000000000000' }, /接访日不存在/],
      [{ visitId: '00000000-0000-4000-8000-000000000000' }, /下访记录不存在/],
      [{ complexity: 'EASY' }, /难易程度/],
    ];
    for (const [override, message] of bad) {
      const err = await intakeCase(town.deps, actor, intakeForm(override)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DomainError);
      expect((err as DomainError).message).toMatch(message);
    }
    expect(await counts(t)).toEqual(before);
  });
});

describe('intake concurrency on postgres', () => {
  let t: TestDatabase;
  let town: Township;
  beforeAll(async () => {
    t = await freshDatabase('postgres');
    town = await buildTownship(t.db);
  });
  afterAll(() => t.drop());

  it('50 intakes at once get 50 distinct consecutive case numbers', async () => {
    const actor = town.actor(town.people.office);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => intakeCase(town.deps, actor, intakeForm({ title: `并发登记 ${i}` }))));
    const seqs = results.map((r) => r.case.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(results.map((r) => r.case.number)).size).toBe(50);
  });
});
