import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import type { Logger } from '../lib/logger.js';

export interface LocalRedis {
  url: string;
  stop(): Promise<void>;
}

/** `redis-server` on PATH, if any. */
export function findRedisServer(path = process.env.PATH ?? ''): string | null {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, process.platform === 'win32' ? 'redis-server.exe' : 'redis-server');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/**
 * A Redis left running by an app that was killed outright (SIGKILL, power cut) holds the data
 * folder: it is stopped before a new one starts on it.
 */
async function stopOrphan(pidfile: string, logger: Logger): Promise<void> {
  let pid: number;
  try {
    pid = Number(readFileSync(pidfile, 'utf8').trim());
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 1 || !isRedisServer(pid)) return;
  logger.warn({ pid }, '停止上次遗留的本地 Redis (stopping a redis-server left behind)');
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 50 && isRedisServer(pid); i += 1) await new Promise((r) => setTimeout(r, 100));
}

function isRedisServer(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('redis-server');
  } catch {
    return false; // no /proc (not Linux): better to leave an unknown process alone
  }
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer().once('error', fail).listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

/**
 * For `npm start` on a fresh machine: a Redis of the app's own, on a free loopback port, with its
 * data under `dataDir/redis` (append-only file, so reminders survive a restart of both), stopped
 * with the app. Null when no `redis-server` is installed.
 */
export async function startLocalRedis(dataDir: string, logger: Logger, path?: string): Promise<LocalRedis | null> {
  const bin = findRedisServer(path);
  if (!bin) return null;
  const dir = resolve(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const pidfile = join(dir, 'redis.pid');
  await stopOrphan(pidfile, logger);
  const port = await freePort();
  const child: ChildProcess = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--protected-mode', 'yes', '--pidfile', pidfile], {
    stdio: ['ignore', 'ignore', 'pipe'],
    // Its own process group: Ctrl-C in the terminal reaches only the app, which stops Redis last, after the jobs using it.
    detached: true,
  });
  let errors = '';
  child.stderr?.on('data', (d: Buffer) => (errors += d.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  // Never leave it behind: an app that dies takes its Redis with it.
  const kill = () => child.kill('SIGTERM');
  process.once('exit', kill);
  const url = `redis://127.0.0.1:${port}`;
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  try {
    for (let i = 0; ; i += 1) {
      if (child.exitCode !== null) throw new Error(`redis-server exited: ${errors.trim() || `code ${child.exitCode}`}`);
      try {
        await probe.connect();
        await probe.ping();
        break;
      } catch (err) {
        if (i >= 50) throw err;
        probe.disconnect();
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } catch (err) {
    kill();
    throw err;
  } finally {
    probe.disconnect();
  }
  logger.info({ url, dir }, '已启动本地 Redis (local redis-server started)');
  return {
    url,
    async stop() {
      process.removeListener('exit', kill);
      kill();
      await exited;
    },
  };
}
