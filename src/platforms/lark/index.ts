import type Router from '@koa/router';
import { decodeLarkFormAction, renderLarkCard } from '../../../cards/lark/render.js';
import type * as lark from '@larksuiteoapi/node-sdk';
import { larkEnabled, type Config } from '../../config.js';
import type { ChatKindLog } from '../../bot/ports/chats.js';
import type { OutboundLog } from '../../bot/ports/outbound.js';
import { systemClock, type Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import { ChatKinds } from '../chat-kinds.js';
import { TokenBucketLimiter } from '../rate-limiter.js';
import { RedisTokenBucketLimiter } from '../shared-rate-limiter.js';
import type { Redis } from 'ioredis';
import { createLarkClient, type LarkAppCredentials } from './client.js';
import { larkContactDirectory } from './contacts.js';
import { createLarkEventDispatcher, type Dispatch, type RenderCard } from './events.js';
import { LarkMessenger } from './messenger.js';
import { LarkSender } from './sender.js';
import { larkWebhookRouter } from './webhook.js';
import { larkTaskList } from './tasks.js';
import type { TaskListPort } from '../../usecases/ports/platform-tasks.js';
import { startLarkWs, type LarkWsConnection } from './ws.js';
import type { ContactDirectory } from '../../usecases/ports/identity-sync.js';

export interface LarkPlatformDeps {
  config: Config;
  dispatch: Dispatch;
  logger: Logger;
  /** Default: cards/lark/render.ts `renderLarkCard`. */
  render?: RenderCard;
  /** db/repos/outbound-repo.ts `outboundRepo(prisma)`. */
  outbound: OutboundLog;
  /** db/repos/chat-repo.ts `chatRepo(prisma)`: group or 1:1 per chat. Without it every card click counts as a group click (R24: masked). */
  chats?: ChatKindLog;
  clock?: Clock;
  /** Decoder of form submit button names; default: cards/lark `decodeLarkFormAction`. */
  decodeFormAction?: (name: string) => unknown;
  sleep?: (ms: number) => Promise<void>;
  /** With Redis, Lark's limits are kept in Redis for all processes together (web and workers send for one app). */
  sharedLimits?: { redis: Pick<Redis, 'eval'>; keyPrefix: string };
}

export interface LarkPlatform {
  messenger: LarkMessenger;
  directory: ContactDirectory;
  dispatcher: lark.EventDispatcher;
  /** POST /lark/events and /lark/cards; null without an encrypt key (requests could not be verified). */
  router: Router | null;
  /** People's own Lark Tasks (issue 16), for the to-do sync. */
  tasks: TaskListPort;
  /** Learns the bot's open_id, then opens the long connection in ws mode. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The Lark platform of this deployment, or null when LARK_APP_ID / LARK_APP_SECRET are not set. */
export function createLarkPlatform(deps: LarkPlatformDeps): LarkPlatform | null {
  const { config } = deps;
  if (!larkEnabled(config)) return null;
  const app: LarkAppCredentials = { appId: config.LARK_APP_ID!, appSecret: config.LARK_APP_SECRET!, domain: config.LARK_DOMAIN };
  const clock = deps.clock ?? systemClock;
  const render = deps.render ?? renderLarkCard;
  const log = deps.logger.child({ platform: 'LARK' });
  const client = createLarkClient(app, deps.logger);
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = () => clock.now().getTime();
  const limiter = deps.sharedLimits
    ? new RedisTokenBucketLimiter(deps.sharedLimits.redis, `${deps.sharedLimits.keyPrefix}:rate:LARK`, now, sleep, log)
    : new TokenBucketLimiter(now, sleep);
  const sender = new LarkSender({ limiter, outbound: deps.outbound, clock, logger: deps.logger, sleep });
  const chats = deps.chats ? new ChatKinds('LARK', deps.chats, () => clock.now(), deps.logger) : undefined;
  let botOpenId: string | null = null;

  const dispatcher = createLarkEventDispatcher({
    encryptKey: config.LARK_ENCRYPT_KEY,
    verificationToken: config.LARK_VERIFICATION_TOKEN,
    dispatch: deps.dispatch,
    render,
    logger: deps.logger,
    clock,
    botOpenId: () => botOpenId,
    decodeFormAction: deps.decodeFormAction ?? decodeLarkFormAction,
    chats,
  });
  const router = config.LARK_ENCRYPT_KEY
    ? larkWebhookRouter({ dispatcher, encryptKey: config.LARK_ENCRYPT_KEY, verificationToken: config.LARK_VERIFICATION_TOKEN, logger: deps.logger, clock })
    : null;
  let ws: LarkWsConnection | null = null;

  return {
    messenger: new LarkMessenger(client, sender, render, { chats, logger: log }),
    directory: larkContactDirectory(client, sender),
    tasks: larkTaskList(client, sender, { now: () => clock.now() }),
    dispatcher,
    router,
    async start() {
      try {
        const { body } = await sender.call({ app: true }, () =>
          client.request<{ code?: number; msg?: string; bot?: { open_id?: string } }>({ method: 'GET', url: '/open-apis/bot/v3/info' }),
        );
        botOpenId = body.bot?.open_id ?? null;
        log.info({ botOpenId, mode: config.LARK_MODE }, '飞书机器人已就绪 (Lark bot identity known)');
      } catch (err) {
        // Mentions then fall back to "any bot mentioned"; everything else works.
        log.warn({ err }, 'lark bot info unavailable');
      }
      if (config.LARK_MODE === 'ws') ws = await startLarkWs(app, dispatcher, deps.logger);
    },
    async stop() {
      ws?.close();
      ws = null;
    },
  };
}
