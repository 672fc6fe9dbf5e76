import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LarkCardJson } from '../../cards/lark/render.js';
import type { Scheduler } from '../../src/scheduler/scheduler.js';
import { components } from '../cards/lark-walk.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { collectiveCase } from '../support/flows.js';
import { startLarkHarness, titleOf, type LarkHarness } from '../support/lark-harness.js';
import { drained, schedulerFor, testPrefix } from '../support/scheduler.js';
import { buildTownship, type Township } from '../support/township.js';

const imgOf = (card: LarkCardJson) => components(card).map((c) => c.node).filter((n) => n.tag === 'img');

describe('the weekly summary on Lark carries the chart of the villages (real Redis, real PostgreSQL, fake Lark)', () => {
  let t: TestDatabase;
  let town: Township;
  let h: LarkHarness;
  let s: Scheduler | undefined;
  beforeAll(async () => {
    t = await freshDatabase('postgres');
    town = await buildTownship(t.db, '2026-11-03T10:00:00+08:00');
    const p = town.people;
    h = await startLarkHarness(t, town, [p.office, p.secretary, p.mayor], { sleepMovesClock: true });
  });
  afterAll(async () => {
    await s?.stop();
    await h?.close();
    await t?.drop();
  });

  it('the hourly sweep on Monday sends each recipient the card with an img of the key Lark returned for the one upload of the chart', async () => {
    const p = town.people;
    await collectiveCase(town, { villageId: town.villages.a });
    await collectiveCase(town, { villageId: town.villages.a, title: '灌溉渠堵塞' });
    await collectiveCase(town, { title: '村道修缮纠纷' });
    town.clock.set('2026-11-09T09:00:00+08:00');
    s = schedulerFor(town, h, testPrefix());
    await s.start();
    for (const hm of ['09:00', '10:00']) {
      town.clock.set(`2026-11-09T${hm}:00+08:00`);
      await s.reconcile();
      await drained(s);
      await s.promoteDue();
      await drained(s);
    }
    await h.settle();

    // The office and both principal leaders get the summary; the chart went up once, before the first of them.
    const weekly = [p.office, p.secretary, p.mayor].map((person) => h.cards(person).filter((x) => titleOf(x.card) === '本镇信访工作周报'));
    expect(weekly.map((cards) => cards.length)).toEqual([1, 1, 1]);
    expect(h.fake.images).toHaveLength(1);
    const image = h.fake.images[0]!;
    expect(image.image_type).toBe('message');
    expect(image.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(image.bytes.readUInt32BE(16)).toBe(1280); // the 640-wide chart, drawn at twice its size
    expect(image.at).toBeLessThanOrEqual(Math.min(...weekly.map((cards) => cards[0]!.message.at)));

    for (const [x] of weekly) {
      expect(imgOf(x!.card)).toEqual([
        {
          tag: 'img',
          img_key: image.image_key,
          alt: { tag: 'plain_text', content: '各村（社区）上周新收、办结与目前逾期：青山村 新收 2、办结 0、逾期 0；未关联村（社区） 新收 1、办结 0、逾期 0' },
          scale_type: 'fit_horizontal',
          preview: true,
        },
      ]);
    }
    const pushes = await t.db.prisma.push.findMany({ where: { kind: 'WEEKLY_SUMMARY' } });
    expect(pushes.map((x) => x.status)).toEqual(['SENT', 'SENT', 'SENT']);
  });
});
