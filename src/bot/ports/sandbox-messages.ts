/** One message of the sandbox's chats as it is kept (masked, R24). */
export interface StoredSandboxMessage {
  id: string;
  chat: string;
  /** Null: the bot. */
  fromPerson: { id: string; name: string } | null;
  at: Date;
  text: string | null;
  cardHtml: string | null;
}

/** Where the sandbox keeps its chats across restarts: bounded, newest kept (db/repos/sandbox-message-repo.ts). */
export interface SandboxMessageStore {
  /** Adds a message, then drops what is past the bounds; with a `uuid` sent before, nothing is added and that message is returned. */
  add(m: StoredSandboxMessage, uuid?: string): Promise<StoredSandboxMessage>;
  get(id: string): Promise<StoredSandboxMessage | null>;
  /** A card clicked or answered: its new look; false when the message is gone. */
  setCard(id: string, cardHtml: string): Promise<boolean>;
  /** The chat's messages kept, oldest first. */
  chat(chat: string): Promise<StoredSandboxMessage[]>;
}

/** The newest messages kept of each chat. */
export const SANDBOX_MESSAGES_PER_CHAT = 300;
/** Older messages are dropped. */
export const SANDBOX_MESSAGE_DAYS = 30;
