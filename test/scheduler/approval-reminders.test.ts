import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/lib/local-date.js';
import type { Scheduler } from '../../src/scheduler/scheduler.js';
import { approveOwnership } from '../../src/usecases/ownership/decide-ownership.js';
import { proposeOwnership } from '../../src/usecases/ownership/propose-ownership.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { collectiveCase, ownershipTerms } from '../support/flows.js';
import { buttonValues, startLarkHarness, type LarkHarness } from '../support/lark-harness.js';
import { drained, schedulerFor, testPrefix } from '../support/scheduler.js';
import { buildTownship, type Township } from '../support/township.js';

describe('R4 approval waits through BullMQ (real Redis, real PostgreSQL, fake Lark)', () => {
  let t: TestDatabase;
  let town: Township;
  let h: LarkHarness;
  let s: Scheduler | undefined;
  beforeAll(async () => {
    t = await freshDatabase('postgres');
    town = await buildTownship(t.db, '2026-09-29T10:00:00+08:00');
    h = await startLarkHarness(t, town, [town.people.approver, town.people.office], { sleepMovesClock: true });
  });
  afterAll(async () => {
    await s?.stop();
    await h?.close();
    await t?.drop();
  });

  it('R4: a proposal made before National Day 2026 is reminded to the approvers, as the approval card, from the 3rd working day after it, each working day until decided', async () => {
    const p = town.people;
    const c = await collectiveCase(town);
    const { proposal } = await proposeOwnership(town.deps, town.actor(p.office), ownershipTerms(town, c.id, { deadline: '2026-10-30' }));
    s = schedulerFor(town, h, testPrefix());
    await s.start();
    const byDay: Record<string, number> = {};
    for (let day = '2026-09-30'; day <= '2026-10-13'; day = addDays(day, 1)) {
      for (const time of ['08:10', '08:30']) {
        town.clock.set(`${day}T${time}:00+08:00`);
        await s.promoteDue();
        await drained(s);
      }
      await h.settle();
      const from = Date.parse(`${day}T00:00:00+08:00`);
      const cards = h.cards(p.approver).filter((x) => x.message.at >= from);
      if (cards.length) byDay[day] = cards.length;
      for (const x of cards) expect(buttonValues(x.card)).toContainEqual(expect.objectContaining({ a: 'ownership.approve', proposalId: proposal.id }));
      // Decided on the make-up Saturday, after that morning's reminder.
      if (day === '2026-10-10') await approveOwnership(town.deps, town.actor(p.approver), { proposalId: proposal.id });
    }
    // 30 September and 8 October are the two working days of waiting (1–7 October is the holiday).
    expect(byDay).toEqual({ '2026-10-09': 1, '2026-10-10': 1 });
    expect((await s.queues.duties.getDelayed(0, -1)).filter((j) => j.data.type === 'approval')).toHaveLength(0);
  });
});
