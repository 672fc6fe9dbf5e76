/** A DingTalk API call that failed for good: refused (4xx, an error code), or retries used up. */
export class DingTalkSendError extends Error {
  readonly code = 'DINGTALK_SEND_FAILED';
  constructor(
    message: string,
    readonly status: number | null,
    /** DingTalk's error code: `code` of the new API (e.g. 'InvalidAuthentication'), `errcode` of the legacy one. */
    readonly dingtalkCode: string | null,
    readonly attempts: number,
    /** True when the last failure was one worth retrying later (5xx, rate limit, network). */
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'DingTalkSendError';
  }
}
