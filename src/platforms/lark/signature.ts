import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Lark's request signature: sha256_hex(timestamp + nonce + encryptKey + body). */
export function larkSignature(timestamp: string, nonce: string, encryptKey: string, body: string): string {
  return createHash('sha256').update(timestamp + nonce + encryptKey + body).digest('hex');
}

/** Constant-time comparison of a received signature with the expected one. */
export function signatureMatches(received: string, expected: string): boolean {
  const a = Buffer.from(received, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Decrypts an `encrypt` field: AES-256-CBC, key sha256(encryptKey), IV = first 16 bytes. Throws when it is not ours. */
export function decryptLark(encrypt: string, encryptKey: string): string {
  const key = createHash('sha256').update(encryptKey).digest();
  const buf = Buffer.from(encrypt, 'base64');
  if (buf.length < 32 || buf.length % 16 !== 0) throw new Error('encrypted payload has a wrong length');
  const decipher = createDecipheriv('aes-256-cbc', key, buf.subarray(0, 16));
  return Buffer.concat([decipher.update(buf.subarray(16)), decipher.final()]).toString('utf8');
}

/** Encrypts as Lark does (the inverse of decryptLark): random IV prefixed, base64. For `npm run doctor`'s url_verification. */
export function encryptLark(plaintext: string, encryptKey: string): string {
  const key = createHash('sha256').update(encryptKey).digest();
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}
