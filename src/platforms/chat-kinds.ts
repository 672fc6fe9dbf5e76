import type { BotPlatform } from '../bot/inbound.js';
import type { ChatKind, ChatKindLog } from '../bot/ports/chats.js';
import type { Logger } from '../lib/logger.js';

const DEFAULT_CAPACITY = 5_000;
const UNKNOWN_TTL_MS = 60_000;

interface Entry {
  kind: ChatKind | null;
  /** Known kinds never expire; "unknown" is asked again after a while (another process may learn the chat). */
  until: number;
}

/**
 * The kinds of the chats one platform has seen, with the most recent few thousand kept in
 * process: a chat never changes kind, so a repeat costs neither a lookup nor a write. Never
 * throws: a failed lookup answers "unknown" (treated as a group, R24), a failed write is logged.
 */
export class ChatKinds {
  private readonly known = new Map<string, Entry>();

  constructor(
    private readonly platform: BotPlatform,
    private readonly log: ChatKindLog,
    private readonly now: () => Date,
    private readonly logger: Logger,
    private readonly opts: { capacity?: number; unknownTtlMs?: number } = {},
  ) {}

  /** Records what a message told about a chat; the in-process entry is set before the write. */
  async remember(chatId: string, kind: ChatKind): Promise<void> {
    const before = this.known.get(chatId)?.kind ?? null;
    // A chat ever seen as a group stays one (the database applies the same rule).
    const merged: ChatKind = before === 'GROUP' ? 'GROUP' : kind;
    this.keep(chatId, merged);
    if (before === merged) return;
    try {
      await this.log.record(this.platform, chatId, kind, this.now());
    } catch (err) {
      if (before) this.keep(chatId, before);
      else this.known.delete(chatId);
      this.logger.error({ err, platform: this.platform, chatId }, 'chat kind not recorded');
    }
  }

  /** The chat's kind, or null when it was never seen (or cannot be looked up now). */
  async kindOf(chatId: string): Promise<ChatKind | null> {
    const cached = this.known.get(chatId);
    if (cached && cached.until > this.now().getTime()) {
      this.keep(chatId, cached.kind, cached.until);
      return cached.kind;
    }
    try {
      const kind = await this.log.kindOf(this.platform, chatId);
      const learnt = this.known.get(chatId)?.kind;
      if (learnt) return learnt; // a message told while the database was asked
      // Unknown is kept briefly: meanwhile clicks there count as group clicks, the safe side.
      this.keep(chatId, kind, kind ? Infinity : this.now().getTime() + (this.opts.unknownTtlMs ?? UNKNOWN_TTL_MS));
      return kind;
    } catch (err) {
      this.logger.error({ err, platform: this.platform, chatId }, 'chat kind lookup failed');
      return null;
    }
  }

  /** Least recently used first: a Map iterates in insertion order, so re-inserting moves a key last. */
  private keep(chatId: string, kind: ChatKind | null, until = Infinity): void {
    this.known.delete(chatId);
    this.known.set(chatId, { kind, until });
    if (this.known.size > (this.opts.capacity ?? DEFAULT_CAPACITY)) this.known.delete(this.known.keys().next().value!);
  }
}
