import { DomainError } from '../errors.js';

/** How an unanswered alert is chased: repeated to the silent, then climbed up the ladder. */
export interface EscalationPolicy {
  /** A recipient who has not acknowledged at all is notified again after this long. */
  repeatEveryMs: number;
  /** The alert climbs (to the next level that adds someone) when someone has not reached their required stage this long after the level began. */
  climbAfterMs: number;
}

const MINUTE = 60_000;

export const DEFAULT_ESCALATION_POLICY: EscalationPolicy = Object.freeze({
  repeatEveryMs: 10 * MINUTE,
  climbAfterMs: 30 * MINUTE,
});

/** The default policy with the configured values applied, checked. */
export function escalationPolicy(overrides: Partial<EscalationPolicy> = {}): EscalationPolicy {
  const policy = { ...DEFAULT_ESCALATION_POLICY, ...overrides };
  for (const [key, value] of Object.entries(policy)) {
    if (!Number.isInteger(value) || value < MINUTE) {
      throw new DomainError('VALIDATION', '预警设置有误：重复提醒和升级间隔须为至少1分钟的整数毫秒数', { key, value });
    }
  }
  return policy;
}
