import { randomUUID } from 'node:crypto';

/** The sandbox's chats: one group of the whole town, and each person's 1:1 with the bot. */
export const TOWN_GROUP = 'group:town';
export const TOWN_GROUP_TITLE = '镇信访工作群（沙盒）';
export const p2pChat = (personId: string) => `p2p:${personId}`;

export interface SandboxMessage {
  id: string;
  chat: string;
  from: { kind: 'bot' } | { kind: 'person'; personId: string; name: string };
  at: string;
  text?: string;
  cardHtml?: string;
}

export type SandboxEvent = { type: 'message'; message: SandboxMessage } | { type: 'update'; id: string; chat: string; cardHtml: string };

const MAX_PER_CHAT = 300;
const MAX_UUIDS = 10_000;

/**
 * What was said in the sandbox, kept in memory (a demo; the database keeps the cases) and
 * streamed to whoever watches: a person sees the town group and their own 1:1.
 */
export class Conversations {
  private readonly chats = new Map<string, SandboxMessage[]>();
  private readonly byId = new Map<string, SandboxMessage>();
  private readonly watchers = new Set<{ personId: string; push: (e: SandboxEvent) => void }>();
  /** Uuids of sends already made: a retried send posts once, as on Lark. */
  private readonly sent = new Map<string, string>();

  constructor(private readonly now: () => Date) {}

  static visibleTo(personId: string, chat: string): boolean {
    return chat === TOWN_GROUP || chat === p2pChat(personId);
  }

  post(chat: string, from: SandboxMessage['from'], content: { text?: string; cardHtml?: string }, uuid?: string): SandboxMessage {
    const known = uuid ? this.sent.get(uuid) : undefined;
    if (known && this.byId.has(known)) return this.byId.get(known)!;
    const message: SandboxMessage = { id: `sbm_${randomUUID()}`, chat, from, at: this.now().toISOString(), ...content };
    const list = this.chats.get(chat) ?? [];
    list.push(message);
    if (list.length > MAX_PER_CHAT) this.byId.delete(list.shift()!.id);
    this.chats.set(chat, list);
    this.byId.set(message.id, message);
    if (uuid) {
      this.sent.set(uuid, message.id);
      if (this.sent.size > MAX_UUIDS) this.sent.delete(this.sent.keys().next().value!);
    }
    this.emit({ type: 'message', message });
    return message;
  }

  get(id: string): SandboxMessage | undefined {
    return this.byId.get(id);
  }

  update(id: string, cardHtml: string): boolean {
    const message = this.byId.get(id);
    if (!message) return false;
    message.cardHtml = cardHtml;
    this.emit({ type: 'update', id, chat: message.chat, cardHtml });
    return true;
  }

  messages(chat: string): SandboxMessage[] {
    return [...(this.chats.get(chat) ?? [])];
  }

  watch(personId: string, push: (e: SandboxEvent) => void): () => void {
    const watcher = { personId, push };
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  /** How many streams are open (a closed tab's is gone). */
  get watching(): number {
    return this.watchers.size;
  }

  private emit(e: SandboxEvent): void {
    const chat = e.type === 'message' ? e.message.chat : e.chat;
    for (const w of this.watchers) if (Conversations.visibleTo(w.personId, chat)) w.push(e);
  }
}
