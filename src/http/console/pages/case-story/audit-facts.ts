import { CLASSIFICATION_LABELS } from '../../../../domain/review/classification.js';
import type { Classification } from '../../../../domain/model.js';
import { auditActionLabel, auditReasonText } from '../audit-labels.js';
import { changeText, fieldChanges } from './audit-section.js';
import { line, RANK, type StoryContext, type StoryEvent, type TrailEntry } from './story-event.js';

/** A fact only the audit log records (no table keeps its history): how the timeline tells it. */
type Telling = { rank: number; tag: string; title: (e: TrailEntry, ctx: StoryContext) => string; changes?: boolean; reason?: boolean };

const correction = (title: string): Telling => ({ rank: RANK.correction, tag: '更正', title: () => title, changes: true, reason: true });

const TELLINGS: Readonly<Record<string, Telling>> = {
  'case.classify': { rank: RANK.classification, tag: '分类', title: (e) => `分类为「${CLASSIFICATION_LABELS[e.after?.classification as Classification] ?? ''}」（R26）`, changes: true },
  'case.reassign': { rank: RANK.assignment, tag: '交办', title: () => '重新交办（R5）', changes: true, reason: true },
  'case.report_up': { rank: RANK.reportUp, tag: '上报', title: () => '生成上报材料，报县信访部门（R5）' },
  'case.overdue': { rank: RANK.overdue, tag: '逾期', title: (e) => `超过办结时限 ${String(e.after?.dueOn ?? '')}，计为逾期（R11）` },
  'case.deadline_followed_calendar': { rank: RANK.overdue, tag: '时限', title: () => '办结时限随工作日历调整（R7）', changes: true },
  'case.correct': correction('更正登记信息'),
  'case.flag_danger': correction('更正后发现异常信件内容（R20）'),
  'petitioner.add': correction('补充信访人'),
  'petitioner.correct': correction('更正信访人信息'),
  'petitioner.remove': correction('删除误登记的信访人'),
};

/** The first 交办 (R5) and the R1 needs-owner queue are status changes: told from the transition. */
function transitionTelling(e: TrailEntry): Telling | null {
  if (e.action !== 'case.transition') return null;
  if (e.before?.status === 'REGISTERED' && e.after?.status === 'IN_PROGRESS' && e.after.responsiblePersonId) {
    return { rank: RANK.assignment, tag: '交办', title: (x, ctx) => `交办${ctx.unit(x.after?.unitId as string)}，责任人${ctx.person(x.after?.responsiblePersonId as string)}（R5）`, reason: true };
  }
  if (e.after?.status === 'AWAITING_OWNER') return { rank: RANK.scope, tag: '包案', title: () => '列入待包案（R1）', reason: true };
  return null;
}

/** The facts of the case the tables do not keep a history of, from its audit log. */
export function auditFacts(ctx: StoryContext): StoryEvent[] {
  return ctx.trail.flatMap((e): StoryEvent[] => {
    const telling = TELLINGS[e.action] ?? transitionTelling(e);
    if (!telling) return [];
    const reason = telling.reason ? ctx.redact.maybe(auditReasonText(e.reason)) : null;
    return [{
      at: e.at,
      rank: telling.rank,
      tag: telling.tag,
      title: telling.title(e, ctx) || auditActionLabel(e.action),
      who: e.actorName,
      lines: [...(telling.changes ? fieldChanges(e, ctx).map(changeText) : []), ...line('说明', reason)],
    }];
  });
}
