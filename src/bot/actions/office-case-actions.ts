import { decodeForm } from '../../../cards/actions.js';
import { archiveConfirmCard } from '../../../cards/builders/archive-confirm.js';
import { assignFormCard } from '../../../cards/builders/assign-form.js';
import { classifyFormCard } from '../../../cards/builders/classify-form.js';
import { needsOwnerFormCard } from '../../../cards/builders/needs-owner-form.js';
import { opinionFormCard } from '../../../cards/builders/opinion-form.js';
import { reportUpCard } from '../../../cards/builders/report-up.js';
import { beijingDateTime } from '../../../cards/format.js';
import { CLASSIFICATION_LABELS } from '../../domain/review/classification.js';
import { archiveCase } from '../../usecases/cases/archive-case.js';
import { assignCase, mayReassign } from '../../usecases/cases/assign-case.js';
import { markNeedsOwner } from '../../usecases/cases/mark-needs-owner.js';
import { reportUp } from '../../usecases/cases/report-up.js';
import { classifyCase } from '../../usecases/review/classify-case.js';
import { issueOpinion } from '../../usecases/review/issue-opinion.js';
import type { ActionHandler } from '../handler.js';
import { caseFor, caseHead } from '../support/case-ref.js';
import { ownershipCandidates } from '../support/ownership-candidates.js';
import { done, sendForm, str } from '../support/responses.js';

/** The leading group's decisions on a case from its card: R1 needs-owner, R5 交办 and 上报, R26 分类 and 处理意见书, 归档. */
export const officeCaseActions: Record<string, ActionHandler> = {
  'assign.open': async (ctx, a) => {
    const c = await caseFor(ctx, str(a.caseId), 'ASSIGN');
    return sendForm(ctx, assignFormCard({ case: caseHead(c), candidates: await ownershipCandidates(ctx) }));
  },

  'assign.submit': async (ctx, a, form) => {
    const r = await assignCase(ctx.deps, ctx.actor, { caseId: a.caseId, ...decodeForm({ a: 'assign.submit' }, form) });
    ctx.notify(r.notifications);
    return done(`${r.case.number} 已交办`, { caseId: r.case.id, note: '责任人和单位负责人已收到通知' });
  },

  'needs-owner.open': async (ctx, a) => sendForm(ctx, needsOwnerFormCard({ case: caseHead(await caseFor(ctx, str(a.caseId), 'MARK_NEEDS_OWNER')) })),

  'needs-owner.submit': async (ctx, a, form) => {
    const r = await markNeedsOwner(ctx.deps, ctx.actor, { caseId: a.caseId, ...decodeForm({ a: 'needs-owner.submit' }, form) });
    return done(`${r.case.number} 已认定需领导包案`, { caseId: r.case.id, note: '请提出包案意见，报镇委常委会审定' });
  },

  'classify.open': async (ctx, a) => {
    const c = await caseFor(ctx, str(a.caseId), 'CLASSIFY');
    const { people, units } = await ctx.lookup(async (repos) => ({ people: await repos.directory.people(), units: await repos.directory.units() }));
    return sendForm(ctx, classifyFormCard({ case: caseHead(c), current: c.classification, people, units }));
  },

  'classify.submit': async (ctx, a, form) => {
    const r = await classifyCase(ctx.deps, ctx.actor, { caseId: a.caseId, ...decodeForm({ a: 'classify.submit' }, form) });
    ctx.notify(r.notifications);
    const label = CLASSIFICATION_LABELS[r.case.classification ?? 'CLAIM'];
    const notes = [
      r.routedToDiscipline ? '已转纪检监察办理，材料不转给被反映人' : null,
      r.handoverNeeded ? '被反映人为本案包案领导，已依规回避，请尽快提出移交包案（R3）' : null,
      r.withdrawn.length ? `${r.withdrawn.join('、')}为被反映人，已不再承办本案${mayReassign(r.case) ? '，请重新交办' : ''}` : null,
    ].filter(Boolean);
    return done(`${r.case.number} 已分类为「${label}」`, { caseId: r.case.id, ...(notes.length ? { note: notes.join('；') } : {}) });
  },

  'opinion.open': async (ctx, a) => {
    const c = await caseFor(ctx, str(a.caseId), 'RECORD_REVIEW');
    return sendForm(ctx, opinionFormCard({ case: caseHead(c), now: beijingDateTime(ctx.now) }));
  },

  'opinion.submit': async (ctx, a, form) => {
    const r = await issueOpinion(ctx.deps, ctx.actor, { caseId: a.caseId, ...decodeForm({ a: 'opinion.submit' }, form) });
    return done(`${r.case.number} 处理意见书已登记`, { caseId: r.case.id, ...(r.clocks.reviewRequestBy ? { note: `信访人可在 ${r.clocks.reviewRequestBy} 前请求复查` } : {}) });
  },

  'case.report-up': async (ctx, a) => {
    const c = await caseFor(ctx, str(a.caseId), 'REPORT_UP');
    const { summary } = await reportUp(ctx.deps, ctx.actor, { caseId: c.id });
    await ctx.reply(reportUpCard({ case: caseHead(c), summary }));
    return { toast: { type: 'success', text: '已生成上报材料' } };
  },

  // R26: refused while a 复查/复核 waits for its answer; while the petitioner may still ask, asked first.
  'case.archive': async (ctx, a) => {
    const r = await archiveCase(ctx.deps, ctx.actor, { caseId: str(a.caseId), confirmed: a.confirmed });
    if (!r.archived) {
      await ctx.reply(archiveConfirmCard({ case: caseHead(r.case), question: r.question }));
      return { toast: { type: 'info', text: '归档前请确认' } };
    }
    return done(`${r.case.number} 已归档`, { caseId: r.case.id });
  },
};
