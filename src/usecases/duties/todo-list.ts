import type { Actor, CaseRecord } from '../../domain/model.js';
import { monthRange } from '../../domain/duties/periods.js';
import type { ReportableStage } from '../../domain/escalation/ack-stage.js';
import { inCaseScope, type CaseScope } from '../../domain/privacy/case-scope.js';
import { caseTodos } from '../../domain/worklist/case-todos.js';
import { dutyTodos, type DutyTodoFacts } from '../../domain/worklist/duty-todos.js';
import { rankTodos, type RankedTodo, type TodoEntry } from '../../domain/worklist/todo-urgency.js';
import { localDateOf, quarterOf, quarterRange, type LocalDate } from '../../lib/local-date.js';
import type { Deps, Repos } from '../ports.js';
import { caseMaskers } from '../support/case-maskers.js';
import { dutiesOverview, type DutiesOverview } from './duties-overview.js';

export interface TodoList {
  today: LocalDate;
  entries: TodoEntry[];
}

/** Cases read for one person's list: a township's open caseload, with room to spare. */
const CASE_LIMIT = 2000;

/**
 * 待办: everything the rules make this person responsible for now, most urgent first — the
 * periodic duties of R12–R17 and the alerts of R18–R21 (dutiesOverview and their own records),
 * and the work on cases (R1–R11, R19, R20, R26, R27), each decided by the domain. Only cases
 * within `scope` (R24: a group's list holds no confidential case). Reads only.
 */
export async function todoList(deps: Deps, actor: Actor, opts: { scope: CaseScope; overview?: DutiesOverview }): Promise<TodoList> {
  const person = actor.person;
  const today = localDateOf(deps.clock.now());
  // Configuration first: on the embedded database it must not be read while a transaction holds the connection.
  const [calendar, policy] = await Promise.all([deps.config.calendar(), deps.config.deadlinePolicy()]);
  // The township's periodic duties are the same for everyone: a caller listing many people reads them once.
  const overview = opts.overview ?? (await dutiesOverview(deps, { today }));
  return deps.uow.read(async (repos) => {
    const cases = await repos.worklists.caseTodoFacts(opts.scope, CASE_LIMIT);
    const facts = await dutyFactsOf(repos, person.id, opts.scope, today);
    const items = [
      ...dutyTodos(person, {
        ...facts,
        pending: overview.pending,
        visits: overview.visits.map((m) => ({ month: m.month, dueOn: monthRange(m.month).end, reminderOn: m.reminderOn })),
        meetings: overview.meetings.quarters.map((q) => ({ quarter: q.quarter, end: q.end, remind: q.remind })),
        screenings: overview.screenings.map((s) => ({ periodId: s.periodId, name: s.name, reportDueOn: s.reportDueOn })),
        sentiments: overview.sentiments.map((r) => ({ reportId: r.id, villageId: r.villageId, reporterId: r.reporterId, content: r.content, reportedOn: localDateOf(r.reportedAt) })),
      }, today),
      ...cases.flatMap((c) => caseTodos(person, c, { today, calendar, policy })),
    ];
    const ranked = rankTodos(items, today, calendar);
    return { today, entries: await entriesOf(repos, ranked, [...cases, ...facts.cases]) };
  });
}

/** The person's own alerts, persuasions, statements and reception days; case-bound ones only within scope. */
async function dutyFactsOf(repos: Repos, me: string, scope: CaseScope, today: LocalDate): Promise<Omit<DutyTodoFacts, 'pending' | 'visits' | 'meetings' | 'screenings' | 'sentiments'> & { cases: CaseRecord[] }> {
  const cases = new Map<string, CaseRecord | null>();
  const visible = async (caseId: string | null) => {
    if (caseId === null) return true;
    if (!cases.has(caseId)) cases.set(caseId, await repos.cases.get(caseId));
    const c = cases.get(caseId)!;
    return c !== null && inCaseScope(scope, c);
  };
  const alerts = [];
  for (const a of await repos.worklists.alertsAwaiting(me)) {
    const r = a.recipients.find((x) => x.personId === me);
    if (r && (await visible(a.caseId))) alerts.push({ alertId: a.id, kind: a.kind, title: a.title, required: r.required as ReportableStage, stage: r.stage, raisedOn: localDateOf(a.raisedAt) });
  }
  const persuasions = [];
  for (const p of await repos.worklists.openPersuasions(me)) {
    if (await visible(p.caseId)) persuasions.push({ persuasionId: p.id, caseId: p.caseId, caseNumber: cases.get(p.caseId)!.number, destination: p.destination, occurredOn: p.occurredOn });
  }
  const statements = [];
  for (const s of await repos.worklists.openStatements(me)) {
    if (await visible(s.caseId)) statements.push({ statementId: s.id, kind: s.kind, period: s.period, dueOn: s.dueOn, caseId: s.caseId });
  }
  const days = await repos.receptions.between(quarterRange(quarterOf(today)).start, today, me);
  const receptionDays = [];
  for (const d of days) receptionDays.push({ receptionDayId: d.id, date: d.date, logged: (await repos.receptionLogs.get(d.id)) !== null });
  return { alerts, persuasions, statements, receptionDays, cases: [...cases.values()].filter((c): c is CaseRecord => c !== null) };
}

async function entriesOf(repos: Repos, ranked: RankedTodo[], cases: readonly { id: string; number: string; title: string }[]): Promise<TodoEntry[]> {
  const byId = new Map(cases.map((c) => [c.id, c]));
  const masker = await caseMaskers(repos, ranked.map((r) => r.caseId));
  const names = ranked.some((r) => r.personId !== null || r.kind === 'SENTIMENT' || r.kind === 'SCREENING') ? await repos.directory.names() : { people: [], units: [], villages: [] };
  const personName = new Map(names.people.map((p) => [p.id, p.name]));
  const villageName = new Map(names.villages.map((v) => [v.id, v.name]));
  const unitName = new Map(names.units.map((u) => [u.id, u.name]));
  return ranked.map((r) => {
    const c = r.caseId ? byId.get(r.caseId) : undefined;
    return {
      ...r,
      case: c ? { number: c.number, title: masker(c.id).text(c.title) } : null,
      personName: r.personId ? (personName.get(r.personId) ?? null) : null,
      villageName: r.kind === 'SENTIMENT' ? (villageName.get(r.villageId) ?? null) : null,
      unitName: r.kind === 'SCREENING' && r.unitId ? (unitName.get(r.unitId) ?? null) : null,
    };
  });
}
