import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The header in which the sandbox page sends its token with every write. */
export const PAGE_TOKEN_HEADER = 'x-sandbox-token';

/**
 * Tokens that the sandbox page gets with its HTML and sends back with every write: only a page
 * this server served can know one (another site cannot read it), so a foreign page cannot
 * act in the sandbox. Each is a random nonce with its HMAC under a key of this process.
 */
export class PageTokens {
  private readonly key = randomBytes(32);

  issue(): string {
    const nonce = randomBytes(16).toString('base64url');
    return `${nonce}.${this.sign(nonce)}`;
  }

  valid(token: string | undefined): boolean {
    const [nonce, mac, extra] = (token ?? '').split('.');
    if (!nonce || !mac || extra !== undefined) return false;
    const given = Buffer.from(mac);
    const expected = Buffer.from(this.sign(nonce));
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private sign(nonce: string): string {
    return createHmac('sha256', this.key).update(nonce).digest('base64url');
  }
}
