import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeLark } from '../support/fake-lark.js';
import { APP_ID } from '../support/lark-payloads.js';

// `npm run doctor` as run by hand: the configuration from the environment, one line per check, exit code 1 on a failed required check.

const SECRET = 'doctor-script-secret';

function doctor(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const clean = { ...process.env };
  for (const k of Object.keys(clean)) if (/^(LARK_|DINGTALK_|PUBLIC_URL$)/.test(k)) delete clean[k];
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/doctor.ts'], { env: { ...clean, ...env } }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr });
    });
  });
}

describe('npm run doctor (the script)', () => {
  let fake: FakeLark;
  beforeAll(async () => {
    fake = await FakeLark.start();
    fake.appSecret = SECRET;
  });
  afterAll(() => fake.close());

  const lark = (secret: string) => ({ LARK_APP_ID: APP_ID, LARK_APP_SECRET: secret, LARK_MODE: 'ws', LARK_DOMAIN: fake.url });

  it('a set-up Lark app: a ✅ line per check and exit code 0', async () => {
    const { code, out } = await doctor(lark(SECRET));
    expect(out).toContain(`== 飞书（${fake.url}，长连接模式） ==`);
    expect(out).toContain('✅ 飞书应用凭证（App ID / App Secret）');
    expect(out).toContain('✅ 飞书权限：通过手机号或邮箱获取用户 ID（人员关联）（contact:user.id:readonly）：已开通');
    expect(out).toContain('必需项均已通过');
    expect(code).toBe(0);
  });

  it('a wrong secret: ❌ with where to click, and exit code 1', async () => {
    const { code, out } = await doctor(lark('wrong-secret'));
    expect(out).toMatch(/❌ 飞书应用凭证（App ID \/ App Secret）：HTTP 400，code 10014 app secret invalid\n {3}→ 在 飞书开放平台.*凭证与基础信息 核对 App ID 和 App Secret/);
    expect(code).toBe(1);
  });

  it('no platform configured: says the app runs in sandbox mode', async () => {
    const { code, out } = await doctor({});
    expect(out).toContain('程序将以沙盒模式运行');
    expect(code).toBe(0);
  });
});
