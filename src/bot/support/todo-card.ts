import { todoCard, type PeriodicTodo, type TodoInput } from '../../../cards/builders/todo.js';
import type { Card } from '../../../cards/model.js';
import { authorizeCase, authorizeGlobal } from '../../domain/authorization.js';
import { monthRange } from '../../domain/duties/periods.js';
import type { ReportableStage } from '../../domain/escalation/ack-stage.js';
import type { CaseRecord } from '../../domain/model.js';
import { localDateOf } from '../../lib/local-date.js';
import { dutiesOverview, type PendingDuty } from '../../usecases/duties/duties-overview.js';
import type { HandlerContext } from '../handler.js';
import { readOnlyDeps } from './read-only-deps.js';
import { caseMaskers } from '../../usecases/support/case-maskers.js';

/** How many pending decisions are read before filtering by who may decide them. */
const PENDING_LIMIT = 50;

/**
 * 待办: what waits for this person — alerts to acknowledge (R18/R20/R21), proposals to approve
 * (R4), extensions to decide (R10), persuasions to organise (R21), this month's village visit
 * (R15) and this quarter's leading-group meeting (R12), statements to write (R13/R14/R21),
 * screening reports of their unit (R17) and sentiment reports to handle (R16). Who may decide
 * what is the domain's authorization, case by case.
 */
export async function todoCardFor(ctx: HandlerContext): Promise<Card> {
  const person = ctx.actor.person;
  const me = person.id;
  const today = localDateOf(ctx.now);
  const overview = await dutiesOverview(readOnlyDeps(ctx), { today });
  const input = await ctx.lookup(async (repos): Promise<TodoInput> => {
    const cases = new Map<string, CaseRecord | null>();
    const caseOf = async (id: string) => {
      if (!cases.has(id)) cases.set(id, await repos.cases.get(id));
      return cases.get(id)!;
    };
    const nameOf = async (id: string) => (await repos.directory.person(id))?.name ?? '—';
    // R24: titles masked with their own petitioners (the card may be posted to a group).
    const masked = new Map<string, string>();
    const ref = async (c: CaseRecord) => {
      if (!masked.has(c.id)) masked.set(c.id, (await caseMaskers(repos, [c.id]))(c.id).text(c.title));
      return { number: c.number, title: masked.get(c.id)! };
    };

    const approvals: TodoInput['approvals'][number][] = [];
    for (const p of await repos.worklists.pendingProposals(PENDING_LIMIT)) {
      const c = await caseOf(p.caseId);
      if (c && authorizeCase(person, 'DECIDE_OWNERSHIP', c).allowed) {
        approvals.push({ proposalId: p.id, kind: p.kind, case: await ref(c), proposedByName: await nameOf(p.proposedById) });
      }
    }
    const extensions: TodoInput['extensions'][number][] = [];
    for (const e of await repos.worklists.pendingExtensions(PENDING_LIMIT)) {
      const c = await caseOf(e.caseId);
      if (c && authorizeCase(person, 'DECIDE_EXTENSION', c).allowed) {
        extensions.push({ extensionId: e.id, case: await ref(c), requestedDueOn: e.requestedDueOn, requestedByName: await nameOf(e.requestedById) });
      }
    }
    const alerts = (await repos.worklists.alertsAwaiting(me)).flatMap((a) => {
      const r = a.recipients.find((x) => x.personId === me);
      return r ? [{ alertId: a.id, kind: a.kind, title: a.title, required: r.required as ReportableStage, stage: r.stage }] : [];
    });
    const persuasions: TodoInput['persuasions'][number][] = [];
    for (const p of await repos.worklists.openPersuasions(me)) {
      const c = await caseOf(p.caseId);
      if (c) persuasions.push({ persuasionId: p.id, case: await ref(c), destination: p.destination, occurredOn: p.occurredOn });
    }

    // The quarter's duties of the overview first, then any other opened statement (R21, earlier quarters).
    const statementIds = overview.pending
      .filter((d) => (d.rule === 'R13' || d.rule === 'R14') && d.refId !== null && d.personIds.includes(me))
      .map((d) => d.refId!);
    const open = await repos.worklists.openStatements(me);
    const ordered = [...statementIds.flatMap((id) => open.filter((s) => s.id === id)), ...open.filter((s) => !statementIds.includes(s.id))];
    const statements: TodoInput['statements'][number][] = [];
    for (const s of ordered) {
      const c = s.caseId ? await caseOf(s.caseId) : null;
      statements.push({ statementId: s.id, kind: s.kind, period: s.period, dueOn: s.dueOn, case: c ? await ref(c) : null });
    }

    const mayReport = authorizeGlobal(person, 'SUBMIT_UNIT_REPORT').allowed;
    const periodIds = new Set(
      overview.pending
        .filter((d) => d.rule === 'R17' && d.refId !== null && (d.personIds.includes(me) || (mayReport && d.unitId !== null && d.unitId === person.unitId)))
        .map((d) => d.refId!),
    );
    const screenings = overview.screenings
      .filter((s) => periodIds.has(s.periodId))
      .map((s) => ({ periodId: s.periodId, name: s.name, reportDueOn: s.reportDueOn }));

    // R12/R15: the running month's visit and quarter's meeting; a past gap stays on the record, not here.
    const concerns = (d: PendingDuty) => d.personIds.includes(me) || (d.unitId !== null && d.unitId === person.unitId);
    const running = overview.pending.filter((d) => !d.missed);
    const periodic: PeriodicTodo[] = [];
    for (const d of running.filter((x) => x.rule === 'R15' && concerns(x))) {
      const m = overview.visits.find((x) => monthRange(x.month).end === d.dueOn);
      if (m) periodic.push({ kind: 'VISIT', month: m.month, dueOn: monthRange(m.month).end, remind: today >= m.reminderOn });
    }
    const mayRecordMeeting = authorizeGlobal(person, 'RECORD_MEETING').allowed;
    for (const d of running.filter((x) => x.rule === 'R12' && (concerns(x) || mayRecordMeeting))) {
      const q = overview.meetings.quarters.find((x) => x.end === d.dueOn);
      if (q) periodic.push({ kind: 'MEETING', quarter: q.quarter, dueOn: q.end, remind: q.remind });
    }

    // R16: reports not yet turned into a case, for whom the overview names and whoever may convert them.
    const mayConvert = authorizeGlobal(person, 'CONVERT_SENTIMENT').allowed;
    const reportIds = new Set(overview.pending.filter((d) => d.rule === 'R16' && d.refId !== null && (concerns(d) || mayConvert)).map((d) => d.refId!));
    const reports = overview.sentiments.filter((x) => reportIds.has(x.id));
    const villageNames = new Map(reports.length ? (await repos.directory.villages()).map((v) => [v.id, v.name]) : []);
    const reporterNames = new Map<string, string>();
    const sentiments: NonNullable<TodoInput['sentiments']>[number][] = [];
    for (const r of reports) {
      if (!reporterNames.has(r.reporterId)) reporterNames.set(r.reporterId, await nameOf(r.reporterId));
      sentiments.push({
        reportId: r.id, villageName: villageNames.get(r.villageId) ?? '—', reporterName: reporterNames.get(r.reporterId)!, content: r.content, reportedOn: localDateOf(r.reportedAt),
        convertible: mayConvert,
      });
    }

    return { approvals, extensions, alerts, statements, screenings, persuasions, periodic, sentiments, today };
  });
  return todoCard(input);
}
