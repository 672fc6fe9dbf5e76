import type { Card } from '../../cards/model.js';
import type { BotPlatform, PlatformUserRef } from './inbound.js';

export type Destination = { kind: 'chat'; chatId: string } | { kind: 'user'; user: PlatformUserRef };

/**
 * What the bot needs from a chat platform. Lark, DingTalk and the sandbox implement it;
 * nothing platform-specific crosses it. `uuid` names what a send is about so that a
 * retried send never posts twice.
 */
export interface MessagingPort {
  readonly platform: BotPlatform;
  /** False where cards cannot hold form inputs (DingTalk ActionCards): forms are then asked in 1:1 chat. */
  readonly formsInCards?: boolean;
  /**
   * True where a click's toast cannot float over the chat and arrives as a message of its own
   * (DingTalk): a toast that only says "a card was sent" is then left out, the card says it.
   */
  readonly toastsAsMessages?: boolean;
  send(to: Destination, card: Card, opts: { uuid: string }): Promise<{ messageId: string }>;
  reply(messageId: string, card: Card, opts: { uuid: string }): Promise<{ messageId: string }>;
  update(messageId: string, card: Card): Promise<void>;
  findUser(contact: { mobile?: string; email?: string }): Promise<PlatformUserRef | null>;
  /** The platform's urgent channel on a message already sent to this user (Lark 加急, DingTalk DING), where it has one. */
  buzz?(messageId: string, user: PlatformUserRef, channels: readonly UrgentChannel[]): Promise<void>;
}

/** In-app buzz, SMS or a phone call: which ones a township enables is configuration. */
export const URGENT_CHANNELS = ['app', 'sms', 'phone'] as const;
export type UrgentChannel = (typeof URGENT_CHANNELS)[number];

/** What a card click answers at once (Lark: within 3 s). */
export interface ActionResponse {
  toast?: { type: 'success' | 'info' | 'warning' | 'error'; text: string };
  /** Replaces the clicked card for everyone who sees it. */
  card?: Card;
}
