import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessTokenCache, appAccessToken, legacyAccessToken, TOKEN_REFRESH_MARGIN_MS, type IssuedToken } from '../../src/platforms/dingtalk/access-token.js';
import { DingTalkSendError } from '../../src/platforms/dingtalk/send-error.js';
import { FAKE_DT_CLIENT_ID, FAKE_DT_CLIENT_SECRET, FakeDingTalk } from '../support/fake-dingtalk.js';

function counting(issue: (n: number) => Promise<IssuedToken>) {
  let calls = 0;
  return { issue: () => issue(++calls), calls: () => calls };
}

describe('DingTalk access token cache', () => {
  it('reuses the token until 5 minutes before it expires, then fetches a new one', async () => {
    let t = 1_000_000;
    const src = counting(async (n) => ({ token: `t${n}`, expiresInSeconds: 7200 }));
    const cache = new AccessTokenCache(src.issue, () => t);
    expect(await cache.get()).toBe('t1');
    t += 7200_000 - TOKEN_REFRESH_MARGIN_MS - 1;
    expect(await cache.get()).toBe('t1');
    expect(src.calls()).toBe(1);
    t += 1;
    expect(await cache.get()).toBe('t2');
    expect(await cache.get()).toBe('t2');
    expect(src.calls()).toBe(2);
  });

  it('makes one request however many callers ask at once (single flight)', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const src = counting(async (n) => {
      await gate;
      return { token: `t${n}`, expiresInSeconds: 7200 };
    });
    const cache = new AccessTokenCache(src.issue, () => 0);
    const all = Promise.all(Array.from({ length: 20 }, () => cache.get()));
    release();
    expect(new Set(await all)).toEqual(new Set(['t1']));
    expect(src.calls()).toBe(1);
  });

  it('does not keep a failed fetch: every waiter sees the failure, the next caller fetches again', async () => {
    const src = counting(async (n) => {
      if (n === 1) throw new Error('token endpoint down');
      return { token: `t${n}`, expiresInSeconds: 7200 };
    });
    const cache = new AccessTokenCache(src.issue, () => 0);
    const [a, b] = await Promise.allSettled([cache.get(), cache.get()]);
    expect(a.status).toBe('rejected');
    expect(b.status).toBe('rejected');
    expect(src.calls()).toBe(1);
    expect(await cache.get()).toBe('t2');
  });

  it('forgets a refused token only while it is still the cached one', async () => {
    const src = counting(async (n) => ({ token: `t${n}`, expiresInSeconds: 7200 }));
    const cache = new AccessTokenCache(src.issue, () => 0);
    expect(await cache.get()).toBe('t1');
    cache.invalidate('t1');
    expect(await cache.get()).toBe('t2');
    // A late 401 of a call made with t1 must not throw away t2.
    cache.invalidate('t1');
    expect(await cache.get()).toBe('t2');
    expect(src.calls()).toBe(2);
  });

  it('uses a token that lives shorter than the margin for half its life', async () => {
    let t = 0;
    const src = counting(async (n) => ({ token: `t${n}`, expiresInSeconds: 120 }));
    const cache = new AccessTokenCache(src.issue, () => t);
    await cache.get();
    t = 59_999;
    expect(await cache.get()).toBe('t1');
    t = 60_000;
    expect(await cache.get()).toBe('t2');
  });
});

describe('DingTalk token endpoints (against the fake)', () => {
  let fake: FakeDingTalk;
  const app = { clientId: FAKE_DT_CLIENT_ID, clientSecret: FAKE_DT_CLIENT_SECRET };
  beforeAll(async () => {
    fake = await FakeDingTalk.start();
  });
  afterAll(() => fake.close());

  it('POST /v1.0/oauth2/accessToken with appKey and appSecret gives the token and its lifetime', async () => {
    fake.tokenTtlSeconds = 7200;
    // A configured base URL may end in a slash.
    const issued = await appAccessToken(`${fake.url}/`, app)();
    expect(issued).toEqual({ token: expect.stringMatching(/^at-/), expiresInSeconds: 7200 });
    expect(fake.tokenRequests().at(-1)).toMatchObject({ method: 'POST', body: { appKey: FAKE_DT_CLIENT_ID, appSecret: FAKE_DT_CLIENT_SECRET } });
  });

  it('a refused secret is an error not worth retrying; a 5xx is one worth retrying', async () => {
    const refused = await appAccessToken(fake.url, { ...app, clientSecret: 'wrong' })().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DingTalkSendError);
    expect(refused).toMatchObject({ status: 400, dingtalkCode: 'invalidClientIdOrSecret', retryable: false });
    fake.failNext(1, 503, { path: /oauth2/ });
    expect(await appAccessToken(fake.url, app)().catch((e: unknown) => e)).toMatchObject({ status: 503, retryable: true });
  });

  it('the legacy GET /gettoken gives its own token', async () => {
    const issued = await legacyAccessToken(fake.url, app)();
    expect(issued).toEqual({ token: expect.stringMatching(/^legacy-/), expiresInSeconds: 7200 });
    expect(fake.legacyTokenRequests().at(-1)).toMatchObject({ method: 'GET', query: { appkey: FAKE_DT_CLIENT_ID, appsecret: FAKE_DT_CLIENT_SECRET } });
    const refused = await legacyAccessToken(fake.url, { ...app, clientSecret: 'wrong' })().catch((e: unknown) => e);
    expect(refused).toMatchObject({ dingtalkCode: '40089', retryable: false });
  });
});
