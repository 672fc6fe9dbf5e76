import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acknowledgeAlert } from '../../src/usecases/escalation/acknowledge-alert.js';
import { intakeCase } from '../../src/usecases/intake-case.js';
import { DbConfigSource } from '../../src/db/config-source.js';
import { captureLogger } from '../support/capture-logger.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { buildTownship, intakeForm, type Township } from '../support/township.js';

describe.each(['postgres', 'embedded'] as const)('R20 dangerous letters on %s', (kind) => {
  let t: TestDatabase;
  let town: Township;
  beforeAll(async () => {
    t = await freshDatabase(kind);
    town = await buildTownship(t.db);
  });
  afterAll(() => t.drop());

  const letter = (overrides: Record<string, unknown> = {}) =>
    intakeCase(town.deps, town.actor(town.people.office), intakeForm({ source: 'LETTER', villageId: town.villages.a, content: '村里拖欠我的补偿款，再不解决我就扬言自杀！', ...overrides }));

  it('R20: a letter threatening suicide opens an alert to the principal leaders, the leader in charge and the village committee head, each to acknowledge receipt', async () => {
    const { case: c, notifications } = await letter();
    expect(c.dangerFlags).toEqual(['SUICIDE']);
    const alert = await t.db.prisma.alert.findFirstOrThrow({ where: { caseId: c.id }, include: { recipients: true } });
    const p = town.people;
    expect(alert).toMatchObject({ kind: 'DANGER_LETTER', status: 'OPEN', level: 0, villageId: town.villages.a, raisedById: p.office.id });
    expect(alert.title).toContain('扬言自杀');
    expect(alert.recipients.map((r) => [r.personId, r.reason, r.required]).sort()).toEqual(
      [
        [p.secretary.id, 'PRINCIPAL_LEADER', 'RECEIVED'],
        [p.mayor.id, 'PRINCIPAL_LEADER', 'RECEIVED'],
        [p.deputy2.id, 'LEADER_IN_CHARGE', 'RECEIVED'],
        [p.villageCadre.id, 'UNIT_HEAD', 'RECEIVED'],
      ].sort(),
    );
    const n = notifications.find((x) => x.kind === 'DANGER_LETTER')!;
    expect(n).toMatchObject({ urgency: 'CRITICAL', requiresAck: true, alertId: alert.id, caseId: c.id });
    expect(n.recipientIds.sort()).toEqual([p.secretary.id, p.mayor.id, p.deputy2.id, p.villageCadre.id].sort());
    expect(n.body).toContain('亲自阅处');
    const audit = await t.db.prisma.auditLog.findMany({ where: { caseId: c.id }, orderBy: { seq: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['case.create', 'alert.raise']);
  });

  it('R20: the alert closes only when every one of them has acknowledged', async () => {
    const { case: c } = await letter({ content: '我要去镇政府门口喝农药' });
    const alert = await t.db.prisma.alert.findFirstOrThrow({ where: { caseId: c.id } });
    const p = town.people;
    const results = [];
    for (const who of [p.secretary, p.mayor, p.deputy2, p.villageCadre]) {
      results.push(await acknowledgeAlert(town.deps, town.actor(who), { alertId: alert.id, stage: 'RECEIVED' }));
    }
    expect(results.map((r) => r.closed)).toEqual([false, false, false, true]);
    expect((await t.db.prisma.alert.findUniqueOrThrow({ where: { id: alert.id } })).status).toBe('CLOSED');
  });

  it('R20: an ordinary petition opens no alert', async () => {
    const before = await t.db.prisma.alert.count();
    const { notifications } = await letter({ content: '请求修缮村里的水渠。' });
    expect(notifications.filter((n) => n.kind === 'DANGER_LETTER')).toEqual([]);
    expect(await t.db.prisma.alert.count()).toBe(before);
  });

  it('R20: a letter against the village committee does not reach its own head (R24)', async () => {
    const { case: c } = await letter({ accusedUnitId: town.units.villageA, content: '联名反映村委会截留补偿款' });
    const alert = await t.db.prisma.alert.findFirstOrThrow({ where: { caseId: c.id }, include: { recipients: true } });
    expect(alert.recipients.map((r) => r.personId)).not.toContain(town.people.villageCadre.id);
    expect(alert.recipients).toHaveLength(3);
  });

  it('R20: rules stored before unsafe patterns were refused cannot freeze an intake — an adversarial letter is registered, the unsafe rule still matches in linear time, one the matcher cannot run is left out and logged', async () => {
    const p = t.db.prisma;
    // A backtracking engine would take 2^4999 steps on this text with the first rule: the test would never end.
    const nested = await p.keywordRule.create({ data: { category: 'TROUBLE', pattern: '(a+)+b', isRegex: true } });
    const lookahead = await p.keywordRule.create({ data: { category: 'EXPLOSION', pattern: '(?=放)放炮仗', isRegex: true } });
    try {
      const { case: quiet } = await letter({ content: 'a'.repeat(4999) });
      expect(quiet.dangerFlags).toEqual([]);
      const { case: flagged } = await letter({ content: `${'a'.repeat(4998)}b` });
      expect(flagged.dangerFlags).toEqual(['TROUBLE']);
      expect((await letter({ content: '过年要去镇政府门口放炮仗' })).case.dangerFlags).toEqual([]);

      const { logger, lines } = captureLogger('warn');
      await new DbConfigSource(p, 0, logger).keywordRules();
      expect(lines.map((l) => [l.pattern, l.skipped])).toEqual([
        ['(a+)+b', false],
        ['(?=放)放炮仗', true],
      ]);
    } finally {
      await p.keywordRule.updateMany({ where: { id: { in: [nested.id, lookahead.id] } }, data: { active: false } });
    }
  });
});
