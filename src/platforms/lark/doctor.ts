import { randomBytes } from 'node:crypto';
import type { UrgentChannel } from '../../bot/messaging-port.js';
import type { Config } from '../../config.js';
import { baseUrl, doctorFetch, fail, ok, unreachable, warn, type DoctorCheck, type DoctorFetch } from '../doctor-check.js';
import { encryptLark } from './signature.js';
import { LARK_CARDS_PATH, LARK_EVENTS_PATH } from './webhook.js';

// `npm run doctor` for Lark: each check is a real, harmless call to the configured open platform
// (LARK_DOMAIN) or to this app's public address, and says where to click when it fails.

type LarkConfig = Pick<Config, 'URGENT_CHANNELS' | 'LARK_TASKS' | 'LARK_APP_ID' | 'LARK_APP_SECRET' | 'LARK_DOMAIN' | 'LARK_MODE' | 'LARK_ENCRYPT_KEY' | 'LARK_VERIFICATION_TOKEN' | 'PUBLIC_URL'>;

/** Lark's code when the app lacks a scope; its msg names the scopes that would do. */
const SCOPE_MISSING = 99991672;
/** Lark's bot activate_status when the bot is enabled in the tenant (0 待安装, 1 停用, 2 启用, 3 待启用…). */
const BOT_ACTIVE = 2;
/** Codes of a refused or expired tenant token: the probe said nothing about the scope. */
const TOKEN_REFUSED = [99991661, 99991663, 99991664, 99991668];

const CONSOLE = '飞书开放平台（open.feishu.cn/app）→ 你的应用';
const PUBLISH = '，然后在 应用发布 → 版本管理与发布 中创建版本并发布（管理员审核通过后生效）';

interface ScopeProbe {
  name: string;
  /** The scopes any one of which allows the call, as Lark's API reference lists them. */
  scopes: string[];
  method: 'POST' | 'PATCH';
  path: string;
  body: unknown;
  /** The call is about something that does not exist: any refusal but 99991672 means the scope passed. */
  refusedAnyway?: boolean;
}

const PROBE_MOBILE = '13800000000';
const PROBE_MESSAGE = 'om_doctor0000000000000000000000000';

/** Urgent (加急) per channel of URGENT_CHANNELS: app and sms as Lark's API reference lists them, phone by analogy (unverified). */
const URGENT_SCOPES: Record<UrgentChannel, { label: string; scopes: string[] }> = {
  app: { label: '应用内加急', scopes: ['im:message.urgent', 'im:message.urgent:app_send'] },
  sms: { label: '短信加急', scopes: ['im:message.urgent:sms', 'im:message.urgent:sms_send'] },
  phone: { label: '电话加急', scopes: ['im:message.urgent:phone', 'im:message.urgent:phone_send'] },
};

/**
 * The permissions the features need, each probed by a call that changes nothing (a lookup of a
 * mobile no one has; a send to, or buzz of, a message that does not exist): Lark refuses a call
 * without its scope with code 99991672, naming the scopes that would do.
 */
export function larkScopeProbes(urgentChannels: readonly UrgentChannel[], tasks = false): ScopeProbe[] {
  return [
    {
      name: '以应用身份发消息（发送卡片和通知）',
      scopes: ['im:message:send_as_bot', 'im:message'],
      method: 'POST',
      path: '/open-apis/im/v1/messages?receive_id_type=chat_id',
      body: { receive_id: 'oc_doctor0000000000000000000000000', msg_type: 'text', content: JSON.stringify({ text: 'npm run doctor' }) },
      refusedAnyway: true,
    },
    {
      name: '通过手机号或邮箱获取用户 ID（人员关联）',
      scopes: ['contact:user.id:readonly'],
      method: 'POST',
      path: '/open-apis/contact/v3/users/batch_get_id?user_id_type=open_id',
      body: { mobiles: [PROBE_MOBILE], include_resigned: false },
    },
    ...urgentChannels.map((channel): ScopeProbe => ({
      name: `${URGENT_SCOPES[channel].label}（预警升级到最高级时，URGENT_CHANNELS 含 ${channel}）`,
      scopes: URGENT_SCOPES[channel].scopes,
      method: 'PATCH',
      path: `/open-apis/im/v1/messages/${PROBE_MESSAGE}/urgent_${channel}?user_id_type=open_id`,
      body: { user_id_list: ['ou_doctor0000000000000000000000000'] },
      refusedAnyway: true,
    })),
    // LARK_TASKS: an update of a task that does not exist.
    ...(tasks
      ? [{
          name: '飞书任务（LARK_TASKS：职责同步为本人的任务）',
          scopes: ['task:task:write', 'task:task'],
          method: 'PATCH' as const,
          path: '/open-apis/task/v2/tasks/doctor-nonexistent-task?user_id_type=open_id',
          body: { task: { summary: 'npm run doctor' }, update_fields: ['summary'] },
          refusedAnyway: true,
        }]
      : []),
  ];
}

interface LarkBody {
  code?: unknown;
  msg?: unknown;
  tenant_access_token?: unknown;
  bot?: { activate_status?: unknown; app_name?: unknown };
  error?: { permission_violations?: { subject?: unknown }[] };
}

const said = (b: LarkBody, status: number) => `HTTP ${status}，code ${String(b.code ?? '-')} ${String(b.msg ?? '')}`.trim();

/** The checks of the Lark app configured by LARK_APP_ID / LARK_APP_SECRET. */
export async function larkDoctor(config: LarkConfig, fetch: DoctorFetch = doctorFetch): Promise<DoctorCheck[]> {
  const api = baseUrl(config.LARK_DOMAIN);
  const checks: DoctorCheck[] = [];

  const token = await tenantToken(api, config, fetch, checks);
  if (token) {
    checks.push(await botCheck(api, token, fetch));
    for (const probe of larkScopeProbes(config.URGENT_CHANNELS, config.LARK_TASKS)) checks.push(await scopeCheck(api, token, probe, fetch));
  }
  checks.push(...(await callbackChecks(config, fetch)));
  return checks;
}

async function tenantToken(api: string, config: LarkConfig, fetch: DoctorFetch, checks: DoctorCheck[]): Promise<string | null> {
  const name = '飞书应用凭证（App ID / App Secret）';
  const fix = `在 ${CONSOLE} → 凭证与基础信息 核对 App ID 和 App Secret，与 LARK_APP_ID / LARK_APP_SECRET 一致`;
  try {
    const res = await fetch(`${api}/open-apis/auth/v3/tenant_access_token/internal`, { method: 'POST', body: { app_id: config.LARK_APP_ID, app_secret: config.LARK_APP_SECRET } });
    const b = (res.body ?? {}) as LarkBody;
    if (b.code === 0 && typeof b.tenant_access_token === 'string') {
      checks.push(ok(name, `${api} 已签发 tenant_access_token`));
      return b.tenant_access_token;
    }
    checks.push(fail(name, said(b, res.status), fix));
  } catch (err) {
    checks.push(fail(name, unreachable(err), `检查 LARK_DOMAIN（${api}）和本机的网络、代理设置`));
  }
  checks.push(warn('飞书机器人与权限', '凭证未通过，未检查'));
  return null;
}

async function botCheck(api: string, token: string, fetch: DoctorFetch): Promise<DoctorCheck> {
  const name = '飞书机器人能力';
  const fix = `在 ${CONSOLE} → 应用能力 → 添加应用能力 → 机器人${PUBLISH}`;
  try {
    const res = await fetch(`${api}/open-apis/bot/v3/info`, { method: 'GET', headers: { authorization: `Bearer ${token}` } });
    const b = (res.body ?? {}) as LarkBody;
    if (b.code === 0 && b.bot?.activate_status === BOT_ACTIVE) return ok(name, `机器人「${String(b.bot.app_name ?? '')}」已启用`);
    const detail = b.code === 0 ? `机器人未启用（activate_status ${String(b.bot?.activate_status ?? '无')}）` : said(b, res.status);
    return fail(name, detail, fix);
  } catch (err) {
    return fail(name, unreachable(err), fix);
  }
}

async function scopeCheck(api: string, token: string, probe: ScopeProbe, fetch: DoctorFetch): Promise<DoctorCheck> {
  const name = `飞书权限：${probe.name}（${probe.scopes.join(' 或 ')}）`;
  try {
    const res = await fetch(`${api}${probe.path}`, { method: probe.method, headers: { authorization: `Bearer ${token}` }, body: probe.body });
    const b = (res.body ?? {}) as LarkBody;
    if (b.code === 0) return ok(name, '已开通');
    if (b.code === SCOPE_MISSING) {
      const named = (b.error?.permission_violations ?? []).map((v) => String(v.subject ?? '')).filter(Boolean);
      const scopes = (named.length > 0 ? named : probe.scopes).join('、');
      return fail(name, `未开通：${String(b.msg ?? '')}`.trim(), `在 ${CONSOLE} → 开发配置 → 权限管理 → API 权限 中搜索并开通 ${scopes}（任选其一即可）${PUBLISH}`);
    }
    // Refused for what was asked (no such chat or message), past the scope check; a refused token is not that.
    if (probe.refusedAnyway && typeof b.code === 'number' && !TOKEN_REFUSED.includes(b.code)) return ok(name, `已开通（探测对象不存在，飞书答 code ${b.code}）`);
    return warn(name, `无法判断：${said(b, res.status)}`);
  } catch (err) {
    return warn(name, `无法判断：${unreachable(err)}`);
  }
}

/** Webhook mode: PUBLIC_URL's /lark/events and /lark/cards answer Lark's url_verification as Lark checks it. */
async function callbackChecks(config: LarkConfig, fetch: DoctorFetch): Promise<DoctorCheck[]> {
  const where = `${CONSOLE} → 开发配置 → 事件与回调`;
  if (config.LARK_MODE === 'ws') {
    return [ok('飞书事件接收方式', `长连接模式，无需公网地址（在 ${where} 的“事件配置”和“回调配置”中均选择“使用长连接接收事件/回调”）`)];
  }
  if (!config.PUBLIC_URL) {
    return [
      warn(
        '飞书请求地址',
        '未设置 PUBLIC_URL，无法检查飞书能否访问本服务',
        `在 ${where} → 事件配置 → 请求地址 填 https://你的地址${LARK_EVENTS_PATH}，回调配置 → 请求地址 填 https://你的地址${LARK_CARDS_PATH}；设置 PUBLIC_URL 后本命令会代飞书验证这两个地址`,
      ),
    ];
  }
  const checks: DoctorCheck[] = [];
  for (const [label, path, tab] of [['事件', LARK_EVENTS_PATH, '事件配置'], ['卡片回调', LARK_CARDS_PATH, '回调配置']] as const) {
    const url = `${baseUrl(config.PUBLIC_URL)}${path}`;
    checks.push(await challengeCheck(`飞书${label}请求地址 ${url}`, url, config, fetch, `先启动本服务（同一份配置），确认从公网能访问该地址（反向代理把 ${path} 转给本服务），再在 ${where} → ${tab} → 请求地址 填 ${url} 并保存`));
  }
  return checks;
}

async function challengeCheck(name: string, url: string, config: LarkConfig, fetch: DoctorFetch, fix: string): Promise<DoctorCheck> {
  const challenge = `doctor-${randomBytes(8).toString('hex')}`;
  const payload = JSON.stringify({ challenge, token: config.LARK_VERIFICATION_TOKEN ?? '', type: 'url_verification' });
  // The app refuses to start in webhook mode without an encrypt key, so Lark always encrypts the challenge.
  const body = config.LARK_ENCRYPT_KEY ? { encrypt: encryptLark(payload, config.LARK_ENCRYPT_KEY) } : JSON.parse(payload);
  try {
    const res = await fetch(url, { method: 'POST', body });
    const answer = (res.body ?? {}) as { challenge?: unknown; message?: unknown };
    if (res.status === 200 && answer.challenge === challenge) return ok(name, '已按飞书的方式答复 url_verification');
    const detail = `HTTP ${res.status} ${typeof answer.message === 'string' ? answer.message : ''}`.trim();
    const keyFix = res.status === 401 ? '；401 说明本服务的 LARK_ENCRYPT_KEY / LARK_VERIFICATION_TOKEN 与此处不同，应与 事件与回调 → 加密策略 中的 Encrypt Key / Verification Token 一致' : '';
    return fail(name, `答复不对：${detail}`, fix + keyFix);
  } catch (err) {
    return fail(name, unreachable(err), fix);
  }
}
