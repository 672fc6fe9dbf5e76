import type { Config } from '../../config.js';
import { doctorFetch, fail, ok, unreachable, warn, type DoctorCheck, type DoctorFetch } from '../doctor-check.js';
import { appAccessToken, legacyAccessToken, type DingTalkApp } from './access-token.js';
import { CARD_CALLBACK_ROUTE_KEY } from './card-callback-route.js';
import { baseUrl } from './fetch-json.js';
import { DINGTALK_CARDS_PATH, DINGTALK_ROBOT_PATH } from './http.js';
import { DingTalkSendError } from './send-error.js';
import { dingtalkSignature } from './signature.js';

// `npm run doctor` for DingTalk: real, harmless calls to the configured hosts (DINGTALK_API_URL,
// DINGTALK_OAPI_URL) and, in HTTP mode, to this app's public address; each failure says where to click.

type DingTalkConfig = Pick<
  Config,
  'DINGTALK_CLIENT_ID' | 'DINGTALK_CLIENT_SECRET' | 'DINGTALK_ROBOT_CODE' | 'DINGTALK_API_URL' | 'DINGTALK_OAPI_URL' | 'DINGTALK_MODE' | 'DINGTALK_CARD_TEMPLATE_ID' | 'DINGTALK_FORM_TEMPLATE_ID' | 'DINGTALK_CARDS' | 'DINGTALK_TODO' | 'PUBLIC_URL'
>;

const CONSOLE = '钉钉开发者后台（open-dev.dingtalk.com）→ 应用开发 → 企业内部应用 → 你的应用';
const PUBLISH = '，然后在 版本管理与发布 中发布新版本';
/** The permission of user lookup by mobile (topapi/v2/user/getbymobile), as DingTalk's console names it. */
export const DINGTALK_MOBILE_PERMISSION = 'qyapi_get_member_by_mobile';
/** The permission of robot messages (oToMessages/batchSend, groupMessages/send). */
export const DINGTALK_SEND_PERMISSION = 'qyapi_robot_sendmsg';
/** A userId no organisation has: a robot message to it reaches no one (DingTalk lists it in invalidStaffIdList). */
export const DINGTALK_PROBE_USER = 'doctor-nonexistent-user-0000';
/** getbymobile's errcode when no one has the mobile: the call itself was allowed. */
const NOT_FOUND = 60121;
/** The legacy host's errcode of a call the app has no permission for. */
const NO_PERMISSION = 60011;

/** The checks of the DingTalk app configured by DINGTALK_CLIENT_ID / DINGTALK_CLIENT_SECRET. */
export async function dingtalkDoctor(config: DingTalkConfig, fetch: DoctorFetch = doctorFetch): Promise<DoctorCheck[]> {
  const app: DingTalkApp = { clientId: config.DINGTALK_CLIENT_ID!, clientSecret: config.DINGTALK_CLIENT_SECRET! };
  const checks: DoctorCheck[] = [];
  const credentialsFix = `在 ${CONSOLE} → 凭证与基础信息 核对 Client ID（AppKey）和 Client Secret（AppSecret），与 DINGTALK_CLIENT_ID / DINGTALK_CLIENT_SECRET 一致`;
  const token = await issued('钉钉应用凭证（新版接口 accessToken）', appAccessToken(config.DINGTALK_API_URL, app, fetch), credentialsFix, checks);
  const legacy = await issued('钉钉应用凭证（旧版接口 access_token）', legacyAccessToken(config.DINGTALK_OAPI_URL, app, fetch), credentialsFix, checks);
  if (token) checks.push(await robotSendCheck(config, token, fetch));
  if (token && config.DINGTALK_CARDS === 'standard' && !config.DINGTALK_CARD_TEMPLATE_ID) checks.push(await standardCardCheck(config, token, fetch));
  if (token && config.DINGTALK_TODO) checks.push(await todoCheck(config, token, fetch));
  if (legacy) checks.push(await mobileLookupCheck(config, legacy, fetch));
  if (config.DINGTALK_MODE === 'stream') {
    checks.push(ok('钉钉消息接收方式', `Stream 模式，无需公网地址（${CONSOLE} → 应用能力 → 机器人 → 消息接收模式 选“Stream 模式”）`));
    return checks;
  }
  if (!config.PUBLIC_URL) {
    checks.push(
      warn(
        '钉钉 HTTP 回调地址',
        '未设置 PUBLIC_URL，无法检查钉钉能否访问本服务；使用卡片模板时卡片点击也无法回调',
        `设置 PUBLIC_URL 为本服务的公网地址，并在 ${CONSOLE} → 应用能力 → 机器人 → 消息接收模式 选“HTTP 模式”，消息接收地址填 https://你的地址${DINGTALK_ROBOT_PATH}`,
      ),
    );
    return checks;
  }
  if (token) checks.push(await cardRouteCheck(config, token, fetch));
  for (const path of [DINGTALK_ROBOT_PATH, DINGTALK_CARDS_PATH]) checks.push(await signedRouteCheck(config, path, fetch));
  return checks;
}

async function issued(name: string, issue: () => Promise<{ token: string }>, fix: string, checks: DoctorCheck[]): Promise<string | null> {
  try {
    const { token } = await issue();
    checks.push(ok(name));
    return token;
  } catch (err) {
    const detail = err instanceof DingTalkSendError && err.status === null ? unreachable(err) : String((err as Error).message ?? err);
    checks.push(fail(name, detail, err instanceof DingTalkSendError && err.status === null ? '检查 DINGTALK_API_URL / DINGTALK_OAPI_URL 和本机的网络、代理设置' : fix));
    return null;
  }
}

/** A robot message to a userId no one has: the robot code and the send permission are checked, and no one receives anything. */
async function robotSendCheck(config: DingTalkConfig, token: string, fetch: DoctorFetch): Promise<DoctorCheck> {
  const robotCode = config.DINGTALK_ROBOT_CODE ?? config.DINGTALK_CLIENT_ID!;
  const name = `钉钉机器人发消息（RobotCode ${robotCode}，权限 ${DINGTALK_SEND_PERMISSION}）`;
  try {
    const res = await fetch(`${baseUrl(config.DINGTALK_API_URL)}/v1.0/robot/oToMessages/batchSend`, {
      method: 'POST',
      headers: { 'x-acs-dingtalk-access-token': token },
      body: { robotCode, userIds: [DINGTALK_PROBE_USER], msgKey: 'sampleText', msgParam: JSON.stringify({ content: 'npm run doctor' }) },
    });
    const b = apiError(res.body);
    if (res.status >= 200 && res.status < 300) return ok(name, '已开通（探测发给一个不存在的用户，无人收到）');
    const detail = `HTTP ${res.status} ${b.said}`.trim();
    if (b.code.includes('chatbotId') || b.code.includes('robot')) {
      return fail(name, detail, `在 ${CONSOLE} → 应用能力 → 机器人 查看 RobotCode，设为 DINGTALK_ROBOT_CODE（企业内部应用一般与 AppKey 相同）；尚未添加机器人则在 添加应用能力 中添加机器人${PUBLISH}`);
    }
    if (res.status === 403 && !b.code.includes('Qps')) {
      return fail(name, detail, `在 ${CONSOLE} → 开发配置 → 权限管理 中搜索“企业内机器人发送消息权限”（${DINGTALK_SEND_PERMISSION}）并申请开通${PUBLISH}`);
    }
    return warn(name, `无法判断：${detail}`);
  } catch (err) {
    return warn(name, `无法判断：${unreachable(err)}`);
  }
}

/**
 * The cards of DINGTALK_CARDS=standard (POST /v1.0/im/v1.0/robot/interactiveCards/send), probed with a
 * card to a user no organisation has. Which console permission DingTalk names for this endpoint is
 * not settled by the sources read (docs/platforms/dingtalk-standard-card.md): the fix says where to look.
 */
async function standardCardCheck(config: DingTalkConfig, token: string, fetch: DoctorFetch): Promise<DoctorCheck> {
  const robotCode = config.DINGTALK_ROBOT_CODE ?? config.DINGTALK_CLIENT_ID!;
  const name = '钉钉机器人发送互动卡片（普通版，DINGTALK_CARDS=standard）';
  try {
    const res = await fetch(`${baseUrl(config.DINGTALK_API_URL)}/v1.0/im/v1.0/robot/interactiveCards/send`, {
      method: 'POST',
      headers: { 'x-acs-dingtalk-access-token': token },
      body: {
        cardTemplateId: 'StandardCard',
        cardBizId: `doctor${Date.now()}`,
        robotCode,
        cardData: JSON.stringify({ config: { autoLayout: true, enableForward: false }, header: { title: { type: 'text', text: 'npm run doctor' } }, contents: [] }),
        singleChatReceiver: JSON.stringify({ userId: DINGTALK_PROBE_USER }),
        sendOptions: {},
        pullStrategy: false,
      },
    });
    const b = apiError(res.body);
    if (res.status >= 200 && res.status < 300) return ok(name, '已开通（探测发给一个不存在的用户，无人收到）');
    const detail = `HTTP ${res.status} ${b.said}`.trim();
    if (res.status === 403 && !b.code.includes('Qps')) {
      return fail(
        name,
        detail,
        `在 ${CONSOLE} → 开发配置 → 权限管理 中搜索“互动卡片”，开通机器人发送互动卡片所需的权限（以开放平台“机器人发送互动卡片”接口文档所列为准）${PUBLISH}；未开通前卡片会改发普通消息，群里不带按钮（或设 DINGTALK_CARDS=actioncard）`,
      );
    }
    return warn(name, `无法判断：${detail}`);
  } catch (err) {
    return warn(name, `无法判断：${unreachable(err)}`);
  }
}

/** DINGTALK_TODO: a 待办 looked up by a sourceId no one used, for a unionId no one has; only a permission refusal fails. */
async function todoCheck(config: DingTalkConfig, token: string, fetch: DoctorFetch): Promise<DoctorCheck> {
  const name = '钉钉待办（DINGTALK_TODO：职责同步为本人的待办）';
  try {
    const res = await fetch(`${baseUrl(config.DINGTALK_API_URL)}/v1.0/todo/users/doctorNonexistentUnionId/tasks/sources/doctor`, {
      method: 'GET',
      headers: { 'x-acs-dingtalk-access-token': token },
    });
    const b = apiError(res.body);
    const detail = `HTTP ${res.status} ${b.said}`.trim();
    if (res.status === 403 && b.code.includes('PermissionDenied')) {
      return fail(name, detail, `在 ${CONSOLE} → 开发配置 → 权限管理 中搜索“待办”，开通待办的读写权限${PUBLISH}`);
    }
    return ok(name, '已开通（探测一个不存在的待办，未作任何修改）');
  } catch (err) {
    return warn(name, `无法判断：${unreachable(err)}`);
  }
}

/** The new API's error body ({code, message}), and the two as one line for a check's detail. */
function apiError(body: unknown): { code: string; said: string } {
  const b = (body ?? {}) as { code?: unknown; message?: unknown };
  const code = String(b.code ?? '');
  return { code, said: `${code} ${String(b.message ?? '')}`.trim() };
}

async function mobileLookupCheck(config: DingTalkConfig, legacyToken: string, fetch: DoctorFetch): Promise<DoctorCheck> {
  const name = `钉钉权限：根据手机号获取成员基本信息（${DINGTALK_MOBILE_PERMISSION}，人员关联）`;
  const fix = `在 ${CONSOLE} → 开发配置 → 权限管理 中搜索“根据手机号获取成员基本信息权限”（${DINGTALK_MOBILE_PERMISSION}）并申请开通${PUBLISH}`;
  try {
    // A mobile no one has: "user not found" proves the permission.
    const res = await fetch(`${baseUrl(config.DINGTALK_OAPI_URL)}/topapi/v2/user/getbymobile?access_token=${encodeURIComponent(legacyToken)}`, { method: 'POST', body: { mobile: '13800000000' } });
    const b = (res.body ?? {}) as { errcode?: unknown; errmsg?: unknown; sub_code?: unknown };
    const said = `errcode ${String(b.errcode ?? '-')} ${String(b.errmsg ?? '')}`.trim();
    if (b.errcode === 0 || b.errcode === NOT_FOUND) return ok(name, '已开通');
    if (b.errcode === NO_PERMISSION || String(b.sub_code ?? '') === String(NO_PERMISSION) || /权限|permission/i.test(String(b.errmsg ?? ''))) return fail(name, `未开通：${said}`, fix);
    return warn(name, `无法判断：HTTP ${res.status} ${said}`);
  } catch (err) {
    return warn(name, `无法判断：${unreachable(err)}`);
  }
}

/** With a card template the app registers PUBLIC_URL/dingtalk/cards at start: the same call, with the same values. */
async function cardRouteCheck(config: DingTalkConfig, token: string, fetch: DoctorFetch): Promise<DoctorCheck> {
  const callbackUrl = `${baseUrl(config.PUBLIC_URL!)}${DINGTALK_CARDS_PATH}`;
  const name = `钉钉卡片回调地址注册（${callbackUrl}）`;
  if (!config.DINGTALK_CARD_TEMPLATE_ID && !config.DINGTALK_FORM_TEMPLATE_ID) return ok(name.replace(/（.*/, ''), '未使用卡片模板，无需注册（互动卡片普通版在发送时带上回调地址）');
  const fix = `在 ${CONSOLE} → 开发配置 → 权限管理 中搜索“互动卡片”，开通注册卡片回调地址等互动卡片相关权限${PUBLISH}`;
  try {
    const res = await fetch(`${baseUrl(config.DINGTALK_API_URL)}/v1.0/card/callbacks/register`, {
      method: 'POST',
      headers: { 'x-acs-dingtalk-access-token': token },
      body: { callbackRouteKey: CARD_CALLBACK_ROUTE_KEY, callbackUrl, apiSecret: config.DINGTALK_CLIENT_SECRET, forceUpdate: true },
    });
    const b = (res.body ?? {}) as { code?: unknown; message?: unknown; accessdenieddetail?: { requiredPermissions?: unknown; requiredScopes?: unknown } };
    if (res.status >= 200 && res.status < 300) return ok(name, '注册成功');
    const required = [b.accessdenieddetail?.requiredPermissions, b.accessdenieddetail?.requiredScopes].flat().filter((v): v is string => typeof v === 'string');
    const detail = `HTTP ${res.status} ${String(b.code ?? '')} ${String(b.message ?? '')}`.trim() + (required.length > 0 ? `（需要 ${required.join('、')}）` : '');
    return fail(name, detail, res.status === 403 ? fix : `对照钉钉的答复检查 PUBLIC_URL（${config.PUBLIC_URL}）；${fix}`);
  } catch (err) {
    return fail(name, unreachable(err), '检查 DINGTALK_API_URL 和本机的网络、代理设置');
  }
}

/**
 * PUBLIC_URL + path answers as this app does: a request signed with the app secret is taken (200),
 * an unsigned one refused (401) — so the address reaches this app, with the same secret.
 */
async function signedRouteCheck(config: DingTalkConfig, path: string, fetch: DoctorFetch): Promise<DoctorCheck> {
  const url = `${baseUrl(config.PUBLIC_URL!)}${path}`;
  const name = `钉钉回调地址 ${url}`;
  const where = path === DINGTALK_ROBOT_PATH ? `，并在 ${CONSOLE} → 应用能力 → 机器人 → 消息接收模式 选“HTTP 模式”，消息接收地址填 ${url}` : '';
  const fix = `先启动本服务（同一份配置，DINGTALK_MODE=http），确认从公网能访问该地址（反向代理把 ${path} 转给本服务）${where}`;
  try {
    const timestamp = String(Date.now());
    const body = { doctor: '钉钉回调地址检查（npm run doctor），无需处理' };
    const signed = await fetch(url, { method: 'POST', headers: { timestamp, sign: dingtalkSignature(timestamp, config.DINGTALK_CLIENT_SECRET!) }, body });
    const unsigned = await fetch(url, { method: 'POST', body });
    if (signed.status === 200 && unsigned.status === 401) return ok(name, '签名的请求被接受，未签名的被拒绝');
    if (signed.status === 401) {
      return fail(name, '签名的请求被拒绝 (HTTP 401)', '运行中的服务使用的 DINGTALK_CLIENT_SECRET 与此处不同，或服务器时间不准（请启用 NTP）：用同一份配置重启服务');
    }
    return fail(name, `签名的请求 HTTP ${signed.status}，未签名的 HTTP ${unsigned.status}（应为 200 与 401）`, fix);
  } catch (err) {
    return fail(name, unreachable(err), fix);
  }
}
