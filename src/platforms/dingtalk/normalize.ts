import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ChatRef, InboundAction, InboundMessage, PlatformUserRef } from '../../bot/inbound.js';
import { readActionId, readActionText } from './action-text.js';
import { placeOfStandardCard } from './standard-card.js';
import { encodeDingTalkMessageId, inboundMessageId, messageIdOfCardRef, type DingTalkPlace } from './message-ref.js';
import { DingTalkPayloadError } from './payload-error.js';

// Robot messages (stream topic /v1.0/im/bot/messages/get, or POSTed in HTTP mode) and card
// callbacks (/v1.0/card/instances/callback), platforms.md 4.2 and 4.4, into the bot's events.

/** A '#确认' click: the robot asks before it acts, with a card whose 确定 button carries `value`. */
export interface DingTalkConfirmRequest {
  kind: 'confirm';
  platform: 'DINGTALK';
  /** The robot message's msgId. */
  eventId: string;
  /** The group clicked in; null in the operator's 1:1 chat with the robot (send the card to the operator). */
  chat: ChatRef | null;
  operator: PlatformUserRef;
  /** The action to run once confirmed: untrusted, decoded by the dispatcher when the 确定 click comes back. */
  value: unknown;
  title: string;
  text: string;
  /** The card the button was on (our message id), to pass on to the 确定 button. */
  cardRef: string | null;
  receivedAt: Date;
}

export type DingTalkRobotEvent = InboundMessage | InboundAction | DingTalkConfirmRequest;

const text = z.string().nullish().transform((v) => v || null);
const time = z.union([z.number(), z.string().regex(/^\d+$/)]).transform(Number);

const robotMessage = z.object({
  msgId: z.string().min(1),
  msgtype: z.string().min(1),
  conversationId: z.string().min(1),
  conversationType: z.union([z.string(), z.number()]).transform(String),
  conversationTitle: text,
  senderStaffId: text,
  senderId: text,
  senderNick: text,
  chatbotUserId: text,
  isInAtList: z.boolean().nullish(),
  atUsers: z.array(z.object({ dingtalkId: text, staffId: text })).nullish(),
  createAt: time,
  text: z.object({ content: z.string() }).nullish(),
  content: z.unknown().optional(),
  robotCode: text,
  sessionWebhook: text,
  sessionWebhookExpiredTime: time.nullish(),
});

const cardCallback = z.object({
  outTrackId: z.string().min(1),
  userId: z.string().min(1),
  /** 1 (default): userId is the staff id; 2: it is the unionId. */
  userIdType: z.union([z.number(), z.string()]).nullish(),
  type: z.string().nullish(),
  content: z.union([z.string(), z.record(z.string(), z.unknown())]),
  spaceType: text,
  spaceId: text,
});

const cardContent = z.object({
  cardPrivateData: z.object({
    actionIds: z.array(z.string()).nullish(),
    params: z.record(z.string(), z.unknown()).nullish(),
  }),
});

function parse<T>(schema: z.ZodType<T>, raw: unknown, kind: DingTalkPayloadError['kind']): T {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  throw new DingTalkPayloadError(kind, result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
}

/** `content` of non-text messages arrives as an object (sometimes as its JSON). */
function objectOf(content: unknown): Record<string, unknown> {
  if (typeof content === 'string') {
    try {
      return objectOf(JSON.parse(content));
    } catch {
      return {};
    }
  }
  return typeof content === 'object' && content !== null && !Array.isArray(content) ? (content as Record<string, unknown>) : {};
}

/** The words of a message: text, the text parts of rich text, a voice message's transcript; '' for pictures, files… */
function rawText(m: z.infer<typeof robotMessage>): string {
  if (m.msgtype === 'text') {
    if (!m.text) throw new DingTalkPayloadError('robot_message', ['text: missing for a text message']);
    return m.text.content;
  }
  const content = objectOf(m.content);
  if (m.msgtype === 'richText') {
    const parts = Array.isArray(content.richText) ? content.richText : [];
    // One part per line: a mention part is not glued to the words after it.
    return parts.map((p: { text?: unknown }) => (typeof p?.text === 'string' ? p.text : '')).filter((t) => t.length > 0).join('\n');
  }
  if (m.msgtype === 'audio') return typeof content.recognition === 'string' ? content.recognition : '';
  return '';
}

// Whether DingTalk leaves "@机器人" in text.content is unverified (captured payloads show it
// removed, with the space after it left): leading mentions are removed in any case, as many
// as the message has at-users.
const LEADING_MENTION = /^\s*@[^\s@]+(?:\s+|$)/u;

function withoutLeadingMentions(t: string, max: number): string {
  let out = t;
  for (let i = 0; i < max && LEADING_MENTION.test(out); i++) out = out.replace(LEADING_MENTION, '');
  return out.trim();
}

/** A robot message → the event it is: a message, a '#操作' click or a '#确认' click; DingTalkPayloadError when malformed. */
export function normalizeDingTalkRobotMessage(raw: unknown, opts: { now: Date }): DingTalkRobotEvent {
  const m = parse(robotMessage, raw, 'robot_message');
  if (m.conversationType !== '1' && m.conversationType !== '2') {
    throw new DingTalkPayloadError('robot_message', [`conversationType: unknown "${m.conversationType}"`]);
  }
  if (!m.senderStaffId && !m.senderId) throw new DingTalkPayloadError('robot_message', ['senderStaffId, senderId: neither is set']);
  const sentAt = new Date(m.createAt);
  if (Number.isNaN(sentAt.getTime())) throw new DingTalkPayloadError('robot_message', ['createAt: not a time in ms']);

  const chat: ChatRef = { id: m.conversationId, type: m.conversationType === '1' ? 'p2p' : 'group' };
  const sender: PlatformUserRef = { platform: 'DINGTALK', userId: m.senderStaffId, openId: m.senderId, name: m.senderNick };
  const atUsers = m.atUsers ?? [];
  const botAtMentioned = Boolean(m.chatbotUserId) && atUsers.some((u) => u.dingtalkId === m.chatbotUserId);
  const mentionsBot = chat.type === 'p2p' || m.isInAtList === true || botAtMentioned;
  const words = chat.type === 'group' && mentionsBot ? withoutLeadingMentions(rawText(m), Math.max(1, atUsers.length)) : rawText(m).trim();

  const meaning = m.msgtype === 'text' ? readActionText(words) : null;
  // DingTalk sends 1:1 messages by user id, not by the 1:1 conversation's id: a click there is
  // answered to the operator (chat null, which also makes it a private click, R24).
  const clickChat = chat.type === 'group' ? chat : null;
  if (meaning?.kind === 'action') {
    // The card the clicked link was on, when the button said (a double click then has one key),
    // named as the messenger names it, so that an answer can replace it.
    const place: DingTalkPlace | null = clickChat ? { kind: 'chat', conversationId: clickChat.id } : m.senderStaffId ? { kind: 'user', userId: m.senderStaffId } : null;
    const messageId = meaning.cardRef && place ? messageIdOfCardRef(place, meaning.cardRef) : null;
    return { kind: 'action', platform: 'DINGTALK', eventId: m.msgId, chat: clickChat, operator: sender, messageId, value: meaning.value, form: null, receivedAt: opts.now };
  }
  if (meaning?.kind === 'confirm') {
    return { kind: 'confirm', platform: 'DINGTALK', eventId: m.msgId, chat: clickChat, operator: sender, value: meaning.value, title: meaning.title, text: meaning.text, cardRef: meaning.cardRef, receivedAt: opts.now };
  }
  return {
    kind: 'message',
    platform: 'DINGTALK',
    eventId: m.msgId,
    // Ours (message-ref.ts): names the conversation, so that a reply lands there.
    messageId: inboundMessageId({ conversationType: m.conversationType, conversationId: m.conversationId, senderStaffId: m.senderStaffId, msgId: m.msgId }),
    chat,
    sender,
    text: words,
    mentionsBot,
    sentAt,
  };
}

/*
 * Card callbacks and the contract with the card template (made by the township in DingTalk's
 * card builder, DINGTALK_CARD_TEMPLATE_ID):
 *  - every button that acts is a 回调 (callback) button whose callback params include `action`,
 *    bound to the card variable in which the renderer puts the button's action value as JSON
 *    (cardParamMap values are strings);
 *  - form inputs are template inputs; DingTalk passes their values as further params, under the
 *    input's name, which must be the form field's name.
 * So params.action is the click's value and the other params are the form. A click without
 * `action` is passed on with only its actionIds, for the dispatcher to refuse as a stale button.
 */
export function normalizeDingTalkCardCallback(raw: unknown, opts: { now: Date }): InboundAction | DingTalkConfirmRequest {
  const c = parse(cardCallback, raw, 'card_callback');
  if (c.type && c.type !== 'actionCallback') throw new DingTalkPayloadError('card_callback', [`type: not an action callback ("${c.type}")`]);
  let content: unknown = c.content;
  if (typeof content === 'string') {
    try {
      content = JSON.parse(content);
    } catch {
      throw new DingTalkPayloadError('card_callback', ['content: not JSON']);
    }
  }
  const data = parse(cardContent, content, 'card_callback').cardPrivateData;
  const byUnionId = String(c.userIdType ?? '1') === '2';
  const operator: PlatformUserRef = { platform: 'DINGTALK', userId: byUnionId ? null : c.userId, unionId: byUnionId ? c.userId : null, openId: null };
  const eventId = `card:${digest([c.outTrackId, c.userId, content])}`;
  // A standard card (standard-card.ts) says in its id where it is, and its button ids what they do
  // (action-text.ts); a template card's space says where, params.action what, the other params the form.
  const standardPlace = placeOfStandardCard(c.outTrackId);
  const actionIds = data.actionIds ?? [];
  let value: unknown;
  let fields: Record<string, unknown> = {};
  let chat: ChatRef | null;
  let place: DingTalkPlace | null;
  if (standardPlace) {
    const meaning = actionIds.length === 1 ? readActionId(actionIds[0]!) : null;
    chat = standardPlace.kind === 'chat' ? { id: standardPlace.conversationId, type: 'group' } : null;
    if (meaning?.kind === 'confirm') {
      return { kind: 'confirm', platform: 'DINGTALK', eventId, chat, operator, value: meaning.value, title: meaning.title, text: meaning.text, cardRef: null, receivedAt: opts.now };
    }
    value = meaning?.kind === 'action' ? meaning.value : { actionIds };
    place = standardPlace;
  } else {
    const { action, ...rest } = data.params ?? {};
    value = action === undefined || action === null ? { actionIds } : decodeValue(action);
    fields = rest;
    chat = chatOfSpace(c.spaceType, c.spaceId);
    // The card's id as the messenger named it when it sent the card (its place and outTrackId), so
    // that an answer can update it in place.
    place = chat ? { kind: 'chat', conversationId: chat.id } : operator.userId ? { kind: 'user', userId: operator.userId } : null;
  }
  return {
    kind: 'action',
    platform: 'DINGTALK',
    eventId,
    chat,
    operator,
    messageId: place ? encodeDingTalkMessageId({ place, outTrackId: c.outTrackId }) : null,
    // A button that is not ours is passed on with its ids, for the dispatcher to refuse as stale.
    value,
    form: Object.keys(fields).length > 0 ? fields : null,
    receivedAt: opts.now,
  };
}

function decodeValue(action: unknown): unknown {
  if (typeof action !== 'string') return action;
  try {
    return JSON.parse(action);
  } catch {
    return action; // not ours: the dispatcher refuses it with its own message
  }
}

/**
 * A card in a group says IM_GROUP and the conversation id; one in the robot's 1:1 chat says
 * IM_ROBOT (answers go to the operator). Any other space is taken as a group (R24: unknown ⇒ masked).
 */
function chatOfSpace(spaceType: string | null, spaceId: string | null): ChatRef | null {
  const type = spaceType?.toUpperCase() ?? null;
  if (type === 'IM_ROBOT' || type === 'IM_SINGLE') return null;
  return spaceId ? { id: spaceId, type: 'group' } : null;
}

/** The same click delivered twice (stream re-push, HTTP retry) gets the same event id. */
function digest(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 32);
}
