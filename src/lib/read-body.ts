import type { IncomingMessage } from 'node:http';

/** The most any receiver reads of a request body unless it says otherwise. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

/** A request body over its receiver's limit: every edge answers it with 413 and this Chinese message. */
export class BodyTooLarge extends Error {
  override readonly name = 'BodyTooLarge';
  readonly code = 'BODY_TOO_LARGE';
  readonly status = 413;

  constructor(readonly maxBytes: number) {
    super(`请求内容过大：超过 ${sizeText(maxBytes)} 的上限，已拒绝 (request body over ${maxBytes} bytes)`);
  }
}

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${+(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`);

/**
 * The request body as text, refusing more than `maxBytes` (a declared Content-Length over the
 * limit before reading anything). What is refused is drained, not kept, and the socket is left
 * alone: destroying it would lose the 413 the caller still has to send.
 */
export function readBody(req: IncomingMessage, maxBytes = DEFAULT_BODY_LIMIT): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    return Promise.reject(new BodyTooLarge(maxBytes));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      req.off('data', onData).off('end', onEnd);
      req.resume();
      chunks.length = 0;
      reject(new BodyTooLarge(maxBytes));
    };
    const onEnd = () => resolve(Buffer.concat(chunks).toString('utf8'));
    req.on('data', onData).once('end', onEnd).once('error', reject);
  });
}
