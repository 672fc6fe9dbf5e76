import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/lib/clock.js';
import { createLarkClient } from '../../src/platforms/lark/client.js';
import { larkContactDirectory } from '../../src/platforms/lark/contacts.js';
import { LarkSender } from '../../src/platforms/lark/sender.js';
import { formatSyncSummary } from '../../src/platforms/lark/sync-users.js';
import { TokenBucketLimiter } from '../../src/platforms/rate-limiter.js';
import { syncPlatformIdentities } from '../../src/usecases/platform/sync-identities.js';
import { captureLogger } from '../support/capture-logger.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { FakeLark } from '../support/fake-lark.js';
import { APP_ID } from '../support/lark-payloads.js';
import { buildTownship, type Township } from '../support/township.js';

describe('lark:sync-users', () => {
  let fake: FakeLark;
  let t: TestDatabase;
  let town: Township;
  const { logger } = captureLogger();

  const directory = () => {
    const clock = new FixedClock(new Date('2026-11-28T08:00:00Z'));
    const sender = new LarkSender({
      limiter: new TokenBucketLimiter(() => clock.now().getTime(), async (ms) => clock.advance(ms)),
      outbound: { deliveredMessageId: async () => null, record: async () => {} },
      clock,
      logger,
    });
    return larkContactDirectory(createLarkClient({ appId: APP_ID, appSecret: 'secret', domain: fake.url }, logger), sender);
  };
  const identities = () => t.db.prisma.platformIdentity.findMany({ where: { platform: 'LARK' }, include: { person: true }, orderBy: { createdAt: 'asc' } });

  beforeAll(async () => {
    fake = await FakeLark.start();
    t = await freshDatabase('postgres');
    town = await buildTownship(t.db);
    const p = town.people;
    // Lark knows three of the township by mobile, one newcomer by email only, and one account already taken.
    fake
      .addUser({ open_id: 'ou_wang', union_id: 'on_wang', user_id: 'wang', mobile: p.office.mobile! })
      .addUser({ open_id: 'ou_wu', union_id: 'on_wu', user_id: 'wu', mobile: p.cadre.mobile! })
      .addUser({ open_id: 'ou_li', union_id: 'on_li', user_id: 'li', mobile: p.approver.mobile! })
      .addUser({ open_id: 'ou_new', union_id: 'on_new', user_id: 'new', email: 'xin@town.gov.cn' })
      .addUser({ open_id: 'ou_taken', union_id: 'on_taken', user_id: 'taken', mobile: p.outsider.mobile! });
    await t.db.prisma.person.create({ data: { name: '新同事', roles: ['CADRE'], email: 'xin@town.gov.cn' } });
    // 李建国 was linked before (e.g. by the sandbox admin); 韩纪检 holds the account Lark gives 沈路人.
    await t.db.prisma.platformIdentity.create({ data: { personId: p.approver.id, platform: 'LARK', openId: 'ou_li' } });
    await t.db.prisma.platformIdentity.create({ data: { personId: p.discipline.id, platform: 'LARK', openId: 'ou_taken' } });
    // Enough people for more than one batch of 50 mobiles.
    await t.db.prisma.person.createMany({ data: Array.from({ length: 55 }, (_, i) => ({ name: `群众${i}`, roles: ['CADRE' as const], mobile: `1370000${String(i).padStart(4, '0')}` })) });
  });
  afterAll(async () => {
    await fake.close();
    await t.drop();
  });

  it('links people by mobile, else email, with open_id and union_id, and audits each link', async () => {
    const s = await syncPlatformIdentities(town.deps, directory());
    expect(s.linked.map((p) => [p.name, p.by]).sort()).toEqual([
      ['吴志强', 'mobile'],
      ['新同事', 'email'],
      ['王丽华', 'mobile'],
    ]);
    expect(s.alreadyLinked.map((p) => p.name).sort()).toEqual(['李建国', '韩纪检']);
    expect(s.conflicts.map((p) => p.name)).toEqual(['沈路人']);
    expect(s.notFound).toHaveLength(15 + 1 + 55 - 3 - 2 - 1);

    const rows = await identities();
    expect(rows.find((r) => r.person.name === '王丽华')).toMatchObject({ openId: 'ou_wang', unionId: 'on_wang' });
    expect(rows.find((r) => r.person.name === '新同事')).toMatchObject({ openId: 'ou_new', unionId: 'on_new' });
    expect(rows.filter((r) => r.openId === 'ou_taken')).toHaveLength(1);
    expect(await t.db.prisma.auditLog.count({ where: { action: 'PLATFORM_IDENTITY_LINKED' } })).toBe(3);

    const lookups = fake.apiRequests('/open-apis/contact/v3/users/batch_get_id');
    expect(new Set(lookups.map((r) => r.query.user_id_type))).toEqual(new Set(['open_id', 'union_id']));
    expect(lookups.every((r) => ((r.body as { mobiles?: unknown[] }).mobiles ?? []).length <= 50)).toBe(true);
    // Already linked people are not asked about.
    expect(lookups.some((r) => ((r.body as { mobiles?: string[] }).mobiles ?? []).includes(town.people.approver.mobile!))).toBe(false);
  });

  it('is idempotent: a second run links nobody new and writes nothing', async () => {
    const before = await identities();
    const audits = await t.db.prisma.auditLog.count();
    const s = await syncPlatformIdentities(town.deps, directory());
    expect(s.linked).toEqual([]);
    expect(s.alreadyLinked).toHaveLength(5);
    expect(s.conflicts).toHaveLength(1);
    expect(await identities()).toEqual(before);
    expect(await t.db.prisma.auditLog.count()).toBe(audits);
  });

  it('prints a summary in Chinese', async () => {
    const text = formatSyncSummary({
      platform: 'LARK',
      linked: [{ personId: '1', name: '王丽华', by: 'mobile' }],
      alreadyLinked: [{ personId: '2', name: '李建国' }],
      notFound: [{ personId: '3', name: '沈路人' }],
      conflicts: [],
    });
    expect(text).toBe('新关联 1 人：王丽华\n已关联（跳过） 1 人\n飞书中未找到 1 人：沈路人');
  });
});
