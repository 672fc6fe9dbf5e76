/** One-time console login links: issued for a person, good once, for a few minutes. */
export interface LoginLinks {
  issue(personId: string, now: Date): Promise<string>;
  /** The person of a valid, unused link (which is used up by this call), else null. */
  redeem(token: string, now: Date): Promise<string | null>;
}

export const LOGIN_LINK_MINUTES = 15;
