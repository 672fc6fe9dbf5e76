import type { Card } from '../../cards/model.js';
import type { Actor } from '../domain/model.js';
import type { Notification } from '../domain/notifications.js';
import type { Deps, Repos } from '../usecases/ports.js';
import type { InboundEvent } from './inbound.js';
import type { ActionResponse } from './messaging-port.js';
import type { ReadModel } from './ports.js';
import type { CommandPolicy } from './action-policies.js';
import type { NameBook } from './support/name-book.js';

/** What every handler gets: capabilities, not clients (bolt's `say`). */
export interface HandlerContext {
  event: InboundEvent;
  actor: Actor;
  /** Use-case dependencies whose first transaction also claims the event (exactly one effect). */
  deps: Deps;
  read: ReadModel;
  /** Reads outside the claiming transaction (looking up names, candidates, pending items). */
  lookup<T>(fn: (repos: Repos) => Promise<T>): Promise<T>;
  /** Display names of people, units and villages (briefly cached). */
  names: NameBook;
  now: Date;
  /** In a group chat personal data is always masked (R24). */
  inGroup: boolean;
  /** Answers in the chat the event came from (a reply to the message, or a new message). */
  reply(card: Card): Promise<void>;
  /** Sends a card to one person 1:1 on this platform (full details go only there). */
  sendToPerson(personId: string, card: Card, key: string): Promise<boolean>;
  /** Hands the notifications of a use case to delivery, after the answer. */
  notify(notifications: readonly Notification[]): void;
  /** Every command the bot answers to (帮助 lists those this person may use). */
  commands: readonly CommandHandler[];
}

/** How 帮助 presents a command. */
export interface CommandHelp {
  /** What to type, when it is more than the command's first word, e.g. '案件 编号'. */
  usage?: string;
  what: string;
}

export interface CommandHandler {
  /** The words that call it, e.g. ['登记']. */
  words: string[];
  /** Who may use it: checked by the dispatcher before it runs, and by 帮助 to list it. */
  policy: CommandPolicy;
  help: CommandHelp;
  /** It reads what follows its word even without a space (案件28); others need a space or a colon before further text (so 我的孩子… is not 我的). */
  takesArgument?: boolean;
  /** A message that is nothing but this command's argument (a pasted case number) calls it too. */
  recognizes?(text: string): boolean;
  /** `args`: what followed the command word, in half-width characters, trimmed (command-text.ts). */
  run(ctx: HandlerContext, args: string): Promise<void>;
}

/** `action` is the decoded button value (`a` plus its params); `form` the raw submitted fields. */
export type ActionHandler = (ctx: HandlerContext, action: Record<string, unknown> & { a: string }, form: Record<string, unknown> | null) => Promise<ActionResponse>;
