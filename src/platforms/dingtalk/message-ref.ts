// DingTalk gives a sent robot message no id that later calls can name (batchSend answers a
// `processQueryKey` for recall and read receipts only; cards are named by our own outTrackId), and
// a reply is just a send into the same conversation. So the message ids the bot hands around for
// DingTalk are ours and say where the message is:
//
//   dt_<base64url(JSON {u: userId} | {c: openConversationId}, t?: outTrackId, k?: key)>
//
// `t` names an interactive (template) card, which can be updated in place; `k` is what tells one
// message from another there: for a robot message the bot sent, the card ref its buttons carry
// (action-text.ts), so that a click names the very message it came from (messageIdOfCardRef); for
// a message a person sent, its msgId. Being self-contained, an id stays usable in any process and
// after a restart.

/** A place a robot message goes: a person's 1:1 chat with the robot, or a group conversation. */
export type DingTalkPlace = { kind: 'user'; userId: string } | { kind: 'chat'; conversationId: string };

export interface DingTalkMessageRef {
  place: DingTalkPlace;
  /** The outTrackId of an interactive card (updatable with PUT /v1.0/card/instances). */
  outTrackId?: string;
  key?: string;
}

const PREFIX = 'dt_';

export function encodeDingTalkMessageId(ref: DingTalkMessageRef): string {
  const json: Record<string, string> = ref.place.kind === 'user' ? { u: ref.place.userId } : { c: ref.place.conversationId };
  if (ref.outTrackId) json.t = ref.outTrackId;
  if (ref.key) json.k = ref.key;
  return PREFIX + Buffer.from(JSON.stringify(json), 'utf8').toString('base64url');
}

/** The place (and card) a message id of ours names; null for anything else. */
export function decodeDingTalkMessageId(id: string): DingTalkMessageRef | null {
  if (typeof id !== 'string' || !id.startsWith(PREFIX) || id.length > 4000) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(id.slice(PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null) return null;
  const o = json as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);
  const u = text(o.u);
  const c = text(o.c);
  if (Boolean(u) === Boolean(c)) return null;
  const ref: DingTalkMessageRef = { place: u ? { kind: 'user', userId: u } : { kind: 'chat', conversationId: c! } };
  if (text(o.t)) ref.outTrackId = text(o.t);
  if (text(o.k)) ref.key = text(o.k);
  return ref;
}

/**
 * The id of the bot's robot message whose buttons carry `cardRef`, as seen from the conversation
 * a click on one of them came from (the 1:1 chat with the clicker, or the group).
 */
export function messageIdOfCardRef(place: DingTalkPlace, cardRef: string): string {
  return encodeDingTalkMessageId({ place, key: cardRef });
}

/**
 * The id of a robot message a person sent (for InboundMessage.messageId), so that the bot's
 * reply(messageId) lands in the same conversation: the 1:1 chat with the sender when
 * conversationType is "1", else the group.
 */
export function inboundMessageId(msg: { conversationType: string; conversationId: string; senderStaffId?: string | null; msgId: string }): string {
  const place: DingTalkPlace =
    msg.conversationType === '1' && msg.senderStaffId ? { kind: 'user', userId: msg.senderStaffId } : { kind: 'chat', conversationId: msg.conversationId };
  return encodeDingTalkMessageId({ place, key: msg.msgId });
}
