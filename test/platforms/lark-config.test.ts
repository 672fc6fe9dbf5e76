import { describe, expect, it } from 'vitest';
import { ConfigError, larkEnabled, loadConfig } from '../../src/config.js';

const APP = { LARK_APP_ID: 'cli_a1b2c3d4e5f60718', LARK_APP_SECRET: 'secret' };

function failure(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected the configuration to be refused');
}

describe('Lark configuration', () => {
  it('leaves Lark off with an empty environment', () => {
    const config = loadConfig({});
    expect(larkEnabled(config)).toBe(false);
    expect(config).toMatchObject({ LARK_MODE: 'webhook', LARK_DOMAIN: 'https://open.feishu.cn' });
    expect(config.LARK_APP_ID).toBeUndefined();
  });

  it('switches Lark on with app credentials and an encrypt key (webhook by default)', () => {
    const config = loadConfig({ ...APP, LARK_ENCRYPT_KEY: 'ek', LARK_VERIFICATION_TOKEN: 'vt' });
    expect(larkEnabled(config)).toBe(true);
    expect(config).toMatchObject({ LARK_MODE: 'webhook', LARK_ENCRYPT_KEY: 'ek', LARK_VERIFICATION_TOKEN: 'vt' });
  });

  it('refuses webhook mode without an encrypt key, explaining why in Chinese and English', () => {
    const message = failure({ ...APP });
    expect(message).toContain('LARK_ENCRYPT_KEY');
    expect(message).toContain('无法校验请求签名');
    expect(message).toContain('does not check the verification token');
  });

  it('accepts long-connection mode without an encrypt key, but only with a real-looking app id', () => {
    expect(larkEnabled(loadConfig({ ...APP, LARK_MODE: 'ws' }))).toBe(true);
    expect(failure({ LARK_APP_ID: 'my-app', LARK_APP_SECRET: 's', LARK_MODE: 'ws' })).toMatch(/LARK_APP_ID.*cli_/);
  });

  it('refuses half-set credentials and unknown modes', () => {
    expect(failure({ LARK_APP_ID: 'cli_a1b2c3d4e5f60718' })).toMatch(/LARK_APP_SECRET/);
    expect(failure({ ...APP, LARK_ENCRYPT_KEY: 'ek', LARK_MODE: 'socket' })).toMatch(/LARK_MODE 只能是 webhook 或 ws/);
  });

  it('maps LARK_DOMAIN names to base URLs and keeps a private URL verbatim', () => {
    expect(loadConfig({ LARK_DOMAIN: 'lark' }).LARK_DOMAIN).toBe('https://open.larksuite.com');
    expect(loadConfig({ LARK_DOMAIN: 'feishu' }).LARK_DOMAIN).toBe('https://open.feishu.cn');
    expect(loadConfig({ LARK_DOMAIN: 'http://127.0.0.1:9999/' }).LARK_DOMAIN).toBe('http://127.0.0.1:9999');
    expect(failure({ LARK_DOMAIN: 'ftp://x' })).toMatch(/LARK_DOMAIN/);
  });
});
