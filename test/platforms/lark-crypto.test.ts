import * as lark from '@larksuiteoapi/node-sdk';
import { describe, expect, it } from 'vitest';
import { decryptLark, larkSignature } from '../../src/platforms/lark/signature.js';
import { decryptLarkForTest, encryptLark, signAndEncrypt } from '../support/lark-payloads.js';

describe('Lark encryption and signature', () => {
  it('decrypts the official vector: key "test key" → "hello world"', () => {
    const vector = 'P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=';
    expect(decryptLarkForTest(vector, 'test key')).toBe('hello world');
    expect(decryptLark(vector, 'test key')).toBe('hello world');
    expect(new lark.AESCipher('test key').decrypt(vector)).toBe('hello world');
  });

  it('encrypts what the SDK decrypts, with a fresh IV each time', () => {
    const a = encryptLark('{"x":"信访"}', 'k');
    expect(a).not.toBe(encryptLark('{"x":"信访"}', 'k'));
    expect(new lark.AESCipher('k').decrypt(a)).toBe('{"x":"信访"}');
  });

  it('signs compact JSON exactly as the SDK checks it', () => {
    const req = signAndEncrypt({ hello: 1 }, 'ek');
    const h = req.headers;
    expect(req.rawBody).toBe(JSON.stringify(req.body));
    expect(h['x-lark-signature']).toBe(larkSignature(h['x-lark-request-timestamp'], h['x-lark-request-nonce'], 'ek', req.rawBody));
    const handle = new lark.EventDispatcher({ encryptKey: 'ek' }).requestHandle!;
    const data = Object.assign(Object.create({ headers: h }) as object, req.body);
    expect(handle.checkIsEventValidated(data)).toBe(true);
  });

  it('refuses to decrypt garbage', () => {
    expect(() => decryptLark('aGVsbG8=', 'k')).toThrow();
    expect(() => decryptLark(encryptLark('x', 'k1'), 'k2')).toThrow();
  });
});
