import { randomUUID } from 'node:crypto';
import type { Card } from '../../../cards/model.js';
import type { SandboxMessageStore, StoredSandboxMessage } from '../../bot/ports/sandbox-messages.js';
import { maskPersonalText } from '../../domain/privacy/mask-text.js';
import { sandboxCardHtml } from './card-html.js';

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

const toMessage = (m: StoredSandboxMessage): SandboxMessage => ({
  id: m.id,
  chat: m.chat,
  from: m.fromPerson ? { kind: 'person', personId: m.fromPerson.id, name: m.fromPerson.name } : { kind: 'bot' },
  at: m.at.toISOString(),
  ...(m.text !== null && { text: m.text }),
  ...(m.cardHtml !== null && { cardHtml: m.cardHtml }),
});

/**
 * What is said in the sandbox: kept in the database (a page opened after a restart shows it
 * again) and streamed to whoever watches — a person sees the town group and their own 1:1. What
 * is kept is a copy of a chat message like any other (R24): masked, even where the live stream
 * showed one person the full view they asked for.
 */
export class Conversations {
  private readonly watchers = new Set<{ personId: string; push: (e: SandboxEvent) => void }>();

  /** `keep`: the card as its stored copy may hold it (masked with the petitioners it names). */
  constructor(
    private readonly store: SandboxMessageStore,
    private readonly now: () => Date,
    private readonly keep: (card: Card) => Promise<Card>,
  ) {}

  static visibleTo(personId: string, chat: string): boolean {
    return chat === TOWN_GROUP || chat === p2pChat(personId);
  }

  /** The bot sends a card; a retried send (the same `uuid`) posts once. */
  async postCard(chat: string, card: Card, uuid?: string): Promise<SandboxMessage> {
    const kept = sandboxCardHtml(await this.keep(card));
    return this.post(chat, null, { cardHtml: card.personalData === 'FULL' ? sandboxCardHtml(card) : kept }, { cardHtml: kept }, uuid);
  }

  /** A person (or, with `from` null, the bot) writes text. */
  async postText(chat: string, from: { id: string; name: string } | null, text: string): Promise<SandboxMessage> {
    return this.post(chat, from, { text }, { text: maskPersonalText(text) });
  }

  async get(id: string): Promise<SandboxMessage | null> {
    const m = await this.store.get(id);
    return m ? toMessage(m) : null;
  }

  /** A card's new look after a click, as shown live; null when the message is no longer kept. */
  async updateCard(id: string, card: Card): Promise<string | null> {
    const message = await this.store.get(id);
    const kept = sandboxCardHtml(await this.keep(card));
    if (!message || !(await this.store.setCard(id, kept))) return null;
    const cardHtml = card.personalData === 'FULL' ? sandboxCardHtml(card) : kept;
    this.emit({ type: 'update', id, chat: message.chat, cardHtml });
    return cardHtml;
  }

  /** The chat as kept, oldest first: what a page shows when it opens. */
  async messages(chat: string): Promise<SandboxMessage[]> {
    return (await this.store.chat(chat)).map(toMessage);
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

  private async post(chat: string, from: { id: string; name: string } | null, live: { text?: string; cardHtml?: string }, kept: { text?: string; cardHtml?: string }, uuid?: string): Promise<SandboxMessage> {
    const draft: StoredSandboxMessage = { id: `sbm_${randomUUID()}`, chat, fromPerson: from, at: this.now(), text: kept.text ?? null, cardHtml: kept.cardHtml ?? null };
    const stored = await this.store.add(draft, uuid);
    // A retried send finds the message it already made: nothing new to show.
    if (stored.id !== draft.id) return toMessage(stored);
    const message = { ...toMessage(stored), ...live };
    this.emit({ type: 'message', message });
    return message;
  }

  private emit(e: SandboxEvent): void {
    const chat = e.type === 'message' ? e.message.chat : e.chat;
    for (const w of this.watchers) if (Conversations.visibleTo(w.personId, chat)) w.push(e);
  }
}
