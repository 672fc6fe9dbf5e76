import { ACK_STAGE_LABELS } from '../../src/domain/escalation/ack-stage.js';
import { ABNORMAL_DESTINATION_LABELS, ALERT_KIND_LABELS } from '../../src/domain/escalation/alert-kinds.js';
import { maskPersonalText } from '../../src/domain/privacy/mask-text.js';
import { REVIEW_KIND_LABELS } from '../../src/domain/review/review-clocks.js';
import type { TodoKind } from '../../src/domain/worklist/todo-item.js';
import { TODO_BANDS, type TodoBand, type TodoEntry } from '../../src/domain/worklist/todo-urgency.js';
import type { LocalDate } from '../../src/lib/local-date.js';
import { escapeMarkdown, oneLine, truncate } from '../markdown.js';
import type { Card, CardButton, CardColour, CardElement } from '../model.js';
import { ackStagesToOffer } from './alert.js';
import { button, caseLine, moreLine } from './common.js';

/** One line of the 待办 as the use case gives it. */
export type TodoRow = TodoEntry;

export interface TodoInput {
  today: LocalDate;
  /** Most urgent first (rankTodos). */
  entries: readonly TodoRow[];
}

/** Rows per urgency group, and in all: readable on a phone and under Lark's 200 components (5 per row). */
export const MAX_TODO_ROWS_PER_BAND = 8;
export const MAX_TODO_ROWS = 24;
/** A reason longer than this (a committee's return, say) is cut: the record it comes from has it whole. */
const WHY_MAX_CHARS = 48;

const BAND_HEADINGS: Record<TodoBand, string> = {
  NOW: "<font color='red'>立即处理</font>",
  OVERDUE: "<font color='red'>已逾期</font>",
  SOON: "<font color='orange'>3 个工作日内到期</font>",
  LATER: '其他待办',
};

const KIND_LABELS: Record<Exclude<TodoKind, 'ALERT' | 'REVIEW_ANSWER'>, string> = {
  PERSUASION: '劝返',
  ROUTE: '待交办',
  PETITIONERS: '待补信访人',
  PROPOSE_OWNER: '待包案',
  RETURNED: '包案退回',
  APPROVE: '待审定',
  DECIDE_EXTENSION: '延期审批',
  REPORT_PROGRESS: '报送进展',
  HANDLE: '办理',
  UNIT_REPORT: '单位报送',
  UNIT_CASE: '本单位',
  SUPERVISE: '督办',
  FOLLOW_UP: '待回访',
  OPINION: '处理意见书',
  ACCUSATION: '检举控告',
  STATEMENT: '书面材料',
  RECEPTION_LOG: '接访日',
  VISIT: '下访',
  MEETING: '领导小组会议',
  SCREENING: '排查报送',
  SENTIMENT: '民情信息',
};

function labelOf(e: TodoRow): string {
  if (e.kind === 'ALERT') return ALERT_KIND_LABELS[e.alertKind];
  if (e.kind === 'REVIEW_ANSWER') return `${REVIEW_KIND_LABELS[e.reviewKind ?? 'REVIEW']}意见`;
  return KIND_LABELS[e.kind];
}

/** What the item is about: the case, the alert, the statement's period, the report; null when the reason says it all. */
function subjectOf(e: TodoRow): string | null {
  if (e.kind === 'ALERT') return escapeMarkdown(truncate(oneLine(e.title), 30));
  if (e.kind === 'SENTIMENT') return `${escapeMarkdown(e.villageName ?? '—')}：${escapeMarkdown(truncate(oneLine(maskPersonalText(e.content)), 40))}`;
  if (e.case) return caseLine(e.case);
  if (e.kind === 'SCREENING') return escapeMarkdown(`${truncate(oneLine(e.name), 30)}${e.unitName ? ` · ${e.unitName}` : ''}`);
  return null;
}

/** Who the item names, said with what they did. */
function whoOf(e: TodoRow): string {
  if (!e.personName) return '';
  const name = escapeMarkdown(e.personName);
  switch (e.kind) {
    case 'APPROVE':
    case 'RETURNED':
      return ` · ${name}提出`;
    case 'DECIDE_EXTENSION':
      return ` · ${name}申请`;
    case 'SENTIMENT':
      return ` · ${name}报送`;
    default:
      return ` · 承办人 ${name}`;
  }
}

function badgeOf(e: TodoRow): { text: string; colour: CardColour } | undefined {
  if (e.kind === 'ALERT') return { text: `当前：${ACK_STAGE_LABELS[e.stage]}`, colour: 'red' };
  if (e.kind === 'PERSUASION') return { text: `${ABNORMAL_DESTINATION_LABELS[e.destination]}（${e.occurredOn}）`, colour: 'red' };
  if (!e.dueOn) return undefined;
  const u = e.urgency;
  if (u.band === 'OVERDUE') return { text: `${e.dueOn} 已逾期 ${u.daysOverdue} 天`, colour: 'red' };
  if (u.band === 'SOON') return { text: u.workingDaysLeft === 0 ? `${e.dueOn} 今天到期` : `${e.dueOn} 前（还剩 ${u.workingDaysLeft} 个工作日）`, colour: 'orange' };
  const remind = (e.kind === 'VISIT' || e.kind === 'MEETING') && e.remind;
  return { text: `${e.dueOn} 前`, colour: remind ? 'orange' : 'grey' };
}

function buttonOf(e: TodoRow): CardButton | undefined {
  const caseId = e.caseId ?? '';
  switch (e.kind) {
    case 'ALERT': {
      const next = ackStagesToOffer(e.required, e.stage)[0] ?? e.required;
      return button({ RECEIVED: '收到', ON_THE_WAY: '已出发', ON_SITE: '已到场' }[next], 'alert.ack', { alertId: e.alertId, stage: next }, 'danger');
    }
    case 'PERSUASION': return button('登记劝返', 'persuasion.open', { persuasionId: e.persuasionId }, 'danger');
    case 'ROUTE': return button('交办', 'assign.open', { caseId }, 'primary');
    case 'PETITIONERS': return button('补充信访人', 'petitioner.open', { caseId }, 'primary');
    case 'PROPOSE_OWNER': return button('提出包案', 'ownership.open', { caseId }, 'primary');
    case 'RETURNED': return button('重新提出', 'ownership.open', { caseId }, 'primary');
    case 'APPROVE': return button('审定', 'ownership.view', { proposalId: e.refId ?? '' }, 'primary');
    case 'DECIDE_EXTENSION': return button('审批', 'extension.decide-open', { extensionId: e.refId ?? '' }, 'primary');
    case 'REPORT_PROGRESS':
    case 'UNIT_REPORT': return button('报送进展', 'progress.open', { caseId }, 'primary');
    case 'HANDLE': return button('办理', 'case.view', { caseId });
    case 'UNIT_CASE': return button('督促', 'case.view', { caseId });
    case 'SUPERVISE': return button('督办', 'case.view', { caseId });
    case 'ACCUSATION': return button('查看', 'case.view', { caseId });
    case 'FOLLOW_UP': return button('回访', 'follow-up.open', { caseId }, 'primary');
    case 'OPINION': return button('出具', 'opinion.open', { caseId });
    case 'REVIEW_ANSWER': return button('登记意见', 'review-answer.open', { caseId, kind: e.reviewKind ?? 'REVIEW' }, 'primary');
    case 'STATEMENT': return button('填写', 'statement.open', { statementId: e.statementId });
    case 'RECEPTION_LOG': return button('填报', 'reception.open', { receptionDayId: e.receptionDayId });
    case 'VISIT': return button('填报', 'visit.open', {});
    case 'MEETING': return button('记录', 'meeting.open', {});
    case 'SCREENING': return button('报送', 'screening.open', { periodId: e.periodId });
    case 'SENTIMENT': return e.convertible ? button('转为案件', 'sentiment.convert-open', { reportId: e.reportId }) : undefined;
  }
}

function rowOf(e: TodoRow): CardElement {
  const subject = subjectOf(e);
  const why = `${escapeMarkdown(truncate(oneLine(e.why), WHY_MAX_CHARS))}${whoOf(e)}`;
  const badge = badgeOf(e);
  const action = buttonOf(e);
  return {
    kind: 'item',
    text: `**【${labelOf(e)}】** ${subject ? `${subject}\n${why}` : why}`,
    ...(badge ? { badge } : {}),
    ...(action ? { button: action } : {}),
  };
}

/**
 * 待办: everything waiting for this person, grouped by urgency — what presses now (alerts,
 * persuasions), what is overdue, what falls due within 3 working days, the rest — each with why
 * it is theirs and the button that does it.
 */
export function todoCard(t: TodoInput): Card {
  const elements: CardElement[] = [];
  let budget = MAX_TODO_ROWS;
  for (const band of TODO_BANDS) {
    const rows = t.entries.filter((e) => e.urgency.band === band);
    if (rows.length === 0) continue;
    if (elements.length) elements.push({ kind: 'divider' });
    elements.push({ kind: 'markdown', text: `**${BAND_HEADINGS[band]}（${rows.length}）**` });
    const shown = rows.slice(0, Math.max(0, Math.min(MAX_TODO_ROWS_PER_BAND, budget)));
    budget -= shown.length;
    for (const row of shown) elements.push(rowOf(row));
    if (rows.length > shown.length) elements.push({ kind: 'note', text: moreLine(rows.length - shown.length, '项') });
  }
  const total = t.entries.length;
  if (total === 0) elements.push({ kind: 'markdown', text: '目前没有待办事项。' });
  elements.push({ kind: 'actions', buttons: [button('刷新', 'list.refresh', { list: 'todo' })] });
  const pressing = t.entries.some((e) => e.urgency.band === 'NOW' || e.urgency.band === 'OVERDUE');
  return {
    title: `待办事项（${total}）`,
    subtitle: `截至 ${t.today} · 按紧急程度排列`,
    colour: pressing ? 'red' : total > 0 ? 'orange' : 'green',
    elements,
  };
}

/**
 * One 待办 entry as the title of a task in the person's own to-do list (Lark Tasks, DingTalk 待办):
 * plain text, what and about what, e.g. 「待审定：XF-2026-0042 宅基地边界纠纷」. The case title is
 * masked as the use case gives it (R24); a sentiment report's text is masked again here.
 */
export function todoTaskTitle(e: TodoRow): string {
  const label = labelOf(e);
  const about =
    e.kind === 'ALERT' ? oneLine(e.title)
    : e.kind === 'SENTIMENT' ? `${e.villageName ?? ''}民情：${oneLine(maskPersonalText(e.content))}`
    : e.case ? `${e.case.number} ${oneLine(e.case.title)}`
    : e.kind === 'SCREENING' ? `${oneLine(e.name)}${e.unitName ? ` · ${e.unitName}` : ''}`
    : oneLine(e.why);
  return truncate(`${label}：${about}`, 100);
}
