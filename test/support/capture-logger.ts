import { Writable } from 'node:stream';
import { maskPersonalText } from '../../src/domain/privacy/mask-text.js';
import { createLogger, type Logger } from '../../src/lib/logger.js';

/** The application's logger (secrets redacted, personal data masked) whose JSON lines are kept for assertions. */
export function captureLogger(level = 'debug'): { logger: Logger; lines: Record<string, unknown>[]; text: () => string } {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        raw.push(line);
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  return { logger: createLogger({ level, maskText: maskPersonalText, destination: stream }), lines, text: () => raw.join('\n') };
}
