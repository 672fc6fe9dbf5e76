import type { InboundAction, InboundEvent } from '../../bot/inbound.js';
import type { ActionResponse } from '../../bot/messaging-port.js';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import { normalizeDingTalkCardCallback, normalizeDingTalkRobotMessage, type DingTalkConfirmRequest, type DingTalkRobotEvent } from './normalize.js';
import { DingTalkPayloadError } from './payload-error.js';
import { RecentKeys } from './recent.js';

export type Dispatch = (event: InboundEvent) => Promise<ActionResponse | void>;

export interface DingTalkInboundDeps {
  dispatch: Dispatch;
  /**
   * What a click answered (toast, replacement card). DingTalk was acknowledged before the click
   * was handled, so the answer goes out through the API: `messenger.update(action.messageId, card)`
   * when the click names its card (a template card updates in place), otherwise a message into
   * `action.chat`, or to the operator when chat is null (1:1).
   */
  answer(action: InboundAction, response: ActionResponse): Promise<void>;
  /** A '#确认' click: send the confirmation card (its 确定 button carries `request.value`). */
  confirm(request: DingTalkConfirmRequest): Promise<void>;
  logger: Logger;
  clock: Clock;
}

/** What became of a payload: for the transports' logs and for tests. */
export type DingTalkReceipt = { ok: true; kind: 'message' | 'action' | 'confirm' | 'duplicate'; eventId: string } | { ok: false; reason: 'MALFORMED_PAYLOAD'; issues: string[] };

/** Handles payloads from either transport; never throws, never waits for the dispatch. */
export interface DingTalkInbound {
  robotMessage(raw: unknown): DingTalkReceipt;
  cardCallback(raw: unknown): DingTalkReceipt;
  /** Resolves when every dispatch started so far (and its answer) has finished. */
  idle(): Promise<void>;
}

const FAILED: ActionResponse = { toast: { type: 'error', text: '操作失败，请稍后再试' } };
const RECENT_CONFIRMS = 2_000;

/**
 * The DingTalk side of the one dispatcher, shared by stream and HTTP mode. Both transports
 * acknowledge at once (a stream callback not acknowledged is pushed again): here events are
 * started, not awaited. Duplicates of messages and clicks are the dispatcher's to drop (by event
 * key, in the database); a '#确认' never reaches it, so a repeated one is dropped here.
 */
export function createDingTalkInbound(deps: DingTalkInboundDeps): DingTalkInbound {
  const log = deps.logger.child({ platform: 'DINGTALK' });
  const pending = new Set<Promise<unknown>>();
  const confirms = new RecentKeys(RECENT_CONFIRMS);

  const track = (work: Promise<unknown>) => {
    const p = work.finally(() => pending.delete(p));
    pending.add(p);
  };

  const malformed = (err: unknown, what: string): DingTalkReceipt => {
    const issues = err instanceof DingTalkPayloadError ? err.issues : [err instanceof Error ? err.message : String(err)];
    log.warn({ issues, reason: 'MALFORMED_PAYLOAD' }, `dingtalk ${what} ignored: malformed`);
    return { ok: false, reason: 'MALFORMED_PAYLOAD', issues };
  };

  const runAction = (action: InboundAction) =>
    track(
      (async () => {
        let response: ActionResponse | void;
        try {
          response = await deps.dispatch(action);
        } catch (err) {
          log.error({ err, eventId: action.eventId }, 'dingtalk click dispatch failed');
          response = FAILED;
        }
        if (!response || (!response.toast && !response.card)) return;
        try {
          await deps.answer(action, response);
        } catch (err) {
          log.error({ err, eventId: action.eventId }, 'dingtalk click answer not delivered');
        }
      })(),
    );

  const askFirst = (event: DingTalkConfirmRequest) =>
    track(deps.confirm(event).catch((err: unknown) => log.error({ err, eventId: event.eventId }, 'dingtalk confirmation not sent')));

  return {
    robotMessage(raw) {
      let event: DingTalkRobotEvent;
      try {
        event = normalizeDingTalkRobotMessage(raw, { now: deps.clock.now() });
      } catch (err) {
        return malformed(err, 'robot message');
      }
      if (event.kind === 'confirm') {
        if (!confirms.add(event.eventId)) return { ok: true, kind: 'duplicate', eventId: event.eventId };
        askFirst(event);
      } else if (event.kind === 'action') {
        runAction(event);
      } else {
        track(deps.dispatch(event).catch((err: unknown) => log.error({ err, eventId: event.eventId }, 'dingtalk message dispatch failed')));
      }
      return { ok: true, kind: event.kind, eventId: event.eventId };
    },

    cardCallback(raw) {
      let event: InboundAction | DingTalkConfirmRequest;
      try {
        event = normalizeDingTalkCardCallback(raw, { now: deps.clock.now() });
      } catch (err) {
        return malformed(err, 'card callback');
      }
      if (event.kind === 'confirm') {
        if (!confirms.add(event.eventId)) return { ok: true, kind: 'duplicate', eventId: event.eventId };
        askFirst(event);
        return { ok: true, kind: 'confirm', eventId: event.eventId };
      }
      runAction(event);
      return { ok: true, kind: 'action', eventId: event.eventId };
    },

    async idle() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
