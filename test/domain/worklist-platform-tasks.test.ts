import { describe, expect, it } from 'vitest';
import { dutyKeyOf, reconcileTasks, taskDueOn, type DesiredTask, type RecordedTask } from '../../src/domain/worklist/platform-tasks.js';
import type { TodoItem } from '../../src/domain/worklist/todo-item.js';

const base = { rule: 'R4', dueOn: '2026-12-10', immediate: false, why: '', key: 'k', caseId: 'c1', personId: null } as const;
const desired = (dutyKey: string, dueOn = '2026-12-10', summary = `任务 ${dutyKey}`): DesiredTask => ({ dutyKey, summary, dueOn });
const recorded = (dutyKey: string, o: Partial<RecordedTask> = {}): RecordedTask => ({ dutyKey, taskId: `t-${dutyKey}`, summary: `任务 ${dutyKey}`, dueOn: '2026-12-10', done: false, ...o });

describe('duties as tasks in the platforms\' to-do lists (issue 16)', () => {
  it('a duty is named by its kind and records, whatever its text or date', () => {
    const approve: TodoItem = { ...base, kind: 'APPROVE', caseId: 'c1', refId: 'p1' };
    expect(dutyKeyOf(approve)).toBe('APPROVE:c1:p1:');
    expect(dutyKeyOf({ ...approve, dueOn: '2026-12-31', why: '另一个理由' })).toBe(dutyKeyOf(approve));
    expect(dutyKeyOf({ ...approve, refId: 'p2' })).not.toBe(dutyKeyOf(approve));
    expect(dutyKeyOf({ ...base, kind: 'REVIEW_ANSWER', caseId: 'c1', refId: null, reviewKind: 'RE_REVIEW' })).toBe('REVIEW_ANSWER:c1::RE_REVIEW');
    expect(dutyKeyOf({ ...base, caseId: null, kind: 'VISIT', month: '2026-12', remind: false })).toBe('VISIT:2026-12');
    expect(dutyKeyOf({ ...base, caseId: null, kind: 'SCREENING', periodId: 's1', name: '春节前排查', unitId: 'u1' })).toBe('SCREENING:s1:u1');
  });

  it('R18/R21: an immediate duty is due today; a duty without a date of its own makes no task', () => {
    expect(taskDueOn({ dueOn: null, immediate: true }, '2026-12-08')).toBe('2026-12-08');
    expect(taskDueOn({ dueOn: '2026-12-20', immediate: false }, '2026-12-08')).toBe('2026-12-20');
    expect(taskDueOn({ dueOn: null, immediate: false }, '2026-12-08')).toBeNull();
  });

  it('R10: a new duty is created, a moved deadline updated, a done or void duty completed, the rest left alone', () => {
    const changes = reconcileTasks(
      [desired('new'), desired('moved', '2027-01-08'), desired('same')],
      [recorded('moved'), recorded('same'), recorded('gone'), recorded('finished', { done: true })],
    );
    expect(changes).toEqual([
      { kind: 'CREATE', task: desired('new') },
      { kind: 'UPDATE', task: desired('moved', '2027-01-08'), taskId: 't-moved', reopen: false },
      { kind: 'COMPLETE', dutyKey: 'gone', taskId: 't-gone' },
    ]);
  });

  it('R27: a completed duty that is due again (a case reopened) reopens its task; running twice changes nothing more', () => {
    expect(reconcileTasks([desired('back')], [recorded('back', { done: true })])).toEqual([{ kind: 'UPDATE', task: desired('back'), taskId: 't-back', reopen: true }]);
    expect(reconcileTasks([desired('a'), desired('b')], [recorded('a'), recorded('b')])).toEqual([]);
  });
});
