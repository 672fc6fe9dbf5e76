import { createHash } from 'node:crypto';
import type { Card } from '../../../cards/model.js';
import type { PlatformUserRef } from '../../bot/inbound.js';
import type { Destination, MessagingPort, UrgentChannel } from '../../bot/messaging-port.js';
import type { Logger } from '../../lib/logger.js';
import { dingtalkUserIdByMobile } from './contacts.js';
import type { DingTalkRateTarget } from './limits.js';
import { decodeDingTalkMessageId, encodeDingTalkMessageId, messageIdOfCardRef, type DingTalkPlace } from './message-ref.js';
import { renderDingTalkFormTemplateCard, renderDingTalkMessage, renderDingTalkTemplateCard, type DingTalkRobotMessage, type DingTalkTemplateCard } from './render.js';
import { DingTalkSendError } from './send-error.js';
import { isStandardCardId, renderDingTalkStandardCard, STANDARD_CARD_TEMPLATE_ID, standardCardId } from './standard-card.js';
import type { DingTalkRequest, DingTalkSender, Rejection } from './sender.js';

export interface DingTalkMessengerOptions {
  /** The robot that sends (DINGTALK_ROBOT_CODE; for an enterprise internal app usually its AppKey). */
  robotCode: string;
  /** DINGTALK_CARD_TEMPLATE_ID: with it cards go as interactive cards of that template, else as ActionCards. */
  cardTemplateId?: string | null | undefined;
  /** DINGTALK_FORM_TEMPLATE_ID: with it a card with a form goes as an interactive card of that template, inputs and all. */
  formTemplateId?: string | null | undefined;
  /** How clicks on template cards come back: over the stream (default) or to a registered HTTP callback route. */
  cardCallback?: { type: 'STREAM' } | { type: 'HTTP'; routeKey: string } | undefined;
  /**
   * Without a township template, cards go as standard interactive cards (StandardCard: real buttons
   * that call back, updated in place) rather than ActionCards whose buttons post texts. Clicks come
   * over the stream, or in HTTP mode to `standardCallbackUrl`.
   */
  standardCards?: boolean | undefined;
  standardCallbackUrl?: string | undefined;
  logger?: Logger | undefined;
  /** How many recent send uuids this process remembers (default 10 000). */
  recentSends?: number | undefined;
}

/** What a DING says: it points at the message it comes with, whose content the bot does not repeat. */
export const DING_CONTENT = '信访包案助手：您有一条紧急消息，请立即在钉钉中查看并处理。';
const REMIND_TYPE: Record<UrgentChannel, 1 | 2 | 3> = { app: 1, sms: 2, phone: 3 };

const digest = (...parts: string[]) => createHash('sha256').update(parts.join('|')).digest('hex');

/** A record key from parts: short and stable. */
const key = (kind: string, ...parts: string[]) => `${kind}-${digest(...parts).slice(0, 40)}`;

/** The outTrackId of the card sent under `uuid`: the same uuid names the same card. */
export const outTrackIdFor = (uuid: string) => `xf${digest('card', uuid).slice(0, 32)}`;

/** The card ref the buttons of the robot message sent under `uuid` carry (action-text.ts): short, and the same for a retried send. */
export const cardRefFor = (uuid: string) => `m${digest('ref', uuid).slice(0, 20)}`;

const placeName = (p: DingTalkPlace) => (p.kind === 'user' ? `user:${p.userId}` : `chat:${p.conversationId}`);
const rateTarget = (p: DingTalkPlace): DingTalkRateTarget => (p.kind === 'user' ? { userId: p.userId } : { chatId: p.conversationId });

type SendAnswer = { invalidStaffIdList?: unknown; flowControlledStaffIdList?: unknown };
type CardAnswer = { success?: unknown; result?: { outTrackId?: unknown; deliverResults?: { success?: unknown; errorMsg?: unknown }[] } };

const listed = (list: unknown, id: string) => Array.isArray(list) && list.includes(id);

/**
 * Cards to DingTalk people and groups through the one DingTalkSender path (limits, retries,
 * record). Messages are robot messages (batchSend to people, groupMessages/send to groups), or
 * interactive cards when the township made a template. Message ids are ours (message-ref.ts).
 *
 * DingTalk has no uuid dedupe of its own: a send already delivered under a uuid is found in the
 * outbound record (across processes, once it is written), and this process also remembers its
 * recent sends — including ones still in flight — so a retry never posts twice here. Two
 * processes sending the same uuid at the very same moment, or a crash between DingTalk's answer
 * and the record, can still post twice. (A template card's outTrackId is derived from the uuid,
 * so there DingTalk sees the same card twice; what it answers to that is unverified.)
 */
export class DingTalkMessenger implements MessagingPort {
  readonly platform = 'DINGTALK' as const;
  // A click is acknowledged before it is handled: its toast can only be a message.
  readonly toastsAsMessages = true;
  private readonly recent = new Map<string, Promise<{ messageId: string }>>();
  private readonly maxRecent: number;

  constructor(
    private readonly sender: DingTalkSender,
    private readonly opts: DingTalkMessengerOptions,
  ) {
    this.maxRecent = opts.recentSends ?? 10_000;
  }

  async send(to: Destination, card: Card, opts: { uuid: string }): Promise<{ messageId: string }> {
    const place = placeOf(to);
    if (!place) {
      return this.sender.refuse(
        { uuid: opts.uuid, destination: 'user:(no DingTalk userId)', payload: renderDingTalkMessage(card) },
        '此人没有钉钉 userId，无法发送 (no DingTalk userId for this person)',
      );
    }
    return this.once(opts.uuid, () => this.post(place, card, opts.uuid, placeName(place)));
  }

  /** Sends into the conversation of `messageId` (ours, or a received message's): DingTalk has no quoted replies for robots. */
  async reply(messageId: string, card: Card, opts: { uuid: string }): Promise<{ messageId: string }> {
    const ref = decodeDingTalkMessageId(messageId);
    if (!ref) {
      return this.sender.refuse({ uuid: opts.uuid, destination: `reply:${messageId}`, payload: renderDingTalkMessage(card) }, `无法识别的钉钉消息 id (not a DingTalk message id of ours): ${messageId}`);
    }
    return this.once(opts.uuid, () => this.post(ref.place, card, opts.uuid, `reply:${placeName(ref.place)}`));
  }

  /**
   * An interactive card is updated in place (PUT /v1.0/card/instances). A robot message cannot be
   * edited on DingTalk at all: the new card then goes as a new message into the same conversation
   * (once per content, so repeating an update does not repeat the message).
   */
  async update(messageId: string, card: Card): Promise<void> {
    const ref = decodeDingTalkMessageId(messageId);
    if (!ref) {
      await this.sender.refuse(
        { uuid: key('update', messageId), destination: `update:${messageId}`, payload: renderDingTalkMessage(card) },
        `无法识别的钉钉消息 id (not a DingTalk message id of ours): ${messageId}`,
      );
      return;
    }
    if (ref.outTrackId && isStandardCardId(ref.outTrackId)) {
      const rendered = renderDingTalkStandardCard(card);
      await this.sender.deliver<unknown>({
        uuid: key('update', messageId, JSON.stringify(rendered)),
        destination: `update:${placeName(ref.place)}:${ref.outTrackId}`,
        payload: rendered,
        target: rateTarget(ref.place),
        kind: 'update',
        request: { host: 'api', method: 'PUT', path: '/v1.0/im/robots/interactiveCards', body: { cardBizId: ref.outTrackId, cardData: JSON.stringify(rendered) } },
      });
      return;
    }
    if (ref.outTrackId) {
      const rendered = this.renderTemplate(card);
      await this.sender.deliver<CardAnswer>({
        uuid: key('update', messageId, JSON.stringify(rendered)),
        destination: `update:${placeName(ref.place)}:${ref.outTrackId}`,
        payload: rendered,
        target: rateTarget(ref.place),
        kind: 'update',
        request: {
          host: 'api',
          method: 'PUT',
          path: '/v1.0/card/instances',
          body: { outTrackId: ref.outTrackId, cardData: rendered, cardUpdateOptions: { updateCardDataByKey: true } },
        },
        inspect: (b) => (b?.success === false ? { retry: false, message: '钉钉卡片更新失败 (card update refused)' } : null),
      });
      return;
    }
    const uuid = key('update', messageId, JSON.stringify(this.template ? renderDingTalkTemplateCard(card) : renderDingTalkMessage(card)));
    await this.once(uuid, () => this.post(ref.place, card, uuid, `update:${placeName(ref.place)}`));
  }

  /**
   * DING (POST /v1.0/robot/ding/send) for each channel: 1 in-app, 2 SMS, 3 phone call. DING is
   * only in DingTalk's 专业版 / 专属版 and SMS / phone DINGs need purchased quota, so a refusal
   * (4xx) is recorded and logged but not thrown: the message itself went, and trying again would
   * get the same answer. A failure worth retrying (5xx, limits, network) is thrown.
   */
  async buzz(messageId: string, user: PlatformUserRef, channels: readonly UrgentChannel[]): Promise<void> {
    const userId = user.userId;
    if (!userId) return;
    for (const channel of channels) {
      const body = { robotCode: this.opts.robotCode, remindType: REMIND_TYPE[channel], receiverUserIdList: [userId], content: DING_CONTENT };
      try {
        await this.sender.deliver<{ failedList?: Record<string, unknown> }>({
          uuid: key('ding', messageId, userId, channel),
          destination: `ding:${channel}:user:${userId}`,
          payload: body,
          target: { userId },
          kind: 'ding',
          request: { host: 'api', method: 'POST', path: '/v1.0/robot/ding/send', body },
          inspect: (b) => {
            const reasons = Object.entries(b?.failedList ?? {}).filter(([, ids]) => listed(ids, userId)).map(([reason]) => reason);
            return reasons.length > 0 ? { retry: false, message: `DING 未送达 (DING failed): ${reasons.join(', ')}` } : null;
          },
        });
      } catch (err) {
        if (!(err instanceof DingTalkSendError) || err.retryable) throw err;
        this.opts.logger?.warn({ channel, userId, error: err.message }, 'dingtalk DING refused; the message itself was delivered');
      }
    }
  }

  async findUser(contact: { mobile?: string; email?: string }): Promise<PlatformUserRef | null> {
    // DingTalk looks people up by mobile only.
    if (!contact.mobile) return null;
    const userId = await dingtalkUserIdByMobile(this.sender, contact.mobile);
    return userId ? { platform: 'DINGTALK', userId } : null;
  }

  /** Only a form template carries inputs; ActionCards and the card template do not, and forms are then asked in 1:1 chat. */
  get formsInCards(): boolean {
    return Boolean(this.opts.formTemplateId);
  }

  private get template(): string | null {
    return this.opts.cardTemplateId || null;
  }

  /** What an interactive card's variables are: the form template's are a superset of the card template's. */
  private renderTemplate(card: Card): DingTalkTemplateCard {
    return this.opts.formTemplateId ? renderDingTalkFormTemplateCard(card) : renderDingTalkTemplateCard(card);
  }

  /** One send per uuid in this process: a repeat gets the first one's answer (or waits for it). */
  private once(uuid: string, send: () => Promise<{ messageId: string }>): Promise<{ messageId: string }> {
    const earlier = this.recent.get(uuid);
    if (earlier) return earlier;
    const sending = send();
    this.recent.set(uuid, sending);
    // A failed send is forgotten so that a retry really tries again.
    sending.catch(() => {
      if (this.recent.get(uuid) === sending) this.recent.delete(uuid);
    });
    if (this.recent.size > this.maxRecent) this.recent.delete(this.recent.keys().next().value!);
    return sending;
  }

  private async post(place: DingTalkPlace, card: Card, uuid: string, destination: string): Promise<{ messageId: string }> {
    const formTemplate = this.opts.formTemplateId && card.elements.some((e) => e.kind === 'form') ? this.opts.formTemplateId : null;
    const template = formTemplate ?? this.template;
    const { messageId } = template
      ? await this.postCard(place, card, uuid, destination, template)
      : this.opts.standardCards
        ? await this.postStandardCardOrMessage(place, card, uuid, destination)
        : await this.postMessage(place, card, uuid, destination);
    // Our ids are made from the answer; an empty one would break later replies silently.
    if (!messageId) throw new Error('DingTalk answered a send without what names the message');
    return { messageId };
  }

  private postMessage(place: DingTalkPlace, card: Card, uuid: string, destination: string): Promise<{ messageId: string | null }> {
    const cardRef = cardRefFor(uuid);
    const message: DingTalkRobotMessage = renderDingTalkMessage(card, { cardRef, inGroup: place.kind === 'chat' });
    const common = { robotCode: this.opts.robotCode, msgKey: message.msgKey, msgParam: JSON.stringify(message.msgParam) };
    const request: DingTalkRequest =
      place.kind === 'user'
        ? { host: 'api', method: 'POST', path: '/v1.0/robot/oToMessages/batchSend', body: { ...common, userIds: [place.userId] } }
        : { host: 'api', method: 'POST', path: '/v1.0/robot/groupMessages/send', body: { ...common, openConversationId: place.conversationId } };
    return this.sender.deliver<SendAnswer>({
      uuid,
      destination,
      payload: message,
      target: rateTarget(place),
      kind: 'send',
      request,
      inspect: (b): Rejection | null => {
        if (place.kind !== 'user') return null;
        // batchSend answers 200 and names the people it did not reach.
        if (listed(b?.invalidStaffIdList, place.userId)) return { retry: false, message: `钉钉 userId 无效或不在应用可见范围 (invalid staffId): ${place.userId}` };
        if (listed(b?.flowControlledStaffIdList, place.userId)) return { retry: true, message: `钉钉对此人限流 (flow controlled): ${place.userId}` };
        return null;
      },
      messageIdOf: () => messageIdOfCardRef(place, cardRef),
    });
  }

  /**
   * A standard card, or — when DingTalk refuses it for good (say the app lacks the interactive-card
   * permission) — the last fallback: a robot message, whose buttons post texts 1:1 and are left out
   * in a group. The refusal is logged so that the IT person grants the permission.
   */
  private async postStandardCardOrMessage(place: DingTalkPlace, card: Card, uuid: string, destination: string): Promise<{ messageId: string | null }> {
    try {
      return await this.postStandardCard(place, card, uuid, destination);
    } catch (err) {
      if (!(err instanceof DingTalkSendError) || err.retryable) throw err;
      this.opts.logger?.warn(
        { destination, status: err.status, code: err.dingtalkCode, error: err.message },
        '钉钉拒绝发送互动卡片普通版，已改发普通消息；请在开放平台为应用开通“机器人发送互动卡片”权限 (standard card refused; sent as a robot message)',
      );
      return this.postMessage(place, card, `${uuid}:message`, destination);
    }
  }

  /** POST /v1.0/im/v1.0/robot/interactiveCards/send (docs/platforms/dingtalk-standard-card.md). */
  private postStandardCard(place: DingTalkPlace, card: Card, uuid: string, destination: string): Promise<{ messageId: string | null }> {
    const rendered = renderDingTalkStandardCard(card);
    const cardBizId = standardCardId(place, uuid);
    const body: Record<string, unknown> = {
      cardTemplateId: STANDARD_CARD_TEMPLATE_ID,
      cardBizId,
      robotCode: this.opts.robotCode,
      cardData: JSON.stringify(rendered),
      ...(place.kind === 'user' ? { singleChatReceiver: JSON.stringify({ userId: place.userId }) } : { openConversationId: place.conversationId }),
      ...(this.opts.standardCallbackUrl ? { callbackUrl: this.opts.standardCallbackUrl } : {}),
      sendOptions: {},
      pullStrategy: false,
    };
    return this.sender.deliver<unknown>({
      uuid,
      destination,
      payload: rendered,
      target: rateTarget(place),
      kind: 'send',
      request: { host: 'api', method: 'POST', path: '/v1.0/im/v1.0/robot/interactiveCards/send', body },
      messageIdOf: () => encodeDingTalkMessageId({ place, outTrackId: cardBizId }),
    });
  }

  private postCard(place: DingTalkPlace, card: Card, uuid: string, destination: string, cardTemplateId: string): Promise<{ messageId: string | null }> {
    const rendered: DingTalkTemplateCard = this.renderTemplate(card);
    const outTrackId = outTrackIdFor(uuid);
    const callback = this.opts.cardCallback ?? { type: 'STREAM' as const };
    const robotCode = this.opts.robotCode;
    const body: Record<string, unknown> = {
      cardTemplateId,
      outTrackId,
      callbackType: callback.type,
      ...(callback.type === 'HTTP' ? { callbackRouteKey: callback.routeKey } : {}),
      cardData: rendered,
      userIdType: 1,
      // Cards may carry personal data (R24): not forwardable.
      ...(place.kind === 'user'
        ? {
            openSpaceId: `dtv1.card//IM_ROBOT.${place.userId}`,
            imRobotOpenSpaceModel: { supportForward: false },
            imRobotOpenDeliverModel: { spaceType: 'IM_ROBOT', robotCode },
          }
        : {
            openSpaceId: `dtv1.card//IM_GROUP.${place.conversationId}`,
            imGroupOpenSpaceModel: { supportForward: false },
            imGroupOpenDeliverModel: { robotCode },
          }),
    };
    return this.sender.deliver<CardAnswer>({
      uuid,
      destination,
      payload: rendered,
      target: rateTarget(place),
      kind: 'send',
      request: { host: 'api', method: 'POST', path: '/v1.0/card/instances/createAndDeliver', body },
      inspect: (b) => {
        const failed = (b?.result?.deliverResults ?? []).filter((r) => r.success === false);
        if (b?.success === false || failed.length > 0) {
          return { retry: false, message: `钉钉卡片投放失败 (card not delivered): ${failed.map((r) => String(r.errorMsg ?? '')).join('; ')}` };
        }
        return null;
      },
      messageIdOf: () => encodeDingTalkMessageId({ place, outTrackId }),
    });
  }
}

/** Where a destination goes on DingTalk: a group by its openConversationId, a person by userId (staffId). */
export function placeOf(to: Destination): DingTalkPlace | null {
  if (to.kind === 'chat') return { kind: 'chat', conversationId: to.chatId };
  return to.user.userId ? { kind: 'user', userId: to.user.userId } : null;
}
