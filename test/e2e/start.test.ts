import { spawn, type ChildProcess } from 'node:child_process';
import { flushPrefix } from '../support/scheduler.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPostgres, type TestDatabase } from '../support/database.js';
import { TEST_AUDIT_SECRET } from '../support/audit-key.js';

// `npm start` on a fresh machine: no credentials, no database server — the embedded database
// in DATA_DIR, seeded with the demo township on first run, surviving a restart.

/** Each start seeds, migrates and may start a Redis: slow on a loaded 2-core machine. */
const SPAWN_TIMEOUT_MS = 240_000;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(env: Record<string, string>, args: string[] = []): Running {
  let out = '';
  const cleanEnv = { ...process.env };
  delete cleanEnv.DATABASE_URL;
  delete cleanEnv.AUDIT_KEY;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], { env: { ...cleanEnv, LOG_LEVEL: 'info', ...env } });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitFor(r: Running, text: string, ms = 180_000): Promise<void> {
  const until = Date.now() + ms;
  while (!r.output().includes(text)) {
    if (Date.now() > until || r.child.exitCode !== null) throw new Error(`did not see "${text}":\n${r.output()}`);
    await new Promise((res) => setTimeout(res, 200));
  }
}

describe('npm start on embedded defaults', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'xf-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts with no database server, seeds the demo township once, answers health checks and keeps its data — the sandbox\'s chats too — across a restart', async () => {
    const port = await freePort();
    const first = start({ DATA_DIR: dataDir, PORT: String(port) });
    await waitFor(first, '信访包案助手已启动');
    expect(first.output()).toContain('演示数据已生成');
    // The embedded demo: the sandbox for this machine, and a console login link in the log.
    await waitFor(first, '信访办工作台一次性登录链接');
    expect((await fetch(`http://127.0.0.1:${port}/sandbox`)).status).toBe(200);
    expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toEqual({ status: 'ok' });
    // Its own Redis (a redis-server is on PATH here) is checked too.
    expect(await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()).toMatchObject({ status: 'ready', database: 'embedded', redis: 'ready' });
    // The landing page is for people: what this is, the console's login and, here, the sandbox.
    const home = await (await fetch(`http://127.0.0.1:${port}/`)).text();
    expect(home).toContain('信访包案助手');
    expect(home).toContain('href="/sandbox"');
    const people = async () => ((await (await fetch(`http://127.0.0.1:${port}/sandbox/api/people`)).json()) as { id: string; roleLabel: string }[]);
    const demoPeople = (await people()).length;
    expect(demoPeople).toBeGreaterThanOrEqual(20);
    // Someone says 帮助 in the sandbox's group and the bot answers: the chat is kept in the database.
    const office = (await people()).find((x) => x.roleLabel.includes('信访办'))!;
    const groupChat = async () => (await (await fetch(`http://127.0.0.1:${port}/sandbox/api/messages?as=${office.id}&chat=group:town`)).json()) as { from: { kind: string }; text?: string }[];
    const token = /<meta name="sandbox-token" content="([^"]+)">/.exec(await (await fetch(`http://127.0.0.1:${port}/sandbox`)).text())![1]!;
    const said = await fetch(`http://127.0.0.1:${port}/sandbox/api/messages`, { method: 'POST', body: JSON.stringify({ as: office.id, chat: 'group:town', text: '帮助' }), headers: { 'content-type': 'application/json', 'x-sandbox-token': token } });
    expect(said.status).toBe(202);
    for (let i = 0; i < 100 && (await groupChat()).length < 2; i += 1) await new Promise((r) => setTimeout(r, 100));
    const chat = await groupChat();
    expect(chat.map((m) => m.from.kind)).toEqual(['person', 'bot']);
    // R25: the embedded database's audit key, made once beside it (not in it).
    const key = readFileSync(join(dataDir, 'audit.key'), 'utf8');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = start({ DATA_DIR: dataDir, PORT: String(port) });
    await waitFor(second, '信访包案助手已启动');
    expect(second.output()).not.toContain('演示数据已生成');
    expect((await people()).length).toBe(demoPeople);
    // The sandbox's chat is there again after the restart.
    expect(await groupChat()).toEqual(chat);
    expect(readFileSync(join(dataDir, 'audit.key'), 'utf8')).toBe(key);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, SPAWN_TIMEOUT_MS);

  it('a signal while it is still starting (the scheduler not yet up) waits for the start, closes everything, its Redis last, and exits 0', async () => {
    const r = start({ DATA_DIR: dataDir, PORT: String(await freePort()) });
    await waitFor(r, '数据库已就绪');
    r.child.kill('SIGTERM');
    expect(await r.exited).toBe(0);
    expect(r.output()).not.toContain('shutdown timed out');
    // Its own Redis was started all the same (the start went on) and stopped with it.
    const url = /"url":"(redis:\/\/127\.0\.0\.1:\d+)"/.exec(r.output())?.[1];
    expect(url).toBeDefined();
    const probe = new Redis(url!, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined);
    await expect(probe.connect()).rejects.toThrow();
    probe.disconnect();
  }, SPAWN_TIMEOUT_MS);

  it('refuses to start on a wrong setting, saying which and why', async () => {
    const r = start({ DATA_DIR: dataDir, PORT: 'eighty', DATABASE_URL: 'mysql://db/x' });
    expect(await r.exited).toBe(2);
    expect(r.output()).toContain('配置有误');
    expect(r.output()).toContain('PORT');
    expect(r.output()).toContain('DATABASE_URL 必须以 postgresql://');
  }, SPAWN_TIMEOUT_MS);

  it('R25: with PostgreSQL and no AUDIT_KEY it refuses to start, saying why, before touching the database', async () => {
    const r = start({ DATA_DIR: dataDir, DATABASE_URL: 'postgresql://xinfang_app@127.0.0.1:1/none' });
    expect(await r.exited).toBe(2);
    expect(r.output()).toContain('使用 PostgreSQL 时必须设置 AUDIT_KEY');
  }, SPAWN_TIMEOUT_MS);

  it('the worker role starts the scheduler on REDIS_URL and rebuilds its jobs from the database; a Redis that does not answer stops it, its password not printed (R24)', async () => {
    const prefix = `{xstart${process.pid}}`;
    const worker = start({ DATA_DIR: dataDir, REDIS_URL: 'redis://127.0.0.1:6379', QUEUE_PREFIX: prefix }, ['worker']);
    await waitFor(worker, '定时推送已启动');
    expect(worker.output()).toMatch(/"duties":[1-9]\d*/);
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    await flushPrefix(prefix);

    const down = start({ DATA_DIR: dataDir, REDIS_URL: 'redis://:s3cret@127.0.0.1:1' }, ['worker']);
    expect(await down.exited).toBe(1);
    expect(down.output()).toContain('无法连接 Redis（redis://:[REDACTED]@127.0.0.1:1）');
    // R24: its password appears nowhere in what it printed.
    expect(down.output()).not.toContain('s3cret');
  }, SPAWN_TIMEOUT_MS);

  it('on embedded defaults it starts a redis-server of its own (data under DATA_DIR/redis) for the reminders, and stops it on exit; without one it says how to get one', async () => {
    const port = await freePort();
    const app = start({ DATA_DIR: dataDir, PORT: String(port) });
    await waitFor(app, '定时推送已启动');
    const url = /"url":"(redis:\/\/127\.0\.0\.1:\d+)"/.exec(app.output())![1]!;
    expect(app.output()).toContain('已启动本地 Redis');
    const redis = new Redis(url);
    expect(await redis.ping()).toBe('PONG');
    expect(await redis.config('GET', 'dir')).toEqual(['dir', join(dataDir, 'redis')]);
    redis.disconnect();
    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
    const gone = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    gone.on('error', () => undefined);
    await expect(gone.connect()).rejects.toThrow();
    gone.disconnect();

    const without = start({ DATA_DIR: dataDir, PORT: String(port), PATH: '/nonexistent' });
    await waitFor(without, '信访包案助手已启动');
    expect(without.output()).toContain('未找到 redis-server');
    expect(without.output()).toContain('sudo apt install redis-server');
    without.child.kill('SIGTERM');
    expect(await without.exited).toBe(0);
  }, SPAWN_TIMEOUT_MS);

  it('refuses an unknown process role', async () => {
    const r = start({ DATA_DIR: dataDir }, ['scheduler']);
    expect(await r.exited).toBe(2);
    expect(r.output()).toContain('只能是 web、worker 或 all');
  }, SPAWN_TIMEOUT_MS);
});

describe('start on a real PostgreSQL without a chat platform', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshPostgres();
  });
  afterAll(() => t?.drop());

  it('turns the sandbox on by itself only on the embedded demo database: not here, unless SANDBOX=true; and prints no console login link either way', async () => {
    const port = await freePort();
    const auto = start({ DATABASE_URL: t.url, PORT: String(port), AUDIT_KEY: TEST_AUDIT_SECRET });
    await waitFor(auto, '信访包案助手已启动');
    expect((await fetch(`http://127.0.0.1:${port}/sandbox`)).status).toBe(404);
    expect(auto.output()).not.toContain('沙盒聊天');
    auto.child.kill('SIGTERM');
    expect(await auto.exited).toBe(0);
    expect(auto.output()).not.toContain('一次性登录链接');

    const asked = start({ DATABASE_URL: t.url, PORT: String(port), SANDBOX: 'true', AUDIT_KEY: TEST_AUDIT_SECRET });
    await waitFor(asked, '信访包案助手已启动');
    expect((await fetch(`http://127.0.0.1:${port}/sandbox`)).status).toBe(200);
    expect(asked.output()).toContain('SANDBOX=true');
    // The link would be printed right after the start line; give it the time it would take.
    await new Promise((r) => setTimeout(r, 2000));
    asked.child.kill('SIGTERM');
    expect(await asked.exited).toBe(0);
    expect(asked.output()).not.toContain('一次性登录链接');
  }, SPAWN_TIMEOUT_MS);
});
