/** Platform-neutral events: receivers turn every platform's payload into one of these. */
export type BotPlatform = 'LARK' | 'DINGTALK' | 'SANDBOX';

/** A person as a platform knows them; any of the ids may identify them. */
export interface PlatformUserRef {
  platform: BotPlatform;
  openId?: string | null;
  userId?: string | null;
  unionId?: string | null;
  name?: string | null;
}

export interface ChatRef {
  id: string;
  type: 'group' | 'p2p';
}

export interface InboundMessage {
  kind: 'message';
  platform: BotPlatform;
  /** Unique per delivery attempt family: the platform's event id (dedupe key). */
  eventId: string;
  messageId: string;
  chat: ChatRef;
  sender: PlatformUserRef;
  /** Text with mentions of the bot removed. */
  text: string;
  mentionsBot: boolean;
  sentAt: Date;
}

export interface InboundAction {
  kind: 'action';
  platform: BotPlatform;
  /** Dedupe key of the click: the callback's event id. */
  eventId: string;
  chat: ChatRef | null;
  operator: PlatformUserRef;
  /** The message carrying the card, when the platform says. */
  messageId: string | null;
  /** The button's value, untrusted until decoded by cards/actions.ts. */
  value: unknown;
  /** Form fields by input name, for a form submit. */
  form: Record<string, unknown> | null;
  receivedAt: Date;
}

export type InboundEvent = InboundMessage | InboundAction;
