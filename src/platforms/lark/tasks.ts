import type { Client } from '@larksuiteoapi/node-sdk';
import { taskDueInstant, type DesiredTask } from '../../domain/worklist/platform-tasks.js';
import type { LocalDate } from '../../lib/local-date.js';
import type { TaskListPort } from '../../usecases/ports/platform-tasks.js';
import type { PlatformIds } from '../../usecases/ports/platform.js';
import type { LarkSender } from './sender.js';

// Lark Tasks v2 (docs/platforms/platform-todos.md): a task with the person as assignee and the
// due time; `client_token` makes a repeated create return the same task.

export const larkTaskDue = (dueOn: LocalDate) => ({ timestamp: String(taskDueInstant(dueOn).getTime()), is_all_day: false });

const ORIGIN = { platform_i18n_name: { zh_cn: '信访包案助手' } };

export function larkTaskList(client: Client, sender: LarkSender, o: { now: () => Date }): TaskListPort {
  const openIdOf = (ids: PlatformIds) => {
    if (!ids.openId) throw new Error('no Lark open_id for this person');
    return ids.openId;
  };
  const patch = (ids: PlatformIds, taskId: string, task: Record<string, unknown>, fields: string[]) =>
    sender.call({ userId: openIdOf(ids) }, () =>
      client.task.v2.task.patch({ path: { task_guid: taskId }, params: { user_id_type: 'open_id' }, data: { task, update_fields: fields } }),
    );
  return {
    platform: 'LARK',
    async create(ids, task: DesiredTask, idempotencyKey) {
      const openId = openIdOf(ids);
      const { body } = await sender.call({ userId: openId }, () =>
        client.task.v2.task.create({
          params: { user_id_type: 'open_id' },
          data: {
            summary: task.summary,
            due: larkTaskDue(task.dueOn),
            origin: ORIGIN,
            members: [{ id: openId, type: 'user', role: 'assignee' }],
            client_token: idempotencyKey,
          },
        }),
      );
      const guid = body.data?.task?.guid;
      if (!guid) throw new Error('Lark answered a task create without its guid');
      return { taskId: guid };
    },
    async update(ids, taskId, task, opts) {
      await patch(ids, taskId, { summary: task.summary, due: larkTaskDue(task.dueOn), ...(opts.reopen ? { completed_at: '0' } : {}) }, ['summary', 'due', ...(opts.reopen ? ['completed_at'] : [])]);
    },
    async complete(ids, taskId) {
      await patch(ids, taskId, { completed_at: String(o.now().getTime()) }, ['completed_at']);
    },
  };
}
