import * as lark from '@larksuiteoapi/node-sdk';
import type { LarkCardJson, LarkRenderOptions } from '../../../cards/lark/render.js';
import type { Card } from '../../../cards/model.js';
import type { InboundAction, InboundEvent, InboundMessage } from '../../bot/inbound.js';
import type { ActionResponse } from '../../bot/messaging-port.js';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import type { ChatKinds } from '../chat-kinds.js';
import { LarkPayloadError } from './errors.js';
import { normalizeLarkCardAction, normalizeLarkMessage } from './normalize.js';
import { sdkLogger } from './sdk-logger.js';

export type Dispatch = (event: InboundEvent) => Promise<ActionResponse | void>;
export type RenderCard = (card: Card, opts?: LarkRenderOptions) => LarkCardJson;

/** What a card callback answers Lark (HTTP body or WS ack), platforms.md 1.7. */
export interface LarkCardResponse {
  toast?: { type: 'success' | 'info' | 'warning' | 'error'; content: string };
  card?: { type: 'raw'; data: object };
}

export interface LarkEventDeps {
  encryptKey?: string | undefined;
  verificationToken?: string | undefined;
  dispatch: Dispatch;
  render: RenderCard;
  logger: Logger;
  clock: Clock;
  /** The bot's open_id once known (fetched at start), to tell mentions of the bot from others. */
  botOpenId: () => string | null;
  decodeFormAction?: (name: string) => unknown;
  /** Kinds of the chats seen: messages record theirs, clicks look theirs up. Without it every click counts as a group click. */
  chats?: ChatKinds;
  /** Lark shows an error after 3 s; answer with a "working on it" toast before that. */
  cardDeadlineMs?: number;
}

const CARD_DEADLINE_MS = 2_500;
const TIMEOUT = Symbol('timeout');

function withinDeadline<T>(work: Promise<T>, ms: number): Promise<T | typeof TIMEOUT> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof TIMEOUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMEOUT), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** R24: a click is private only in a chat known as 1:1 with the bot; an unknown chat stays a group (masked). */
async function withChatKind(a: InboundAction, chats: ChatKinds | undefined): Promise<InboundAction> {
  if (!a.chat || !chats) return a;
  return (await chats.kindOf(a.chat.id)) === 'DIRECT' ? { ...a, chat: { ...a.chat, type: 'p2p' } } : a;
}

/** ActionResponse → Lark's `{toast, card: {type: 'raw', data}}`; a card that fails to render is left out. */
export function toLarkCardResponse(res: ActionResponse | void, render: RenderCard, logger: Logger): LarkCardResponse {
  const out: LarkCardResponse = {};
  if (!res) return out;
  if (res.toast) out.toast = { type: res.toast.type, content: res.toast.text };
  if (res.card) {
    try {
      out.card = { type: 'raw', data: render(res.card) };
    } catch (err) {
      logger.error({ err, title: res.card.title }, 'lark card render failed');
    }
  }
  return out;
}

/**
 * The one EventDispatcher that both transports feed (webhook routes and WSClient): messages are
 * acknowledged at once and dispatched without waiting; card clicks are answered within 3 s.
 */
export function createLarkEventDispatcher(deps: LarkEventDeps): lark.EventDispatcher {
  const log = deps.logger.child({ platform: 'LARK' });
  const deadline = deps.cardDeadlineMs ?? CARD_DEADLINE_MS;

  const onMessage = async (data: unknown): Promise<object> => {
    let event: InboundMessage;
    try {
      event = normalizeLarkMessage(data, { botOpenId: deps.botOpenId() });
    } catch (err) {
      // Acknowledge anyway: a payload we cannot read will not improve when Lark pushes it again.
      log.warn({ err, issues: err instanceof LarkPayloadError ? err.issues : undefined }, 'lark message ignored: malformed');
      return {};
    }
    // Beside the dispatch, not before it: in-process the kind is known at once, and the answer need not wait for the write.
    void deps.chats?.remember(event.chat.id, event.chat.type === 'p2p' ? 'DIRECT' : 'GROUP');
    // Lark wants the ack within 1 s; replies are sent by whatever dispatch starts, not awaited here.
    void Promise.resolve()
      .then(() => deps.dispatch(event))
      .catch((err: unknown) => log.error({ err, eventId: event.eventId }, 'lark message dispatch failed'));
    return {};
  };

  const onCardAction = async (data: unknown): Promise<LarkCardResponse> => {
    let event: InboundAction;
    try {
      event = normalizeLarkCardAction(data, { now: deps.clock.now(), decodeFormAction: deps.decodeFormAction });
    } catch (err) {
      log.warn({ err, issues: err instanceof LarkPayloadError ? err.issues : undefined }, 'lark card action refused: malformed');
      return { toast: { type: 'error', content: '无法识别的操作，请刷新卡片后重试' } };
    }
    const work = withChatKind(event, deps.chats).then((e) => deps.dispatch(e));
    try {
      const res = await withinDeadline(work, deadline);
      if (res === TIMEOUT) {
        work.catch((err: unknown) => log.error({ err, eventId: event.eventId }, 'lark card action failed after the deadline'));
        log.warn({ eventId: event.eventId, deadlineMs: deadline }, 'lark card action slower than its deadline');
        return { toast: { type: 'info', content: '已收到，正在处理，请稍后查看' } };
      }
      return toLarkCardResponse(res, deps.render, log);
    } catch (err) {
      log.error({ err, eventId: event.eventId }, 'lark card action dispatch failed');
      return { toast: { type: 'error', content: '操作失败，请稍后再试' } };
    }
  };

  return new lark.EventDispatcher({
    encryptKey: deps.encryptKey,
    verificationToken: deps.verificationToken,
    logger: sdkLogger(deps.logger),
  }).register<{ 'card.action.trigger': (data: unknown) => Promise<LarkCardResponse> }>({
    'im.message.receive_v1': onMessage,
    'card.action.trigger': onCardAction,
  });
}
