import type { UnitOfWork } from '../usecases/ports.js';
import type { PlatformName } from '../usecases/ports/platform.js';

/** A platform event that was already handled (a re-push, a replay or a double click). */
export class DuplicateEvent extends Error {
  override readonly name = 'DuplicateEvent';
}

export interface ClaimingUnitOfWork extends UnitOfWork {
  /** True once a transaction that claimed the event has committed. */
  readonly claimed: boolean;
}

/**
 * Wraps the unit of work of one platform event: its first transaction records the event as
 * processed, so the record and the effect commit together — or neither does, and a retry of
 * the event may try again. A second delivery finds the record and changes nothing.
 */
export function claimingUnitOfWork(inner: UnitOfWork, platform: PlatformName, eventKey: string, at: Date): ClaimingUnitOfWork {
  let claimed = false;
  return {
    get claimed() {
      return claimed;
    },
    read: (fn) => inner.read(fn),
    async run(fn) {
      if (claimed) return inner.run(fn);
      const result = await inner.run(async (repos) => {
        if (!(await repos.events.claim(platform, eventKey, at))) throw new DuplicateEvent(eventKey);
        return fn(repos);
      });
      claimed = true;
      return result;
    },
  };
}
