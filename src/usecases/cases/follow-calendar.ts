import { z } from 'zod';
import { isOpen } from '../../domain/case-status.js';
import { chineseOfficialCalendar } from '../../domain/calendar/official-calendar.js';
import { WorkingCalendar } from '../../domain/calendar/working-calendar.js';
import { caseDeadline, COMPUTED_DEADLINE_RULES, type CaseDeadline } from '../../domain/deadlines/case-deadlines.js';
import type { DeadlinePolicy } from '../../domain/deadlines/deadline-policy.js';
import type { CaseRecord } from '../../domain/model.js';
import { localDateOf, type LocalDate } from '../../lib/local-date.js';
import type { Deps, Repos } from '../ports.js';
import { audit } from '../support/audit.js';
import { deadlineFactsOf } from '../support/deadline.js';

/** The special days the stored deadlines were computed with, last year to next (Setting key). */
const FOLLOWED_KEY = 'calendar.followed';
const followedSchema = z.object({ from: z.string(), to: z.string(), specialDays: z.array(z.object({ date: z.string(), isWorkingDay: z.boolean() })) });
type Followed = z.infer<typeof followedSchema>;
const PAGE = 200;


export interface MovedDeadline {
  caseId: string;
  number: string;
  from: LocalDate;
  to: LocalDate;
}

export interface FollowCalendarResult {
  /** Open cases whose running deadline was computed again (none when the calendar had not changed). */
  checkedCaseIds: string[];
  moved: MovedDeadline[];
}

/**
 * R7: stored deadlines follow the working calendar. When its special days change — the office adds
 * the next year's schedule or corrects a day, or an upgrade brings a newer built-in schedule — the
 * running deadline of each open case is computed by the calendar it was stored with and by the new
 * one; where they differ and the stored date is the former, it moves to the latter, audited. So a
 * deadline already passed stays (R11 has counted it), and so does one the calendar did not set: an
 * R27 reopening's date, or one computed before a change of the R9 limits (those apply from then on).
 *
 * The special days followed are kept in the settings; an unchanged calendar costs one read. Before
 * any were kept (the first run after an upgrade), a deadline may have been stored with the built-in
 * calendar alone or with the calendar the caller names (the one before an edit): either will do.
 */
export async function followCalendar(deps: Deps, storedWith?: WorkingCalendar): Promise<FollowCalendarResult> {
  const now = deps.clock.now();
  const today = localDateOf(now);
  const year = Number(today.slice(0, 4));
  // Fresh, not another process's cached copy: a stale one would move deadlines back.
  deps.config.invalidate();
  const [calendar, policy] = await Promise.all([deps.config.calendar(), deps.config.deadlinePolicy()]);
  const current: Followed = { from: `${year - 1}-01-01`, to: `${year + 1}-12-31`, specialDays: [] };
  current.specialDays = calendar.specialDays(current.from, current.to);
  const parsed = followedSchema.safeParse(await deps.uow.read((repos) => repos.settings.setting(FOLLOWED_KEY)));
  const followed = parsed.success ? parsed.data : null;
  if (followed && sameDays(followed, current)) return { checkedCaseIds: [], moved: [] };
  const before = followed
    ? [calendar.withSpecialDays(followed.from, followed.to, followed.specialDays)]
    : [new WorkingCalendar(chineseOfficialCalendar), ...(storedWith ? [storedWith] : [])];
  const result = await followOpenCases(deps, { storedWith: before, current: calendar, policy, today });
  await deps.uow.run((repos) => repos.settings.putSetting(FOLLOWED_KEY, current));
  return result;
}

/** Stored as JSON (key order not kept): compared day by day. */
function sameDays(a: Followed, b: Followed): boolean {
  const days = (f: Followed) => f.specialDays.map((d) => `${d.date}${d.isWorkingDay ? '+' : '-'}`).join(',');
  return a.from === b.from && a.to === b.to && days(a) === days(b);
}

/** The calendars the deadlines may have been stored with, the current one, and what else computing them takes. */
interface CalendarChange {
  storedWith: WorkingCalendar[];
  current: WorkingCalendar;
  policy: DeadlinePolicy;
  today: LocalDate;
}

async function followOpenCases(deps: Deps, change: CalendarChange): Promise<FollowCalendarResult> {
  const now = deps.clock.now();
  const checkedCaseIds: string[] = [];
  const moved: MovedDeadline[] = [];
  for (let after: string | undefined; ; ) {
    const page = await deps.uow.read((repos) => repos.cases.openDeadlines(PAGE, after));
    for (const row of page) {
      if (row.dueOn < change.today) continue;
      checkedCaseIds.push(row.id);
      // Computed outside a transaction first: most deadlines do not move, and those need no lock.
      if (!(await deps.uow.read(async (repos) => movedDeadline(repos, await repos.cases.get(row.id), change)))) continue;
      const done = await deps.uow.run(async (repos) => {
        const c = await repos.cases.lock(row.id);
        const next = await movedDeadline(repos, c, change);
        if (!c?.dueOn || !next) return null;
        await repos.cases.update(c.id, { dueOn: next.dueOn, dueRule: next.rule });
        await audit(repos, null, now, {
          action: 'case.deadline_followed_calendar',
          entityType: 'Case',
          entityId: c.id,
          caseId: c.id,
          before: { dueOn: c.dueOn, dueRule: c.dueRule },
          after: { dueOn: next.dueOn, dueRule: next.rule },
          reason: 'R7 工作日历调整',
        });
        return { caseId: c.id, number: c.number, from: c.dueOn, to: next.dueOn };
      });
      if (done) moved.push(done);
    }
    if (page.length < PAGE) return { checkedCaseIds, moved };
    after = page.at(-1)!.id;
  }
}

/** The case's deadline by the new calendar, when it moves the stored date and a calendar it was stored with set that date; else null. */
async function movedDeadline(repos: Repos, c: CaseRecord | null, change: CalendarChange): Promise<CaseDeadline | null> {
  if (!c || !isOpen(c.status) || !c.dueOn || c.dueOn < change.today || !COMPUTED_DEADLINE_RULES.has(c.dueRule ?? '')) return null;
  const facts = await deadlineFactsOf(repos, c);
  const becomes = caseDeadline(facts, change.current, change.policy);
  if (becomes.dueOn === c.dueOn) return null;
  return change.storedWith.some((calendar) => caseDeadline(facts, calendar, change.policy).dueOn === c.dueOn) ? becomes : null;
}
