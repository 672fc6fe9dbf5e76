import { beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { outboundRepo } from '../../src/db/repos/outbound-repo.js';
import { createDingTalkPlatform } from '../../src/platforms/dingtalk/index.js';
import { captureLogger } from '../support/capture-logger.js';
import type { TestDatabase } from '../support/database.js';
import { useFakeDingTalk } from '../support/dingtalk-sender.js';
import { FAKE_DT_CLIENT_ID, FAKE_DT_CLIENT_SECRET, type FakeDingTalk } from '../support/fake-dingtalk.js';

// HTTP mode with a card template: DingTalk sends card clicks to the URL registered for the cards' route key.

describe('DingTalk HTTP card callback route (fake DingTalk)', () => {
  const suite = useFakeDingTalk();
  let fake: FakeDingTalk;
  let t: TestDatabase;
  const { logger, lines } = captureLogger();
  beforeEach(() => {
    ({ fake, t } = suite);
    lines.length = 0;
  });

  async function started(env: Record<string, string>) {
    const config = loadConfig({ DINGTALK_CLIENT_ID: FAKE_DT_CLIENT_ID, DINGTALK_CLIENT_SECRET: FAKE_DT_CLIENT_SECRET, DINGTALK_API_URL: fake.url, DINGTALK_OAPI_URL: fake.url, ...env });
    const platform = createDingTalkPlatform({ config, dispatch: async () => undefined, logger, outbound: outboundRepo(t.db.prisma) })!;
    await platform.start();
    await platform.stop();
  }

  it('registers PUBLIC_URL/dingtalk/cards for the route key the cards name, signed with the app secret', async () => {
    await started({ DINGTALK_MODE: 'http', DINGTALK_CARD_TEMPLATE_ID: 'tpl.case', PUBLIC_URL: 'https://xinfang.example.gov.cn/' });
    expect(Object.fromEntries(fake.callbackRoutes)).toEqual({ xinfang: { callbackUrl: 'https://xinfang.example.gov.cn/dingtalk/cards', apiSecret: FAKE_DT_CLIENT_SECRET } });
    expect(fake.apiRequests().find((r) => r.path === '/v1.0/card/callbacks/register')!.body).toMatchObject({ forceUpdate: true });
  });

  it('a form template alone needs the route too; without PUBLIC_URL it says why card clicks will not arrive, and starts', async () => {
    await started({ DINGTALK_MODE: 'http', DINGTALK_FORM_TEMPLATE_ID: 'tpl.form' });
    expect(fake.callbackRoutes.size).toBe(0);
    expect(lines.some((l) => l.level === 40 && String(l.msg).includes('PUBLIC_URL'))).toBe(true);
  });

  it('registers nothing without a template (ActionCard clicks come back as messages); a refusal is logged, not fatal', async () => {
    await started({ DINGTALK_MODE: 'http', PUBLIC_URL: 'https://xinfang.example.gov.cn' });
    expect(fake.callbackRoutes.size).toBe(0);
    fake.failNext(1, 403, { code: 'Forbidden.AccessDenied.AccessTokenPermissionDenied', message: '没有调用该接口的权限', path: /callbacks\/register/ });
    await started({ DINGTALK_MODE: 'http', DINGTALK_CARD_TEMPLATE_ID: 'tpl.case', PUBLIC_URL: 'https://xinfang.example.gov.cn' });
    expect(fake.callbackRoutes.size).toBe(0);
    expect(lines.some((l) => l.level === 50 && String(l.msg).includes('卡片回调地址注册失败'))).toBe(true);
  });
});
