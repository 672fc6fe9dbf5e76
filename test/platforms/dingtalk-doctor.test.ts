import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { systemClock } from '../../src/lib/clock.js';
import { doctorExitCode } from '../../src/platforms/doctor-check.js';
import { DINGTALK_PROBE_USER, dingtalkDoctor } from '../../src/platforms/dingtalk/doctor.js';
import { createDingTalkInbound } from '../../src/platforms/dingtalk/events.js';
import { dingtalkHttpRouter } from '../../src/platforms/dingtalk/http.js';
import { captureLogger } from '../support/capture-logger.js';
import { checkNamed, useServedRoutes, withOtherApp } from '../support/doctor.js';
import { FAKE_DT_CLIENT_ID, FAKE_DT_CLIENT_SECRET, FakeDingTalk } from '../support/fake-dingtalk.js';

// `npm run doctor` for DingTalk, against the fake on both hosts and this app's real HTTP callback routes.

/** The app's HTTP-mode routes as main.ts builds them, signed with `appSecret`; what they dispatch is kept in `dispatched`. */
function callbackRoutes(appSecret: string, dispatched: unknown[] = []) {
  const { logger } = captureLogger('silent');
  const inbound = createDingTalkInbound({
    dispatch: async (e) => void dispatched.push(e),
    answer: async () => undefined,
    confirm: async () => undefined,
    logger,
    clock: systemClock,
  });
  return dingtalkHttpRouter({ inbound, appSecret, logger, clock: systemClock });
}

const byName = checkNamed;

describe('npm run doctor: DingTalk (fake DingTalk)', () => {
  let fake: FakeDingTalk;
  const dispatched: unknown[] = [];
  const app = useServedRoutes(() => callbackRoutes(FAKE_DT_CLIENT_SECRET, dispatched));
  const config = (env: Record<string, string> = {}) =>
    loadConfig({ DINGTALK_CLIENT_ID: FAKE_DT_CLIENT_ID, DINGTALK_CLIENT_SECRET: FAKE_DT_CLIENT_SECRET, DINGTALK_API_URL: fake.url, DINGTALK_OAPI_URL: fake.url, ...env });
  const http = (env: Record<string, string> = {}) => config({ DINGTALK_MODE: 'http', PUBLIC_URL: app.base, DINGTALK_CARD_TEMPLATE_ID: 'tpl.case', ...env });

  beforeAll(async () => {
    fake = await FakeDingTalk.start();
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.reset();
    // DingTalk knows no such user: a robot message to it reaches no one.
    fake.invalidStaffIds.add(DINGTALK_PROBE_USER);
  });

  it('stream mode, everything granted: both tokens, the mobile lookup permission, and no public address needed', async () => {
    const checks = await dingtalkDoctor(config());
    expect(checks.map((c) => [c.name, c.status])).toEqual([
      ['钉钉应用凭证（新版接口 accessToken）', 'ok'],
      ['钉钉应用凭证（旧版接口 access_token）', 'ok'],
      [`钉钉机器人发消息（RobotCode ${FAKE_DT_CLIENT_ID}，权限 qyapi_robot_sendmsg）`, 'ok'],
      ['钉钉机器人发送互动卡片（普通版，DINGTALK_CARDS=standard）', 'ok'],
      ['钉钉权限：根据手机号获取成员基本信息（qyapi_get_member_by_mobile，人员关联）', 'ok'],
      ['钉钉消息接收方式', 'ok'],
    ]);
    expect(byName(checks, '消息接收方式').detail).toContain('无需公网地址');
    expect(doctorExitCode(checks)).toBe(0);
    expect(fake.apiRequests().map((r) => r.path)).toEqual(['/v1.0/robot/oToMessages/batchSend', '/v1.0/im/v1.0/robot/interactiveCards/send', '/topapi/v2/user/getbymobile']);
    expect(fake.messages).toEqual([]);
  });

  it('HTTP mode with PUBLIC_URL: registers the card callback route as the app does, and both routes take a signed request and refuse an unsigned one', async () => {
    const checks = await dingtalkDoctor(http());
    expect(checks.every((c) => c.status === 'ok')).toBe(true);
    expect(checks.map((c) => c.name)).toEqual(
      expect.arrayContaining([`钉钉卡片回调地址注册（${app.base}/dingtalk/cards）`, `钉钉回调地址 ${app.base}/dingtalk/robot`, `钉钉回调地址 ${app.base}/dingtalk/cards`]),
    );
    expect(Object.fromEntries(fake.callbackRoutes)).toEqual({ xinfang: { callbackUrl: `${app.base}/dingtalk/cards`, apiSecret: FAKE_DT_CLIENT_SECRET } });
    // The probe is not a message: nothing reaches the dispatcher.
    expect(dispatched).toEqual([]);
  });

  it('a wrong secret: both credential checks fail with where to check AppKey and AppSecret, exit code 1', async () => {
    const checks = await dingtalkDoctor(config({ DINGTALK_CLIENT_SECRET: 'not-the-secret' }));
    const creds = checks.filter((c) => c.name.startsWith('钉钉应用凭证'));
    expect(creds.map((c) => c.status)).toEqual(['fail', 'fail']);
    expect(creds[0]!.detail).toContain('无效的clientId或者clientSecret');
    expect(creds[0]!.fix).toContain('凭证与基础信息 核对 Client ID（AppKey）和 Client Secret（AppSecret）');
    expect(checks.some((c) => c.name.includes('qyapi_get_member_by_mobile'))).toBe(false);
    expect(doctorExitCode(checks)).toBe(1);
  });

  it('the mobile lookup permission not granted: a permission error (not "user not found") names what to apply for', async () => {
    fake.deniedPermissions.add('qyapi_get_member_by_mobile');
    const checks = await dingtalkDoctor(config());
    const lookup = byName(checks, 'qyapi_get_member_by_mobile');
    expect(lookup).toMatchObject({ status: 'fail', detail: expect.stringContaining('60011') });
    expect(lookup.fix).toContain('权限管理 中搜索“根据手机号获取成员基本信息权限”（qyapi_get_member_by_mobile）');
    expect(doctorExitCode(checks)).toBe(1);
  });

  it('issue 16: the standard interactive cards refused (no permission): said, with where to grant it and what happens meanwhile; not probed with a template or DINGTALK_CARDS=actioncard', async () => {
    fake.deniedPermissions.add('robot_interactive_card');
    const denied = byName(await dingtalkDoctor(config()), '互动卡片');
    expect(denied).toMatchObject({ status: 'fail', detail: expect.stringContaining('HTTP 403') });
    expect(denied.fix).toContain('权限管理 中搜索“互动卡片”');
    expect(denied.fix).toContain('未开通前卡片会改发普通消息');
    for (const other of [config({ DINGTALK_CARDS: 'actioncard' }), config({ DINGTALK_CARD_TEMPLATE_ID: 'town-card.schema' })]) {
      expect((await dingtalkDoctor(other)).map((c) => c.name).filter((n) => n.includes('互动卡片（普通版'))).toEqual([]);
    }
  });

  it('issue 16: with DINGTALK_TODO the 待办 permission is probed on a 待办 that does not exist; refused, it says where to grant it', async () => {
    expect((await dingtalkDoctor(config())).some((c) => c.name.includes('钉钉待办'))).toBe(false);
    expect(byName(await dingtalkDoctor(config({ DINGTALK_TODO: 'true' })), '钉钉待办').status).toBe('ok');
    fake.deniedPermissions.add('todo');
    const denied = byName(await dingtalkDoctor(config({ DINGTALK_TODO: 'true' })), '钉钉待办');
    expect(denied).toMatchObject({ status: 'fail', detail: expect.stringContaining('HTTP 403') });
    expect(denied.fix).toContain('权限管理 中搜索“待办”');
  });

  it('the robot send permission not granted, or a wrong robot code: each says where to fix it', async () => {
    fake.deniedPermissions.add('qyapi_robot_sendmsg');
    const denied = byName(await dingtalkDoctor(config()), '钉钉机器人发消息');
    expect(denied).toMatchObject({ status: 'fail', detail: expect.stringContaining('HTTP 403 Forbidden.AccessDenied.AccessTokenPermissionDenied') });
    expect(denied.fix).toContain('权限管理 中搜索“企业内机器人发送消息权限”（qyapi_robot_sendmsg）');
    fake.deniedPermissions.clear();
    const wrongCode = byName(await dingtalkDoctor(config({ DINGTALK_ROBOT_CODE: 'dingwrongrobotcode' })), '钉钉机器人发消息');
    expect(wrongCode).toMatchObject({ status: 'fail', detail: expect.stringContaining('invalid.chatbotId') });
    expect(wrongCode.fix).toContain('应用能力 → 机器人 查看 RobotCode，设为 DINGTALK_ROBOT_CODE');
  });

  it('the card callback registration refused: says which permission to open', async () => {
    fake.failNext(1, 403, { code: 'Forbidden.AccessDenied.AccessTokenPermissionDenied', message: '没有调用该接口的权限', path: /callbacks\/register/ });
    const register = byName(await dingtalkDoctor(http()), '卡片回调地址注册');
    expect(register).toMatchObject({ status: 'fail', detail: expect.stringContaining('HTTP 403 Forbidden.AccessDenied.AccessTokenPermissionDenied') });
    expect(register.fix).toContain('互动卡片');
    expect(fake.callbackRoutes.size).toBe(0);
  });

  it('a running app with another secret refuses the signed request: says to restart it with the same configuration', async () => {
    await withOtherApp(callbackRoutes('a-different-app-secret'), async (other) => {
      const robot = byName(await dingtalkDoctor(http({ PUBLIC_URL: other })), '/dingtalk/robot');
      expect(robot).toMatchObject({ status: 'fail', detail: '签名的请求被拒绝 (HTTP 401)' });
      expect(robot.fix).toContain('DINGTALK_CLIENT_SECRET');
    });
    const nobody = byName(await dingtalkDoctor(http({ PUBLIC_URL: 'http://127.0.0.1:9' })), '/dingtalk/robot');
    expect(nobody).toMatchObject({ status: 'fail', detail: expect.stringContaining('无法连接') });
    expect(nobody.fix).toContain('消息接收地址填 http://127.0.0.1:9/dingtalk/robot');
  });

  it('HTTP mode without PUBLIC_URL: a hint where to set the robot address; without a template no registration is needed', async () => {
    const noUrl = await dingtalkDoctor(config({ DINGTALK_MODE: 'http' }));
    expect(byName(noUrl, 'HTTP 回调地址')).toMatchObject({ status: 'warn', fix: expect.stringContaining('消息接收地址填 https://你的地址/dingtalk/robot') });
    const noTemplate = await dingtalkDoctor(config({ DINGTALK_MODE: 'http', PUBLIC_URL: app.base }));
    expect(byName(noTemplate, '卡片回调地址注册')).toMatchObject({ status: 'ok', detail: expect.stringContaining('无需注册') });
    expect(fake.callbackRoutes.size).toBe(0);
  });
});
