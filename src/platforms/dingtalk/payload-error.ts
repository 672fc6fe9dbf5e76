/** A DingTalk payload that does not have the shape of the robot message or card callback it claims to be. */
export class DingTalkPayloadError extends Error {
  readonly code = 'DINGTALK_MALFORMED_PAYLOAD';
  constructor(
    readonly kind: 'robot_message' | 'card_callback',
    readonly issues: string[],
  ) {
    super(`malformed DingTalk ${kind} payload: ${issues.join('; ')}`);
    this.name = 'DingTalkPayloadError';
  }
}
