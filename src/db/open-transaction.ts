import { AsyncLocalStorage } from 'node:async_hooks';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Tx } from './repos/tx.js';

// The embedded database (PGlite) has one connection. While a transaction holds it, a query sent
// through the client from inside that transaction's own work (a cached setting read, a nested
// unit of work, a repository built on the client) waits for the connection the transaction will
// only give back after that very query: it hangs until Prisma expires the transaction (P2028,
// 60 s), and every other request waits behind it. So on a single-connection database the client
// itself sends what is done inside an open transaction through that transaction.

const open = new AsyncLocalStorage<Tx>();

type TransactionArg = ((tx: Tx) => Promise<unknown>) | PromiseLike<unknown>[];
type Transaction = (arg: unknown, options?: unknown) => Promise<unknown>;

/**
 * A client that, inside a transaction it opened, answers through that transaction: queries join
 * it, and a transaction asked for within it is the same one. Outside, it is the client itself.
 */
export function singleConnectionClient(prisma: PrismaClient): PrismaClient {
  const transaction = async (arg: TransactionArg, options?: unknown): Promise<unknown> => {
    const tx = open.getStore();
    if (typeof arg === 'function') {
      if (tx) return arg(tx);
      return (prisma.$transaction as unknown as Transaction)((t: Tx) => open.run(t, () => arg(t)), options);
    }
    // A batch: the statements were built on this client, so inside an open transaction they already run in it.
    if (tx) {
      const results: unknown[] = [];
      for (const p of arg) results.push(await p);
      return results;
    }
    return (prisma.$transaction as unknown as Transaction)(arg, options);
  };
  return new Proxy(prisma, {
    get(target, prop) {
      if (prop === '$transaction') return transaction;
      const tx = open.getStore();
      const from = tx && typeof prop === 'string' && !prop.startsWith('$disconnect') && prop in tx ? tx : target;
      const value = Reflect.get(from, prop, from) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(from) : value;
    },
  });
}
