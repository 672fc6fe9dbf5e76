import type { PayloadCutoffs } from '../../domain/privacy/payload-retention.js';

/** The copies of what was sent, in the platforms' outbound records and the outbox (R24). */
export interface SentCopiesRepo {
  /** Drops the content of every copy past its cutoff, keeping the row; how many of each were dropped now. */
  dropPayloads(cutoffs: PayloadCutoffs, at: Date): Promise<{ outbound: number; pushes: number }>;
}
