import type { Card } from '../../../cards/model.js';
import type { PlatformUserRef } from '../../bot/inbound.js';
import type { Destination, MessagingPort, UrgentChannel } from '../../bot/messaging-port.js';
import { Conversations, p2pChat } from './conversations.js';

/**
 * The third implementation of the messaging port: the bot's sends land in the sandbox's
 * conversations (a person's open id there is their person id).
 */
export class SandboxMessenger implements MessagingPort {
  readonly platform = 'SANDBOX' as const;

  constructor(private readonly conversations: Conversations) {}

  async send(to: Destination, card: Card, opts: { uuid: string }): Promise<{ messageId: string }> {
    const chat = to.kind === 'chat' ? to.chatId : p2pChat(personIdOf(to.user));
    const message = await this.conversations.postCard(chat, card, opts.uuid);
    return { messageId: message.id };
  }

  async reply(messageId: string, card: Card, opts: { uuid: string }): Promise<{ messageId: string }> {
    const original = await this.conversations.get(messageId);
    if (!original) throw new Error(`sandbox message not found: ${messageId}`);
    return this.send({ kind: 'chat', chatId: original.chat }, card, opts);
  }

  async update(messageId: string, card: Card): Promise<void> {
    if ((await this.conversations.updateCard(messageId, card)) === null) throw new Error(`sandbox message not found: ${messageId}`);
  }

  async findUser(): Promise<PlatformUserRef | null> {
    return null; // the sandbox links every person itself; there is no contact directory to ask
  }

  async buzz(messageId: string, _user: PlatformUserRef, channels: readonly UrgentChannel[]): Promise<void> {
    const original = await this.conversations.get(messageId);
    if (original) await this.conversations.postText(original.chat, null, `【加急】以上消息已通过${channels.map((c) => URGENT_LABELS[c]).join('、')}加急提醒`);
  }
}

const URGENT_LABELS: Record<UrgentChannel, string> = { app: '应用内', sms: '短信', phone: '电话' };

function personIdOf(user: PlatformUserRef): string {
  const id = user.openId ?? user.userId ?? user.unionId;
  if (!id) throw new Error('sandbox user without an id');
  return id;
}
