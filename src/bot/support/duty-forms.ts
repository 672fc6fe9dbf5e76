import { meetingFormCard } from '../../../cards/builders/meeting-form.js';
import { persuasionFormCard } from '../../../cards/builders/persuasion-form.js';
import { receptionLogFormCard } from '../../../cards/builders/reception-log-form.js';
import { screeningReportFormCard } from '../../../cards/builders/screening-report-form.js';
import { statementFormCard } from '../../../cards/builders/statement-form.js';
import { visitFormCard } from '../../../cards/builders/visit-form.js';
import { beijingDateTime } from '../../../cards/format.js';
import type { Card } from '../../../cards/model.js';
import { assertDutyAllowed, assertGlobalAllowed, authorizeDuty } from '../../domain/authorization.js';
import { DomainError } from '../../domain/errors.js';
import type { Role } from '../../domain/model.js';
import { holdsOfficeDuties } from '../../domain/worklist/todo-item.js';
import { addDays, localDateOf, quarterOf, quarterRange } from '../../lib/local-date.js';
import type { ReceptionDay, ScreeningPeriod } from '../../usecases/ports/duties.js';
import type { HandlerContext } from '../handler.js';
import { chatScope } from './chat-scope.js';

// The duty forms (R12–R21) as a person opens them, from a command or a card button.
// Opening checks what the submit will check, so nobody fills in a form only to be refused.

const today = (ctx: HandlerContext) => localDateOf(ctx.now);

/** Who logs village visits (R15): the town's party and government leaders, as log-visit checks. */
const VISITING_ROLES: Role[] = ['TOWN_LEADER', 'PRINCIPAL_LEADER'];

/**
 * R15 下访: the leader's own villages (all, for someone with none linked), and their open cases.
 * Whoever may log a visit that is not their own (the office) picks the leader — preselected when
 * they are one themselves — from every village and every owned open case.
 */
export async function visitForm(ctx: HandlerContext): Promise<Card> {
  const person = ctx.actor.person;
  assertGlobalAllowed(person, 'LOG_VISIT');
  const me = person.id;
  // A visit of nobody in particular: allowed only to someone who may log for others.
  if (authorizeDuty(person, 'LOG_VISIT_FOR', { personId: null }).allowed) {
    const found = await ctx.lookup(async (repos) => ({
      villages: await repos.directory.villages(),
      leaders: await repos.directory.people(VISITING_ROLES),
      cases: await repos.worklists.openOwnedCases(100),
    }));
    const choices = found.leaders.map((p) => ({ id: p.id, name: p.title ? `${p.name}（${p.title}）` : p.name }));
    const initial = found.leaders.some((p) => p.id === me) ? me : null;
    return visitFormCard({ villages: found.villages, cases: found.cases, leaders: { choices, initial }, today: today(ctx) });
  }
  const [villages, obligations] = await ctx.lookup((repos) => Promise.all([repos.directory.villages(), repos.visits.obligations()]));
  const mine = new Set(obligations.find((o) => o.leaderId === me)?.villageIds ?? []);
  const linked = villages.filter((v) => mine.has(v.id));
  const cases = (await ctx.read.myOpenCases(ctx.actor.person, today(ctx), chatScope(ctx))).cases.filter((c) => c.role === 'OWNER' || c.role === 'BOTH');
  return visitFormCard({ villages: linked.length ? linked : villages, cases, today: today(ctx) });
}

/** R14: the reception days this person logs in the current quarter (their own; every leader's for the office), held by today, oldest first. */
export async function myReceptionDays(ctx: HandlerContext): Promise<{ day: ReceptionDay; logged: boolean }[]> {
  const { start } = quarterRange(quarterOf(today(ctx)));
  // R14: the office may log any leader's day for them; a leader logs their own.
  const leaderId = holdsOfficeDuties(ctx.actor.person) ? null : ctx.actor.person.id;
  return ctx.lookup(async (repos) => {
    const days = await repos.receptions.between(start, today(ctx), leaderId);
    return Promise.all(days.map(async (day) => ({ day, logged: (await repos.receptionLogs.get(day.id)) !== null })));
  });
}

/** R14 接访: the log form of one reception day, for its leader or the office. */
export async function receptionForm(ctx: HandlerContext, receptionDayId: string): Promise<Card> {
  const found = await ctx.lookup(async (repos) => {
    const day = await repos.receptions.get(receptionDayId);
    if (!day) return null;
    const [leader, log] = await Promise.all([repos.directory.person(day.leaderId), repos.receptionLogs.get(day.id)]);
    return { day, leaderName: leader?.name ?? '—', logged: log !== null };
  });
  if (!found) throw new DomainError('NOT_FOUND', '找不到该接访日');
  assertDutyAllowed(ctx.actor.person, 'LOG_RECEPTION_FOR', { personId: found.day.leaderId });
  if (found.logged) throw new DomainError('ALREADY_DONE', `${found.day.date}的接访情况已填报`);
  const { day } = found;
  return receptionLogFormCard({ receptionDayId: day.id, date: day.date, location: day.location, leaderName: found.leaderName });
}

/** Late reports are still taken (and counted late, R23) this long after the due date. */
const LATE_REPORT_DAYS = 30;

/** R17: begun periods this unit must report in and has not, up to a month past their due date. */
export async function openScreeningsOf(ctx: HandlerContext, unitId: string): Promise<ScreeningPeriod[]> {
  const d = today(ctx);
  return ctx.lookup(async (repos) => {
    const periods = (await repos.screenings.overlapping(addDays(d, -LATE_REPORT_DAYS), d)).filter((p) => p.startsOn <= d && p.unitIds.includes(unitId));
    const open: ScreeningPeriod[] = [];
    for (const p of periods) {
      if (!(await repos.screenings.reports(p.id)).some((r) => r.unitId === unitId)) open.push(p);
    }
    return open;
  });
}

/** R17 排查: the report form of one period for the person's own unit. */
export async function screeningForm(ctx: HandlerContext, periodId: string): Promise<Card> {
  const unitId = ctx.actor.person.unitId;
  assertGlobalAllowed(ctx.actor.person, 'SUBMIT_UNIT_REPORT');
  if (!unitId) throw new DomainError('VALIDATION', '您未关联单位，无法报送排查情况，请联系信访办');
  assertDutyAllowed(ctx.actor.person, 'REPORT_FOR_UNIT', { unitId });
  const found = await ctx.lookup(async (repos) => {
    const [period, unit, reports] = await Promise.all([repos.screenings.period(periodId), repos.directory.unit(unitId), repos.screenings.reports(periodId)]);
    return { period, unitName: unit?.name ?? '本单位', reported: reports.some((r) => r.unitId === unitId) };
  });
  const p = found.period;
  if (!p) throw new DomainError('NOT_FOUND', '找不到该排查期');
  if (!p.unitIds.includes(unitId)) throw new DomainError('VALIDATION', `${found.unitName}不在「${p.name}」的报送范围内`);
  if (found.reported) throw new DomainError('ALREADY_DONE', `${found.unitName}已报送「${p.name}」的排查情况`);
  return screeningReportFormCard({ periodId: p.id, name: p.name, kind: p.kind, startsOn: p.startsOn, endsOn: p.endsOn, reportDueOn: p.reportDueOn, unitName: found.unitName });
}

/** R12 会议: the meeting form with the open owned cases; tells whether the quarter has its meeting. */
export async function meetingForm(ctx: HandlerContext): Promise<Card> {
  assertGlobalAllowed(ctx.actor.person, 'RECORD_MEETING');
  const { start, end } = quarterRange(quarterOf(today(ctx)));
  const [cases, meetings] = await ctx.lookup((repos) => Promise.all([repos.worklists.openOwnedCases(100), repos.meetings.between(start, end)]));
  return meetingFormCard({ today: today(ctx), cases, quarterHasMeeting: meetings.length > 0 });
}

/** R21 劝返: the record form of one persuasion, for its leader or the office. */
export async function persuasionForm(ctx: HandlerContext, persuasionId: string): Promise<Card> {
  const found = await ctx.lookup(async (repos) => {
    const p = await repos.persuasions.get(persuasionId);
    return p ? { p, c: await repos.cases.get(p.caseId) } : null;
  });
  if (!found?.c) throw new DomainError('NOT_FOUND', '找不到该劝返任务');
  const { p, c } = found;
  assertDutyAllowed(ctx.actor.person, 'RECORD_PERSUASION_FOR', { personId: p.leaderId });
  if (p.outcome === 'RETURNED') throw new DomainError('ALREADY_DONE', `${c.number} 已劝返成功，无需再登记`);
  return persuasionFormCard({ persuasionId: p.id, case: c, destination: p.destination, occurredOn: p.occurredOn, now: beijingDateTime(ctx.now) });
}

/** R13/R14/R21: the form of one written statement, for its author only. */
export async function statementForm(ctx: HandlerContext, statementId: string): Promise<Card> {
  const found = await ctx.lookup(async (repos) => {
    const s = await repos.statements.get(statementId);
    return s ? { s, c: s.caseId ? await repos.cases.get(s.caseId) : null } : null;
  });
  if (!found) throw new DomainError('NOT_FOUND', '找不到该书面材料');
  const { s, c } = found;
  assertDutyAllowed(ctx.actor.person, 'SUBMIT_STATEMENT', { personId: s.authorId });
  if (s.submittedAt) throw new DomainError('ALREADY_DONE', '该书面材料已提交，不能重复提交');
  return statementFormCard({ statementId: s.id, kind: s.kind, period: s.period, dueOn: s.dueOn, case: c ? { number: c.number, title: c.title } : null });
}
