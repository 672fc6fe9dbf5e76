import { describe, expect, it } from 'vitest';
import { byUrgency, caseListCard, MAX_LIST_ROWS } from '../../cards/builders/case-list.js';
import { statisticsCard } from '../../cards/builders/statistics.js';
import { MAX_TODO_ROWS, todoCard } from '../../cards/builders/todo.js';
import { larkCardBytes, LARK_CARD_MAX_BYTES, renderLarkCard } from '../../cards/lark/render.js';
import { addDays } from '../../src/lib/local-date.js';
import { caseTodo, listRow, TODAY, todoRows, uid } from './fixtures.js';
import { actionsOf, components, expectValidLarkCard, markdownOf } from './lark-walk.js';

describe('case lists (我的 / 逾期)', () => {
  it('R11: rows go in urgency order — longest overdue first, then fewest working days left, then no deadline, then closed', () => {
    const rows = [
      listRow(1, '2026-12-31'),
      listRow(2, null),
      listRow(3, '2026-11-25'), // 2 days overdue
      listRow(4, '2026-11-10', 'RESOLVED'),
      listRow(5, '2026-11-01'), // 26 days overdue
      listRow(6, '2026-12-01'), // 2 working days left
    ];
    expect([...rows].sort(byUrgency).map((r) => r.number)).toEqual([
      'XF-2026-0005', 'XF-2026-0003', 'XF-2026-0006', 'XF-2026-0001', 'XF-2026-0002', 'XF-2026-0004',
    ]);
  });

  it('each row has its number, title, coloured badge and a 查看 button', () => {
    const json = renderLarkCard(caseListCard({ kind: 'overdue', rows: [listRow(7, '2026-11-20')], asOf: TODAY }));
    expectValidLarkCard(json);
    expect(markdownOf(json)).toContain("**XF-2026-0007** 第7件：村道硬化工程占地补偿问题反映\n<font color='red'>办理中 · 2026-11-20（已逾期 7 天）</font>");
    expect(actionsOf(json)).toEqual([{ a: 'case.view', caseId: uid(1007) }, { a: 'list.refresh', list: 'overdue' }]);
    expect((json.header as { template: string }).template).toBe('red');
  });

  it('an empty overdue list is green and says so', () => {
    const card = caseListCard({ kind: 'overdue', rows: [], asOf: TODAY });
    expect(card.colour).toBe('green');
    expect(markdownOf(renderLarkCard(card))).toContain('目前没有逾期案件');
  });

  it('a 200-case list stays under 30 KB and 200 components, shows the most urgent 25 and says how many more', () => {
    const rows = Array.from({ length: 200 }, (_, i) => listRow(i + 1, addDays('2026-10-01', i)));
    const json = renderLarkCard(caseListCard({ kind: 'mine', rows, asOf: TODAY }));
    expectValidLarkCard(json);
    expect(larkCardBytes(json)).toBeLessThan(LARK_CARD_MAX_BYTES);
    const viewed = actionsOf(json).filter((a) => a.a === 'case.view');
    expect(viewed).toHaveLength(MAX_LIST_ROWS);
    // The oldest deadline is the most overdue: it comes first.
    expect(viewed[0]).toEqual({ a: 'case.view', caseId: uid(1001) });
    expect(markdownOf(json)).toContain('另有 175 件…');
    expect((json.header as { title: { content: string } }).title.content).toBe('我的案件（200 件）');
  });

  it('a 200-case list with long titles still fits', () => {
    const rows = Array.from({ length: 200 }, (_, i) => ({ ...listRow(i + 1, '2026-11-01'), title: '超长标题'.repeat(100) }));
    expect(larkCardBytes(renderLarkCard(caseListCard({ kind: 'overdue', rows, asOf: TODAY })))).toBeLessThan(LARK_CARD_MAX_BYTES);
  });
});

describe('todo card (待办)', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => i);
  const alert = (i: number) => ({ kind: 'ALERT' as const, rule: 'R18', dueOn: TODAY, immediate: true, why: '须确认至「已到场」', key: `a${i}`, caseId: null, personId: null,
    alertId: uid(5000 + i), alertKind: 'MAJOR_EVENT' as const, title: '村民聚集'.repeat(20), required: 'ON_SITE' as const, stage: 'NONE' as const });
  const statement = (i: number, dueOn = '2026-12-31') => ({ kind: 'STATEMENT' as const, rule: 'R13', dueOn, immediate: false, why: '须本人提交逾期情况书面说明（2026年第四季度）', key: `s${i}`,
    caseId: null, personId: null, statementId: uid(9000 + i), statementKind: 'OVERDUE_EXPLANATION' as const, period: '2026Q4' });
  const title = (json: ReturnType<typeof renderLarkCard>) => (json.header as { title: { content: string } }).title.content;

  it('puts alerts first, red, with the next acknowledgement as the button; then the rest by urgency', () => {
    const card = todoCard({ today: TODAY, entries: todoRows([caseTodo('APPROVE', { dueOn: '2026-12-01', refId: uid(6000) }), alert(0)]) });
    expect(card.colour).toBe('red');
    const json = renderLarkCard(card);
    expect(actionsOf(json)).toEqual([
      { a: 'alert.ack', alertId: uid(5000), stage: 'RECEIVED' },
      { a: 'ownership.view', proposalId: uid(6000) },
      { a: 'list.refresh', list: 'todo' },
    ]);
    const md = markdownOf(json);
    expect(md.indexOf("**<font color='red'>立即处理</font>（1）**")).toBeLessThan(md.indexOf("**<font color='orange'>3 个工作日内到期</font>（1）**"));
  });

  it('R9/R11: groups by urgency — overdue, then due within 3 working days, then later — each row saying why and when', () => {
    const json = renderLarkCard(todoCard({
      today: TODAY,
      entries: todoRows([
        caseTodo('FOLLOW_UP', { rule: 'R27', dueOn: '2026-12-20', why: '已办结，请回访信访人' }),
        caseTodo('ROUTE', { dueOn: '2026-11-23' }),
        caseTodo('HANDLE', { rule: 'R7', dueOn: '2026-11-27', why: '您是责任人，办理中' }),
        caseTodo('SUPERVISE', { rule: 'R11', dueOn: '2026-11-12', why: '请督促承办人办结并说明逾期原因', personName: '吴志强' }),
        caseTodo('APPROVE', { dueOn: '2026-12-01', refId: uid(6000), why: '包案意见待常委会审定', personName: '孙主任' }),
      ]),
    }));
    expectValidLarkCard(json);
    const md = markdownOf(json);
    expect(md).toContain("**<font color='red'>已逾期</font>（2）**");
    expect(md).toContain("**【督办】** **XF-2026-0042** 青山村土地征收补偿款未兑现\n请督促承办人办结并说明逾期原因 · 承办人 吴志强\n<font color='red'>2026-11-12 已逾期 15 天</font>");
    expect(md).toContain("**【待交办】** **XF-2026-0042** 青山村土地征收补偿款未兑现\n已登记，尚未交办责任单位（收件后15日内交办）\n<font color='red'>2026-11-23 已逾期 4 天</font>");
    expect(md).toContain("**<font color='orange'>3 个工作日内到期</font>（2）**");
    expect(md).toContain("<font color='orange'>2026-11-27 今天到期</font>");
    expect(md).toContain("包案意见待常委会审定 · 孙主任提出\n<font color='orange'>2026-12-01 前（还剩 2 个工作日）</font>");
    expect(md).toContain('**其他待办（1）**');
    expect(md).toContain("<font color='grey'>2026-12-20 前</font>");
    expect(actionsOf(json).map((a) => a.a)).toEqual(['case.view', 'assign.open', 'case.view', 'ownership.view', 'follow-up.open', 'list.refresh']);
  });

  it('a full todo card stays within Lark limits: 8 rows a group, 24 in all, the rest as 另有 N 项…', () => {
    const entries = todoRows([
      ...many(30).map(alert),
      ...many(30).map((i) => caseTodo('ROUTE', { dueOn: '2026-11-20', key: `XF-${i}` })),
      ...many(30).map((i) => caseTodo('APPROVE', { dueOn: '2026-11-30', key: `XF-${i}`, refId: uid(6000 + i) })),
      ...many(30).map((i) => statement(i)),
    ]);
    const json = renderLarkCard(todoCard({ today: TODAY, entries }));
    expectValidLarkCard(json);
    expect(larkCardBytes(json)).toBeLessThan(LARK_CARD_MAX_BYTES);
    const acted = actionsOf(json).filter((a) => a.a !== 'list.refresh');
    expect(acted).toHaveLength(MAX_TODO_ROWS);
    expect(acted.filter((a) => a.a === 'alert.ack')).toHaveLength(8);
    expect(acted.filter((a) => a.a === 'statement.open')).toHaveLength(0);
    const md = markdownOf(json);
    expect(md.match(/另有 22 项…/g)).toHaveLength(3);
    expect(md).toContain('另有 30 项…');
    expect(title(json)).toBe('待办事项（120）');
  });

  it('R15/R12: this month\'s visit and this quarter\'s meeting open their forms; orange from the reminder day', () => {
    const json = renderLarkCard(todoCard({
      today: TODAY,
      entries: todoRows([
        { kind: 'VISIT', rule: 'R15', dueOn: '2026-12-31', immediate: false, why: '2026年12月尚未下访联系村（每月至少一次）', key: 'v', caseId: null, personId: null, month: '2026-12', remind: true },
        { kind: 'MEETING', rule: 'R12', dueOn: '2026-12-31', immediate: false, why: '2026年第四季度尚未召开信访领导小组会议研究重大疑难案件', key: 'm', caseId: null, personId: null, quarter: '2026Q4', remind: false },
      ]),
    }));
    expectValidLarkCard(json);
    const md = markdownOf(json);
    expect(md).toContain("**【下访】** 2026年12月尚未下访联系村（每月至少一次）\n<font color='orange'>2026-12-31 前</font>");
    expect(md).toContain("**【领导小组会议】** 2026年第四季度尚未召开信访领导小组会议研究重大疑难案件\n<font color='grey'>2026-12-31 前</font>");
    expect(actionsOf(json)).toEqual([{ a: 'visit.open' }, { a: 'meeting.open' }, { a: 'list.refresh', list: 'todo' }]);
    expect(title(json)).toBe('待办事项（2）');
  });

  it('R16/R24: sentiment reports awaiting the office, village and reporter named, numbers masked', () => {
    const json = renderLarkCard(todoCard({
      today: TODAY,
      entries: todoRows(many(12).map((i) => ({
        kind: 'SENTIMENT' as const, rule: 'R16', dueOn: null, immediate: false, why: '待处理，可转为案件', key: `r${i}`, caseId: null, personId: uid(300), reportId: uid(9700 + i),
        villageId: uid(401), content: `第${i + 1}条：灌溉渠堵塞，身份证110101199003074514，电话13812345678`, reportedOn: '2026-11-26', convertible: i === 0, villageName: '青山村', personName: '蒋信息员',
      }))),
    }));
    expectValidLarkCard(json);
    const md = markdownOf(json);
    expect(md).toContain('**其他待办（12）**');
    expect(md).toContain('**【民情信息】** 青山村：第1条：灌溉渠堵塞');
    expect(md).toContain('待处理，可转为案件 · 蒋信息员报送');
    expect(md).not.toContain('13812345678');
    expect(md).not.toContain('110101199003074514');
    expect(md).toContain('另有 4 项…');
    expect(actionsOf(json)).toEqual([{ a: 'sentiment.convert-open', reportId: uid(9700) }, { a: 'list.refresh', list: 'todo' }]);
  });

  it('nothing to do: green, with a refresh button only', () => {
    const card = todoCard({ today: TODAY, entries: [] });
    expect(card.colour).toBe('green');
    expect(markdownOf(renderLarkCard(card))).toContain('目前没有待办事项。');
    expect(actionsOf(renderLarkCard(card))).toEqual([{ a: 'list.refresh', list: 'todo' }]);
  });
});

describe('statistics card (统计)', () => {
  it('counts by status, source, village (top 10 and the rest) and month', () => {
    const json = renderLarkCard(
      statisticsCard({
        asOf: TODAY,
        scope: '全镇',
        total: 120,
        open: 40,
        overdue: 0,
        byStatus: { IN_PROGRESS: 40, ARCHIVED: 80 },
        bySource: { VISIT: 100, PHONE: 20 },
        byVillage: Array.from({ length: 15 }, (_, i) => ({ name: `第${i + 1}村`, count: 15 - i })),
        byMonth: Array.from({ length: 14 }, (_, i) => ({ month: `20${25 + Math.floor((i + 9) / 12)}-${String(((i + 9) % 12) + 1).padStart(2, '0')}`, count: i })),
      }),
    );
    expectValidLarkCard(json);
    const md = markdownOf(json);
    expect(md).toContain('**办理中**：40 件\n**已归档**：80 件');
    expect(md).toContain('**来访**：100 件\n**来电**：20 件');
    expect(md).toContain('**第10村**：6 件\n**其他 5 个村**：15 件');
    expect(md).not.toContain('2025年10月');
    expect(md).toContain('**2026年11月**：13 件');
    expect(components(json).filter((c) => c.node.tag === 'button')).toHaveLength(0);
  });
});
