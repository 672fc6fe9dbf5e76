import { expect } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';

/**
 * Bad input or a forbidden act: a DomainError with the code and a Chinese message, and the
 * database exactly as before (as `snapshot` sees it).
 */
export async function expectRefusedUnchanged(
  snapshot: () => Promise<unknown>,
  run: () => Promise<unknown>,
  code: string,
  message: RegExp,
): Promise<void> {
  const before = await snapshot();
  const e = await run().catch((x: unknown) => x);
  expect(e).toBeInstanceOf(DomainError);
  expect(e).toMatchObject({ code, message: expect.stringMatching(message) });
  expect(await snapshot()).toEqual(before);
}
