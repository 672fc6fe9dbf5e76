import { taskDueInstant, type DesiredTask } from '../../domain/worklist/platform-tasks.js';
import type { LocalDate } from '../../lib/local-date.js';
import type { TaskListPort } from '../../usecases/ports/platform-tasks.js';
import type { PlatformIds } from '../../usecases/ports/platform.js';
import { DingTalkSendError } from './send-error.js';
import type { DingTalkSender } from './sender.js';

// DingTalk 待办 (docs/platforms/platform-todos.md): /v1.0/todo/users/{unionId}/tasks, with the
// person as executor. Our id for a task goes as `sourceId`, and a create first looks it up, so a
// task made before a crash is found rather than made again.

export const dingtalkTodoDue = (dueOn: LocalDate) => taskDueInstant(dueOn).getTime();

/** sourceId (DingTalk takes at most 64 characters): the idempotency key, already a short hash. */
const sourceIdOf = (key: string) => `xf${key}`;

export function dingtalkTodoList(sender: DingTalkSender): TaskListPort {
  const unionIds = new Map<string, string>();
  /** The unionId 待办 is addressed by: the account's, else looked up from its userid (legacy topapi/v2/user/get). */
  const unionIdOf = async (ids: PlatformIds): Promise<string> => {
    if (ids.unionId) return ids.unionId;
    const userId = ids.userId;
    if (!userId) throw new Error('no DingTalk userid or unionId for this person');
    const known = unionIds.get(userId);
    if (known) return known;
    const { body } = await sender.call<{ result?: { unionid?: unknown } }>({ app: true }, { host: 'oapi', method: 'POST', path: '/topapi/v2/user/get', body: { userid: userId } });
    const unionId = body.result?.unionid;
    if (typeof unionId !== 'string' || !unionId) throw new Error(`DingTalk has no unionid for userid ${userId}`);
    unionIds.set(userId, unionId);
    return unionId;
  };
  const path = (unionId: string, rest = '') => `/v1.0/todo/users/${encodeURIComponent(unionId)}/tasks${rest}?operatorId=${encodeURIComponent(unionId)}`;
  const put = async (ids: PlatformIds, taskId: string, body: Record<string, unknown>) => {
    const unionId = await unionIdOf(ids);
    await sender.call({ userId: ids.userId ?? unionId }, { host: 'api', method: 'PUT', path: path(unionId, `/${encodeURIComponent(taskId)}`), body });
  };
  return {
    platform: 'DINGTALK',
    async create(ids, task: DesiredTask, idempotencyKey) {
      const unionId = await unionIdOf(ids);
      const sourceId = sourceIdOf(idempotencyKey);
      const target = { userId: ids.userId ?? unionId };
      try {
        const { body } = await sender.call<{ id?: unknown }>(target, { host: 'api', method: 'GET', path: `/v1.0/todo/users/${encodeURIComponent(unionId)}/tasks/sources/${sourceId}` });
        if (typeof body.id === 'string' && body.id) return { taskId: body.id };
      } catch (err) {
        // Not found: none made yet.
        if (!(err instanceof DingTalkSendError) || err.retryable) throw err;
      }
      const { body } = await sender.call<{ id?: unknown }>(target, {
        host: 'api',
        method: 'POST',
        path: path(unionId),
        body: { subject: task.summary, dueTime: dingtalkTodoDue(task.dueOn), executorIds: [unionId], sourceId, isOnlyShowExecutor: true },
      });
      if (typeof body.id !== 'string' || !body.id) throw new Error('DingTalk answered a 待办 create without its id');
      return { taskId: body.id };
    },
    async update(ids, taskId, task, opts) {
      await put(ids, taskId, { subject: task.summary, dueTime: dingtalkTodoDue(task.dueOn), ...(opts.reopen ? { done: false } : {}) });
    },
    async complete(ids, taskId) {
      await put(ids, taskId, { done: true });
    },
  };
}
