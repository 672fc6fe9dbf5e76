import { stdSerializers } from 'pino';

export const REDACTED = '[REDACTED]';

/** Key words that make a field a secret wherever it sits: appSecret, LARK_ENCRYPT_KEY, x-acs-dingtalk-access-token, set-cookie… */
const SECRET_WORDS = new Set(['password', 'passwd', 'pwd', 'passphrase', 'secret', 'secrets', 'token', 'tokens', 'authorization', 'cookie', 'cookies', 'credential', 'credentials', 'signature']);
const SECRET_PAIRS = new Set(['encrypt key', 'api key', 'private key', 'access key', 'session id']);

/** Whether a field of this name holds a secret: its words (camelCase, snake_case, kebab-case) name one. */
export function isSecretKey(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.some((w, i) => SECRET_WORDS.has(w) || SECRET_PAIRS.has(`${w} ${words[i + 1]}`));
}

const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^\s:@/?#]*):[^\s@/?#]*@/gi;
const AUTH_SCHEME = /\b(Bearer|Basic|Digest|Token)\s+[A-Za-z0-9._~+/=-]{6,}/gi;
// key=value, key: value, "key":"value" inside text (query strings, connection strings, JSON an SDK logged as text).
// The separator is never the colon of a scheme (https://), so a URL is not taken for one pair and its query skipped.
const KEY_VALUE = /(["']?)([A-Za-z][A-Za-z0-9_.-]*)\1(\s*(?:=|:(?!\/\/))\s*)(["']?)([^"'\s&,;}?#]+)\4/g;
const SCHEME_WORD = /^(?:Bearer|Basic|Digest|Token)$/i;

/**
 * Secrets out of free text: the password of a URL (postgresql://u:…@, redis://:…@), the credentials
 * after Bearer / Basic, and the value of any secret-named key (access_token=…, "app_secret":"…",
 * password: …). Run before personal-data masking, which would break a secret into pieces first.
 */
export function redactSecrets(text: string): string {
  return text
    .replace(URL_PASSWORD, `$1:${REDACTED}@`)
    .replace(AUTH_SCHEME, `$1 ${REDACTED}`)
    .replace(KEY_VALUE, (whole, q: string, key: string, sep: string, vq: string, value: string) =>
      isSecretKey(key) && !SCHEME_WORD.test(value) ? `${q}${key}${q}${sep}${vq}${REDACTED}${vq}` : whole,
    );
}

export type MaskText = (text: string) => string;

/** Bounds on what one log call may make us walk: a stray client object in a log line costs a little, never a lot. */
const MAX_DEPTH = 6;
const MAX_NODES = 2000;
const MAX_ITEMS = 100;

/**
 * A copy of a log argument with every string freed of secrets and masked, secret-named fields
 * replaced, errors turned into pino's serialized form (type, message with causes, stack, own
 * fields) and cleaned the same way. Numbers and booleans pass as they are.
 */
export function redactLogValue(value: unknown, maskText: MaskText): unknown {
  let nodes = 0;
  const seen = new WeakSet<object>();
  const clean = (text: string) => maskText(redactSecrets(text));
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return clean(v);
    if (v === null || typeof v !== 'object') return typeof v === 'function' || typeof v === 'symbol' ? undefined : v;
    if (v instanceof Date) return v;
    if (v instanceof URL) return clean(v.href);
    if (ArrayBuffer.isView(v)) return `[${v.constructor.name} ${v.byteLength} bytes]`;
    if (++nodes > MAX_NODES || depth > MAX_DEPTH) return '[…]';
    if (seen.has(v)) return '[Circular]';
    seen.add(v);
    if (Array.isArray(v)) return v.slice(0, MAX_ITEMS).map((x) => walk(x, depth + 1));
    const source = v instanceof Error ? (stdSerializers.err(v) as object) : v;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(source).slice(0, MAX_ITEMS)) {
      const field = (source as Record<string, unknown>)[key];
      out[key] = field != null && isSecretKey(key) ? REDACTED : walk(field, depth + 1);
    }
    return out;
  };
  return walk(value, 0);
}
