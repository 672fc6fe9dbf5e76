import { payloadCutoffs, type PayloadRetention } from '../../domain/privacy/payload-retention.js';
import type { Deps } from '../ports.js';

/** R24: the content of sent cards and pushes past their retention is dropped; the rows stay for idempotency and metrics. */
export async function dropExpiredPayloads(deps: Deps, retention: PayloadRetention): Promise<{ outbound: number; pushes: number }> {
  const now = deps.clock.now();
  // In batches outside one transaction: the first run after an upgrade may have years of copies to clear.
  return deps.uow.read((repos) => repos.sentCopies.dropPayloads(payloadCutoffs(now, retention), now));
}
