import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { outboundRepo } from '../../src/db/repos/outbound-repo.js';
import { createDingTalkPlatform } from '../../src/platforms/dingtalk/index.js';
import { formatSyncSummary } from '../../src/platforms/lark/sync-users.js';
import { syncPlatformIdentities } from '../../src/usecases/platform/sync-identities.js';
import { captureLogger } from '../support/capture-logger.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { FAKE_DT_CLIENT_ID, FAKE_DT_CLIENT_SECRET, FakeDingTalk } from '../support/fake-dingtalk.js';
import { buildTownship, type Township } from '../support/township.js';

describe('npm run dingtalk:sync-users: people linked to DingTalk by mobile (fake DingTalk, real PostgreSQL)', () => {
  let t: TestDatabase;
  let town: Township;
  let fake: FakeDingTalk;
  beforeAll(async () => {
    t = await freshDatabase('postgres');
    town = await buildTownship(t.db, '2026-11-24T10:00:00+08:00');
    fake = await FakeDingTalk.start();
  });
  afterAll(async () => {
    await fake?.close();
    await t?.drop();
  });

  it('links by mobile to the DingTalk userid, says who was not found, and skips those linked on the next run', async () => {
    fake.usersByMobile.set(town.people.office.mobile!, 'manager4220');
    fake.usersByMobile.set(town.people.deputy.mobile!, 'deputy0001');
    const config = loadConfig({ DINGTALK_CLIENT_ID: FAKE_DT_CLIENT_ID, DINGTALK_CLIENT_SECRET: FAKE_DT_CLIENT_SECRET, DINGTALK_API_URL: fake.url, DINGTALK_OAPI_URL: fake.url });
    const platform = createDingTalkPlatform({ config, dispatch: async () => undefined, logger: captureLogger('warn').logger, outbound: outboundRepo(t.db.prisma) })!;
    const first = await syncPlatformIdentities(town.deps, platform.directory);
    expect(first.linked.map((p) => p.name).sort()).toEqual([town.people.deputy.name, town.people.office.name].sort());
    expect(await t.db.prisma.platformIdentity.findFirstOrThrow({ where: { personId: town.people.office.id, platform: 'DINGTALK' } })).toMatchObject({ userId: 'manager4220' });
    expect(formatSyncSummary(first)).toContain('钉钉中未找到');
    const second = await syncPlatformIdentities(town.deps, platform.directory);
    expect(second.linked).toEqual([]);
    expect(second.alreadyLinked.length).toBe(2);
  });
});
