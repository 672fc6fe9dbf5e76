/**
 * Every refusal of the domain is a DomainError: a stable code for logs and tests, a
 * Chinese message for the person, and optional details. Edges map it (toast, 4xx, retry).
 */
export type DomainErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  /** R24/R26: a case that may not be shown where it was asked for (a group chat); the reason is not said there. */
  | 'CONFIDENTIAL'
  | 'UNKNOWN_PERSON'
  | 'INVALID_TRANSITION'
  | 'CONFLICT'
  | 'DEADLINE_IN_PAST'
  | 'DEADLINE_BEYOND_LIMIT'
  | 'CLOSING_CONDITIONS'
  | 'ALREADY_DONE';

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
