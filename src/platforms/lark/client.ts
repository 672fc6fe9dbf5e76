import * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from '../../lib/logger.js';
import { sdkLogger } from './sdk-logger.js';

export interface LarkAppCredentials {
  appId: string;
  appSecret: string;
  /** Base URL: https://open.feishu.cn, https://open.larksuite.com, or a private deployment / fake. */
  domain: string;
}

/** A Lark API client with a token cache of its own (the SDK's default cache is module-global). */
export function createLarkClient(app: LarkAppCredentials, logger: Logger): lark.Client {
  return new lark.Client({
    appId: app.appId,
    appSecret: app.appSecret,
    domain: app.domain,
    appType: lark.AppType.SelfBuild,
    cache: new lark.DefaultCache(),
    logger: sdkLogger(logger),
  });
}
