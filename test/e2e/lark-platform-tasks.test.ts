import { beforeAll, describe, expect, it } from 'vitest';
import { todoTaskTitle } from '../../cards/builders/todo.js';
import { platformTaskStore } from '../../src/db/repos/platform-task-store.js';
import { startOfLocalDate } from '../../src/lib/local-date.js';
import { addProgress } from '../../src/usecases/cases/add-progress.js';
import { decideExtension } from '../../src/usecases/cases/decide-extension.js';
import { requestExtension } from '../../src/usecases/cases/request-extension.js';
import { syncPlatformTasks } from '../../src/usecases/duties/sync-platform-tasks.js';
import type { TestDatabase } from '../support/database.js';
import { captureLogger } from '../support/capture-logger.js';
import { ownedCase } from '../support/flows.js';
import { useLarkSuite, type LarkHarness } from '../support/lark-harness.js';
import { schedulerFor } from '../support/scheduler.js';
import type { Township } from '../support/township.js';

// Issue 16: each duty with a date becomes a task in the person's own Lark Tasks list, through the
// real Lark SDK against the fake open API (Tasks v2), recorded in PlatformTask on PostgreSQL.

describe('duties in people\'s own Lark Tasks (issue 16)', () => {
  // A sync makes several calls per person at once: Lark's 5 per second per user move the test clock on.
  const suite = useLarkSuite((p) => [p.office, p.approver, p.deputy, p.cadre], { sleepMovesClock: true });
  let t: TestDatabase;
  let town: Township;
  let h: LarkHarness;
  beforeAll(() => void ({ t, town, h } = suite));

  const { logger, lines } = captureLogger('warn');
  const sync = () =>
    syncPlatformTasks(town.deps, { port: h.lark.tasks, store: platformTaskStore(t.db.prisma), title: todoTaskTitle, reachable: (ids) => Boolean(ids.openId), logger });
  const tasksOf = (openId: string) => h.fake.tasks.filter((x) => x.assignees.includes(openId));
  const dueAt = (date: string) => String(startOfLocalDate(date).getTime() + 18 * 3600_000);

  it('R2/R7/R10: each duty on a case becomes a task of the person it falls to; done, it is completed and the next one comes; an extension moves the deadline task; nothing doubles', async () => {
    const p = town.people;
    const c = await ownedCase(town);
    const first = await sync();
    expect(first).toMatchObject({ failed: 0 });
    // R2: the responsible person's first duty is this period's progress report (weekly).
    const report = tasksOf(h.ids(p.cadre).open_id).find((x) => x.summary === `报送进展：${c.number} 征地补偿款分配不公`)!;
    expect(report).toMatchObject({ due: { timestamp: dueAt('2026-11-09'), is_all_day: false }, completed_at: '0', origin: { platform_i18n_name: { zh_cn: '信访包案助手' } } });
    expect(tasksOf(h.ids(p.deputy).open_id).some((x) => x.summary.includes(c.number))).toBe(true);
    // R24: what the list shows is what the person's 1:1 card shows: no petitioner's data.
    expect(JSON.stringify(h.fake.tasks)).not.toMatch(/张大明|13812345678|110101199003074514/);

    // A second run with nothing changed changes nothing.
    const tasks = h.fake.tasks.length;
    expect(await sync()).toMatchObject({ created: 0, updated: 0, completed: 0, failed: 0 });
    expect(h.fake.tasks.length).toBe(tasks);

    // The report made, its task is completed; handling the case to its deadline is the next.
    await addProgress(town.deps, town.actor(p.cadre), { caseId: c.id, tag: 'INVESTIGATION', content: '已走访信访人和相邻农户，核实补偿款分配情况' });
    await sync();
    expect(Number(report.completed_at)).toBe(town.clock.now().getTime());
    const handle = tasksOf(h.ids(p.cadre).open_id).find((x) => x.summary.startsWith(`办理：${c.number}`))!;
    expect(handle).toMatchObject({ due: { timestamp: dueAt(c.dueOn!) }, completed_at: '0' });

    // R10: asked and approved, the deadline moves; the same task follows it; the decided request's task is completed.
    const { extension } = await requestExtension(town.deps, town.actor(p.cadre), { caseId: c.id, reason: '需要第三方测量鉴定', requestedDueOn: '2026-12-21' });
    await sync();
    const decide = tasksOf(h.ids(p.office).open_id).find((x) => x.summary.startsWith(`延期审批：${c.number}`))!;
    expect(decide.completed_at).toBe('0');
    await decideExtension(town.deps, town.actor(p.office), { extensionId: extension.id, approve: true, reason: '测量需时，已告知信访人' });
    await sync();
    expect(handle.due?.timestamp).toBe(dueAt('2026-12-21'));
    expect(Number(decide.completed_at)).toBe(town.clock.now().getTime());
    expect(tasksOf(h.ids(p.cadre).open_id).filter((x) => x.summary.startsWith(`办理：${c.number}`))).toHaveLength(1);
  });

  it('a crash after Lark made a task but before it was recorded: the next run finds the same task (client_token), none doubled, none lost', async () => {
    const before = h.fake.tasks.length;
    const open = await t.db.prisma.platformTask.count({ where: { done: false } });
    await t.db.prisma.platformTask.deleteMany({});
    const again = await sync();
    expect(again.created).toBe(open);
    expect(h.fake.tasks.length).toBe(before);
    expect(await t.db.prisma.platformTask.count()).toBe(again.created);
    expect(await sync()).toMatchObject({ created: 0, updated: 0, completed: 0 });
  });

  it('a refusal by Lark (the task permission not granted) is logged and tried again at the next sweep; the others go on', async () => {
    h.fake.denyScopes.add('task:task:write');
    h.fake.denyScopes.add('task:task');
    const c = await ownedCase(town, { title: '农田灌溉用水纠纷' });
    const refused = await sync();
    expect(refused.failed).toBeGreaterThan(0);
    expect(lines.some((l) => String(l.msg).includes('platform to-do sync failed for one person'))).toBe(true);
    expect(h.fake.tasks.some((x) => x.summary.includes(c.number))).toBe(false);
    h.fake.denyScopes.clear();
    const later = await sync();
    expect(later.failed).toBe(0);
    expect(h.fake.tasks.filter((x) => x.summary.includes(c.number)).length).toBeGreaterThanOrEqual(2);
  });

  it('the periodic sweep of the scheduler brings the lists up to date (LARK_TASKS=true)', async () => {
    const s = schedulerFor(town, h, `tasks${Date.now()}`, undefined, { syncTasks: sync });
    const c = await ownedCase(town, { title: '村道硬化工程款纠纷' });
    try {
      await s.runPeriodicDuties();
    } finally {
      await s.stop();
    }
    expect(h.fake.tasks.filter((x) => x.summary.includes(c.number)).length).toBeGreaterThanOrEqual(2);
  });
});
