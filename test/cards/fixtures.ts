import { chineseOfficialCalendar } from '../../src/domain/calendar/official-calendar.js';
import { WorkingCalendar } from '../../src/domain/calendar/working-calendar.js';
import { overdueFacts, type OverdueFacts } from '../../src/domain/deadlines/overdue.js';
import type { CaseStatus } from '../../src/domain/model.js';
import type { CaseCardInput } from '../../cards/builders/case-card.js';
import type { CaseListRow } from '../../cards/builders/case-list.js';
import type { TodoRow } from '../../cards/builders/todo.js';
import type { CaseTodoKind, TodoItem } from '../../src/domain/worklist/todo-item.js';
import { rankTodos, type RankedTodo } from '../../src/domain/worklist/todo-urgency.js';

/** A valid, readable uuid (version 4) per number. */
export const uid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const calendar = new WorkingCalendar(chineseOfficialCalendar);

/** The deadline facts a case has on `today` (Beijing dates), as view-case computes them. */
export function facts(dueOn: string, today: string, resolvedOn: string | null = null): OverdueFacts {
  return overdueFacts(dueOn, resolvedOn, today, calendar);
}

export const TODAY = '2026-11-27';

/** A real 1 × 1 PNG: what a card's image carries, without drawing a chart in card tests. */
export const TINY_PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mP8/x8AAwMCAO+ip1sAAAAASUVORK5CYII=', 'base64'));

export function caseInput(over: Partial<CaseCardInput> = {}): CaseCardInput {
  return {
    caseId: uid(42),
    number: 'XF-2026-0042',
    title: '青山村土地征收补偿款未兑现',
    content: '反映2025年青山村3组土地征收补偿款至今未发放到户，联系电话13812345678，身份证号420102199001011234。',
    status: 'IN_PROGRESS',
    source: 'VISIT',
    villageName: '青山村',
    headcount: 6,
    receivedAt: new Date('2026-11-02T02:30:00Z'),
    petitioners: [
      { name: '张三明', idNumber: '420102199001011234', phone: '13812345678', address: '青山村3组12号', isPrimary: true },
      { name: '李四', idNumber: null, phone: null, address: null, isPrimary: false },
    ],
    personalDataVisible: true,
    context: 'DIRECT',
    ownerName: '王副镇长',
    unitName: '司法所',
    responsibleName: '赵干事',
    requirements: '一个月内核实补偿款发放情况并答复信访人',
    reportingCadence: 'WEEKLY',
    dueOn: '2026-12-15',
    overdue: facts('2026-12-15', TODAY),
    latestProgress: { tag: 'INVESTIGATION', content: '已调取补偿款发放台账', stability: null, at: new Date('2026-11-20T08:00:00Z'), authorName: '赵干事' },
    ownershipReasons: ['COLLECTIVE'],
    dangerFlags: [],
    allowedActions: [],
    ...over,
  };
}

export function listRow(n: number, dueOn: string | null, status: CaseStatus = 'IN_PROGRESS'): CaseListRow {
  return {
    caseId: uid(1000 + n),
    number: `XF-2026-${String(n).padStart(4, '0')}`,
    title: `第${n}件：村道硬化工程占地补偿问题反映`,
    status,
    dueOn,
    overdue: dueOn ? facts(dueOn, TODAY) : null,
  };
}

/** 待办 rows as the use case gives them: the domain's items ranked on TODAY, with the names shown. */
export function todoRows(items: readonly (TodoItem & Partial<Pick<TodoRow, 'case' | 'personName' | 'villageName' | 'unitName'>>)[]): TodoRow[] {
  return (rankTodos(items, TODAY, calendar) as (RankedTodo & Partial<TodoRow>)[]).map((r) => ({ ...r, case: r.case ?? null, personName: r.personName ?? null, villageName: r.villageName ?? null, unitName: r.unitName ?? null }));
}

const TODO_CASE = { number: 'XF-2026-0042', title: '青山村土地征收补偿款未兑现' };

/** A case item of the 待办 on case 42, to be varied by each test. */
export function caseTodo(kind: CaseTodoKind, over: Partial<TodoItem> & Partial<TodoRow> = {}): TodoItem & Partial<TodoRow> {
  return { kind, rule: 'R5', dueOn: null, immediate: false, why: '已登记，尚未交办责任单位（收件后15日内交办）', key: 'XF-2026-0042', caseId: uid(42), personId: null, refId: null, case: TODO_CASE, ...over } as TodoItem & Partial<TodoRow>;
}
