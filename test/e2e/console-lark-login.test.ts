import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { larkWebLogin } from '../../src/platforms/lark/web-login.js';
import { sessionCookieOf, startConsole, startWebLogin, type ConsoleHarness } from '../support/console.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { FakeLark } from '../support/fake-lark.js';
import { APP_ID } from '../support/lark-payloads.js';
import { buildTownship, type Township } from '../support/township.js';

describe("the console's Lark web login (OAuth code flow against a fake Lark; real PostgreSQL)", () => {
  let t: TestDatabase;
  let town: Township;
  let fake: FakeLark;
  let c: ConsoleHarness;
  const office = { open_id: 'ou_office_login', union_id: 'on_office_login', name: '王丽华' };
  beforeAll(async () => {
    t = await freshDatabase('postgres');
    town = await buildTownship(t.db, '2026-11-24T10:00:00+08:00');
    fake = await FakeLark.start();
    await t.db.prisma.platformIdentity.create({ data: { personId: town.people.office.id, platform: 'LARK', openId: office.open_id, unionId: office.union_id } });
    c = await startConsole(t, town, { larkLogin: larkWebLogin({ appId: APP_ID, appSecret: 'e2e-secret', domain: fake.url }) });
  });
  afterAll(async () => {
    await c?.close();
    await fake?.close();
    await t?.drop();
  });

  const start = () => startWebLogin(c, 'lark');

  it('a linked Lark user signs in through Lark and lands where they were going', async () => {
    expect(await (await c.get('/console/login')).text()).toContain('使用飞书登录');
    const { url, cookie } = await start();
    expect(url.pathname).toBe('/open-apis/authen/v1/authorize');
    expect(url.searchParams.get('client_id')).toBe(APP_ID);
    const redirect = url.searchParams.get('redirect_uri')!;
    expect(redirect).toBe(`${c.base}/console/login/lark/callback`);
    const code = fake.issueOauthCode(office, redirect);
    const back = await c.get(`/console/login/lark/callback?code=${code}&state=${url.searchParams.get('state')}`, cookie);
    expect(back.headers.get('location')).toBe('/console/figures');
    const figures = await c.get('/console/figures', sessionCookieOf(back));
    expect(figures.status).toBe(200);
    expect(await figures.text()).toContain('王丽华');
  });

  it('a wrong or missing state, a used code, or a Lark user not linked to anyone is refused in Chinese', async () => {
    const first = await start();
    const code = fake.issueOauthCode(office, first.url.searchParams.get('redirect_uri')!);
    const forged = await c.get(`/console/login/lark/callback?code=${code}&state=forged`, first.cookie);
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('登录请求已过期或来源不明');
    expect((await c.get(`/console/login/lark/callback?code=${code}&state=${first.url.searchParams.get('state')}`)).status).toBe(403);

    const used = await start();
    const usedCode = fake.issueOauthCode(office, used.url.searchParams.get('redirect_uri')!);
    expect((await c.get(`/console/login/lark/callback?code=${usedCode}&state=${used.url.searchParams.get('state')}`, used.cookie)).status).toBe(302);
    const again = await start();
    const replay = await c.get(`/console/login/lark/callback?code=${usedCode}&state=${again.url.searchParams.get('state')}`, again.cookie);
    expect(replay.status).toBe(403);
    expect(await replay.text()).toContain('飞书授权失败');

    const stranger = await start();
    const strangerCode = fake.issueOauthCode({ open_id: 'ou_nobody', union_id: 'on_nobody', name: '陌生人' }, stranger.url.searchParams.get('redirect_uri')!);
    const refused = await c.get(`/console/login/lark/callback?code=${strangerCode}&state=${stranger.url.searchParams.get('state')}`, stranger.cookie);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('尚未关联到本系统人员');
  });
});
