import type { Card, CardButton } from '../../../cards/model.js';
import { actionId, confirmId } from './action-text.js';
import { dingtalkPlain } from './markdown.js';
import type { DingTalkPlace } from './message-ref.js';
import { interactiveCardParts } from './render.js';
import { createHash } from 'node:crypto';

// 互动卡片普通版 (cardTemplateId "StandardCard"): the layout travels inline, no template made in
// DingTalk's card builder. Formats and their sources: docs/platforms/dingtalk-standard-card.md.

export const STANDARD_CARD_TEMPLATE_ID = 'StandardCard';

type Text = { type: 'text'; text: string; id: string };
type Button = { type: 'button'; id: string; label: Text; actionType: 'request'; status: 'primary' | 'normal' | 'warning' };
type Content =
  | { type: 'markdown'; text: string; id: string }
  | { type: 'text'; text: string; id: string }
  | { type: 'action'; actions: Button[]; id: string };

export interface DingTalkStandardCard {
  config: { autoLayout: boolean; enableForward: boolean };
  header: { title: { type: 'text'; text: string } };
  contents: Content[];
}

const STATUS: Record<CardButton['style'], Button['status']> = { primary: 'primary', default: 'normal', danger: 'warning' };
/** Buttons per action row, so that labels stay readable on a phone. */
const BUTTONS_PER_ROW = 3;

/**
 * The card as a standard interactive card. Every button is a `request` button whose id carries
 * its action (action-text.ts): a click calls back to the bot, nothing is posted in the chat.
 * Forwarding is off: a case card must not travel beyond the chat it was sent to (R24).
 */
export function renderDingTalkStandardCard(card: Card, opts: { cardRef?: string | undefined } = {}): DingTalkStandardCard {
  const { top, blocks, buttons } = interactiveCardParts(card);
  const contents: Content[] = [];
  const used = new Set<string>();
  // Component ids are unique within a card: a second button doing the same gets a suffix.
  const unique = (id: string) => {
    let out = id;
    for (let n = 2; used.has(out); n += 1) out = `${id}.${n}`;
    used.add(out);
    return out;
  };
  if (top) contents.push({ type: 'markdown', text: top, id: 'top' });
  blocks.forEach((text, i) => contents.push({ type: 'markdown', text, id: `block_${i}` }));
  for (let row = 0; row * BUTTONS_PER_ROW < buttons.length; row += 1) {
    const actions = buttons.slice(row * BUTTONS_PER_ROW, (row + 1) * BUTTONS_PER_ROW).map(({ label, button }, i): Button => ({
      type: 'button',
      id: unique(button.confirm ? confirmId(button.action, button.confirm.title, button.confirm.text, opts.cardRef) : actionId(button.action, opts.cardRef)),
      label: { type: 'text', text: dingtalkPlain(label), id: `label_${row}_${i}` },
      actionType: 'request',
      status: STATUS[button.style],
    }));
    contents.push({ type: 'action', actions, id: `actions_${row}` });
  }
  return { config: { autoLayout: true, enableForward: false }, header: { title: { type: 'text', text: card.title } }, contents };
}

const CARD_ID_PREFIX = 'xs_';

/**
 * The cardBizId of the standard card sent under `uuid` (the same uuid names the same card). It also
 * says where the card is: a click's callback names the card (outTrackId) but not reliably its chat,
 * and a group card's answer must stay masked as in a group (R24).
 */
export function standardCardId(place: DingTalkPlace, uuid: string): string {
  const where = place.kind === 'user' ? { u: place.userId } : { c: place.conversationId };
  const h = createHash('sha256').update(`std|${uuid}`).digest('base64url').slice(0, 16);
  return CARD_ID_PREFIX + Buffer.from(JSON.stringify({ ...where, h }), 'utf8').toString('base64url');
}

export const isStandardCardId = (id: string) => id.startsWith(CARD_ID_PREFIX);

/** Where the standard card with this id was sent; null for any other id. */
export function placeOfStandardCard(id: string): DingTalkPlace | null {
  if (!isStandardCardId(id) || id.length > 600) return null;
  try {
    const j = JSON.parse(Buffer.from(id.slice(CARD_ID_PREFIX.length), 'base64url').toString('utf8')) as { u?: unknown; c?: unknown };
    if (typeof j.c === 'string' && j.c) return { kind: 'chat', conversationId: j.c };
    if (typeof j.u === 'string' && j.u) return { kind: 'user', userId: j.u };
  } catch {
    // not ours
  }
  return null;
}
