import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acknowledgeAlert } from '../../src/usecases/escalation/acknowledge-alert.js';
import { checkAlert } from '../../src/usecases/escalation/check-alert.js';
import { raiseMajorEvent } from '../../src/usecases/escalation/raise-major-event.js';
import { recordAccountabilityFacts } from '../../src/usecases/escalation/record-accountability-facts.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { ownedCase } from '../support/flows.js';
import { buildTownship, type Township } from '../support/township.js';

describe.each(['postgres', 'embedded'] as const)('R22 accountability facts on %s', (kind) => {
  let t: TestDatabase;
  let town: Township;
  beforeAll(async () => {
    t = await freshDatabase(kind);
    town = await buildTownship(t.db);
  });
  afterAll(() => t.drop());

  it('R22: an alert that climbed past its recipients leaves a fact per person: never acknowledged, or not far enough', async () => {
    town.clock.set('2026-11-02T09:00:00+08:00');
    const { alert } = await raiseMajorEvent(town.deps, town.actor(town.people.office), { villageId: town.villages.a, eventKind: 'LARGE_COLLECTIVE_VISIT', detail: '三十余人集体赴县上访' });
    const p = town.people;
    await acknowledgeAlert(town.deps, town.actor(p.areaLeader), { alertId: alert.id, stage: 'ON_THE_WAY' });
    await acknowledgeAlert(town.deps, town.actor(p.deputy), { alertId: alert.id, stage: 'RECEIVED' });
    expect((await recordAccountabilityFacts(town.deps)).recorded).toEqual([]);
    town.clock.advance(30 * 60_000);
    await checkAlert(town.deps, { alertId: alert.id });
    // A late acknowledgement does not erase the fact that it was missing when the alert climbed.
    await acknowledgeAlert(town.deps, town.actor(p.stationed), { alertId: alert.id, stage: 'ON_SITE' });
    const { recorded } = await recordAccountabilityFacts(town.deps);
    expect(recorded.map((f) => [f.personId, f.kind, f.reason]).sort()).toEqual(
      [
        [p.areaLeader.id, 'SLOW_ACTION', 'ACK_INCOMPLETE'],
        [p.stationed.id, 'INACTION', 'ACK_NEVER_GIVEN'],
        [p.villageCadre.id, 'INACTION', 'ACK_NEVER_GIVEN'],
        [p.deputy2.id, 'INACTION', 'ACK_NEVER_GIVEN'],
      ].sort(),
    );
    expect(recorded.every((f) => f.alertId === alert.id)).toBe(true);
  });

  it('R22: repeated overdue and a reopened case are kept per person and unit, and a second run adds nothing', async () => {
    town.clock.set('2026-11-02T09:00:00+08:00');
    const a = await ownedCase(town, { title: '林地权属争议' });
    const b = await ownedCase(town, { title: '灌溉用水纠纷' });
    await t.db.prisma.case.update({ where: { id: b.id }, data: { reopenCount: 1 } });
    town.clock.set('2026-12-10T09:00:00+08:00');
    const first = await recordAccountabilityFacts(town.deps);
    const p = town.people;
    expect(first.recorded.filter((f) => f.reason === 'REPEATED_OVERDUE').map((f) => f.sourceKey).sort()).toEqual([
      `REPEATED_OVERDUE:PERSON:${p.cadre.id}:2026`,
      `REPEATED_OVERDUE:PERSON:${p.deputy.id}:2026`,
      `REPEATED_OVERDUE:UNIT:${town.units.justice}:2026`,
    ].sort());
    expect(first.recorded.find((f) => f.unitId === town.units.justice && f.reason === 'REPEATED_OVERDUE')!.detail).toBe(
      `2026年逾期案件2件：${[a.number, b.number].sort().join('、')}`,
    );
    expect(first.recorded.filter((f) => f.reason === 'REOPENED').map((f) => [f.caseId, f.personId, f.unitId])).toEqual(
      expect.arrayContaining([[b.id, p.deputy.id, null], [b.id, p.cadre.id, null], [b.id, null, town.units.justice]]),
    );
    const stored = await t.db.prisma.accountabilityFact.count();
    const audited = await t.db.prisma.auditLog.count({ where: { action: 'accountability.record' } });
    expect(audited).toBe(stored);

    town.clock.advance(86_400_000);
    const second = await recordAccountabilityFacts(town.deps);
    expect(second.recorded).toEqual([]);
    expect(await t.db.prisma.accountabilityFact.count()).toBe(stored);
    expect(await t.db.prisma.auditLog.count({ where: { action: 'accountability.record' } })).toBe(audited);
  });
});
