/** What a signature's use is: its first, the same body again (a retry), or another body under it (a replay). */
export type SignatureUse = 'first' | 'same-body' | 'other-body';

/**
 * The signatures of accepted HTTP callbacks until their timestamps leave the window. DingTalk
 * signs the timestamp only, so a captured header pair could carry any body while it is fresh:
 * each signature is good for the one body it first came with.
 */
export class UsedSignatures {
  /** In insertion order, which is about the order of expiry. */
  private readonly seen = new Map<string, { bodyDigest: string; until: number }>();

  constructor(private readonly capacity = 100_000) {}

  use(sign: string, bodyDigest: string, until: number, now: number): SignatureUse {
    this.forgetExpired(now);
    const known = this.seen.get(sign);
    if (known) return known.bodyDigest === bodyDigest ? 'same-body' : 'other-body';
    this.seen.set(sign, { bodyDigest, until });
    if (this.seen.size > this.capacity) this.seen.delete(this.seen.keys().next().value!);
    return 'first';
  }

  private forgetExpired(now: number): void {
    for (const [sign, entry] of this.seen) {
      if (entry.until > now) return;
      this.seen.delete(sign);
    }
  }
}
