import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { multiUnitDuties } from '../../src/domain/multi-unit/multi-unit-duties.js';

const period = { from: new Date('2026-11-01T00:00:00+08:00'), to: new Date('2026-11-07T23:59:59+08:00') };
const c = { territorialUnitId: 'villageA', functionalUnitId: 'justice' };

describe('R19 multi-unit cases', () => {
  it('R19: the territorial unit controls stability and the functional unit solves the problem', () => {
    const { duties } = multiUnitDuties(c, [], period);
    expect(duties.map((d) => [d.unitId, d.role, d.duty])).toEqual([
      ['villageA', 'TERRITORIAL', 'STABILITY_CONTROL'],
      ['justice', 'FUNCTIONAL', 'SOLVING'],
    ]);
    expect(duties[0]!.label).toContain('稳控');
  });

  it('R19: a unit with no progress within the period is named as silent; progress outside it does not count', () => {
    const progress = [
      { unitId: 'justice', createdAt: new Date('2026-11-03T10:00:00+08:00') },
      { unitId: 'villageA', createdAt: new Date('2026-10-30T10:00:00+08:00') },
      { unitId: null, createdAt: new Date('2026-11-04T10:00:00+08:00') },
    ];
    const review = multiUnitDuties(c, progress, period);
    expect(review.silentUnitIds).toEqual(['villageA']);
    expect(review.duties[1]!.lastReportAt).toEqual(new Date('2026-11-03T10:00:00+08:00'));
    const both = multiUnitDuties(c, [...progress, { unitId: 'villageA', createdAt: period.to }], period);
    expect(both.silentUnitIds).toEqual([]);
  });

  it('R19: a case naming only one of the two units is refused', () => {
    expect(() => multiUnitDuties({ ...c, functionalUnitId: null }, [], period)).toThrow(DomainError);
    expect(() => multiUnitDuties(c, [], { from: period.to, to: period.from })).toThrow(/检查期间有误/);
  });
});
