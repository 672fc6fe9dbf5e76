import type { AbnormalPetitionHistory, PersuasionFact, StatementFact } from '../../../../db/queries/case-story/abnormal-petition-history.js';
import { STATEMENT_KIND_LABELS } from '../../../../domain/duties/statements.js';
import { ABNORMAL_DESTINATION_LABELS } from '../../../../domain/escalation/alert-kinds.js';
import { actorOf, line, RANK, type StoryContext, type StoryEvent } from './story-event.js';

const OUTCOMES: Record<PersuasionFact['outcome'], string> = { IN_PROGRESS: '劝返中', RETURNED: '已劝返', NOT_RETURNED: '未劝返' };

/** R21: each abnormal petition, its persuasion (劝返: who, when, outcome) and the written statements it asked for. */
export function abnormalPetitionEvents(h: AbnormalPetitionHistory, ctx: StoryContext): StoryEvent[] {
  return [...h.persuasions.flatMap((p) => persuasionEvents(p, ctx)), ...h.statements.flatMap((s) => statementEvents(s, ctx))];
}

function persuasionEvents(p: PersuasionFact, ctx: StoryContext): StoryEvent[] {
  const reported: StoryEvent = {
    at: p.openedAt,
    rank: RANK.abnormal,
    tag: '非正常上访',
    title: `${ABNORMAL_DESTINATION_LABELS[p.destination]}${p.collective ? '（集体）' : ''}，发生于 ${p.occurredOn}`,
    who: actorOf(ctx, 'persuasion.open', (e) => e.entityId === p.id),
    lines: [...line('劝返责任领导', ctx.person(p.leaderId)), ...line('案件状况', p.caseOverdue ? '发生时案件已逾期，须提交书面检查（R21）' : null)],
  };
  if (!p.doneAt) return [reported];
  return [reported, {
    at: p.doneAt,
    rank: RANK.persuasion,
    tag: '劝返',
    title: `劝返：${OUTCOMES[p.outcome]}`,
    who: p.recordedById ? ctx.person(p.recordedById) : null,
    lines: [...line('劝返人员', ctx.redact.maybe(p.who)), ...line('情况', ctx.redact.maybe(p.note))],
  }];
}

function statementEvents(s: StatementFact, ctx: StoryContext): StoryEvent[] {
  const label = STATEMENT_KIND_LABELS[s.kind];
  const opened: StoryEvent = {
    at: s.openedAt, rank: RANK.statement, tag: '书面材料', title: `须提交${label}`, who: null,
    lines: [...line('提交人', ctx.person(s.authorId)), ...line('提交期限', s.dueOn)],
  };
  if (!s.submittedAt) return [opened];
  return [opened, { at: s.submittedAt, rank: RANK.statement, tag: '书面材料', title: `提交${label}`, who: ctx.person(s.authorId), lines: s.content ? [ctx.redact.text(s.content)] : [] }];
}
