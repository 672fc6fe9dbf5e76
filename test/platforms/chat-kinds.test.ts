import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatKindLog } from '../../src/bot/ports/chats.js';
import { chatRepo } from '../../src/db/repos/chat-repo.js';
import { FixedClock } from '../../src/lib/clock.js';
import { ChatKinds } from '../../src/platforms/chat-kinds.js';
import { captureLogger } from '../support/capture-logger.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';

describe('chat kinds: PlatformChat rows and the in-process cache in front of them', () => {
  let t: TestDatabase;
  let repo: ChatKindLog;
  const at = new Date('2026-11-02T01:00:00Z');
  const later = new Date('2026-11-03T01:00:00Z');
  beforeAll(async () => {
    t = await freshDatabase('postgres');
    repo = chatRepo(t.db.prisma);
  });
  afterAll(() => t.drop());

  const rows = (chatId: string) => t.db.prisma.platformChat.findMany({ where: { chatId } });

  /** The real repository, counting its calls. */
  function counted(log: ChatKindLog = repo) {
    const calls = { kindOf: 0, record: 0 };
    const wrapped: ChatKindLog = {
      kindOf: (...a) => (calls.kindOf++, log.kindOf(...a)),
      record: (...a) => (calls.record++, log.record(...a)),
    };
    return { calls, wrapped };
  }

  it('R24: recording a chat again changes nothing: one row, first seen time kept', async () => {
    await repo.record('LARK', 'oc_a', 'DIRECT', at);
    await repo.record('LARK', 'oc_a', 'DIRECT', later);
    expect(await rows('oc_a')).toEqual([{ platform: 'LARK', chatId: 'oc_a', kind: 'DIRECT', seenAt: at }]);
    expect(await repo.kindOf('LARK', 'oc_a')).toBe('DIRECT');
    expect(await repo.kindOf('DINGTALK', 'oc_a')).toBeNull();
    expect(await repo.kindOf('LARK', 'oc_never')).toBeNull();
  });

  it('R24: a chat once seen as a group stays a group, whichever report comes first', async () => {
    await repo.record('LARK', 'oc_g1', 'GROUP', at);
    await repo.record('LARK', 'oc_g1', 'DIRECT', later);
    await repo.record('LARK', 'oc_g2', 'DIRECT', at);
    await repo.record('LARK', 'oc_g2', 'GROUP', later);
    expect(await repo.kindOf('LARK', 'oc_g1')).toBe('GROUP');
    expect(await repo.kindOf('LARK', 'oc_g2')).toBe('GROUP');
    expect((await rows('oc_g2'))[0]!.seenAt).toEqual(at);
  });

  it('a chat known in process costs no query: repeated reports write once, repeated clicks read once', async () => {
    const { calls, wrapped } = counted();
    const kinds = new ChatKinds('LARK', wrapped, () => at, captureLogger().logger);
    await kinds.remember('oc_c', 'DIRECT');
    await kinds.remember('oc_c', 'DIRECT');
    expect(await kinds.kindOf('oc_c')).toBe('DIRECT');
    expect(calls).toEqual({ kindOf: 0, record: 1 });

    // Another process learns it from the database once, then keeps it.
    const other = counted();
    const elsewhere = new ChatKinds('LARK', other.wrapped, () => at, captureLogger().logger);
    expect(await elsewhere.kindOf('oc_c')).toBe('DIRECT');
    expect(await elsewhere.kindOf('oc_c')).toBe('DIRECT');
    expect(other.calls).toEqual({ kindOf: 1, record: 0 });
  });

  it('R24: an unknown chat is asked again after a minute (another process may have learnt it); a group report overrides a cached 1:1', async () => {
    const { calls, wrapped } = counted();
    const clock = new FixedClock(at);
    const kinds = new ChatKinds('LARK', wrapped, () => clock.now(), captureLogger().logger);
    expect(await kinds.kindOf('oc_d')).toBeNull();
    await repo.record('LARK', 'oc_d', 'DIRECT', at);
    expect(await kinds.kindOf('oc_d')).toBeNull(); // still a group click here: the safe side
    expect(calls.kindOf).toBe(1);
    clock.advance(60_000);
    expect(await kinds.kindOf('oc_d')).toBe('DIRECT');
    expect(calls.kindOf).toBe(2);
    await kinds.remember('oc_d', 'GROUP');
    expect(await kinds.kindOf('oc_d')).toBe('GROUP');
    expect(await repo.kindOf('LARK', 'oc_d')).toBe('GROUP');
    await kinds.remember('oc_d', 'DIRECT');
    expect(await kinds.kindOf('oc_d')).toBe('GROUP');
  });

  it('a message that arrives while a click looks its chat up wins over the "unknown" answer', async () => {
    let release!: () => void;
    const slow: ChatKindLog = { kindOf: () => new Promise((r) => (release = () => r(null))), record: async () => {} };
    const kinds = new ChatKinds('LARK', slow, () => at, captureLogger().logger);
    const looking = kinds.kindOf('oc_h');
    await kinds.remember('oc_h', 'DIRECT');
    release();
    expect(await looking).toBe('DIRECT');
    expect(await kinds.kindOf('oc_h')).toBe('DIRECT');
  });

  it('keeps only the most recently used chats in process', async () => {
    const { calls, wrapped } = counted();
    const kinds = new ChatKinds('LARK', wrapped, () => at, captureLogger().logger, { capacity: 2 });
    await kinds.remember('oc_e1', 'DIRECT');
    await kinds.remember('oc_e2', 'DIRECT');
    await kinds.kindOf('oc_e1'); // e1 used last: e2 goes first
    await kinds.remember('oc_e3', 'GROUP');
    expect(calls.kindOf).toBe(0);
    expect(await kinds.kindOf('oc_e1')).toBe('DIRECT');
    expect(calls.kindOf).toBe(0);
    expect(await kinds.kindOf('oc_e2')).toBe('DIRECT');
    expect(calls.kindOf).toBe(1);
  });

  it('R24: when the database fails, a click counts as a group click and a report is logged, never thrown', async () => {
    const broken: ChatKindLog = {
      kindOf: () => Promise.reject(new Error('connection lost')),
      record: () => Promise.reject(new Error('connection lost')),
    };
    const { logger, lines } = captureLogger();
    const kinds = new ChatKinds('LARK', broken, () => at, logger);
    await expect(kinds.remember('oc_f', 'DIRECT')).resolves.toBeUndefined();
    // Not kept either: the next report tries the write again, the next click the lookup.
    expect(await kinds.kindOf('oc_f')).toBeNull();
    expect(await kinds.kindOf('oc_f')).toBeNull();
    expect(lines.map((l) => l.msg)).toEqual(['chat kind not recorded', 'chat kind lookup failed', 'chat kind lookup failed']);
  });
});
