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

/** The DomainError a synchronous rule throws; fails the test when it throws nothing or something else. */
export function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return e as DomainError;
  }
  throw new Error('expected a refusal');
}
