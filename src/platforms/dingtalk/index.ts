import type Router from '@koa/router';
import type { Redis } from 'ioredis';
import type { ActionValue, Card } from '../../../cards/model.js';
import { dingtalkEnabled, type Config } from '../../config.js';
import type { InboundAction } from '../../bot/inbound.js';
import type { ActionResponse, Destination } from '../../bot/messaging-port.js';
import { sendUuid } from '../../bot/notifier.js';
import type { OutboundLog } from '../../bot/ports/outbound.js';
import { systemClock, type Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import type { ContactDirectory } from '../../usecases/ports/identity-sync.js';
import { TokenBucketLimiter } from '../rate-limiter.js';
import { RedisTokenBucketLimiter } from '../shared-rate-limiter.js';
import { AccessTokenCache, appAccessToken, legacyAccessToken } from './access-token.js';
import { CARD_CALLBACK_ROUTE_KEY, registerCardCallbackRoute } from './card-callback-route.js';
import { dingtalkContactDirectory } from './contacts.js';
import { createDingTalkInbound, type DingTalkInbound, type Dispatch } from './events.js';
import { DINGTALK_CARDS_PATH, dingtalkHttpRouter } from './http.js';
import { DingTalkMessenger } from './messenger.js';
import type { DingTalkConfirmRequest } from './normalize.js';
import { dingtalkTodoList } from './todo.js';
import type { TaskListPort } from '../../usecases/ports/platform-tasks.js';
import { baseUrl } from './fetch-json.js';
import { DingTalkSender } from './sender.js';
import { createDingTalkStream, type DingTalkStream } from './stream.js';
import { dingtalkWebLogin, type DingTalkWebLogin } from './web-login.js';
import { dingtalkRateRules, type DingTalkRateRules } from './limits.js';

export interface DingTalkPlatformDeps {
  config: Config;
  dispatch: Dispatch;
  logger: Logger;
  outbound: OutboundLog;
  clock?: Clock;
  sleep?: (ms: number) => Promise<void>;
  /** DingTalk's limits; default from DINGTALK_APP_QPS (the benchmark passes its own to lift them). */
  rateRules?: DingTalkRateRules;
  /** With Redis, DingTalk's limits are kept there for all processes together. */
  sharedLimits?: { redis: Pick<Redis, 'eval'>; keyPrefix: string };
}

export interface DingTalkPlatform {
  messenger: DingTalkMessenger;
  directory: ContactDirectory;
  /** Where both transports hand their payloads (for a stream client made elsewhere, as tests do). */
  inbound: DingTalkInbound;
  /** POST /dingtalk/robot and /dingtalk/cards in http mode; null in stream mode. */
  router: Router | null;
  /** The console's "使用钉钉登录" (OAuth code flow) for this app. */
  webLogin: DingTalkWebLogin;
  /** People's own 待办 (issue 16), for the to-do sync. */
  tasks: TaskListPort;
  /** Opens the stream connection in stream mode. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves when every event received so far (and its answer) has been handled. */
  idle(): Promise<void>;
}

/** Where an answer to a click goes: the card it was on, else the group, else the person's 1:1. */
function destinationOf(a: InboundAction): Destination {
  return a.chat && a.chat.type === 'group' ? { kind: 'chat', chatId: a.chat.id } : { kind: 'user', user: a.operator };
}

/** The robot's "are you sure?" before a button that asks first (DingTalk buttons cannot show a dialog). */
function confirmationCard(r: DingTalkConfirmRequest): Card {
  // Untrusted like any click: the dispatcher decodes and authorises it when 确定 comes back.
  const value = r.value as ActionValue;
  return {
    title: r.title,
    colour: 'orange',
    elements: [
      { kind: 'fields', fields: [{ label: '请确认', value: r.text }] },
      { kind: 'actions', buttons: [{ label: '确定', style: 'primary', action: value }] },
      { kind: 'note', text: '不需要时忽略本消息即可。' },
    ],
  };
}

/**
 * The DingTalk platform of this deployment (issue #6), or null without DINGTALK_CLIENT_ID /
 * DINGTALK_CLIENT_SECRET: the same dispatcher as Lark behind DingTalk's robot messages (stream
 * or HTTP callbacks), ActionCards or a township's card template out.
 */
export function createDingTalkPlatform(deps: DingTalkPlatformDeps): DingTalkPlatform | null {
  const { config } = deps;
  if (!dingtalkEnabled(config)) return null;
  const clock = deps.clock ?? systemClock;
  const log = deps.logger.child({ platform: 'DINGTALK' });
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = () => clock.now().getTime();
  const app = { clientId: config.DINGTALK_CLIENT_ID!, clientSecret: config.DINGTALK_CLIENT_SECRET! };
  const tokens = {
    api: new AccessTokenCache(appAccessToken(config.DINGTALK_API_URL, app), now),
    oapi: new AccessTokenCache(legacyAccessToken(config.DINGTALK_OAPI_URL, app), now),
  };
  const limiter = deps.sharedLimits
    ? new RedisTokenBucketLimiter(deps.sharedLimits.redis, `${deps.sharedLimits.keyPrefix}:rate:DINGTALK`, now, sleep, log)
    : new TokenBucketLimiter(now, sleep);
  const rules = deps.rateRules ?? dingtalkRateRules(config.DINGTALK_APP_QPS);
  const sender = new DingTalkSender({ apiUrl: config.DINGTALK_API_URL, oapiUrl: config.DINGTALK_OAPI_URL, tokens, limiter, rules, outbound: deps.outbound, clock, logger: log, sleep });
  const messenger = new DingTalkMessenger(sender, {
    robotCode: config.DINGTALK_ROBOT_CODE ?? app.clientId,
    cardTemplateId: config.DINGTALK_CARD_TEMPLATE_ID,
    formTemplateId: config.DINGTALK_FORM_TEMPLATE_ID,
    cardCallback: config.DINGTALK_MODE === 'http' ? { type: 'HTTP', routeKey: CARD_CALLBACK_ROUTE_KEY } : { type: 'STREAM' },
    standardCards: config.DINGTALK_CARDS === 'standard',
    // Stream mode needs no address: clicks come over the stream connection.
    standardCallbackUrl: config.DINGTALK_MODE === 'http' && config.PUBLIC_URL ? `${baseUrl(config.PUBLIC_URL)}${DINGTALK_CARDS_PATH}` : undefined,
    logger: log,
  });

  const answer = async (action: InboundAction, response: ActionResponse): Promise<void> => {
    // DingTalk was acknowledged before the click was handled: the answer goes out as a message.
    if (response.card) {
      if (action.messageId) await messenger.update(action.messageId, response.card);
      else await messenger.send(destinationOf(action), response.card, { uuid: sendUuid('answer', action.eventId) });
      return;
    }
    if (response.toast) {
      // A toast is the clicker's own (Lark shows it to them alone): in a group a refusal would tell
      // everyone why this person may not see a case (R24), so it goes to them 1:1.
      const toast: Card = { title: response.toast.text, colour: response.toast.type === 'error' ? 'red' : response.toast.type === 'warning' ? 'orange' : 'green', elements: [] };
      await messenger.send({ kind: 'user', user: action.operator }, toast, { uuid: sendUuid('toast', action.eventId) });
    }
  };
  const confirm = async (r: DingTalkConfirmRequest): Promise<void> => {
    if (!r.value || typeof r.value !== 'object') return;
    const to: Destination = r.chat && r.chat.type === 'group' ? { kind: 'chat', chatId: r.chat.id } : { kind: 'user', user: r.operator };
    await messenger.send(to, confirmationCard(r), { uuid: sendUuid('confirm', r.eventId) });
  };
  const inbound = createDingTalkInbound({ dispatch: deps.dispatch, answer, confirm, logger: log, clock });

  let stream: DingTalkStream | null = null;
  const router = config.DINGTALK_MODE === 'http' ? dingtalkHttpRouter({ inbound, appSecret: app.clientSecret, logger: log, clock, maxSkewMs: config.DINGTALK_CALLBACK_WINDOW_SECONDS * 1000 }) : null;
  return {
    messenger,
    inbound,
    directory: dingtalkContactDirectory(sender),
    tasks: dingtalkTodoList(sender),
    webLogin: dingtalkWebLogin({ ...app, apiUrl: config.DINGTALK_API_URL }, sender),
    router,
    async start() {
      if (config.DINGTALK_MODE === 'http') {
        if (config.DINGTALK_CARD_TEMPLATE_ID || config.DINGTALK_FORM_TEMPLATE_ID) {
          await registerCardCallbackRoute(sender, { publicUrl: config.PUBLIC_URL, appSecret: app.clientSecret, logger: log });
        }
        return;
      }
      stream = createDingTalkStream({ clientId: app.clientId, clientSecret: app.clientSecret, inbound, logger: log });
      await stream.start();
    },
    async stop() {
      await stream?.stop();
      await inbound.idle();
    },
    idle: () => inbound.idle(),
  };
}
