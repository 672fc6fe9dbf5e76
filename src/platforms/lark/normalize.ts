import { z } from 'zod';
import type { ChatRef, InboundAction, InboundMessage, PlatformUserRef } from '../../bot/inbound.js';
import { LarkPayloadError } from './errors.js';

// The SDK hands handlers schema-2.0 payloads flattened as {...header, ...event}
// (platforms.md 1.4): event_id sits next to `message` / `action`.

const nullableId = z.string().nullish().transform((v) => v || null);

const userIds = z.object({ open_id: nullableId, user_id: nullableId, union_id: nullableId });

const mention = z.object({
  key: z.string(),
  id: userIds.partial().nullish(),
  name: z.string().nullish(),
  mentioned_type: z.string().nullish(),
});

const messageEvent = z.object({
  event_id: z.string().min(1),
  sender: z.object({ sender_id: userIds, sender_type: z.string().nullish() }),
  message: z.object({
    message_id: z.string().min(1),
    chat_id: z.string().min(1),
    chat_type: z.string(),
    message_type: z.string(),
    content: z.string(),
    create_time: z.union([z.string(), z.number()]),
    mentions: z.array(mention).nullish(),
  }),
});

const cardActionEvent = z.object({
  event_id: z.string().min(1),
  operator: userIds,
  action: z.object({
    tag: z.string().nullish(),
    value: z.unknown().optional(),
    name: z.string().nullish(),
    form_value: z.record(z.string(), z.unknown()).nullish(),
  }),
  context: z.object({ open_message_id: nullableId, open_chat_id: nullableId }).partial().nullish(),
});

export interface NormalizeMessageOptions {
  /** The bot's own open_id (GET /open-apis/bot/v3/info); unknown ⇒ any mention of type "bot" counts. */
  botOpenId: string | null;
}

export interface NormalizeActionOptions {
  now: Date;
  /** Turns a form submit button's `name` into its action value (cards/lark `decodeLarkFormAction`); may throw or return null when it is not ours. */
  decodeFormAction?: (name: string) => unknown;
}

function parse<T>(schema: z.ZodType<T>, raw: unknown, kind: LarkPayloadError['kind']): T {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  throw new LarkPayloadError(kind, result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
}

function userRef(ids: z.infer<typeof userIds>): PlatformUserRef {
  return { platform: 'LARK', openId: ids.open_id, userId: ids.user_id, unionId: ids.union_id };
}

/** Plain text of a text or post message, mentions still as `@_user_N` placeholders. */
function rawText(type: string, content: string): string | null {
  let body: unknown;
  try {
    body = JSON.parse(content);
  } catch {
    return null;
  }
  if (typeof body !== 'object' || body === null) return null;
  if (type === 'text') {
    const text = (body as { text?: unknown }).text;
    return typeof text === 'string' ? text : null;
  }
  if (type === 'post') {
    const post = body as { title?: unknown; content?: unknown };
    const rows = Array.isArray(post.content) ? post.content : [];
    const lines = rows.map((row: unknown) =>
      (Array.isArray(row) ? row : [])
        .map((el: { tag?: unknown; text?: unknown; user_id?: unknown }) =>
          el?.tag === 'text' || el?.tag === 'a' ? String(el.text ?? '') : el?.tag === 'at' ? String(el.user_id ?? '') : '',
        )
        .join(''),
    );
    return [typeof post.title === 'string' ? post.title : '', ...lines].filter((l) => l.length > 0).join('\n');
  }
  return '';
}

/** im.message.receive_v1 (as the SDK hands it over) → InboundMessage; LarkPayloadError when malformed. */
export function normalizeLarkMessage(raw: unknown, opts: NormalizeMessageOptions): InboundMessage {
  const e = parse(messageEvent, raw, 'message');
  const m = e.message;
  const text = rawText(m.message_type, m.content);
  if (text === null) throw new LarkPayloadError('message', [`message.content: not the JSON of a ${m.message_type} message`]);
  const sentAt = new Date(Number(m.create_time));
  if (Number.isNaN(sentAt.getTime())) throw new LarkPayloadError('message', ['message.create_time: not a time in ms']);
  if (m.chat_type !== 'p2p' && m.chat_type !== 'group') throw new LarkPayloadError('message', [`message.chat_type: unknown "${m.chat_type}"`]);

  const mentions = new Map((m.mentions ?? []).map((x) => [x.key, x]));
  const isBot = (x: z.infer<typeof mention>) => (opts.botOpenId ? x.id?.open_id === opts.botOpenId : x.mentioned_type === 'bot');
  const mentionsBot = [...mentions.values()].some(isBot);
  const cleaned = text
    .replace(/@_user_\d+|@_all/g, (key) => {
      const x = mentions.get(key);
      if (!x) return key === '@_all' ? '@所有人' : key;
      if (isBot(x)) return '';
      return `@${x.name ?? ''}`;
    })
    .replace(/[ \t]{2,}/g, ' ')
    .trim();

  return {
    kind: 'message',
    platform: 'LARK',
    eventId: e.event_id,
    messageId: m.message_id,
    chat: { id: m.chat_id, type: m.chat_type },
    sender: userRef(e.sender.sender_id),
    text: cleaned,
    mentionsBot,
    sentAt,
  };
}

function decodeName(name: string, decode: NormalizeActionOptions['decodeFormAction']): unknown {
  try {
    return decode?.(name) ?? null;
  } catch {
    return null;
  }
}

/** card.action.trigger (as the SDK hands it over) → InboundAction; LarkPayloadError when malformed. */
export function normalizeLarkCardAction(raw: unknown, opts: NormalizeActionOptions): InboundAction {
  const e = parse(cardActionEvent, raw, 'card_action');
  const a = e.action;
  let value: unknown = a.value;
  if (value === undefined || value === null) {
    if (!a.name) throw new LarkPayloadError('card_action', ['action: neither a value nor a form button name']);
    // Form submit buttons carry no value: the button name says which action it is. A name the
    // decoder refuses stays raw, for the dispatcher to refuse with its own message.
    value = decodeName(a.name, opts.decodeFormAction) ?? { formAction: a.name };
  }
  const chatId = e.context?.open_chat_id ?? null;
  // The callback does not say whether the chat is a group: a group until events.ts finds the chat
  // known as 1:1 (R24, unknown ⇒ masked).
  const chat: ChatRef | null = chatId ? { id: chatId, type: 'group' } : null;
  return {
    kind: 'action',
    platform: 'LARK',
    eventId: e.event_id,
    chat,
    operator: userRef(e.operator),
    messageId: e.context?.open_message_id ?? null,
    value,
    form: a.form_value ?? null,
    receivedAt: opts.now,
  };
}
