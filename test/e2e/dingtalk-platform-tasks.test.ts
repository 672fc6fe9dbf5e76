import { beforeAll, describe, expect, it } from 'vitest';
import { todoTaskTitle } from '../../cards/builders/todo.js';
import { platformTaskStore } from '../../src/db/repos/platform-task-store.js';
import { startOfLocalDate } from '../../src/lib/local-date.js';
import { addProgress } from '../../src/usecases/cases/add-progress.js';
import { decideExtension } from '../../src/usecases/cases/decide-extension.js';
import { requestExtension } from '../../src/usecases/cases/request-extension.js';
import { syncPlatformTasks } from '../../src/usecases/duties/sync-platform-tasks.js';
import type { TestDatabase } from '../support/database.js';
import { DingTalkHarness, staffOf, useDingTalkSuite } from '../support/dingtalk-harness.js';
import { ownedCase } from '../support/flows.js';
import type { Township } from '../support/township.js';
import type { Person } from '../../src/domain/model.js';

// Issue 16: each duty with a date becomes a 待办 in the person's own DingTalk, through the sender
// against the fake OpenAPI (todo_1_0), recorded in PlatformTask on PostgreSQL. People are linked
// by userid (as dingtalk:sync-users links them): their unionId is looked up once.

describe('duties in people\'s own DingTalk 待办 (issue 16)', () => {
  const suite = useDingTalkSuite('2026-11-02T09:00:00+08:00');
  let t: TestDatabase;
  let town: Township;
  let h: DingTalkHarness;
  beforeAll(() => void ({ t, town, h } = suite));

  const sync = () =>
    syncPlatformTasks(town.deps, { port: h.platform.tasks, store: platformTaskStore(t.db.prisma), title: todoTaskTitle, reachable: (ids) => Boolean(ids.unionId || ids.userId) });
  const todosOf = (p: Person) => h.fake.todos.filter((x) => x.unionId === `union${staffOf(p).staffId}`);
  const dueAt = (date: string) => startOfLocalDate(date).getTime() + 18 * 3600_000;

  it('R2/R10: a duty becomes a 待办 with its due time and the person as executor; done, it is done; an extension moves the deadline; nothing doubles', async () => {
    const p = town.people;
    const c = await ownedCase(town);
    expect(await sync()).toMatchObject({ failed: 0 });
    const report = todosOf(p.cadre).find((x) => x.subject === `报送进展：${c.number} 征地补偿款分配不公`)!;
    expect(report).toMatchObject({ dueTime: dueAt('2026-11-09'), executorIds: [`union${staffOf(p.cadre).staffId}`], done: false, sourceId: expect.stringMatching(/^xf[0-9a-f]{40}$/) });
    expect(JSON.stringify(h.fake.todos)).not.toMatch(/张大明|13812345678/);
    const made = h.fake.todos.length;
    expect(await sync()).toMatchObject({ created: 0, updated: 0, completed: 0 });

    await addProgress(town.deps, town.actor(p.cadre), { caseId: c.id, tag: 'INVESTIGATION', content: '已走访信访人和相邻农户，核实补偿款分配情况' });
    await sync();
    expect(report.done).toBe(true);
    const handle = todosOf(p.cadre).find((x) => x.subject.startsWith(`办理：${c.number}`))!;
    expect(handle.dueTime).toBe(dueAt(c.dueOn!));

    const { extension } = await requestExtension(town.deps, town.actor(p.cadre), { caseId: c.id, reason: '需要第三方测量鉴定', requestedDueOn: '2026-12-21' });
    await decideExtension(town.deps, town.actor(p.office), { extensionId: extension.id, approve: true, reason: '测量需时，已告知信访人' });
    await sync();
    expect(handle.dueTime).toBe(dueAt('2026-12-21'));
    expect(h.fake.todos.length).toBeGreaterThan(made);
    expect(todosOf(p.cadre).filter((x) => x.subject.startsWith(`办理：${c.number}`))).toHaveLength(1);
  });

  it('a crash after DingTalk made a 待办 but before it was recorded: the next run finds it by its sourceId, none doubled', async () => {
    const before = h.fake.todos.length;
    const open = await t.db.prisma.platformTask.count({ where: { platform: 'DINGTALK', done: false } });
    await t.db.prisma.platformTask.deleteMany({ where: { platform: 'DINGTALK' } });
    expect(await sync()).toMatchObject({ created: open, failed: 0 });
    expect(h.fake.todos.length).toBe(before);
  });

  it('without the 待办 permission each person fails and is tried again at the next sweep', async () => {
    h.fake.deniedPermissions.add('todo');
    const c = await ownedCase(town, { title: '农田灌溉用水纠纷' });
    expect((await sync()).failed).toBeGreaterThan(0);
    h.fake.deniedPermissions.clear();
    expect((await sync()).failed).toBe(0);
    expect(h.fake.todos.filter((x) => x.subject.includes(c.number)).length).toBeGreaterThanOrEqual(2);
  });
});
