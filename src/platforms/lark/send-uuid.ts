import { createHash } from 'node:crypto';

const MAX_UUID = 50;

/** Lark's `uuid` (≤ 50 chars): the key itself when short enough, else a stable hash of it. */
export function larkUuid(key: string): string {
  if (key.length > 0 && key.length <= MAX_UUID) return key;
  return `h-${createHash('sha256').update(key).digest('hex').slice(0, MAX_UUID - 2)}`;
}
