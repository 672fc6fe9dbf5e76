import type { BotPlatform } from '../inbound.js';

/** A group chat, or a 1:1 chat between the bot and one person. */
export type ChatKind = 'GROUP' | 'DIRECT';

/**
 * What the bot knows about the kind of each chat. Platforms whose card callbacks do not say
 * (Lark) write it from messages and read it on clicks; the database keeps it.
 */
export interface ChatKindLog {
  /** The kind recorded for the chat, or null when the bot has not seen it. */
  kindOf(platform: BotPlatform, chatId: string): Promise<ChatKind | null>;
  /** Records the chat (idempotent); a chat ever seen as a group stays a group. */
  record(platform: BotPlatform, chatId: string, kind: ChatKind, seenAt: Date): Promise<void>;
}
