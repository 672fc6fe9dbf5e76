import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { systemClock } from '../../src/lib/clock.js';
import { doctorExitCode, formatCheck } from '../../src/platforms/doctor-check.js';
import { larkDoctor } from '../../src/platforms/lark/doctor.js';
import { createLarkEventDispatcher } from '../../src/platforms/lark/events.js';
import { larkWebhookRouter } from '../../src/platforms/lark/webhook.js';
import { captureLogger } from '../support/capture-logger.js';
import { checkNamed, useServedRoutes, withOtherApp } from '../support/doctor.js';
import { FakeLark } from '../support/fake-lark.js';
import { APP_ID, BOT_OPEN_ID } from '../support/lark-payloads.js';

// `npm run doctor` for Lark, against the fake open platform and this app's real webhook routes.

const SECRET = 'doctor-app-secret';
const ENCRYPT_KEY = 'doctor-encrypt-key';
const TOKEN = 'doctor-verification-token';

/** The app's webhook routes as main.ts builds them, with the given keys. */
function webhookRoutes(encryptKey: string, verificationToken: string) {
  const { logger } = captureLogger('silent');
  const dispatcher = createLarkEventDispatcher({ encryptKey, verificationToken, dispatch: async () => undefined, render: () => ({}), logger, clock: systemClock, botOpenId: () => BOT_OPEN_ID });
  return larkWebhookRouter({ dispatcher, encryptKey, verificationToken, logger, clock: systemClock });
}

const byName = checkNamed;

describe('npm run doctor: Lark (fake Lark)', () => {
  let fake: FakeLark;
  const app = useServedRoutes(() => webhookRoutes(ENCRYPT_KEY, TOKEN));
  const config = (env: Record<string, string> = {}) =>
    loadConfig({ LARK_APP_ID: APP_ID, LARK_APP_SECRET: SECRET, LARK_ENCRYPT_KEY: ENCRYPT_KEY, LARK_VERIFICATION_TOKEN: TOKEN, LARK_DOMAIN: fake.url, PUBLIC_URL: app.base, ...env });

  beforeAll(async () => {
    fake = await FakeLark.start();
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.appSecret = SECRET;
    fake.botActivateStatus = 2;
    fake.denyScopes.clear();
  });

  it('passes every check when the app is set up: credentials, bot, contact scope, and both request URLs answer the challenge', async () => {
    const checks = await larkDoctor(config());
    expect(checks.map((c) => [c.name, c.status])).toEqual([
      ['飞书应用凭证（App ID / App Secret）', 'ok'],
      ['飞书机器人能力', 'ok'],
      ['飞书权限：以应用身份发消息（发送卡片和通知）（im:message:send_as_bot 或 im:message）', 'ok'],
      ['飞书权限：通过手机号或邮箱获取用户 ID（人员关联）（contact:user.id:readonly）', 'ok'],
      ['飞书权限：应用内加急（预警升级到最高级时，URGENT_CHANNELS 含 app）（im:message.urgent 或 im:message.urgent:app_send）', 'ok'],
      [`飞书事件请求地址 ${app.base}/lark/events`, 'ok'],
      [`飞书卡片回调请求地址 ${app.base}/lark/cards`, 'ok'],
    ]);
    expect(doctorExitCode(checks)).toBe(0);
    // The probes were real calls to the configured domain, with the tenant token.
    expect(fake.requests.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/open-apis/auth/v3/tenant_access_token/internal', '/open-apis/bot/v3/info', '/open-apis/contact/v3/users/batch_get_id']),
    );
  });

  it('a wrong secret: says where to check App ID and App Secret, skips the calls that need a token, exit code 1', async () => {
    fake.appSecret = 'another-secret-entirely';
    const checks = await larkDoctor(config());
    const creds = byName(checks, '飞书应用凭证');
    expect(creds).toMatchObject({ status: 'fail' });
    expect(creds.detail).toContain('10014');
    expect(creds.fix).toContain('凭证与基础信息 核对 App ID 和 App Secret');
    expect(byName(checks, '机器人与权限')).toMatchObject({ status: 'warn', detail: '凭证未通过，未检查' });
    expect(doctorExitCode(checks)).toBe(1);
  });

  it('the bot not enabled: says to add the bot capability and publish a version', async () => {
    fake.botActivateStatus = 0;
    const bot = byName(await larkDoctor(config()), '飞书机器人能力');
    expect(bot).toMatchObject({ status: 'fail' });
    expect(bot.fix).toContain('应用能力 → 添加应用能力 → 机器人');
    expect(bot.fix).toContain('发布');
  });

  it('the contact scope not granted: Lark’s refusal names it, and the fix says where to grant it', async () => {
    fake.denyScopes.add('contact:user.id:readonly');
    const checks = await larkDoctor(config());
    const scope = byName(checks, 'contact:user.id:readonly');
    expect(scope.status).toBe('fail');
    expect(scope.detail).toContain('One of the following scopes is required: [contact:user.id:readonly]');
    expect(scope.fix).toContain('权限管理 → API 权限 中搜索并开通 contact:user.id:readonly');
    expect(doctorExitCode(checks)).toBe(1);
    expect(checks.filter((c) => c.status === 'fail')).toEqual([scope]);
    expect(formatCheck(scope)).toMatch(/^❌ 飞书权限：.*\n {3}→ .*开通 contact:user\.id:readonly/);
  });

  it('issue 16: with LARK_TASKS the task scope is probed on a task that does not exist; without it, not at all', async () => {
    expect((await larkDoctor(config())).some((c) => c.name.includes('飞书任务'))).toBe(false);
    const granted = byName(await larkDoctor(config({ LARK_TASKS: 'true' })), '飞书任务');
    expect(granted.status).toBe('ok');
    fake.denyScopes.add('task:task:write');
    fake.denyScopes.add('task:task');
    const checks = await larkDoctor(config({ LARK_TASKS: 'true' }));
    const denied = byName(checks, '飞书任务');
    expect(denied.status).toBe('fail');
    expect(denied.fix).toContain('task:task:write');
    expect(doctorExitCode(checks)).toBe(1);
  });

  it('sending and each urgent channel of URGENT_CHANNELS are probed on things that do not exist; a missing scope is named from Lark’s answer', async () => {
    const granted = await larkDoctor(config({ URGENT_CHANNELS: 'app,sms' }));
    expect(byName(granted, '短信加急')).toMatchObject({ status: 'ok', detail: expect.stringContaining('code 230001') });
    expect(granted.some((c) => c.name.includes('电话加急'))).toBe(false);
    // Nobody was buzzed.
    expect(fake.urgents).toEqual([]);

    for (const s of ['im:message', 'im:message:send_as_bot', 'im:message.urgent:sms', 'im:message.urgent:sms_send']) fake.denyScopes.add(s);
    const denied = await larkDoctor(config({ URGENT_CHANNELS: 'app,sms' }));
    expect(denied.filter((c) => c.status === 'fail').map((c) => c.name)).toEqual([
      '飞书权限：以应用身份发消息（发送卡片和通知）（im:message:send_as_bot 或 im:message）',
      '飞书权限：短信加急（预警升级到最高级时，URGENT_CHANNELS 含 sms）（im:message.urgent:sms 或 im:message.urgent:sms_send）',
    ]);
    expect(byName(denied, '以应用身份发消息').fix).toContain('API 权限 中搜索并开通 im:message、im:message:send_as_bot（任选其一即可）');
    expect(byName(denied, '应用内加急').status).toBe('ok');
  });

  it('a request URL that is not this app with these keys fails, naming the Encrypt Key on a 401; nothing listening fails too', async () => {
    await withOtherApp(webhookRoutes('some-other-encrypt-key', TOKEN), async (other) => {
      const events = byName(await larkDoctor(config({ PUBLIC_URL: other })), '事件请求地址');
      expect(events).toMatchObject({ status: 'fail', detail: expect.stringContaining('HTTP 401') });
      expect(events.fix).toContain('事件与回调 → 事件配置 → 请求地址');
      expect(events.fix).toContain('Encrypt Key');
    });
    const nobody = byName(await larkDoctor(config({ PUBLIC_URL: 'http://127.0.0.1:9' })), '卡片回调请求地址');
    expect(nobody).toMatchObject({ status: 'fail', detail: expect.stringContaining('无法连接') });
    expect(nobody.fix).toContain('回调配置 → 请求地址 填 http://127.0.0.1:9/lark/cards');
  });

  it('without PUBLIC_URL it says where to fill in the request URLs (a hint); in ws mode no public address is needed', async () => {
    const env = { LARK_APP_ID: APP_ID, LARK_APP_SECRET: SECRET, LARK_ENCRYPT_KEY: ENCRYPT_KEY, LARK_DOMAIN: fake.url };
    const noUrl = await larkDoctor(loadConfig(env));
    expect(byName(noUrl, '飞书请求地址')).toMatchObject({ status: 'warn', fix: expect.stringContaining('事件与回调 → 事件配置 → 请求地址 填 https://你的地址/lark/events') });
    expect(doctorExitCode(noUrl)).toBe(0);
    const ws = await larkDoctor(loadConfig({ ...env, LARK_MODE: 'ws' }));
    expect(byName(ws, '事件接收方式')).toMatchObject({ status: 'ok', detail: expect.stringContaining('长连接') });
  });
});
