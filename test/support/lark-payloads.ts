import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

// Real-format Lark payloads (schema 2.0 envelopes, platforms.md 1.6 / 1.7) and the encryption and
// signing Lark applies to them, written independently of src/ so that tests check src against it.

export const APP_ID = 'cli_a1b2c3d4e5f60718';
export const TENANT_KEY = '2ca1d211f64f6438';
export const BOT_OPEN_ID = 'ou_bot0000000000000000000000000000';

let seq = 0;
const next = (prefix: string) => `${prefix}${Date.now().toString(16)}${(++seq).toString(16).padStart(6, '0')}`;

export interface UserIds {
  open_id: string;
  union_id?: string;
  user_id?: string | null;
}

export interface MessageEventOptions {
  eventId?: string;
  messageId?: string;
  chatId?: string;
  chatType?: 'p2p' | 'group';
  sender?: UserIds;
  /** Text with `@_user_N` placeholders, as Lark writes it. */
  text?: string;
  mentions?: { key: string; id: UserIds; name: string; mentioned_type?: 'user' | 'bot' }[];
  messageType?: string;
  content?: string;
  createTime?: Date;
  verificationToken?: string;
}

/** An `im.message.receive_v1` event envelope. */
export function messageEvent(o: MessageEventOptions = {}) {
  const at = o.createTime ?? new Date();
  const sender = o.sender ?? { open_id: 'ou_sender000000000000000000000000', union_id: 'on_sender00000000000000000000000', user_id: 'u123' };
  return {
    schema: '2.0',
    header: {
      event_id: o.eventId ?? next('ev_'),
      event_type: 'im.message.receive_v1',
      create_time: String(at.getTime()),
      token: o.verificationToken ?? 'vtoken',
      app_id: APP_ID,
      tenant_key: TENANT_KEY,
    },
    event: {
      sender: { sender_id: { union_id: sender.union_id ?? null, user_id: sender.user_id ?? null, open_id: sender.open_id }, sender_type: 'user', tenant_key: TENANT_KEY },
      message: {
        message_id: o.messageId ?? next('om_'),
        create_time: String(at.getTime()),
        update_time: String(at.getTime()),
        chat_id: o.chatId ?? 'oc_chat0000000000000000000000000',
        chat_type: o.chatType ?? 'group',
        message_type: o.messageType ?? 'text',
        content: o.content ?? JSON.stringify({ text: o.text ?? '@_user_1 你好' }),
        mentions: o.mentions ?? [{ key: '@_user_1', id: { open_id: BOT_OPEN_ID, union_id: 'on_bot', user_id: null }, name: '信访包案助手', mentioned_type: 'bot', tenant_key: TENANT_KEY }],
        user_agent: 'Mozilla/5.0 Lark/7.30.0',
      },
    },
  };
}

export interface CardActionOptions {
  eventId?: string;
  operator?: UserIds;
  /** Button callback value (behaviors: callback). */
  value?: unknown;
  /** Form submit: the button's name and the form fields. */
  name?: string;
  formValue?: Record<string, unknown>;
  messageId?: string;
  chatId?: string;
  verificationToken?: string;
  createTime?: Date;
}

/** A `card.action.trigger` callback envelope (header.create_time in µs, event.token the update token). */
export function cardActionEvent(o: CardActionOptions = {}) {
  const at = o.createTime ?? new Date();
  const operator = o.operator ?? { open_id: 'ou_operator0000000000000000000000', union_id: 'on_operator000000000000000000000', user_id: 'u456' };
  const action: Record<string, unknown> = { tag: 'button' };
  if (o.value !== undefined) action.value = o.value;
  if (o.name !== undefined) action.name = o.name;
  if (o.formValue !== undefined) action.form_value = o.formValue;
  return {
    schema: '2.0',
    header: {
      event_id: o.eventId ?? next('ev_'),
      token: o.verificationToken ?? 'vtoken',
      create_time: String(at.getTime() * 1000),
      event_type: 'card.action.trigger',
      tenant_key: TENANT_KEY,
      app_id: APP_ID,
    },
    event: {
      operator: { tenant_key: TENANT_KEY, user_id: operator.user_id ?? null, open_id: operator.open_id, union_id: operator.union_id ?? null },
      token: 'c-2f0f1b9a7c4e4a2b9d1e0f3a5b6c7d8e',
      action,
      host: 'im_message',
      context: { open_message_id: o.messageId ?? 'om_card000000000000000000000000', open_chat_id: o.chatId ?? 'oc_chat0000000000000000000000000' },
    },
  };
}

/** The url_verification request Lark sends when the request URL is configured. */
export function urlVerification(challenge: string, token = 'vtoken') {
  return { challenge, token, type: 'url_verification' };
}

/** Lark's encryption: AES-256-CBC, key sha256(encryptKey), random 16-byte IV prefixed, base64. */
export function encryptLark(plaintext: string, encryptKey: string, iv: Buffer = randomBytes(16)): string {
  const key = createHash('sha256').update(encryptKey).digest();
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

export function decryptLarkForTest(encrypt: string, encryptKey: string): string {
  const key = createHash('sha256').update(encryptKey).digest();
  const buf = Buffer.from(encrypt, 'base64');
  const decipher = createDecipheriv('aes-256-cbc', key, buf.subarray(0, 16));
  return Buffer.concat([decipher.update(buf.subarray(16)), decipher.final()]).toString('utf8');
}

export interface SignedRequest {
  body: { encrypt: string };
  /** Compact JSON, exactly what is signed: the SDK re-hashes JSON.stringify(parsed). */
  rawBody: string;
  headers: Record<'content-type' | 'x-lark-request-timestamp' | 'x-lark-request-nonce' | 'x-lark-signature', string>;
}

/** Encrypts a payload and signs it as Lark does: sha256_hex(timestamp + nonce + encryptKey + body). */
export function signAndEncrypt(payload: unknown, encryptKey: string, opts: { timestamp?: Date; nonce?: string } = {}): SignedRequest {
  const body = { encrypt: encryptLark(JSON.stringify(payload), encryptKey) };
  const rawBody = JSON.stringify(body);
  const timestamp = String(Math.floor((opts.timestamp ?? new Date()).getTime() / 1000));
  const nonce = opts.nonce ?? randomBytes(8).toString('hex');
  const signature = createHash('sha256').update(timestamp + nonce + encryptKey + rawBody).digest('hex');
  return {
    body,
    rawBody,
    headers: {
      'content-type': 'application/json',
      'x-lark-request-timestamp': timestamp,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': signature,
    },
  };
}

/** What the SDK hands a handler: the envelope flattened as {...header, ...event}. */
export function flattened(envelope: { schema: string; header: Record<string, unknown>; event: Record<string, unknown> }): Record<string, unknown> {
  const { header, event, ...rest } = envelope;
  return { ...rest, ...header, ...event };
}
