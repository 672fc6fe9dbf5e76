import { URGENT_CHANNELS, type UrgentChannel } from './bot/messaging-port.js';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_STATEMENT_CACHE } from './db/statement-names.js';
import { DEFAULT_PAYLOAD_RETENTION, type PayloadRetention } from './domain/privacy/payload-retention.js';

const optionalUrl = (protocols: string[], label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || protocols.some((p) => v.startsWith(p)), {
      error: `${label} 必须以 ${protocols.join(' 或 ')} 开头`,
    });

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

/** An optional secret: unset or empty = off; set = at least 16 characters, so that it cannot be guessed. */
const optionalSecret = (name: string, purpose: string) =>
  optionalText.refine((v) => v === undefined || v.length >= 16, { error: `${name} 至少需要 16 个字符（${purpose}，请使用随机字符串，如 openssl rand -hex 24 的输出）` });

/** A whole number in [min, max] with a Chinese error naming the range; `overMax` explains the upper bound. */
const intSetting = (name: string, min: number, max: number, fallback: number, overMax = '') => {
  const error = `${name} 应为 ${min} 到 ${max} 的整数`;
  return z.coerce
    .number({ error })
    .int({ error })
    .min(min, { error })
    .max(max, { error: overMax ? `${error}（${overMax}）` : error })
    .default(fallback);
};

const LARK_FEISHU_URL = 'https://open.feishu.cn';

/** undefined → default; a known name or an http(s) URL → its base URL; anything else → null (refused). */
function larkDomainUrl(v: string | undefined): string | null | undefined {
  if (!v) return undefined;
  const name = v.toLowerCase();
  if (name === 'feishu') return LARK_FEISHU_URL;
  if (name === 'lark' || name === 'larksuite') return 'https://open.larksuite.com';
  return /^https?:\/\/[^\s/]+/.test(v) ? v.replace(/\/+$/, '') : null;
}

/** Environment variables, validated once at start-up. */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number({ error: 'PORT 必须是端口号' }).int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: optionalUrl(['postgresql://', 'postgres://'], 'DATABASE_URL'),
  /** The owner of the tables, for `npm run db:migrate` only: it migrates as this role and grants DATABASE_URL's role what the app needs. The app itself never uses it. */
  DATABASE_OWNER_URL: optionalUrl(['postgresql://', 'postgres://'], 'DATABASE_OWNER_URL'),
  DATA_DIR: z.string().default('./data'),
  /** R25: the key that signs the audit log, kept away from the database host; required with DATABASE_URL, else generated once in DATA_DIR/audit.key. */
  AUDIT_KEY: optionalText.refine((v) => v === undefined || v.length >= 32, {
    error: 'AUDIT_KEY 至少需要 32 个字符（审计日志签名密钥，请使用 openssl rand -hex 32 的输出，并妥善备份）',
  }),
  /** R25: the append-only file of the audit log's anchored heads; default DATA_DIR/audit-anchors.jsonl. */
  AUDIT_ANCHOR_FILE: optionalText,
  /** At most this many distinct SQL statements, each named on its second use, are prepared once per PostgreSQL connection (saves parsing and planning); 0 = off, for PgBouncer in transaction mode before 1.21. */
  DATABASE_STATEMENT_CACHE: intSetting('DATABASE_STATEMENT_CACHE', 0, 1000, DEFAULT_STATEMENT_CACHE),
  /** Redis of the BullMQ scheduler (worker role); unset = no timed reminders. */
  REDIS_URL: optionalUrl(['redis://', 'rediss://'], 'REDIS_URL'),
  /** Urgent channels at the top of an escalation ladder: app (in-app buzz), sms, phone; comma-separated, empty = none. */
  URGENT_CHANNELS: z
    .string()
    .default('app')
    .transform((v) => v.split(',').map((x) => x.trim()).filter(Boolean))
    .refine((list) => list.every((x) => (URGENT_CHANNELS as readonly string[]).includes(x)), { error: 'URGENT_CHANNELS 只能包含 app、sms、phone（逗号分隔）' })
    .transform((list) => [...new Set(list)] as UrgentChannel[]),
  /** Prefix of every queue key; a hash tag keeps them in one Redis Cluster slot (several townships may share a Redis). */
  QUEUE_PREFIX: z
    .string()
    .regex(/^\{[A-Za-z0-9_-]{1,40}\}$/, { error: 'QUEUE_PREFIX 须为花括号括起的字母、数字、下划线或短横线，如 {xinfang}' })
    .default('{xinfang}'),
  /** Password of the admin area (/admin/queues: Bull Board); unset = no admin area. */
  ADMIN_TOKEN: optionalSecret('ADMIN_TOKEN', '管理后台密码'),
  /** Bearer token that /metrics requires when set; unset = /metrics open to whoever reaches the port. */
  METRICS_TOKEN: optionalSecret('METRICS_TOKEN', '/metrics 的访问令牌'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** R24: days a delivered card or push keeps its content (names, numbers) in the database; 0 = none once delivered. Ids, status and times stay. */
  OUTBOUND_PAYLOAD_RETENTION_DAYS: intSetting('OUTBOUND_PAYLOAD_RETENTION_DAYS', 0, 365, DEFAULT_PAYLOAD_RETENTION.sentDays),
  /** R24: days an undelivered one keeps it (retries take hours), so that a failure can be looked into. */
  OUTBOUND_FAILED_PAYLOAD_RETENTION_DAYS: intSetting('OUTBOUND_FAILED_PAYLOAD_RETENTION_DAYS', 1, 365, DEFAULT_PAYLOAD_RETENTION.failedDays),
  /** Fill an empty embedded database with the demo township on first start (default: yes, embedded only). */
  SEED_DEMO: z
    .enum(['auto', 'true', 'false'], { error: 'SEED_DEMO 只能是 auto、true 或 false' })
    .default('auto'),
  /** The address users reach this server at (e.g. https://xinfang.example.gov.cn), for the console's Lark login redirect; default: the request's own. */
  PUBLIC_URL: optionalUrl(['http://', 'https://'], 'PUBLIC_URL'),
  /** Behind a reverse proxy that sets X-Forwarded-Proto/-Host/-For: believe them (https makes console cookies Secure). Only when nothing reaches the port but through the proxy. */
  TRUST_PROXY: z
    .enum(['true', 'false'], { error: 'TRUST_PROXY 只能是 true 或 false' })
    .default('false')
    .transform((v) => v === 'true'),
  /** The browser chat at /sandbox: auto = on with the embedded demo database when no chat platform is configured, for this machine only; true = on, open to the network; false = off. */
  SANDBOX: z
    .enum(['auto', 'true', 'false'], { error: 'SANDBOX 只能是 auto、true 或 false' })
    .default('auto'),
  // DingTalk: enabled when DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET are both set.
  DINGTALK_CLIENT_ID: optionalText,
  DINGTALK_CLIENT_SECRET: optionalText,
  /** The robot's code (机器人 RobotCode; for an enterprise internal app usually the same as the AppKey). */
  DINGTALK_ROBOT_CODE: optionalText,
  DINGTALK_MODE: z.enum(['stream', 'http'], { error: 'DINGTALK_MODE 只能是 stream 或 http' }).default('stream'),
  /** HTTP mode: how far a callback's signed timestamp may be from now; DingTalk signs only the timestamp, so the shorter the safer. */
  DINGTALK_CALLBACK_WINDOW_SECONDS: intSetting('DINGTALK_CALLBACK_WINDOW_SECONDS', 30, 3600, 300, '钉钉文档允许的最大时间差为 1 小时'),
  /** Sends per second the app keeps to: DingTalk allows 20 (标准版) / 40 (专业版) / 60 (专属版); default 15, under the smallest. */
  DINGTALK_APP_QPS: intSetting('DINGTALK_APP_QPS', 1, 60, 15, '钉钉专属版上限 60 次/秒'),
  /** The new OpenAPI host (api.dingtalk.com); another for 专属钉钉 / 政务钉钉 or a local fake. */
  DINGTALK_API_URL: optionalUrl(['http://', 'https://'], 'DINGTALK_API_URL').transform((v) => v ?? 'https://api.dingtalk.com'),
  /** The legacy host (oapi.dingtalk.com): user lookup by mobile. */
  DINGTALK_OAPI_URL: optionalUrl(['http://', 'https://'], 'DINGTALK_OAPI_URL').transform((v) => v ?? 'https://oapi.dingtalk.com'),
  /** Issue 16: each duty with a date also as a 待办 in the person's own DingTalk (needs the 待办 permission; `npm run doctor`). */
  DINGTALK_TODO: z
    .enum(['true', 'false'], { error: 'DINGTALK_TODO 只能是 true 或 false' })
    .default('false')
    .transform((v) => v === 'true'),
  /** An interactive card template made in DingTalk's card builder (…schema); without it cards degrade to ActionCards. */
  DINGTALK_CARD_TEMPLATE_ID: optionalText,
  /** A form template (inputs bound to a field list, render.ts DingTalkFormTemplateCard); without it forms are asked question by question in 1:1 chat. */
  DINGTALK_FORM_TEMPLATE_ID: optionalText,
  /**
   * Without a card template: `standard` sends 互动卡片普通版 (real buttons that call back, updated in
   * place; docs/platforms/dingtalk-standard-card.md), `actioncard` the older ActionCards whose
   * buttons post a text (which a group robot only receives when it is @-mentioned).
   */
  DINGTALK_CARDS: z.enum(['standard', 'actioncard'], { error: 'DINGTALK_CARDS 只能是 standard 或 actioncard' }).default('standard'),
  /** Issue 16: each duty with a date also as a task in the person's own Lark Tasks list (needs the task permission; `npm run doctor`). */
  LARK_TASKS: z
    .enum(['true', 'false'], { error: 'LARK_TASKS 只能是 true 或 false' })
    .default('false')
    .transform((v) => v === 'true'),
  // Lark (Feishu): enabled when LARK_APP_ID and LARK_APP_SECRET are both set.
  LARK_APP_ID: optionalText,
  LARK_APP_SECRET: optionalText,
  LARK_ENCRYPT_KEY: optionalText,
  LARK_VERIFICATION_TOKEN: optionalText,
  LARK_MODE: z.enum(['webhook', 'ws'], { error: 'LARK_MODE 只能是 webhook 或 ws' }).default('webhook'),
  /** 'feishu' (default), 'lark' (larksuite.com) or the URL of a private deployment / local fake. */
  LARK_DOMAIN: z
    .string()
    .trim()
    .optional()
    .transform((v) => larkDomainUrl(v))
    .refine((v) => v !== null, { error: 'LARK_DOMAIN 只能是 feishu、lark 或以 http:// / https:// 开头的地址' })
    .transform((v) => v ?? LARK_FEISHU_URL),
});

export type Config = z.infer<typeof configSchema>;

/** Where and how to open the database (`openDatabase`): PostgreSQL at DATABASE_URL, else embedded under DATA_DIR. */
export function databaseOptions(config: Config): { databaseUrl: string | undefined; dataDir: string; statementCache: number } {
  return { databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, statementCache: config.DATABASE_STATEMENT_CACHE };
}

/** R24: how long sent cards and pushes keep their content. */
export function payloadRetention(config: Config): PayloadRetention {
  return { sentDays: config.OUTBOUND_PAYLOAD_RETENTION_DAYS, failedDays: config.OUTBOUND_FAILED_PAYLOAD_RETENTION_DAYS };
}

/** R25: where the audit log's heads are anchored, outside the database. */
export function auditAnchorsPath(config: Pick<Config, 'AUDIT_ANCHOR_FILE' | 'DATA_DIR'>): string {
  return resolve(config.AUDIT_ANCHOR_FILE ?? join(config.DATA_DIR, 'audit-anchors.jsonl'));
}

/** DingTalk is switched on by its app credentials (AppKey / AppSecret of an enterprise internal app). */
export function dingtalkEnabled(config: Config): boolean {
  return Boolean(config.DINGTALK_CLIENT_ID && config.DINGTALK_CLIENT_SECRET);
}

/** Lark is switched on by its app credentials; everything else about it has defaults. */
export function larkEnabled(config: Config): boolean {
  return Boolean(config.LARK_APP_ID && config.LARK_APP_SECRET);
}

/**
 * The sandbox is on when asked for, or by default on the embedded demo database when no chat
 * platform is configured — never by itself against a real PostgreSQL, where acting as anyone
 * would reach real petitions. `auto` answers this machine only.
 */
export function sandboxMode(config: Config, database: 'embedded' | 'postgres'): 'off' | 'local' | 'open' {
  if (config.SANDBOX === 'true') return 'open';
  if (config.SANDBOX === 'false' || database !== 'embedded' || larkEnabled(config) || dingtalkEnabled(config)) return 'off';
  return 'local';
}

// Rules across variables, kept apart from `configSchema` so that it stays a plain, extendable object.
const checkedConfigSchema = configSchema.superRefine((c, ctx) => {
  if (c.OUTBOUND_FAILED_PAYLOAD_RETENTION_DAYS < c.OUTBOUND_PAYLOAD_RETENTION_DAYS) {
    ctx.addIssue({ code: 'custom', path: ['OUTBOUND_FAILED_PAYLOAD_RETENTION_DAYS'], message: 'OUTBOUND_FAILED_PAYLOAD_RETENTION_DAYS 不能小于 OUTBOUND_PAYLOAD_RETENTION_DAYS（未发出的消息至少与已发出的保留一样久）' });
  }
  if (Boolean(c.LARK_APP_ID) !== Boolean(c.LARK_APP_SECRET)) {
    ctx.addIssue({ code: 'custom', path: [c.LARK_APP_ID ? 'LARK_APP_SECRET' : 'LARK_APP_ID'], message: 'LARK_APP_ID 与 LARK_APP_SECRET 须同时设置 (set both or neither)' });
  }
  if (Boolean(c.DINGTALK_CLIENT_ID) !== Boolean(c.DINGTALK_CLIENT_SECRET)) {
    ctx.addIssue({ code: 'custom', path: [c.DINGTALK_CLIENT_ID ? 'DINGTALK_CLIENT_SECRET' : 'DINGTALK_CLIENT_ID'], message: 'DINGTALK_CLIENT_ID 与 DINGTALK_CLIENT_SECRET 须同时设置 (set both or neither)' });
  }
  if (!larkEnabled(c)) return;
  if (c.LARK_MODE === 'webhook' && !c.LARK_ENCRYPT_KEY) {
    ctx.addIssue({
      code: 'custom',
      path: ['LARK_ENCRYPT_KEY'],
      message:
        'Webhook 模式必须设置 LARK_ENCRYPT_KEY（飞书开放平台 → 事件与回调 → 加密策略 → Encrypt Key）：没有它就无法校验请求签名，任何人都能伪造事件和卡片回调；' +
        'SDK 对 v2 事件不校验 Verification Token，不能替代。' +
        ' (webhook mode needs LARK_ENCRYPT_KEY: without it requests cannot be authenticated, and the SDK does not check the verification token on v2 payloads.)',
    });
  }
  if (c.LARK_MODE === 'ws' && !/^cli_[0-9a-fA-F]{16}$/.test(c.LARK_APP_ID ?? '')) {
    ctx.addIssue({ code: 'custom', path: ['LARK_APP_ID'], message: '长连接（ws）模式下 LARK_APP_ID 须形如 cli_ 加 16 位十六进制字符，否则 SDK 不会连接 (must look like cli_ + 16 hex digits)' });
  }
});

export class ConfigError extends Error {}

/** Parses the environment; a wrong value stops start-up with every problem listed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = checkedConfigSchema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  - ${i.path.join('.') || '(env)'}: ${i.message}`);
  throw new ConfigError(`配置有误，无法启动 (invalid configuration):\n${lines.join('\n')}`);
}
