/** A Lark payload that does not have the shape of the event or callback it claims to be. */
export class LarkPayloadError extends Error {
  readonly code = 'LARK_MALFORMED_PAYLOAD';
  constructor(
    readonly kind: 'message' | 'card_action',
    readonly issues: string[],
  ) {
    super(`malformed Lark ${kind} payload: ${issues.join('; ')}`);
    this.name = 'LarkPayloadError';
  }
}

/** A Lark API call that failed for good: a 4xx other than 429, or retries used up. */
export class LarkSendError extends Error {
  readonly code = 'LARK_SEND_FAILED';
  constructor(
    message: string,
    readonly status: number | null,
    readonly larkCode: number | null,
    readonly attempts: number,
  ) {
    super(message);
    this.name = 'LarkSendError';
  }
}
