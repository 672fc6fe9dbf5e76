import * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from '../../lib/logger.js';
import type { LarkAppCredentials } from './client.js';
import { sdkLogger } from './sdk-logger.js';

export interface LarkWsConnection {
  status(): unknown;
  close(): void;
}

/** The SDK starts nothing (silently) for app ids of another shape. */
export const LARK_APP_ID_PATTERN = /^cli_[0-9a-fA-F]{16}$/;

/**
 * Long-connection mode: Lark pushes events over a WebSocket the app opens, into the same
 * EventDispatcher the webhook uses (WSClient calls `dispatcher.invoke(data, { needCheck: false })`).
 */
export async function startLarkWs(app: LarkAppCredentials, dispatcher: lark.EventDispatcher, logger: Logger): Promise<LarkWsConnection> {
  if (!LARK_APP_ID_PATTERN.test(app.appId)) {
    throw new Error(`长连接模式需要形如 cli_ 加 16 位十六进制的 App ID，当前为 "${app.appId}" (the SDK would not connect)`);
  }
  const log = logger.child({ platform: 'LARK', component: 'lark-ws' });
  const ws = new lark.WSClient({
    appId: app.appId,
    appSecret: app.appSecret,
    domain: app.domain,
    logger: sdkLogger(logger),
    autoReconnect: true,
    onReady: () => log.info('飞书长连接已建立 (Lark long connection ready)'),
    onError: (err) => log.error({ err }, 'lark long connection failed for good'),
    onReconnecting: () => log.warn('lark long connection lost, reconnecting'),
    onReconnected: () => log.info('lark long connection re-established'),
  });
  await ws.start({ eventDispatcher: dispatcher });
  return {
    status: () => ws.getConnectionStatus(),
    close: () => ws.close({ force: true }),
  };
}
