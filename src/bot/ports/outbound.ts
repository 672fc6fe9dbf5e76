import type { BotPlatform } from '../inbound.js';

/** One outbound message as it finally went: delivered, or given up after its last attempt. */
export interface OutboundRecord {
  platform: BotPlatform;
  /** The platform's dedupe key of the send (Lark `uuid`). */
  uuid: string;
  /** Where it went, e.g. `chat_id:oc_…`, `open_id:ou_…`, `reply:om_…`, `update:om_…`. */
  destination: string;
  payload: unknown;
  status: 'SENT' | 'FAILED';
  messageId: string | null;
  attempts: number;
  lastError: string | null;
  sentAt: Date | null;
}

/** The record of what the bot sent; platforms write it, the database keeps it. */
export interface OutboundLog {
  /** The message id of an earlier delivered send with this uuid, so a late retry does not post twice. */
  deliveredMessageId(platform: BotPlatform, uuid: string): Promise<string | null>;
  /** Creates or overwrites the record of (platform, uuid). */
  record(entry: OutboundRecord): Promise<void>;
}
