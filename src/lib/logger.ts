import { pino, type DestinationStream, type Logger } from 'pino';
import { redactLogValue, type MaskText } from './log-redaction.js';

export type { Logger };

export interface LoggerOptions {
  level?: string;
  /** Masks personal data in free text (R24): given by the composition root, so that no log line is written without it. */
  maskText: MaskText;
  /** Where the JSON lines go; default stdout. */
  destination?: DestinationStream;
}

/**
 * Structured JSON logs. Every argument of every call, and every child's bindings, is cleaned
 * before pino sees it: no password, token or key, and no ID number or phone, reaches a line.
 */
export function createLogger(o: LoggerOptions): Logger {
  const clean = (v: unknown) => redactLogValue(v, o.maskText);
  const options = {
    level: o.level ?? 'info',
    base: { app: 'xinfang-bot' },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Errors arrive already serialized (and cleaned) by the hook below.
    serializers: { err: (e: unknown) => e },
    hooks: {
      logMethod(this: Logger, args: unknown[], method: (...a: unknown[]) => void) {
        // An error alone is logged as { err }, as pino itself would, so that its fields are kept.
        const cleaned = args.map((a, i) => clean(i === 0 && a instanceof Error ? { err: a } : a));
        method.apply(this, cleaned);
      },
    },
  };
  const root = o.destination ? pino(options, o.destination) : pino(options);
  // pino applies no formatter to a child's bindings; children inherit this from the root, so grandchildren are cleaned too.
  type ChildFn = (this: unknown, bindings: pino.Bindings, childOptions?: pino.ChildLoggerOptions) => unknown;
  const child = root.child as unknown as ChildFn;
  const cleanChild: ChildFn = function (this: unknown, bindings, childOptions) {
    return child.call(this, clean(bindings) as pino.Bindings, childOptions);
  };
  root.child = cleanChild as unknown as typeof root.child;
  return root;
}
