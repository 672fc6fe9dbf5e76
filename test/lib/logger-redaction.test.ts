import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { isSecretKey, redactSecrets } from '../../src/lib/log-redaction.js';
import { openQueueClient } from '../../src/scheduler/queue-client.js';
import { captureLogger } from '../support/capture-logger.js';
import { testPrefix } from '../support/scheduler.js';

const ID = '420101199001011234';
const PHONE = '13912345678';

describe('R24: no log line carries a secret or personal data', () => {
  it('R24: a Redis that does not answer is logged without its password — not in the error, the URL or the client options', async () => {
    const { logger, text } = captureLogger();
    const url = 'redis://:s3cret@127.0.0.1:1/';
    const redis = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    redis.on('error', () => undefined);
    const err = await redis.connect().catch((e: unknown) => e);
    logger.warn({ err, url, options: redis.options }, `无法连接 Redis（${url}）`);
    redis.disconnect();
    // The web role's connection logs the outage from ioredis's own error events.
    const client = openQueueClient(url, testPrefix(), logger);
    for (let i = 0; i < 200 && !text().includes('Redis 不可达'); i++) await new Promise((r) => setTimeout(r, 25));
    await client.close();
    expect(text()).toContain('Redis 不可达');
    expect(text()).toContain('ECONNREFUSED');
    expect(text()).toContain('redis://:[REDACTED]@127.0.0.1:1/');
    expect(text()).not.toContain('s3cret');
  });

  it('R24: database URLs, Bearer and Basic credentials, access_token parameters and cookies are redacted wherever they appear', () => {
    const { logger, lines, text } = captureLogger();
    logger.error({ databaseUrl: 'postgresql://xinfang:pg-pass-1@db:5432/xinfang', nested: { list: ['postgres://u:pg-pass-2@h/x'] } }, 'connect postgresql://xinfang:pg-pass-3@db/xinfang failed');
    logger.info({ headers: { Authorization: 'Bearer t-g1044abcdefgh', cookie: 'xf_session=abc123def456', 'user-agent': 'curl' } }, 'request with Authorization: Basic YWRtaW46c2VjcmV0cGFzcw==');
    logger.info('calling https://oapi.dingtalk.com/robot/send?access_token=dt-token-1&x=1 and ?foo=1&client_secret=cs-2');
    expect(text()).not.toMatch(/pg-pass|t-g1044|xf_session=abc|YWRtaW46|dt-token-1|cs-2/);
    expect(lines[0]).toMatchObject({ databaseUrl: 'postgresql://xinfang:[REDACTED]@db:5432/xinfang', msg: 'connect postgresql://xinfang:[REDACTED]@db/xinfang failed' });
    expect(lines[1]).toMatchObject({ headers: { Authorization: '[REDACTED]', cookie: '[REDACTED]', 'user-agent': 'curl' }, msg: 'request with Authorization: Basic [REDACTED]' });
    expect(lines[2]!.msg).toBe('calling https://oapi.dingtalk.com/robot/send?access_token=[REDACTED]&x=1 and ?foo=1&client_secret=[REDACTED]');
  });

  it('R24: fields named as secrets are redacted at any depth, and so are secrets inside text an SDK logged as JSON', () => {
    const { logger, lines, text } = captureLogger();
    const config = { LARK_APP_ID: 'cli_a1b2', LARK_APP_SECRET: 'ls-1', LARK_ENCRYPT_KEY: 'ek-1', app: { appSecret: 'as-1', encryptKey: 'ek-2', password: 'pw-1', token: 'tk-1', tenant_access_token: 'tat-1' } };
    logger.info({ config, count: 3, enabled: true, nothing: null }, 'config');
    logger.warn({ sdk: JSON.stringify({ url: '/open-apis/auth/v3/tenant_access_token/internal', data: { app_id: 'cli_a1b2', app_secret: 'as-2' }, headers: { 'x-acs-dingtalk-access-token': 'dat-1' } }) }, 'lark sdk error');
    expect(text()).not.toMatch(/ls-1|ek-1|as-1|ek-2|pw-1|tk-1|tat-1|as-2|dat-1/);
    expect(lines[0]).toMatchObject({ config: { LARK_APP_ID: 'cli_a1b2', LARK_APP_SECRET: '[REDACTED]', app: { appSecret: '[REDACTED]', token: '[REDACTED]' } }, count: 3, enabled: true, nothing: null });
    expect(lines[1]!.sdk).toContain('"app_id":"cli_a1b2"');
    expect(lines[1]!.sdk).toContain('"app_secret":"[REDACTED]"');
  });

  it('R24: an ID number and a mobile number are masked in the message, the fields, nested objects, child bindings, interpolated values and errors with their causes and stacks', () => {
    const { logger, lines, text } = captureLogger();
    logger.info({ petitioner: { note: `身份证${ID}，电话${PHONE}` }, list: [`tel ${PHONE}`] }, `信访人 ${ID} 来电 ${PHONE}`);
    logger.child({ caller: PHONE }).warn('回拨 %s', PHONE);
    const err = new Error(`lookup of ${PHONE} failed`, { cause: new Error(`no user with id ${ID}`) });
    logger.error({ err }, 'sync failed');
    logger.error(err);
    expect(text()).not.toContain(ID);
    expect(text()).not.toContain(PHONE);
    expect(lines[0]).toMatchObject({ msg: '信访人 4201**********1234 来电 139****5678', petitioner: { note: '身份证4201**********1234，电话139****5678' }, list: ['tel 139****5678'] });
    expect(lines[1]).toMatchObject({ caller: '139****5678', msg: '回拨 139****5678' });
    expect(lines[2]!.err).toMatchObject({ type: 'Error', message: 'lookup of 139****5678 failed: no user with id 4201**********1234', stack: expect.stringContaining('lookup of 139****5678 failed') });
    expect(lines[3]).toMatchObject({ msg: 'lookup of 139****5678 failed: no user with id 4201**********1234', err: { type: 'Error' } });
  });

  it('R24: cleaning is bounded — circular and very deep objects, buffers and long arrays are logged without hanging or throwing', () => {
    const { logger, lines } = captureLogger();
    const circular: Record<string, unknown> = { name: 'loop' };
    circular.self = circular;
    let deep: Record<string, unknown> = { phone: PHONE };
    for (let i = 0; i < 50; i++) deep = { deep };
    logger.info({ circular, deep, buffer: Buffer.from('abc'), many: Array.from({ length: 10_000 }, (_, i) => i) }, 'bounded');
    expect(lines[0]).toMatchObject({ circular: { name: 'loop', self: '[Circular]' }, buffer: '[Buffer 3 bytes]' });
    expect((lines[0]!.many as number[]).length).toBe(100);
    expect(JSON.stringify(lines[0]!.deep)).toContain('[…]');
  });

  it('R24: what counts as a secret field: its words name one, so a secretary or the signatories are not secrets', () => {
    for (const key of ['password', 'appSecret', 'LARK_APP_SECRET', 'encryptKey', 'LARK_ENCRYPT_KEY', 'access_token', 'x-acs-dingtalk-access-token', 'Authorization', 'set-cookie', 'METRICS_TOKEN', 'apiKey', 'sessionId'])
      expect(isSecretKey(key), key).toBe(true);
    for (const key of ['secretary', 'signatories', 'url', 'pushId', 'tokenizer', 'larkCode', 'keyword']) expect(isSecretKey(key), key).toBe(false);
    expect(redactSecrets('password: hunter22, user=bob')).toBe('password: [REDACTED], user=bob');
  });
});
