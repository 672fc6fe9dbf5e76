import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** pgbench on PATH, else the newest one under /usr/lib/postgresql/<version>/bin. */
export async function findPgbench(): Promise<string | null> {
  try {
    await run('pgbench', ['--version']);
    return 'pgbench';
  } catch {
    const root = '/usr/lib/postgresql';
    if (!existsSync(root)) return null;
    const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) {
      const bin = `${root}/${v}/bin/pgbench`;
      if (existsSync(bin)) return bin;
    }
    return null;
  }
}

/** TPC-B-like tps of this machine's PostgreSQL: `pgbench -i -s 5`, then `-T 10 -c 8 -j 2`. */
export async function pgbenchTps(bin: string, url: string): Promise<number> {
  await run(bin, ['-i', '-s', '5', '-q', url], { maxBuffer: 16 << 20 });
  const { stdout } = await run(bin, ['-T', '10', '-c', '8', '-j', '2', url], { maxBuffer: 16 << 20 });
  const m = /tps = ([\d.]+) \((?:without initial connection time|excluding connections establishing)\)/.exec(stdout);
  if (!m) throw new Error(`unexpected pgbench output:\n${stdout}`);
  return Number(m[1]);
}

/** TPC-B tps of the server behind `url`, or null with the reason (pgbench missing or failed). */
export async function measurePgbench(url: string): Promise<{ tps: number | null; note: string }> {
  const pgbench = await findPgbench();
  if (!pgbench) return { tps: null, note: 'pgbench not found' };
  try {
    return { tps: await pgbenchTps(pgbench, url), note: '' };
  } catch (err) {
    return { tps: null, note: `pgbench failed: ${(err as Error).message.split('\n')[0]}` };
  }
}
