import type { DesiredTask, RecordedTask } from '../../domain/worklist/platform-tasks.js';
import type { PlatformIds, PlatformName } from './platform.js';

/** The tasks the sync made, one per platform, person and duty (PlatformTask). */
export interface PlatformTaskStore {
  forPerson(platform: PlatformName, personId: string): Promise<RecordedTask[]>;
  /** Records a task as it now is (insert or update by platform, person and duty). */
  save(platform: PlatformName, personId: string, task: RecordedTask): Promise<void>;
}

/** A platform's to-do list (Lark Tasks v2, DingTalk 待办). Every call may be repeated: `idempotencyKey` makes a create repeatable. */
export interface TaskListPort {
  readonly platform: PlatformName;
  create(user: PlatformIds, task: DesiredTask, idempotencyKey: string): Promise<{ taskId: string }>;
  update(user: PlatformIds, taskId: string, task: DesiredTask, opts: { reopen: boolean }): Promise<void>;
  complete(user: PlatformIds, taskId: string): Promise<void>;
}
