import { createHash } from 'node:crypto';
import type { Person } from '../../domain/model.js';
import { caseScope } from '../../domain/privacy/case-scope.js';
import { dutyKeyOf, reconcileTasks, taskDueOn, type DesiredTask, type RecordedTask, type TaskChange } from '../../domain/worklist/platform-tasks.js';
import type { TodoEntry } from '../../domain/worklist/todo-urgency.js';
import { localDateOf } from '../../lib/local-date.js';
import type { Logger } from '../../lib/logger.js';
import type { Deps } from '../ports.js';
import type { PlatformTaskStore, TaskListPort } from '../ports/platform-tasks.js';
import type { PlatformIds } from '../ports/platform.js';
import { dutiesOverview } from './duties-overview.js';
import { todoList } from './todo-list.js';

export interface TaskSyncResult {
  people: number;
  created: number;
  updated: number;
  completed: number;
  /** People whose tasks could not all be brought up to date this time (tried again at the next sweep). */
  failed: number;
}

export interface TaskSyncOptions {
  port: TaskListPort;
  store: PlatformTaskStore;
  /** A 待办 entry as the task's title (cards/builders/todo.ts todoTaskTitle). */
  title(entry: TodoEntry): string;
  /** Whether the platform can reach this account's list (Lark: open_id; DingTalk: unionId). */
  reachable(ids: PlatformIds): boolean;
  logger?: Logger | undefined;
}

/** The platform's idempotency key of one duty's task for one person: the same whatever retries and restarts do. */
export const taskIdempotencyKey = (platform: string, personId: string, dutyKey: string) =>
  createHash('sha256').update(`${platform}|${personId}|${dutyKey}`).digest('hex').slice(0, 40);

/**
 * Issue 16: brings each linked person's tasks in the platform's to-do list up to what their 待办
 * says now (todoList, as their 1:1 chat shows it: R24 masked): a task per duty with a date, moved
 * when the date moves, completed when the duty is done or void. Each change is recorded as soon as
 * the platform took it; a failure leaves that person for the next sweep.
 */
export async function syncPlatformTasks(deps: Deps, o: TaskSyncOptions): Promise<TaskSyncResult> {
  const platform = o.port.platform;
  const accounts = await deps.uow.read(async (repos) => {
    const linked = (await repos.identities.all()).filter((a) => a.platform === platform && o.reachable(a));
    const found: { person: Person; ids: PlatformIds }[] = [];
    for (const a of linked) {
      const person = await repos.directory.person(a.personId);
      if (person?.active) found.push({ person, ids: a });
    }
    return found;
  });
  const result: TaskSyncResult = { people: accounts.length, created: 0, updated: 0, completed: 0, failed: 0 };
  const overview = accounts.length > 0 ? await dutiesOverview(deps, { today: localDateOf(deps.clock.now()) }) : undefined;
  for (const { person, ids } of accounts) {
    try {
      const list = await todoList(deps, { person, channel: 'SYSTEM' }, { scope: caseScope(person, 'DIRECT_CHAT'), ...(overview ? { overview } : {}) });
      const desired: DesiredTask[] = list.entries.flatMap((e) => {
        const dueOn = taskDueOn(e, list.today);
        return dueOn ? [{ dutyKey: dutyKeyOf(e), summary: o.title(e), dueOn }] : [];
      });
      const recorded = await o.store.forPerson(platform, person.id);
      const byKey = new Map(recorded.map((r) => [r.dutyKey, r]));
      for (const change of reconcileTasks(desired, recorded)) await apply(change, person.id, ids, byKey, o, result);
    } catch (err) {
      result.failed += 1;
      o.logger?.warn({ err, personId: person.id, platform }, 'platform to-do sync failed for one person; tried again at the next sweep');
    }
  }
  return result;
}

async function apply(change: TaskChange, personId: string, ids: PlatformIds, recorded: ReadonlyMap<string, RecordedTask>, o: TaskSyncOptions, result: TaskSyncResult): Promise<void> {
  const platform = o.port.platform;
  if (change.kind === 'CREATE') {
    const { taskId } = await o.port.create(ids, change.task, taskIdempotencyKey(platform, personId, change.task.dutyKey));
    await o.store.save(platform, personId, { ...change.task, taskId, done: false });
    result.created += 1;
  } else if (change.kind === 'UPDATE') {
    await o.port.update(ids, change.taskId, change.task, { reopen: change.reopen });
    await o.store.save(platform, personId, { ...change.task, taskId: change.taskId, done: false });
    result.updated += 1;
  } else {
    await o.port.complete(ids, change.taskId);
    await o.store.save(platform, personId, { ...recorded.get(change.dutyKey)!, done: true });
    result.completed += 1;
  }
}
