import { request } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../src/http/app.js';
import { sandboxMessageStore } from '../../src/db/repos/sandbox-message-repo.js';
import { createSandboxPlatform, type SandboxPlatform } from '../../src/platforms/sandbox/index.js';
import { captureLogger } from '../support/capture-logger.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { buildTownship, type Township } from '../support/township.js';

describe('the sandbox stream (SSE) when a browser tab closes', () => {
  let t: TestDatabase;
  let town: Township;
  let sandbox: SandboxPlatform;
  let server: Server;
  let port: number;
  const log = captureLogger('debug');

  beforeAll(async () => {
    t = await freshDatabase('postgres');
    town = await buildTownship(t.db, '2026-11-24T10:00:00+08:00');
    sandbox = createSandboxPlatform({ uow: town.deps.uow, dispatch: async () => undefined, clock: town.clock, logger: log.logger, publicDir: join(process.cwd(), 'public', 'sandbox'), loopbackOnly: true, store: sandboxMessageStore(t.db.prisma) });
    server = createHttpApp({ db: t.db, logger: log.logger, routers: [sandbox.router] }).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
    await t?.drop();
  });

  /** Opens the stream as a browser tab does, waits for its first bytes, then closes the tab (the socket goes away). */
  async function openAndClose(personId: string): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: `/sandbox/api/stream?as=${personId}`, headers: { host: `localhost:${port}`, accept: 'text/event-stream' } }, (res) => {
        expect(res.statusCode).toBe(200);
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
      req.end();
    });
    // The server notices the closed socket on its next turn.
    for (let i = 0; i < 50 && sandbox.conversations.watching > 0; i += 1) await new Promise((r) => setTimeout(r, 20));
  }

  it('a closed tab is normal: nothing is logged at warning or error level, and its subscription is gone', async () => {
    for (let i = 0; i < 3; i += 1) await openAndClose(town.people.office.id);
    // A message posted after the tabs closed has nobody to go to, and breaks nothing.
    await sandbox.conversations.postText('group:town', null, '测试');
    await new Promise((r) => setTimeout(r, 100));
    expect(sandbox.conversations.watching).toBe(0);
    expect(log.lines.filter((l) => Number(l.level) >= 40).map((l) => l.msg)).toEqual([]);
    expect(log.text()).not.toContain('Premature close');
  });

  it('a response any client stops reading (a cancelled download) is logged at debug; other errors still at error', () => {
    const { logger, lines } = captureLogger('debug');
    const app = createHttpApp({ db: t.db, logger });
    app.emit('error', Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
    app.emit('error', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    app.emit('error', new Error('Bull Board failed'));
    expect(lines.map((l) => [l.level, l.msg])).toEqual([[20, 'client closed the connection'], [20, 'client closed the connection'], [50, 'http error']]);
  });
});
