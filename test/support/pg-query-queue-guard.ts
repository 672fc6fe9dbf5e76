import pg from 'pg';
import { afterAll, afterEach } from 'vitest';

// Setup file (vitest.config.ts): a test fails when pg warns "Calling client.query() when the client
// is already executing a query" (deprecated in pg 8, an error in pg@9).
//
// Inside deps.uow.run(...) every query goes over the transaction's one connection. Prisma queues our
// own calls there (even under Promise.all), but it loads the sibling relations of one query (an
// include/select of two or more relations) side by side, and its pg adapter then sends them on that
// connection at once (prisma/orm#29979).
//
// pg warns only once per process, and only when a third query queues up. So that two at once are
// caught every time, a query sent while its client is still busy raises the same warning here too.

const MARK = 'already executing a query';
const KEY = Symbol.for('xinfang.test.pgQueryQueueWarnings');

interface ClientState {
  _getActiveQuery?: () => unknown;
  _queryQueue?: unknown[];
  pipeline?: boolean;
}

const store = globalThis as typeof globalThis & { [KEY]?: string[] };
if (!store[KEY]) {
  const seen: string[] = [];
  store[KEY] = seen;
  process.on('warning', (w) => {
    if (w.message.includes(MARK)) seen.push(w.stack ?? `${w.name}: ${w.message}`);
  });
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const query = proto.query;
  proto.query = function (this: ClientState, ...args: unknown[]) {
    if (!this.pipeline && (this._getActiveQuery?.() || (this._queryQueue?.length ?? 0) > 0)) {
      const first = args[0] as string | { text?: string } | undefined;
      const sql = (typeof first === 'string' ? first : (first?.text ?? '')).replace(/\s+/g, ' ').slice(0, 160);
      process.emitWarning(`Calling client.query() when the client is ${MARK} (test guard), sending: ${sql}`, {
        type: 'DeprecationWarning',
        code: 'TEST_PG_CONCURRENT_QUERY',
      });
    }
    return query.apply(this, args);
  };
}
const seen = store[KEY];

function failOnWarning(where: string): void {
  if (seen.length === 0) return;
  const found = seen.splice(0);
  throw new Error(
    `pg warned "client is ${MARK}" ${where}: two queries ran at once on one connection, most likely ` +
      'inside deps.uow.run(...) a Prisma query loading two or more relations (include/select), which ' +
      'Prisma runs side by side. Load them with consecutive queries instead. The query sent:\n' +
      found.join('\n'),
  );
}

afterEach(() => failOnWarning('during this test'));
afterAll(() => failOnWarning('in this file, outside a test'));
