import { CASE_SOURCE_LABELS, COMPLEXITY_LABELS, STABILITY_LABELS } from '../../../../../cards/labels.js';
import type { LinkedRecords } from '../../../../db/queries/case-story/linked-records.js';
import { DANGER_CATEGORY_LABELS, type DangerCategory } from '../../../../domain/intake/danger-keywords.js';
import { OWNERSHIP_REASON_LABELS, type OwnershipReason } from '../../../../domain/intake/ownership-scope.js';
import { DEADLINE_RULE_LABELS } from '../../../../domain/deadlines/case-deadlines.js';
import type { CaseRecord, CaseSource, Complexity } from '../../../../domain/model.js';
import { actorOf, date, line, RANK, type StoryContext, type StoryEvent } from './story-event.js';

/** The registration as intake recorded it (R25: case.create), before any correction; the case row where the log has nothing. */
function asRegistered(c: CaseRecord, ctx: StoryContext) {
  const created = ctx.trail.find((e) => e.action === 'case.create')?.after ?? {};
  const pick = <T>(key: string, now: T): T => (Object.hasOwn(created, key) ? (created[key] as T) : now);
  return {
    source: pick<CaseSource>('source', c.source),
    complexity: pick<Complexity>('complexity', c.complexity),
    dueOn: pick<string | null>('dueOn', c.dueOn),
    dueRule: pick<string | null>('dueRule', c.dueRule),
    reasons: pick<string[]>('ownershipReasons', c.ownershipReasons),
    flags: pick<string[]>('dangerFlags', c.dangerFlags),
    petitionersPending: pick<boolean>('petitionersPending', c.petitionersPending),
  };
}

const toStatus = (status: string) => (e: { after: Record<string, unknown> | null }) => e.after?.status === status;

/**
 * The case's own record: where it came from (R16 民情, R14 接访日), its registration as made,
 * with what intake found (R1 scope, R20 flags, the deadline), its resolution (R6) and its
 * archiving. `c` comes redacted.
 */
export function registrationEvents(c: CaseRecord, linked: LinkedRecords, ctx: StoryContext): StoryEvent[] {
  const events: StoryEvent[] = [];
  const s = linked.sentiment;
  if (s) {
    events.push({
      at: s.reportedAt, rank: RANK.sentiment, tag: '民情', title: '民情信息员报送民情信息（R16）', who: ctx.person(s.reporterId),
      lines: [...line('村（社区）', ctx.village(s.villageId)), ...line('民情信息', ctx.redact.text(s.content))],
    });
  }
  const r = linked.reception;
  const reg = asRegistered(c, ctx);
  events.push({
    at: c.submittedAt ?? c.receivedAt,
    rank: RANK.registration,
    tag: '登记',
    title: `登记为信访事项（${CASE_SOURCE_LABELS[reg.source]}）`,
    who: c.submittedById ? ctx.person(c.submittedById) : null,
    lines: [
      ...line('收件日期', date(c.receivedAt)),
      ...line('难易程度', COMPLEXITY_LABELS[reg.complexity]),
      ...line('办结时限', reg.dueOn ? `${reg.dueOn}（${DEADLINE_RULE_LABELS[reg.dueRule ?? ''] ?? '—'}）` : null),
      ...line('接访日', r ? `${r.date}，接访领导 ${ctx.person(r.leaderId)}${r.location ? `，${r.location}` : ''}（R14）` : null),
      ...line('包案范围（R1）', reg.reasons.map((x) => OWNERSHIP_REASON_LABELS[x as OwnershipReason] ?? x).join('、')),
      ...line('异常信件（R20）', reg.flags.map((x) => DANGER_CATEGORY_LABELS[x as DangerCategory] ?? x).join('、')),
      ...line('信访人', reg.petitionersPending ? '待补充（民情信息转办时未留信访人）' : null),
    ],
  });
  if (c.resolvedAt) {
    events.push({
      at: c.resolvedAt, rank: RANK.resolution, tag: '办结', title: '办结（R6）', who: actorOf(ctx, 'case.transition', toStatus('RESOLVED')),
      lines: [
        ...line('办结情况', c.resolution),
        ...line('稳定评估', c.stability ? STABILITY_LABELS[c.stability] : null),
        ...line('逾期', c.overdueOn ? `曾于 ${c.overdueOn} 起逾期（R11）` : null),
      ],
    });
  }
  if (c.archivedAt) {
    events.push({ at: c.archivedAt, rank: RANK.archive, tag: '归档', title: '归档', who: actorOf(ctx, 'case.transition', toStatus('ARCHIVED')), lines: [] });
  }
  return events;
}
