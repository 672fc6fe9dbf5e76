import type { Logger } from '../../lib/logger.js';

function describe(m: unknown): string {
  if (Array.isArray(m)) return m.map(describe).join(' ');
  if (typeof m === 'string') return m;
  if (m instanceof Error) return `${m.name}: ${m.message}`;
  try {
    return JSON.stringify(m) ?? String(m);
  } catch {
    return String(m);
  }
}

/** The SDK's console-style logger, routed into our structured log (its chatter one level down). */
export function sdkLogger(logger: Logger) {
  const child = logger.child({ component: 'lark-sdk' });
  const text = (msg: unknown[]) => describe(msg).slice(0, 2000);
  return {
    // Failures the SDK logs are reported again by our own sender/receiver, with context.
    error: (...msg: unknown[]) => child.warn({ sdk: text(msg) }, 'lark sdk error'),
    warn: (...msg: unknown[]) => child.info({ sdk: text(msg) }, 'lark sdk warning'),
    info: (...msg: unknown[]) => child.debug({ sdk: text(msg) }, 'lark sdk'),
    debug: (...msg: unknown[]) => child.trace({ sdk: text(msg) }, 'lark sdk'),
    trace: (...msg: unknown[]) => child.trace({ sdk: text(msg) }, 'lark sdk'),
  };
}
