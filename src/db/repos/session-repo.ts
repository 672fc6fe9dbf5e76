import type { ConsoleSessionRepo } from '../../usecases/ports/sessions.js';
import type { Tx } from './tx.js';

export function consoleSessionRepo(tx: Tx): ConsoleSessionRepo {
  return {
    async endAllOf(personId) {
      return (await tx.consoleSession.deleteMany({ where: { personId } })).count;
    },
  };
}
