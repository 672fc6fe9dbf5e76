/**
 * Where the CPU of a benchmark level went: the bot's main thread, the load worker's thread (the
 * load generator and the fake platform), the process's other threads (GC, libuv) and the
 * PostgreSQL server (all its processes on this machine, background writers included). CPU time, not wall time, so the split
 * holds on a machine with more runnable threads than cores. Read from /proc: on another OS, or with
 * PostgreSQL on another machine, the parts that cannot be read are null.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Linux clock ticks per second (`getconf CLK_TCK`), 100 on every mainstream architecture. */
const TICKS_PER_SECOND = 100;

export interface CpuSnapshot {
  /** Milliseconds of CPU since start. */
  mainThreadMs: number | null;
  processMs: number;
  /** Per PostgreSQL process id; null when none is visible. */
  postgresMs: Map<string, number> | null;
}

export interface CpuSplit {
  /** Milliseconds of CPU per callback. */
  mainThreadMs: number | null;
  loadThreadMs: number | null;
  otherThreadsMs: number | null;
  postgresMs: number | null;
}

/** utime + stime of one /proc stat line, in ms; the command name may hold spaces, so split after ')'. */
function statCpuMs(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the name: state is field 3 of the line, utime 14 and stime 15.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** Every process named postgres that this user can see; null when there is none (a remote server). */
function postgresCpuMs(): Map<string, number> | null {
  const byPid = new Map<string, number>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return null;
  }
  for (const pid of entries) {
    if (!/^\d+$/.test(pid)) continue;
    if (readOrNull(`/proc/${pid}/comm`)?.trim() !== 'postgres') continue;
    const stat = readOrNull(`/proc/${pid}/stat`);
    if (stat === null) continue; // exited meanwhile
    byPid.set(pid, statCpuMs(stat));
  }
  return byPid.size ? byPid : null;
}

/** CPU the PostgreSQL processes of `after` spent since `before` (a process started meanwhile: all of its CPU). */
function postgresDeltaMs(before: Map<string, number> | null, after: Map<string, number> | null): number | null {
  if (!before || !after) return null;
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

/** CPU ms of the calling thread (/proc/thread-self), null where it cannot be read. */
export function threadCpuMs(): number | null {
  const own = readOrNull('/proc/thread-self/stat');
  return own === null ? null : statCpuMs(own);
}

/** Must be called on the bot's main thread. */
export function cpuSnapshot(): CpuSnapshot {
  const usage = process.cpuUsage();
  return { mainThreadMs: threadCpuMs(), processMs: (usage.user + usage.system) / 1000, postgresMs: postgresCpuMs() };
}

const per = (after: number | null, before: number | null, n: number) => (after === null || before === null || n === 0 ? null : Math.round(((after - before) / n) * 100) / 100);

/**
 * CPU per callback between two snapshots, given the load thread's own CPU over the level. A
 * PostgreSQL backend that exited in between takes its CPU with it, so the PostgreSQL figure can
 * only be low, never high (the bot's pool keeps its connections).
 */
export function cpuPerCallback(before: CpuSnapshot, after: CpuSnapshot, loadThreadMs: number | null, callbacks: number): CpuSplit {
  const main = per(after.mainThreadMs, before.mainThreadMs, callbacks);
  const load = per(loadThreadMs, 0, callbacks);
  const all = per(after.processMs, before.processMs, callbacks);
  return {
    mainThreadMs: main,
    loadThreadMs: load,
    otherThreadsMs: main === null || load === null || all === null ? null : Math.max(0, Math.round((all - main - load) * 100) / 100),
    postgresMs: per(postgresDeltaMs(before.postgresMs, after.postgresMs), 0, callbacks),
  };
}
