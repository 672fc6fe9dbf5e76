import type { Logger } from '../../lib/logger.js';
import { baseUrl } from './fetch-json.js';
import type { DingTalkSender } from './sender.js';
import { DINGTALK_CARDS_PATH } from './http.js';

/** The route key interactive cards name for their HTTP callbacks (createAndDeliver callbackRouteKey). */
export const CARD_CALLBACK_ROUTE_KEY = 'xinfang';

/**
 * In HTTP mode DingTalk sends a template card's clicks to the URL registered for its route key
 * (POST /v1.0/card/callbacks/register; stream mode needs none). Registered at start, with the
 * app secret as the signing secret, so that /dingtalk/cards checks clicks like robot messages;
 * that DingTalk signs card callbacks exactly so is unverified. Without PUBLIC_URL there is no
 * address to register: clicks on template cards would not arrive, which is said at start.
 */
export async function registerCardCallbackRoute(sender: DingTalkSender, o: { publicUrl: string | undefined; appSecret: string; logger: Logger }): Promise<void> {
  if (!o.publicUrl) {
    o.logger.warn('钉钉 HTTP 模式使用卡片模板时需设置 PUBLIC_URL，否则卡片上的点击无法回调本服务 (PUBLIC_URL needed to register the card callback URL)');
    return;
  }
  const callbackUrl = `${baseUrl(o.publicUrl)}${DINGTALK_CARDS_PATH}`;
  try {
    await sender.call(
      { app: true },
      { host: 'api', method: 'POST', path: '/v1.0/card/callbacks/register', body: { callbackRouteKey: CARD_CALLBACK_ROUTE_KEY, callbackUrl, apiSecret: o.appSecret, forceUpdate: true } },
    );
    o.logger.info({ callbackUrl, routeKey: CARD_CALLBACK_ROUTE_KEY }, '钉钉卡片回调地址已注册 (card callback URL registered)');
  } catch (err) {
    // Messages and ActionCard clicks still work: start, and say what does not.
    o.logger.error({ err, callbackUrl }, '钉钉卡片回调地址注册失败，卡片上的点击将无法到达 (card callback URL not registered)');
  }
}
