import { createHash } from 'node:crypto';
import type * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from '../../lib/logger.js';
import { LarkSendError } from './errors.js';
import type { LarkSender } from './sender.js';

const MAX_REMEMBERED = 200;

/**
 * Uploads the images of cards (POST /open-apis/im/v1/images, image_type "message") and remembers
 * the image_key by the picture's content hash, so that a retried send, or one chart sent to many
 * people, is uploaded once by this process. A failed upload is not remembered.
 */
export class LarkImages {
  private readonly keys = new Map<string, Promise<string>>();

  constructor(
    private readonly client: lark.Client,
    private readonly sender: LarkSender,
  ) {}

  keyFor(png: Uint8Array): Promise<string> {
    const hash = createHash('sha256').update(png).digest('hex');
    const known = this.keys.get(hash);
    if (known) return known;
    const key = this.upload(png);
    this.keys.set(hash, key);
    key.catch(() => this.keys.get(hash) === key && this.keys.delete(hash));
    if (this.keys.size > MAX_REMEMBERED) this.keys.delete(this.keys.keys().next().value!);
    return key;
  }

  /**
   * The image keys of `pngs` (same order); a picture that cannot be uploaded gets none and is
   * logged, so that the card still goes (it then shows the picture's alt text).
   */
  async keysFor(pngs: readonly Uint8Array[], logger: Logger | undefined): Promise<Map<Uint8Array, string>> {
    const out = new Map<Uint8Array, string>();
    for (const png of pngs) {
      try {
        out.set(png, await this.keyFor(png));
      } catch (err) {
        logger?.error({ err, bytes: png.byteLength }, 'lark image upload failed: the card goes without it');
      }
    }
    return out;
  }

  private async upload(png: Uint8Array): Promise<string> {
    // client.request (not im.image.create, which hands back only `data`) keeps Lark's `code`
    // for the sender's retry rules; the SDK turns the object into multipart/form-data.
    const { body } = await this.sender.call({ app: true }, () =>
      this.client.request<{ code?: number; msg?: string; data?: { image_key?: string } }>({
        method: 'POST',
        url: '/open-apis/im/v1/images',
        headers: { 'Content-Type': 'multipart/form-data' },
        data: { image_type: 'message', image: Buffer.from(png.buffer, png.byteOffset, png.byteLength) },
      }),
    );
    const key = body.data?.image_key;
    if (!key) throw new LarkSendError('Lark answered an image upload without an image_key', 200, body.code ?? null, 1);
    return key;
  }
}
