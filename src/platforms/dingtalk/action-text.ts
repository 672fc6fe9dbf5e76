// DingTalk ActionCard buttons can only open links. A `dtmd://dingtalkclient/sendMessage?content=…`
// link makes the click send that text to the robot, in the same conversation; so a button's
// action travels as a short text the receiver recognises and turns back into a card action.
//
//   #操作 <base64url(JSON { v: action value, c?: card ref })>      → an InboundAction, as a Lark button click
//   #确认 <base64url(JSON { value, title, text, c?: card ref })>   → the robot asks first, with a 确定 button
//
// The card ref names the card the button was on (our message id): a double click sends the same
// text twice, and the dispatcher's idempotency key (event-key.ts) covers card, person and value.
//
// Anyone can type such a text: it is untrusted input exactly like a Lark callback value, and
// the dispatcher decodes and authorises it the same way.

export const ACTION_PREFIX = '#操作 ';
export const CONFIRM_PREFIX = '#确认 ';
/** DingTalk's message box takes about this much; longer values are not offered as buttons. */
export const MAX_ACTION_TEXT = 1800;

const encode = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');

function decode(payload: string): unknown {
  if (!/^[A-Za-z0-9_-]{1,2400}$/.test(payload)) return null;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
}

export function actionText(value: unknown, cardRef?: string): string {
  return ACTION_PREFIX + encode(cardRef ? { v: value, c: cardRef } : { v: value });
}

export function confirmText(value: unknown, title: string, text: string, cardRef?: string): string {
  return CONFIRM_PREFIX + encode({ value, title, text, ...(cardRef ? { c: cardRef } : {}) });
}

/** The link that makes a click send `text` to the robot. */
export function sendMessageLink(text: string): string {
  return `dtmd://dingtalkclient/sendMessage?content=${encodeURIComponent(text)}`;
}

export type ActionTextMeaning =
  | { kind: 'action'; value: unknown; cardRef: string | null }
  | { kind: 'confirm'; value: unknown; title: string; text: string; cardRef: string | null }
  | null;

const refOf = (c: unknown) => (typeof c === 'string' && c.length <= 64 ? c : null);

/** What a text typed or clicked in DingTalk means, when it is one of ours. */
export function readActionText(raw: string): ActionTextMeaning {
  const text = raw.trim();
  if (text.startsWith(ACTION_PREFIX.trim())) {
    const payload = decode(text.slice(ACTION_PREFIX.trim().length).trim()) as { v?: unknown; c?: unknown } | null;
    return payload && typeof payload === 'object' && 'v' in payload ? { kind: 'action', value: payload.v, cardRef: refOf(payload.c) } : null;
  }
  if (text.startsWith(CONFIRM_PREFIX.trim())) {
    const c = decode(text.slice(CONFIRM_PREFIX.trim().length).trim()) as { value?: unknown; title?: unknown; text?: unknown; c?: unknown } | null;
    if (!c || typeof c.title !== 'string' || typeof c.text !== 'string') return null;
    return { kind: 'confirm', value: c.value, title: c.title, text: c.text, cardRef: refOf(c.c) };
  }
  return null;
}

// On a standard interactive card (StandardCard, standard-card.ts) a button is a `request` button
// and a click comes back as a card callback naming the button's id (cardPrivateData.actionIds).
// The id carries the same meaning as the texts above, as a plain ASCII token:
//
//   xfa_<base64url(JSON { v, c? })>                   → an action
//   xfc_<base64url(JSON { value, title, text, c? })>   → ask first
//
// optionally followed by `.<n>`, which tells apart two buttons of one card that do the same.
//
// Untrusted like any click: the dispatcher decodes and authorises it.

const ACTION_ID = 'xfa_';
const CONFIRM_ID = 'xfc_';

export function actionId(value: unknown, cardRef?: string): string {
  return ACTION_ID + encode(cardRef ? { v: value, c: cardRef } : { v: value });
}

export function confirmId(value: unknown, title: string, text: string, cardRef?: string): string {
  return CONFIRM_ID + encode({ value, title, text, ...(cardRef ? { c: cardRef } : {}) });
}

/** What a standard card's button id means, when it is one of ours. */
export function readActionId(raw: string): ActionTextMeaning {
  const id = raw.split('.')[0]!;
  if (id.startsWith(ACTION_ID)) return readActionText(`${ACTION_PREFIX}${id.slice(ACTION_ID.length)}`);
  if (id.startsWith(CONFIRM_ID)) return readActionText(`${CONFIRM_PREFIX}${id.slice(CONFIRM_ID.length)}`);
  return null;
}
