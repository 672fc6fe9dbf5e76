import { todoCard, type TodoInput } from '../../../cards/builders/todo.js';
import type { Card } from '../../../cards/model.js';
import { authorizeCase, authorizeGlobal } from '../../domain/authorization.js';
import type { ReportableStage } from '../../domain/escalation/ack-stage.js';
import type { CaseRecord } from '../../domain/model.js';
import { localDateOf } from '../../lib/local-date.js';
import { dutiesOverview } from '../../usecases/duties/duties-overview.js';
import type { HandlerContext } from '../handler.js';
import { readOnlyDeps } from './read-only-deps.js';

/** How many pending decisions are read before filtering by who may decide them. */
const PENDING_LIMIT = 50;

/**
 * 待办: what waits for this person — alerts to acknowledge (R18/R20/R21), proposals to approve
 * (R4), extensions to decide (R10), persuasions to organise (R21), statements to write
 * (R13/R14/R21) and screening reports of their unit (R17). Who may decide what is the domain's
 * authorization, case by case.
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
    const ref = (c: CaseRecord) => ({ number: c.number, title: c.title });

    const approvals: TodoInput['approvals'][number][] = [];
    for (const p of await repos.worklists.pendingProposals(PENDING_LIMIT)) {
      const c = await caseOf(p.caseId);
      if (c && authorizeCase(person, 'DECIDE_OWNERSHIP', c).allowed) {
        approvals.push({ proposalId: p.id, kind: p.kind, case: ref(c), proposedByName: await nameOf(p.proposedById) });
      }
    }
    const extensions: TodoInput['extensions'][number][] = [];
    for (const e of await repos.worklists.pendingExtensions(PENDING_LIMIT)) {
      const c = await caseOf(e.caseId);
      if (c && authorizeCase(person, 'DECIDE_EXTENSION', c).allowed) {
        extensions.push({ extensionId: e.id, case: ref(c), requestedDueOn: e.requestedDueOn, requestedByName: await nameOf(e.requestedById) });
      }
    }
    const alerts = (await repos.worklists.alertsAwaiting(me)).flatMap((a) => {
      const r = a.recipients.find((x) => x.personId === me);
      return r ? [{ alertId: a.id, kind: a.kind, title: a.title, required: r.required as ReportableStage, stage: r.stage }] : [];
    });
    const persuasions: TodoInput['persuasions'][number][] = [];
    for (const p of await repos.worklists.openPersuasions(me)) {
      const c = await caseOf(p.caseId);
      if (c) persuasions.push({ persuasionId: p.id, case: ref(c), destination: p.destination, occurredOn: p.occurredOn });
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
      statements.push({ statementId: s.id, kind: s.kind, period: s.period, dueOn: s.dueOn, case: c ? ref(c) : null });
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

    return { approvals, extensions, alerts, statements, screenings, persuasions, today };
  });
  return todoCard(input);
}
