import { createHash } from 'node:crypto';
import type * as lark from '@larksuiteoapi/node-sdk';
import type { LarkCardJson } from '../../../cards/lark/render.js';
import type { Card, CardImage } from '../../../cards/model.js';
import type { PlatformUserRef } from '../../bot/inbound.js';
import type { Destination, MessagingPort, UrgentChannel } from '../../bot/messaging-port.js';
import type { Logger } from '../../lib/logger.js';
import type { ChatKinds } from '../chat-kinds.js';
import { lookUpLarkIds } from './contacts.js';
import type { RenderCard } from './events.js';
import { LarkImages } from './images.js';
import type { LarkRateTarget } from './limits.js';
import { larkUuid } from './send-uuid.js';
import type { LarkSender } from './sender.js';

type ReceiveIdType = 'open_id' | 'union_id' | 'user_id' | 'chat_id';

/** Where a destination goes on Lark: a chat by chat_id, a person by open_id, else union_id, else user_id. */
export function larkReceiver(to: Destination): { type: ReceiveIdType; id: string; target: LarkRateTarget } | null {
  if (to.kind === 'chat') return { type: 'chat_id', id: to.chatId, target: { chatId: to.chatId } };
  const u = to.user;
  const pick: [ReceiveIdType, string | null | undefined][] = [
    ['open_id', u.openId],
    ['union_id', u.unionId],
    ['user_id', u.userId],
  ];
  const found = pick.find(([, id]) => Boolean(id));
  return found ? { type: found[0], id: found[1]!, target: { userId: found[1]! } } : null;
}

export interface LarkMessengerOptions {
  /** Learns 1:1 chats from sends to a person (their answer names the chat), for later clicks there. */
  chats?: ChatKinds | undefined;
  /** Where a failed image upload is told (the card then goes without the image). */
  logger?: Logger | undefined;
}

/** Cards to Lark chats and people through the one LarkSender path (limits, retries, record). */
export class LarkMessenger implements MessagingPort {
  readonly platform = 'LARK' as const;
  private readonly images: LarkImages;
  private readonly chats: ChatKinds | undefined;
  private readonly logger: Logger | undefined;

  constructor(
    private readonly client: lark.Client,
    private readonly sender: LarkSender,
    private readonly render: RenderCard,
    opts: LarkMessengerOptions = {},
  ) {
    this.images = new LarkImages(client, sender);
    this.chats = opts.chats;
    this.logger = opts.logger;
  }

  /** The card as Lark JSON, its images uploaded first (the renderer is pure: it only writes their keys in). */
  private async larkCard(card: Card): Promise<LarkCardJson> {
    const pngs = card.elements.filter((e): e is CardImage => e.kind === 'image').map((e) => e.png);
    if (pngs.length === 0) return this.render(card);
    const keys = await this.images.keysFor(pngs, this.logger);
    return this.render(card, { imageKey: (image) => keys.get(image.png) });
  }

  async send(to: Destination, card: Card, opts: { uuid: string }): Promise<{ messageId: string }> {
    const uuid = larkUuid(opts.uuid);
    const receiver = larkReceiver(to);
    if (!receiver) {
      const payload = { msg_type: 'interactive', card: this.render(card) };
      return this.sender.refuse({ uuid, destination: 'user:(no Lark id)', payload, kind: 'send' }, '此人没有飞书账号 ID，无法发送 (no Lark id for this person)');
    }
    const cardJson = await this.larkCard(card);
    const payload = { msg_type: 'interactive', card: cardJson };
    const sent: { chatId?: string } = {};
    const { messageId } = await this.sender.deliver({
      uuid,
      destination: `${receiver.type}:${receiver.id}`,
      payload,
      target: receiver.target,
      kind: 'send',
      run: async () => {
        const res = await this.client.im.message.create({
          params: { receive_id_type: receiver.type },
          data: { receive_id: receiver.id, msg_type: 'interactive', content: JSON.stringify(cardJson), uuid },
        });
        sent.chatId = res.data?.chat_id;
        return res;
      },
    });
    // A send to a person lands in the 1:1 chat with them; what a send to a chat_id is was learnt from its messages.
    if (sent.chatId && receiver.type !== 'chat_id') await this.chats?.remember(sent.chatId, 'DIRECT');
    return { messageId: required(messageId) };
  }

  async reply(messageId: string, card: Card, opts: { uuid: string }): Promise<{ messageId: string }> {
    const uuid = larkUuid(opts.uuid);
    const cardJson = await this.larkCard(card);
    const res = await this.sender.deliver({
      uuid,
      destination: `reply:${messageId}`,
      payload: { msg_type: 'interactive', card: cardJson },
      // The chat of the replied message is not known here; the app limits still hold.
      target: { app: true },
      kind: 'send',
      run: () => this.client.im.message.reply({ path: { message_id: messageId }, data: { msg_type: 'interactive', content: JSON.stringify(cardJson), uuid } }),
    });
    return { messageId: required(res.messageId) };
  }

  async update(messageId: string, card: Card): Promise<void> {
    const content = JSON.stringify(await this.larkCard(card));
    await this.sender.deliver({
      // Updates carry no Lark uuid; this key only names the record of a failed one.
      uuid: larkUuid(`update:${messageId}:${createHash('sha256').update(content).digest('hex')}`),
      destination: `update:${messageId}`,
      payload: { card: JSON.parse(content) as unknown },
      target: { updatedMessageId: messageId },
      kind: 'update',
      run: () => this.client.im.message.patch({ path: { message_id: messageId }, data: { content } }),
    });
  }

  async buzz(messageId: string, user: PlatformUserRef, channels: readonly UrgentChannel[]): Promise<void> {
    const id = user.openId ?? user.unionId ?? user.userId;
    if (!id) return;
    const user_id_type: 'open_id' | 'union_id' | 'user_id' = user.openId ? 'open_id' : user.unionId ? 'union_id' : 'user_id';
    const m = this.client.im.message;
    for (const channel of channels) {
      const payload = { path: { message_id: messageId }, params: { user_id_type }, data: { user_id_list: [id] } };
      await this.sender.call({ userId: id }, () => (channel === 'app' ? m.urgentApp(payload) : channel === 'sms' ? m.urgentSms(payload) : m.urgentPhone(payload)));
    }
  }

  async findUser(contact: { mobile?: string; email?: string }): Promise<PlatformUserRef | null> {
    if (!contact.mobile && !contact.email) return null;
    const found = await lookUpLarkIds(
      this.client,
      this.sender,
      { mobiles: contact.mobile ? [contact.mobile] : [], emails: contact.email ? [contact.email] : [] },
      'open_id',
    );
    const openId = (contact.mobile && found.byMobile.get(contact.mobile)) || (contact.email && found.byEmail.get(contact.email)) || null;
    return openId ? { platform: 'LARK', openId } : null;
  }
}

function required(messageId: string | null): string {
  // Lark always returns message_id on success; an empty one would break later updates silently.
  if (!messageId) throw new Error('Lark answered a send without a message_id');
  return messageId;
}
