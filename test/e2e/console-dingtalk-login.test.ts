import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { outboundRepo } from '../../src/db/repos/outbound-repo.js';
import { createDingTalkPlatform } from '../../src/platforms/dingtalk/index.js';
import { captureLogger } from '../support/capture-logger.js';
import { sessionCookieOf, startConsole, startWebLogin, type ConsoleHarness } from '../support/console.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { FAKE_DT_CLIENT_ID, FAKE_DT_CLIENT_SECRET, FakeDingTalk } from '../support/fake-dingtalk.js';
import { buildTownship, type Township } from '../support/township.js';

// For townships on DingTalk alone: office staff sign in to the console with their DingTalk account.

describe("the console's DingTalk web login (OAuth code flow against a fake DingTalk; real PostgreSQL)", () => {
  let t: TestDatabase;
  let town: Township;
  let fake: FakeDingTalk;
  let c: ConsoleHarness;
  const office = { unionId: 'unionOfficeWang0001', nick: '王丽华' };
  beforeAll(async () => {
    t = await freshDatabase('postgres');
    town = await buildTownship(t.db, '2026-11-24T10:00:00+08:00');
    fake = await FakeDingTalk.start();
    // Linked by dingtalk:sync-users (userid by mobile); DingTalk's login names her by unionId.
    await t.db.prisma.platformIdentity.create({ data: { personId: town.people.office.id, platform: 'DINGTALK', userId: 'staffOfficeWang' } });
    fake.usersByUnionId.set(office.unionId, 'staffOfficeWang');
    const config = loadConfig({ DINGTALK_CLIENT_ID: FAKE_DT_CLIENT_ID, DINGTALK_CLIENT_SECRET: FAKE_DT_CLIENT_SECRET, DINGTALK_API_URL: fake.url, DINGTALK_OAPI_URL: fake.url });
    const platform = createDingTalkPlatform({ config, dispatch: async () => undefined, logger: captureLogger('warn').logger, outbound: outboundRepo(t.db.prisma) })!;
    c = await startConsole(t, town, { dingtalkLogin: platform.webLogin });
  });
  afterAll(async () => {
    await c?.close();
    await fake?.close();
    await t?.drop();
  });

  const start = () => startWebLogin(c, 'dingtalk');

  it('a linked DingTalk user signs in through DingTalk (authCode, as DingTalk names it) and lands where they were going', async () => {
    const page = await (await c.get('/console/login')).text();
    expect(page).toContain('使用钉钉登录');
    expect(page).not.toContain('使用飞书登录');
    const { url, cookie, state } = await start();
    expect(url.pathname).toBe('/oauth2/auth');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ client_id: FAKE_DT_CLIENT_ID, response_type: 'code', scope: 'openid', prompt: 'consent', redirect_uri: `${c.base}/console/login/dingtalk/callback` });
    const back = await c.get(`/console/login/dingtalk/callback?authCode=${fake.issueOauthCode(office)}&state=${state}`, cookie);
    expect(back.headers.get('location')).toBe('/console/figures');
    const figures = await c.get('/console/figures', sessionCookieOf(back));
    expect(figures.status).toBe(200);
    expect(await figures.text()).toContain('王丽华');
  });

  it('a forged state, a used code, or a DingTalk user who is not a linked member of the organisation is refused in Chinese', async () => {
    const first = await start();
    const code = fake.issueOauthCode(office);
    const forged = await c.get(`/console/login/dingtalk/callback?authCode=${code}&state=forged`, first.cookie);
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('登录请求已过期或来源不明，请重新点击“使用钉钉登录”');

    const used = await start();
    expect((await c.get(`/console/login/dingtalk/callback?authCode=${code}&state=${used.state}`, used.cookie)).status).toBe(302);
    const again = await start();
    const replay = await c.get(`/console/login/dingtalk/callback?authCode=${code}&state=${again.state}`, again.cookie);
    expect(replay.status).toBe(403);
    expect(await replay.text()).toContain('钉钉授权失败');

    // Someone from outside the organisation (getbyunionid does not know them).
    const outsider = await start();
    const refused = await c.get(`/console/login/dingtalk/callback?authCode=${fake.issueOauthCode({ unionId: 'unionStranger', nick: '陌生人' })}&state=${outsider.state}`, outsider.cookie);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('您的钉钉账号（陌生人）尚未关联到本系统人员');
    // A member of the organisation whom nobody linked to a person.
    fake.usersByUnionId.set('unionMember', 'staffNobody');
    const member = await start();
    const unlinked = await c.get(`/console/login/dingtalk/callback?authCode=${fake.issueOauthCode({ unionId: 'unionMember', nick: '赵会计' })}&state=${member.state}`, member.cookie);
    expect(unlinked.status).toBe(403);
    expect(await unlinked.text()).toContain('尚未关联到本系统人员');
  });

  it('without DingTalk configured there is no DingTalk login', async () => {
    const plain = await startConsole(t, town);
    try {
      expect((await plain.get('/console/login/dingtalk')).status).toBe(404);
      expect(await (await plain.get('/console/login')).text()).not.toContain('使用钉钉登录');
    } finally {
      await plain.close();
    }
  });
});
