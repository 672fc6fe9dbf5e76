/**
 * Benchmark (not a test): CPU per query through the Prisma client against the pg driver alone,
 * on a scratch database — the figure that bounds `bench:lark`. `npm run bench:queries`.
 */
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src/db/database.js';
import { createScratchDatabase } from './scratch-db.js';

const N = 3000;

async function measure(name: string, fn: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 300; i += 1) await fn();
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < N; i += 1) await fn();
  const used = process.cpuUsage(cpu);
  const wall = (performance.now() - t0) / N;
  console.log(`${name.padEnd(46)} ${wall.toFixed(3).padStart(7)} ms wall  ${((used.user + used.system) / 1000 / N).toFixed(3).padStart(7)} ms CPU`);
}

const scratch = await createScratchDatabase();
const db = await openDatabase({ databaseUrl: scratch.url });
try {
  const p = db.prisma;
  console.log(`one indexed single-row read, ${N} times in a row (client CPU includes the pg driver):\n`);
  await measure('Prisma findFirst', () => p.person.findFirst({ where: { name: '李四' } }));
  await measure('Prisma $queryRaw', () => p.$queryRaw`SELECT * FROM "Person" WHERE "name" = ${'李四'} LIMIT 1`);
  await measure('pg client query', () => db.sql.query('SELECT * FROM "Person" WHERE "name" = $1 LIMIT 1', ['李四']));
  await measure('Prisma $transaction with 2 findFirst', () =>
    p.$transaction(async (tx) => {
      await tx.person.findFirst({ where: { name: '李四' } });
      await tx.person.findFirst({ where: { name: '王五' } });
    }),
  );
} finally {
  await db.close();
  await scratch.drop();
}
