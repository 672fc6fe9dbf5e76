import { ACK_STAGE_LABELS, type AckStage, type ReportableStage } from '../../src/domain/escalation/ack-stage.js';
import { ABNORMAL_DESTINATION_LABELS, ALERT_KIND_LABELS, type AbnormalDestination, type AlertKind } from '../../src/domain/escalation/alert-kinds.js';
import { STATEMENT_KIND_LABELS, type StatementKind } from '../../src/domain/duties/statements.js';
import type { LocalDate } from '../../src/lib/local-date.js';
import { monthLabel, quarterLabel } from '../format.js';
import { escapeMarkdown, oneLine, truncate } from '../markdown.js';
import type { Card, CardElement } from '../model.js';
import { ackStagesToOffer } from './alert.js';
import { maskPersonalText } from '../../src/domain/privacy/mask-text.js';
import { button, caseLine, moreLine } from './common.js';

type CaseRef = { number: string; title: string };

/** A periodic duty of the running month or quarter; `remind` once its reminder day has come. */
export type PeriodicTodo =
  /** R15: this leader has logged no village visit this month. */
  | { kind: 'VISIT'; month: string; dueOn: LocalDate; remind: boolean }
  /** R12: the quarter's leading-group meeting is not recorded yet. */
  | { kind: 'MEETING'; quarter: string; dueOn: LocalDate; remind: boolean };

export interface TodoInput {
  /** R4: proposals waiting for this approver. */
  approvals: readonly { proposalId: string; kind: 'INITIAL' | 'TRANSFER'; case: CaseRef; proposedByName: string }[];
  /** R10: extension requests waiting for the leading group. */
  extensions: readonly { extensionId: string; case: CaseRef; requestedDueOn: LocalDate; requestedByName: string }[];
  /** R18/R20/R21: alerts this person has not acknowledged far enough. */
  alerts: readonly { alertId: string; kind: AlertKind; title: string; required: ReportableStage; stage: AckStage }[];
  /** R13/R14/R21: written statements due from this person. */
  statements: readonly { statementId: string; kind: StatementKind; period: string; dueOn: LocalDate | null; case?: CaseRef | null }[];
  /** R17: screening reports due from this person's unit. */
  screenings: readonly { periodId: string; name: string; reportDueOn: LocalDate }[];
  /** R21: persuasions this leader must organise. */
  persuasions: readonly { persuasionId: string; case: CaseRef; destination: AbnormalDestination; occurredOn: LocalDate }[];
  /** R12/R15: the month's visit or the quarter's meeting still to be done. */
  periodic?: readonly PeriodicTodo[];
  /** R16: sentiment reports not yet turned into a case. */
  sentiments?: readonly { reportId: string; villageName: string; reporterName: string; content: string; reportedOn: LocalDate; convertible?: boolean }[];
  today: LocalDate;
}

/** Rows per section, and in all: the card stays readable and under Lark's 200 components (5 per row). */
export const MAX_TODO_ROWS_PER_SECTION = 8;
export const MAX_TODO_ROWS = 30;

/** 待办: everything waiting for this person, alerts first, each with the button that does it. */
export function todoCard(t: TodoInput): Card {
  const periodic = t.periodic ?? [];
  const sentiments = t.sentiments ?? [];
  const elements: CardElement[] = [];
  let budget = MAX_TODO_ROWS;
  const section = <T>(heading: string, rows: readonly T[], item: (row: T) => CardElement) => {
    if (rows.length === 0) return;
    if (elements.length) elements.push({ kind: 'divider' });
    elements.push({ kind: 'markdown', text: `**${heading}（${rows.length}）**` });
    const shown = rows.slice(0, Math.min(MAX_TODO_ROWS_PER_SECTION, budget));
    budget -= shown.length;
    for (const row of shown) elements.push(item(row));
    if (rows.length > shown.length) elements.push({ kind: 'note', text: moreLine(rows.length - shown.length, '项') });
  };

  section('待确认预警', t.alerts, (a) => {
    const next = ackStagesToOffer(a.required, a.stage)[0] ?? a.required;
    return {
      kind: 'item',
      text: `**【${ALERT_KIND_LABELS[a.kind]}】**${escapeMarkdown(truncate(oneLine(a.title), 30))}`,
      badge: { text: `当前：${ACK_STAGE_LABELS[a.stage]}`, colour: 'red' },
      button: button({ RECEIVED: '收到', ON_THE_WAY: '已出发', ON_SITE: '已到场' }[next], 'alert.ack', { alertId: a.alertId, stage: next }, 'danger'),
    };
  });
  section('待审定包案意见', t.approvals, (p) => ({
    kind: 'item',
    text: `${caseLine(p.case)}\n${p.kind === 'TRANSFER' ? '移交包案' : '包案意见'} · ${escapeMarkdown(p.proposedByName)}提出`,
    button: button('审定', 'ownership.view', { proposalId: p.proposalId }, 'primary'),
  }));
  section('待审批延期', t.extensions, (e) => ({
    kind: 'item',
    text: `${caseLine(e.case)}\n${escapeMarkdown(e.requestedByName)}申请延期至 ${e.requestedDueOn}`,
    button: button('审批', 'extension.decide-open', { extensionId: e.extensionId }, 'primary'),
  }));
  section('待组织劝返', t.persuasions, (p) => ({
    kind: 'item',
    text: caseLine(p.case),
    badge: { text: `${ABNORMAL_DESTINATION_LABELS[p.destination]}（${p.occurredOn}）`, colour: 'red' },
    button: button('登记', 'persuasion.open', { persuasionId: p.persuasionId }, 'danger'),
  }));
  section('待完成定期工作', periodic, (d) =>
    d.kind === 'VISIT'
      ? {
        kind: 'item',
        text: `**本月（${monthLabel(d.month)}）尚未下访**\n每月至少到联系村下访一次，下访后请填报`,
        badge: { text: `${d.dueOn} 前下访`, colour: d.remind ? 'orange' : 'grey' },
        button: button('填报', 'visit.open', {}),
      }
      : {
        kind: 'item',
        text: `**${quarterLabel(d.quarter)}尚未召开信访领导小组会议**\n每季度至少研究一次重大疑难信访案件，会后请记录`,
        badge: { text: `${d.dueOn} 前召开`, colour: d.remind ? 'orange' : 'grey' },
        button: button('记录', 'meeting.open', {}),
      });
  section('待提交书面材料', t.statements, (s) => ({
    kind: 'item',
    text: `**${STATEMENT_KIND_LABELS[s.kind]}**\n${s.case ? caseLine(s.case) : quarterLabel(s.period)}`,
    ...(s.dueOn ? { badge: { text: `${s.dueOn} 前提交`, colour: s.dueOn < t.today ? 'red' as const : 'orange' as const } } : {}),
    button: button('填写', 'statement.open', { statementId: s.statementId }),
  }));
  section('待报送排查', t.screenings, (s) => ({
    kind: 'item',
    text: `**${escapeMarkdown(truncate(oneLine(s.name), 30))}**`,
    badge: { text: `${s.reportDueOn} 前报送`, colour: s.reportDueOn < t.today ? 'red' : 'orange' },
    button: button('报送', 'screening.open', { periodId: s.periodId }),
  }));
  // R24: a group may see this card; numbers in the report (phones, ID numbers) stay masked.
  section('待处理民情信息', sentiments, (r) => ({
    kind: 'item',
    text: `**【${escapeMarkdown(r.villageName)}】**${escapeMarkdown(truncate(oneLine(maskPersonalText(r.content)), 40))}\n${escapeMarkdown(r.reporterName)}报送 · 待处理（可转为案件）`,
    badge: { text: `${r.reportedOn} 报送`, colour: 'orange' },
    ...(r.convertible ? { button: button('转为案件', 'sentiment.convert-open', { reportId: r.reportId }) } : {}),
  }));

  const total = t.alerts.length + t.approvals.length + t.extensions.length + t.persuasions.length + periodic.length + t.statements.length
    + t.screenings.length + sentiments.length;
  if (total === 0) elements.push({ kind: 'markdown', text: '目前没有待办事项。' });
  elements.push({ kind: 'actions', buttons: [button('刷新', 'list.refresh', { list: 'todo' })] });
  return {
    title: `待办事项（${total}）`,
    subtitle: `截至 ${t.today}`,
    colour: t.alerts.length > 0 ? 'red' : total > 0 ? 'orange' : 'green',
    elements,
  };
}
