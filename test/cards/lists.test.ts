import { describe, expect, it } from 'vitest';
import { byUrgency, caseListCard, MAX_LIST_ROWS } from '../../cards/builders/case-list.js';
import { statisticsCard } from '../../cards/builders/statistics.js';
import { MAX_TODO_ROWS, todoCard, type TodoInput } from '../../cards/builders/todo.js';
import { larkCardBytes, LARK_CARD_MAX_BYTES, renderLarkCard } from '../../cards/lark/render.js';
import { addDays } from '../../src/lib/local-date.js';
import { listRow, TODAY, uid } from './fixtures.js';
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
  const CASE = { number: 'XF-2026-0042', title: '青山村土地征收补偿款未兑现'.repeat(5) };
  const full: TodoInput = {
    today: TODAY,
    alerts: many(30).map((i) => ({ alertId: uid(5000 + i), kind: 'MAJOR_EVENT' as const, title: '村民聚集'.repeat(20), required: 'ON_SITE' as const, stage: 'NONE' as const })),
    approvals: many(30).map((i) => ({ proposalId: uid(6000 + i), kind: 'TRANSFER' as const, case: CASE, proposedByName: '孙主任' })),
    extensions: many(30).map((i) => ({ extensionId: uid(7000 + i), case: CASE, requestedDueOn: '2027-01-15', requestedByName: '赵干事' })),
    persuasions: many(30).map((i) => ({ persuasionId: uid(8000 + i), case: CASE, destination: 'BEIJING' as const, occurredOn: '2026-11-25' })),
    statements: many(30).map((i) => ({ statementId: uid(9000 + i), kind: 'OVERDUE_EXPLANATION' as const, period: '2026Q4', dueOn: '2026-11-20' })),
    screenings: many(30).map((i) => ({ periodId: uid(9500 + i), name: '集中排查'.repeat(20), reportDueOn: '2026-12-01' })),
  };

  it('puts alerts first, red, with the next acknowledgement as the button', () => {
    const card = todoCard({ ...full, alerts: full.alerts.slice(0, 1), approvals: full.approvals.slice(0, 1), extensions: [], persuasions: [], statements: [], screenings: [] });
    expect(card.colour).toBe('red');
    const json = renderLarkCard(card);
    expect(actionsOf(json)).toEqual([
      { a: 'alert.ack', alertId: uid(5000), stage: 'RECEIVED' },
      { a: 'ownership.view', proposalId: uid(6000) },
      { a: 'list.refresh', list: 'todo' },
    ]);
  });

  it('a full todo card stays within Lark limits: 8 rows a section, 30 in all, the rest as 另有 N 项…', () => {
    const json = renderLarkCard(todoCard(full));
    expectValidLarkCard(json);
    const acted = actionsOf(json).filter((a) => a.a !== 'list.refresh');
    expect(acted).toHaveLength(MAX_TODO_ROWS);
    expect(acted.filter((a) => a.a === 'alert.ack')).toHaveLength(8);
    expect(acted.filter((a) => a.a === 'persuasion.open')).toHaveLength(6);
    expect(acted.filter((a) => a.a === 'statement.open')).toHaveLength(0);
    const md = markdownOf(json);
    expect(md.match(/另有 22 项…/g)).toHaveLength(3);
    expect(md).toContain('另有 24 项…');
    expect(md.match(/另有 30 项…/g)).toHaveLength(2);
    expect(md).toContain('**待提交书面材料（30）**');
    expect((json.header as { title: { content: string } }).title.content).toBe('待办事项（180）');
  });

  it('R13/R17: a statement or report past its due date shows red', () => {
    const md = markdownOf(renderLarkCard(todoCard({ ...full, alerts: [], approvals: [], extensions: [], persuasions: [], statements: full.statements.slice(0, 1), screenings: full.screenings.slice(0, 1) })));
    expect(md).toContain("<font color='red'>2026-11-20 前提交</font>");
    expect(md).toContain("<font color='orange'>2026-12-01 前报送</font>");
  });

  it('R15/R12: this month\'s visit and this quarter\'s meeting, each with the button that opens its form; orange from the reminder day', () => {
    const none = { ...full, alerts: [], approvals: [], extensions: [], persuasions: [], statements: [], screenings: [] };
    const json = renderLarkCard(todoCard({
      ...none,
      periodic: [
        { kind: 'VISIT', month: '2026-11', dueOn: '2026-11-30', remind: true },
        { kind: 'MEETING', quarter: '2026Q4', dueOn: '2026-12-31', remind: false },
      ],
    }));
    expectValidLarkCard(json);
    const md = markdownOf(json);
    expect(md).toContain('**待完成定期工作（2）**');
    expect(md).toContain("**本月（2026年11月）尚未下访**\n每月至少到联系村下访一次，下访后请填报\n<font color='orange'>2026-11-30 前下访</font>");
    expect(md).toContain("**2026年第四季度尚未召开信访领导小组会议**");
    expect(md).toContain("<font color='grey'>2026-12-31 前召开</font>");
    expect(actionsOf(json)).toEqual([{ a: 'visit.open' }, { a: 'meeting.open' }, { a: 'list.refresh', list: 'todo' }]);
    expect((json.header as { title: { content: string } }).title.content).toBe('待办事项（2）');
  });

  it('R16: sentiment reports awaiting handling, village and reporter named, numbers masked, at most 8 shown', () => {
    const sentiments = many(12).map((i) => ({
      reportId: uid(9700 + i), villageName: '青山村', reporterName: '蒋信息员', content: `第${i + 1}条：灌溉渠堵塞，身份证110101199003074514，电话13812345678`, reportedOn: '2026-11-26',
    }));
    const json = renderLarkCard(todoCard({ ...full, alerts: [], approvals: [], extensions: [], persuasions: [], statements: [], screenings: [], sentiments }));
    expectValidLarkCard(json);
    const md = markdownOf(json);
    expect(md).toContain('**待处理民情信息（12）**');
    expect(md).toContain('**【青山村】**第1条：灌溉渠堵塞');
    expect(md).toContain('蒋信息员报送 · 待处理（可转为案件）');
    expect(md).not.toContain('13812345678');
    expect(md).not.toContain('110101199003074514');
    expect(md).toContain('另有 4 项…');
    expect(actionsOf(json)).toEqual([{ a: 'list.refresh', list: 'todo' }]);
  });

  it('nothing to do: green, with a refresh button only', () => {
    const card = todoCard({ today: TODAY, alerts: [], approvals: [], extensions: [], persuasions: [], statements: [], screenings: [] });
    expect(card.colour).toBe('green');
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
