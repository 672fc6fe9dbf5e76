import { decodeForm } from '../../../cards/actions.js';
import { PERSUASION_OUTCOME_LABELS } from '../../../cards/action-forms.js';
import { ACK_STAGE_LABELS, type ReportableStage } from '../../domain/escalation/ack-stage.js';
import { STATEMENT_KIND_LABELS } from '../../domain/duties/statements.js';
import { DomainError } from '../../domain/errors.js';
import { quarterLabel } from '../../domain/duties/periods.js';
import { logReceptionDay } from '../../usecases/duties/log-reception-day.js';
import { logVisit } from '../../usecases/duties/log-visit.js';
import { recordMeeting } from '../../usecases/duties/record-meeting.js';
import { submitStatement } from '../../usecases/duties/submit-statement.js';
import { submitUnitReport } from '../../usecases/duties/submit-unit-report.js';
import { acknowledgeAlert } from '../../usecases/escalation/acknowledge-alert.js';
import { recordPersuasion } from '../../usecases/escalation/record-persuasion.js';
import type { ActionHandler } from '../handler.js';
import { done, sendForm, str } from '../support/responses.js';
import { alertCardForRepos } from '../support/alert-card.js';
import { meetingForm, persuasionForm, receptionForm, screeningForm, statementForm, visitForm } from '../support/duty-forms.js';
import { listCard, type ListName } from '../support/list-cards.js';

export const dutyActions: Record<string, ActionHandler> = {
  /**
   * R18/R20/R21: the clicked alert card is redrawn with everyone's state, so whoever sees it sees
   * who has acknowledged. In a group the card is shared: it shows no one's own buttons.
   */
  'alert.ack': async (ctx, a) => {
    const stage = str(a.stage) as ReportableStage;
    const { alert, changed, closed, notifications } = await acknowledgeAlert(ctx.deps, ctx.actor, { alertId: a.alertId, stage });
    ctx.notify(notifications);
    const card = await ctx.lookup((repos) => alertCardForRepos(repos, alert.id, ctx.inGroup ? null : ctx.actor.person.id));
    const text = !changed ? '您已确认过，无需重复确认' : closed ? `已确认${ACK_STAGE_LABELS[stage]}，全部接收人均已确认` : `已确认：${ACK_STAGE_LABELS[stage]}`;
    return { toast: { type: changed ? 'success' : 'info', text }, ...(card ? { card } : {}) };
  },

  'persuasion.open': async (ctx, a) => sendForm(ctx, await persuasionForm(ctx, str(a.persuasionId))),

  'persuasion.submit': async (ctx, a, form) => {
    const { persuasion, notifications } = await recordPersuasion(ctx.deps, ctx.actor, { persuasionId: a.persuasionId, ...decodeForm({ a: 'persuasion.submit' }, form) });
    ctx.notify(notifications);
    const outcome = persuasion.outcome === 'IN_PROGRESS' ? '劝返中' : PERSUASION_OUTCOME_LABELS[persuasion.outcome];
    return done('劝返情况已登记', { message: `${persuasion.who ?? ''}，${outcome}`, caseId: persuasion.caseId, note: '已报告主要领导和信访办' });
  },

  'statement.open': async (ctx, a) => sendForm(ctx, await statementForm(ctx, str(a.statementId))),

  'statement.submit': async (ctx, a, form) => {
    const { statement, late, notifications } = await submitStatement(ctx.deps, ctx.actor, { statementId: a.statementId, ...decodeForm({ a: 'statement.submit' }, form) });
    ctx.notify(notifications);
    const label = STATEMENT_KIND_LABELS[statement.kind];
    return done(`${label}已提交`, {
      message: statement.kind === 'SELF_CRITICISM' ? statement.period : quarterLabel(statement.period),
      caseId: statement.caseId,
      note: late ? `已逾期提交（应于${statement.dueOn}前提交）` : '已送达审阅人',
    });
  },

  'visit.open': async (ctx) => sendForm(ctx, await visitForm(ctx)),

  'visit.submit': async (ctx, _a, form) => {
    const { visit, notifications } = await logVisit(ctx.deps, ctx.actor, decodeForm({ a: 'visit.submit' }, form));
    ctx.notify(notifications);
    const { village, leader } = await ctx.lookup(async (repos) => ({
      village: await repos.directory.village(visit.villageId),
      leader: visit.leaderId === ctx.actor.person.id ? null : await repos.directory.person(visit.leaderId),
    }));
    return done('下访记录已填报', { message: `${visit.date} ${village?.name ?? ''}`, ...(leader ? { note: `已代${leader.name}填报` } : {}) });
  },

  'reception.open': async (ctx, a) => sendForm(ctx, await receptionForm(ctx, str(a.receptionDayId))),

  'reception.submit': async (ctx, a, form) => {
    const { day, log, notifications } = await logReceptionDay(ctx.deps, ctx.actor, { receptionDayId: a.receptionDayId, ...decodeForm({ a: 'reception.submit' }, form) });
    ctx.notify(notifications);
    return done('接访情况已填报', { message: `${day.date} 接待 ${log.visitors} 人次`, note: '当天受理的信访事项请发送「登记」逐件登记' });
  },

  'screening.open': async (ctx, a) => sendForm(ctx, await screeningForm(ctx, str(a.periodId))),

  'screening.submit': async (ctx, a, form) => {
    const { report, notifications } = await submitUnitReport(ctx.deps, ctx.actor, { periodId: a.periodId, ...decodeForm({ a: 'screening.submit' }, form) });
    ctx.notify(notifications);
    return done(report.isZero ? '零报告已报送' : '排查情况已报送', report.late ? { note: '已过报送截止日期，按逾期报送记录' } : {});
  },

  'meeting.open': async (ctx) => sendForm(ctx, await meetingForm(ctx)),

  'meeting.submit': async (ctx, _a, form) => {
    const { meeting, quarter, notifications } = await recordMeeting(ctx.deps, ctx.actor, decodeForm({ a: 'meeting.submit' }, form));
    ctx.notify(notifications);
    return done('会议已记录', { message: `${meeting.date} ${meeting.topic}`, note: `计入${quarterLabel(quarter)}；研究案件 ${meeting.cases.length} 件` });
  },

  /** 刷新: the list is read again and replaces the clicked card. */
  'list.refresh': async (ctx, a) => {
    const list = str(a.list);
    if (list !== 'mine' && list !== 'overdue' && list !== 'todo') throw new DomainError('VALIDATION', '无法识别的列表');
    return { toast: { type: 'info', text: '已刷新' }, card: await listCard(ctx, list as ListName) };
  },
};
