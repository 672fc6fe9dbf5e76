import { startOfLocalDate, type LocalDate } from '../../lib/local-date.js';
import type { TodoItem } from './todo-item.js';

// Issue 16: each duty with a date on a person's 待办 becomes a task in their own to-do list on the
// platform (Lark Tasks, DingTalk 待办), moves when its date moves, and is completed when the duty
// is done or void. The sync compares what the 待办 says now with what it has recorded; this decides
// the changes. docs/platforms/platform-todos.md has the platforms' side.

/** A duty as a task: the key that names the duty for good, its text, the day it is due. */
export interface DesiredTask {
  dutyKey: string;
  summary: string;
  dueOn: LocalDate;
}

/** A task the sync made earlier, as recorded. */
export interface RecordedTask {
  dutyKey: string;
  taskId: string;
  summary: string;
  dueOn: LocalDate;
  done: boolean;
}

export type TaskChange =
  | { kind: 'CREATE'; task: DesiredTask }
  /** The text or date moved, or a completed duty is due again (`reopen`). */
  | { kind: 'UPDATE'; task: DesiredTask; taskId: string; reopen: boolean }
  /** The duty is done or void: the task is completed. */
  | { kind: 'COMPLETE'; dutyKey: string; taskId: string };

/** What names a duty for good: its kind and the records it is about (not its text or date, which move). */
export function dutyKeyOf(item: TodoItem): string {
  switch (item.kind) {
    case 'ALERT':
      return `ALERT:${item.alertId}`;
    case 'PERSUASION':
      return `PERSUASION:${item.persuasionId}`;
    case 'STATEMENT':
      return `STATEMENT:${item.statementId}`;
    case 'RECEPTION_LOG':
      return `RECEPTION_LOG:${item.receptionDayId}`;
    case 'VISIT':
      return `VISIT:${item.month}`;
    case 'MEETING':
      return `MEETING:${item.quarter}`;
    case 'SCREENING':
      return `SCREENING:${item.periodId}:${item.unitId ?? ''}`;
    case 'SENTIMENT':
      return `SENTIMENT:${item.reportId}`;
    default:
      return [item.kind, item.caseId, item.refId ?? '', item.reviewKind ?? ''].join(':');
  }
}

/** The day a task is due: its own date; an immediate duty (R18 到场, R21 劝返) today. null: no task (it has no date). */
export function taskDueOn(item: Pick<TodoItem, 'dueOn' | 'immediate'>, today: LocalDate): LocalDate | null {
  return item.dueOn ?? (item.immediate ? today : null);
}

/** When a task is due on the platform: the end of the working day (18:00 Beijing time) of its day. */
export function taskDueInstant(dueOn: LocalDate): Date {
  return new Date(startOfLocalDate(dueOn).getTime() + 18 * 3600_000);
}

/** The changes that make the recorded tasks what the 待办 says now. */
export function reconcileTasks(desired: readonly DesiredTask[], recorded: readonly RecordedTask[]): TaskChange[] {
  const byKey = new Map(recorded.map((r) => [r.dutyKey, r]));
  const wanted = new Set(desired.map((d) => d.dutyKey));
  const changes: TaskChange[] = [];
  for (const task of desired) {
    const r = byKey.get(task.dutyKey);
    if (!r) changes.push({ kind: 'CREATE', task });
    else if (r.done || r.summary !== task.summary || r.dueOn !== task.dueOn) changes.push({ kind: 'UPDATE', task, taskId: r.taskId, reopen: r.done });
  }
  for (const r of recorded) if (!r.done && !wanted.has(r.dutyKey)) changes.push({ kind: 'COMPLETE', dutyKey: r.dutyKey, taskId: r.taskId });
  return changes;
}
