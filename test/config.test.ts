import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditKeyForApp, auditKeyForVerify } from '../src/db/audit/audit-key-source.js';
import { auditAnchorsPath, ConfigError, configSchema, databaseOptions, dingtalkEnabled, loadConfig, payloadRetention, sandboxMode } from '../src/config.js';

describe('configuration', () => {
  it('runs on embedded defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, DATA_DIR: './data', SEED_DEMO: 'auto', LOG_LEVEL: 'info' });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('takes a PostgreSQL URL and a port from the environment', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://u:p@db:5432/x', PORT: '8080' })).toMatchObject({ DATABASE_URL: 'postgresql://u:p@db:5432/x', PORT: 8080 });
  });

  it('stops start-up with every wrong value listed in a clear message', () => {
    const err = (() => {
      try {
        loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    const message = (err as Error).message;
    expect(message).toContain('配置有误');
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/DATABASE_URL 必须以 postgresql:\/\/ 或 postgres:\/\/ 开头/);
    expect(message).toMatch(/LOG_LEVEL/);
  });

  it('R18: the urgent channels of escalation ladders, the queue prefix and Redis are configuration, checked at start-up', () => {
    expect(loadConfig({})).toMatchObject({ URGENT_CHANNELS: ['app'], QUEUE_PREFIX: '{xinfang}' });
    expect(loadConfig({ URGENT_CHANNELS: 'app, sms,phone,sms', REDIS_URL: 'redis://cache:6379', QUEUE_PREFIX: '{town-a}' })).toMatchObject({
      URGENT_CHANNELS: ['app', 'sms', 'phone'],
      REDIS_URL: 'redis://cache:6379',
      QUEUE_PREFIX: '{town-a}',
    });
    expect(loadConfig({ URGENT_CHANNELS: '' }).URGENT_CHANNELS).toEqual([]);
    expect(() => loadConfig({ URGENT_CHANNELS: 'app,fax' })).toThrow(/URGENT_CHANNELS 只能包含 app、sms、phone/);
    expect(() => loadConfig({ QUEUE_PREFIX: 'xinfang' })).toThrow(/QUEUE_PREFIX/);
    expect(() => loadConfig({ REDIS_URL: 'http://cache' })).toThrow(/REDIS_URL 必须以 redis:\/\//);
  });

  it('the admin token and the metrics token are optional secrets of at least 16 characters', () => {
    const none = loadConfig({});
    expect(none.ADMIN_TOKEN).toBeUndefined();
    expect(none.METRICS_TOKEN).toBeUndefined();
    expect(loadConfig({ ADMIN_TOKEN: '', METRICS_TOKEN: '  ' })).toMatchObject({ ADMIN_TOKEN: undefined, METRICS_TOKEN: undefined });
    expect(loadConfig({ ADMIN_TOKEN: ' 0123456789abcdef ', METRICS_TOKEN: 'fedcba9876543210xyz' })).toMatchObject({ ADMIN_TOKEN: '0123456789abcdef', METRICS_TOKEN: 'fedcba9876543210xyz' });
    expect(() => loadConfig({ ADMIN_TOKEN: 'short-token' })).toThrow(/ADMIN_TOKEN 至少需要 16 个字符/);
    expect(() => loadConfig({ METRICS_TOKEN: '0123456789abcde' })).toThrow(/METRICS_TOKEN 至少需要 16 个字符/);
  });

  it('the sandbox is on for this machine by default on the embedded demo database when no chat platform is configured, open to the network only when asked, off when Lark is there', () => {
    expect(sandboxMode(loadConfig({}), 'embedded')).toBe('local');
    expect(sandboxMode(loadConfig({ SANDBOX: 'true' }), 'embedded')).toBe('open');
    expect(sandboxMode(loadConfig({ SANDBOX: 'false' }), 'embedded')).toBe('off');
    expect(sandboxMode(loadConfig({ LARK_APP_ID: 'cli_x', LARK_APP_SECRET: 's', LARK_ENCRYPT_KEY: 'k' }), 'embedded')).toBe('off');
    expect(() => loadConfig({ SANDBOX: 'yes' })).toThrow(/SANDBOX 只能是 auto、true 或 false/);
    expect(loadConfig({ PUBLIC_URL: 'https://xinfang.example.gov.cn' }).PUBLIC_URL).toBe('https://xinfang.example.gov.cn');
    expect(() => loadConfig({ PUBLIC_URL: 'xinfang.example.gov.cn' })).toThrow(/PUBLIC_URL 必须以 http:\/\/ 或 https:\/\/ 开头/);
  });

  it('never turns the sandbox on by itself against a real PostgreSQL (acting as anyone would reach real petitions): only SANDBOX=true does', () => {
    const postgres = { DATABASE_URL: 'postgresql://u:p@db:5432/xinfang' };
    expect(sandboxMode(loadConfig(postgres), 'postgres')).toBe('off');
    expect(sandboxMode(loadConfig({ ...postgres, SANDBOX: 'auto' }), 'postgres')).toBe('off');
    expect(sandboxMode(loadConfig({ ...postgres, SANDBOX: 'true' }), 'postgres')).toBe('open');
  });

  it('TRUST_PROXY: proxy headers are believed only when asked (then X-Forwarded-Proto: https makes console cookies Secure)', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(loadConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(() => loadConfig({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY 只能是 true 或 false/);
  });

  it('DingTalk is on with both credentials; hosts default to DingTalk\'s own and can point elsewhere (专属钉钉, a fake)', () => {
    const c = loadConfig({ DINGTALK_CLIENT_ID: 'dingabc', DINGTALK_CLIENT_SECRET: 'secret' });
    expect(dingtalkEnabled(c)).toBe(true);
    expect(c).toMatchObject({ DINGTALK_MODE: 'stream', DINGTALK_API_URL: 'https://api.dingtalk.com', DINGTALK_OAPI_URL: 'https://oapi.dingtalk.com' });
    expect(sandboxMode(c, 'embedded')).toBe('off');
    expect(loadConfig({ DINGTALK_CLIENT_ID: 'd', DINGTALK_CLIENT_SECRET: 's', DINGTALK_MODE: 'http', DINGTALK_API_URL: 'http://127.0.0.1:9999' })).toMatchObject({ DINGTALK_MODE: 'http', DINGTALK_API_URL: 'http://127.0.0.1:9999' });
    expect(dingtalkEnabled(loadConfig({}))).toBe(false);
    expect(() => loadConfig({ DINGTALK_CLIENT_ID: 'd' })).toThrow(/DINGTALK_CLIENT_ID 与 DINGTALK_CLIENT_SECRET 须同时设置/);
    expect(() => loadConfig({ DINGTALK_MODE: 'websocket' })).toThrow(/DINGTALK_MODE 只能是 stream 或 http/);
    expect(() => loadConfig({ DINGTALK_API_URL: 'api.dingtalk.com' })).toThrow(/DINGTALK_API_URL 必须以/);
  });

  it("DingTalk's app quota is 15 calls a second unless the township's edition allows more (up to 60)", () => {
    expect(loadConfig({}).DINGTALK_APP_QPS).toBe(15);
    expect(loadConfig({ DINGTALK_APP_QPS: '40' }).DINGTALK_APP_QPS).toBe(40);
    for (const bad of ['0', '61', '2.5', 'fast']) expect(() => loadConfig({ DINGTALK_APP_QPS: bad }), bad).toThrow(/DINGTALK_APP_QPS 应为 1 到 60 的整数/);
  });

  it('DingTalk HTTP callbacks are accepted 5 minutes either side of now unless told otherwise, from 30 s to the 1 hour DingTalk allows', () => {
    expect(loadConfig({}).DINGTALK_CALLBACK_WINDOW_SECONDS).toBe(300);
    expect(loadConfig({ DINGTALK_CALLBACK_WINDOW_SECONDS: '60' }).DINGTALK_CALLBACK_WINDOW_SECONDS).toBe(60);
    for (const bad of ['29', '3601', '1.5', 'short']) {
      expect(() => loadConfig({ DINGTALK_CALLBACK_WINDOW_SECONDS: bad }), bad).toThrow(/DINGTALK_CALLBACK_WINDOW_SECONDS 应为 30 到 3600 的整数/);
    }
  });

  it('prepares 100 distinct statements per database connection unless told otherwise; 0 for PgBouncer in transaction mode', () => {
    expect(databaseOptions(loadConfig({ DATABASE_URL: 'postgresql://x@db/xinfang' }))).toEqual({ databaseUrl: 'postgresql://x@db/xinfang', dataDir: './data', statementCache: 100 });
    expect(loadConfig({ DATABASE_STATEMENT_CACHE: '0' }).DATABASE_STATEMENT_CACHE).toBe(0);
    for (const bad of ['-1', '1001', '1.5', 'many']) expect(() => loadConfig({ DATABASE_STATEMENT_CACHE: bad }), bad).toThrow(/DATABASE_STATEMENT_CACHE 应为 0 到 1000 的整数/);
  });

  it('R24: sent cards and pushes keep their content 7 days when delivered, 30 when not; 0 drops it at delivery; the undelivered keep it at least as long', () => {
    expect(payloadRetention(loadConfig({}))).toEqual({ sentDays: 7, failedDays: 30 });
    expect(payloadRetention(loadConfig({ OUTBOUND_PAYLOAD_RETENTION_DAYS: '0', OUTBOUND_FAILED_PAYLOAD_RETENTION_DAYS: '2' }))).toEqual({ sentDays: 0, failedDays: 2 });
    for (const bad of ['-1', '366', '1.5', 'week']) expect(() => loadConfig({ OUTBOUND_PAYLOAD_RETENTION_DAYS: bad }), bad).toThrow(/OUTBOUND_PAYLOAD_RETENTION_DAYS 应为 0 到 365 的整数/);
    expect(() => loadConfig({ OUTBOUND_FAILED_PAYLOAD_RETENTION_DAYS: '0' })).toThrow(/OUTBOUND_FAILED_PAYLOAD_RETENTION_DAYS 应为 1 到 365 的整数/);
    expect(() => loadConfig({ OUTBOUND_PAYLOAD_RETENTION_DAYS: '40' })).toThrow(/OUTBOUND_FAILED_PAYLOAD_RETENTION_DAYS 不能小于 OUTBOUND_PAYLOAD_RETENTION_DAYS/);
  });

  it('R25: AUDIT_KEY is an optional secret of at least 32 characters; anchors go to DATA_DIR unless AUDIT_ANCHOR_FILE says where', () => {
    expect(loadConfig({}).AUDIT_KEY).toBeUndefined();
    expect(loadConfig({ AUDIT_KEY: ` ${'k'.repeat(32)} ` }).AUDIT_KEY).toBe('k'.repeat(32));
    expect(() => loadConfig({ AUDIT_KEY: 'k'.repeat(31) })).toThrow(/AUDIT_KEY 至少需要 32 个字符/);
    expect(auditAnchorsPath(loadConfig({ DATA_DIR: '/srv/xf' }))).toBe('/srv/xf/audit-anchors.jsonl');
    expect(auditAnchorsPath(loadConfig({ AUDIT_ANCHOR_FILE: '/mnt/worm/anchors.jsonl' }))).toBe('/mnt/worm/anchors.jsonl');
    expect(loadConfig({ DATABASE_OWNER_URL: 'postgresql://owner@db/x' }).DATABASE_OWNER_URL).toBe('postgresql://owner@db/x');
    expect(() => loadConfig({ DATABASE_OWNER_URL: 'mysql://db/x' })).toThrow(/DATABASE_OWNER_URL 必须以 postgresql:\/\//);
  });

  it('R25: with PostgreSQL the audit key must be given; the embedded database makes one once in DATA_DIR and keeps it', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'xf-key-'));
    try {
      expect(() => auditKeyForApp(loadConfig({ DATABASE_URL: 'postgresql://app@db/x', DATA_DIR: dataDir }))).toThrow(/使用 PostgreSQL 时必须设置 AUDIT_KEY/);
      expect(auditKeyForVerify(loadConfig({ DATA_DIR: dataDir })).key).toBeNull();
      const made = auditKeyForApp(loadConfig({ DATA_DIR: dataDir }));
      expect(statSync(join(dataDir, 'audit.key')).mode & 0o777).toBe(0o600);
      expect(auditKeyForApp(loadConfig({ DATA_DIR: dataDir })).id).toBe(made.id);
      expect(auditKeyForVerify(loadConfig({ DATA_DIR: dataDir })).key!.id).toBe(made.id);
      const given = auditKeyForApp(loadConfig({ DATABASE_URL: 'postgresql://app@db/x', AUDIT_KEY: 'g'.repeat(40) }));
      expect(given.id).not.toBe(made.id);
      expect(given.id).toMatch(/^[0-9a-f]{16}$/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('.env.example names every setting (for whoever deploys), and every value it shows is accepted', () => {
    const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    const shown = new Map([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!.trim()]));
    expect(Object.keys(configSchema.shape).filter((k) => !shown.has(k))).toEqual([]);
    expect([...shown.keys()].filter((k) => !(k in configSchema.shape))).toEqual([]);
    // The examples given (without placeholders) pass validation together.
    const given = Object.fromEntries([...shown].filter(([k, v]) => v !== '' && !v.includes('密码') && k !== 'ADMIN_TOKEN' && k !== 'METRICS_TOKEN'));
    expect(() => loadConfig(given)).not.toThrow();
  });
});
