import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout. */
export function createLogger(level = 'info'): Logger {
  return pino({ level, base: { app: 'xinfang-bot' }, timestamp: pino.stdTimeFunctions.isoTime });
}
