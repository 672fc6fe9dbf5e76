import { createHash } from 'node:crypto';
import type { InboundEvent } from './inbound.js';

function stable(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`;
}

/**
 * The idempotency key of an event. A message's is its event id (Lark re-pushes with the same
 * id). A click's is what was clicked, by whom, on which card: a double click arrives as two
 * callbacks with different event ids but the same key.
 */
export function eventKey(e: InboundEvent): string {
  if (e.kind === 'message') return `msg:${e.eventId}`;
  if (!e.messageId) return `act:${e.eventId}`;
  const who = e.operator.openId ?? e.operator.userId ?? e.operator.unionId ?? '';
  const digest = createHash('sha256').update(stable([e.messageId, who, e.value, e.form])).digest('base64url');
  return `act:${digest}`;
}
