import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * DingTalk's signature of an HTTP-mode callback (robot messages): headers `timestamp` (ms) and
 * `sign` = base64(HMAC-SHA256(key = appSecret, timestamp + "\n" + appSecret)). It covers the
 * timestamp only, not the body (platforms.md 4.5).
 */
export function dingtalkSignature(timestamp: string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(`${timestamp}\n${appSecret}`, 'utf8').digest('base64');
}

/** Constant-time comparison of a received signature with the expected one. */
export function signatureMatches(received: string, expected: string): boolean {
  const a = Buffer.from(received, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
