import { decodeForm } from '../../../cards/actions.js';
import { followUpFormCard } from '../../../cards/builders/follow-up-form.js';
import { ownershipFormCard } from '../../../cards/builders/ownership-form.js';
import { progressFormCard } from '../../../cards/builders/progress-form.js';
import { resolveFormCard } from '../../../cards/builders/resolve-form.js';
import { returnFormCard } from '../../../cards/builders/return-form.js';
import { followUpWindowEnd } from '../../domain/follow-up/follow-up.js';
import { checkClosingConditions } from '../../domain/progress/closing-conditions.js';
import { localDateOf } from '../../lib/local-date.js';
import { addProgress } from '../../usecases/cases/add-progress.js';
import { resolveCase } from '../../usecases/cases/resolve-case.js';
import { recordFollowUp } from '../../usecases/follow-up/record-follow-up.js';
import { intakeCase } from '../../usecases/intake-case.js';
import { approveOwnership, returnProposal } from '../../usecases/ownership/decide-ownership.js';
import { proposeOwnership } from '../../usecases/ownership/propose-ownership.js';
import { DomainError } from '../../domain/errors.js';
import type { ActionHandler } from '../handler.js';
import { done, sendForm, str } from '../support/responses.js';
import { approvalCardFor } from '../support/approval-card.js';
import { caseCardFor, showCase } from '../support/case-card.js';
import { intakeForm } from '../support/intake-form.js';
import { caseFor, caseHead, caseOf } from '../support/case-ref.js';
import { ownershipCandidates } from '../support/ownership-candidates.js';

export const caseActions: Record<string, ActionHandler> = {
  'case.view': async (ctx, a) => {
    const where = await showCase(ctx, { caseId: str(a.caseId) });
    return { toast: { type: 'info', text: where === 'here' ? '已发送案件详情' : '该事项不在群聊中显示，已通过单聊回复您' } };
  },

  /** R24: full personal data only 1:1 — a click in a group sends it privately. */
  'case.view-full': async (ctx, a) => {
    const card = await caseCardFor({ ...ctx, inGroup: false }, { caseId: str(a.caseId) }, true);
    const sent = await ctx.sendToPerson(ctx.actor.person.id, card, `full:${str(a.caseId)}:${ctx.now.getTime()}`);
    if (!sent) throw new DomainError('FORBIDDEN', '请先在单聊中与机器人对话，再查看完整信息');
    return { toast: { type: 'info', text: '完整信息已通过单聊发给您' } };
  },

  'intake.open': async (ctx) => sendForm(ctx, await intakeForm(ctx)),

  /** 登记 submit: R1 flags and R20 alerts happen in the use case; their notifications go out after the answer. */
  'intake.submit': async (ctx, a, form) => {
    const { case: c, notifications } = await intakeCase(ctx.deps, ctx.actor, decodeForm({ a: 'intake.submit' }, form));
    ctx.notify(notifications);
    const flags = [c.ownershipReasons.length ? '已列入待包案' : null, c.dangerFlags.length ? '异常信件已提请主要领导阅处' : null].filter(Boolean);
    return done(`已登记 ${c.number}`, { message: `${c.title}｜办结时限 ${c.dueOn ?? '—'}`, caseId: c.id, ...(flags.length ? { note: flags.join('；') } : {}) });
  },

  'ownership.open': async (ctx, a) => {
    const c = await caseFor(ctx, str(a.caseId), 'PROPOSE_OWNERSHIP');
    return sendForm(ctx, ownershipFormCard({ case: { ...caseHead(c), ownershipReasons: c.ownershipReasons }, candidates: await ownershipCandidates(ctx) }));
  },

  'ownership.submit': async (ctx, a, form) => {
    const { proposal, notifications } = await proposeOwnership(ctx.deps, ctx.actor, { caseId: a.caseId, ...decodeForm({ a: 'ownership.submit' }, form) });
    ctx.notify(notifications);
    return done('包案意见已提交常委会审定', { caseId: proposal.caseId, note: '审定结果将通知您' });
  },

  'ownership.view': async (ctx, a) => {
    await ctx.reply(await approvalCardFor(ctx, str(a.proposalId)));
    return { toast: { type: 'info', text: '已发送包案意见' } };
  },

  'ownership.approve': async (ctx, a) => {
    const { case: c, notifications } = await approveOwnership(ctx.deps, ctx.actor, { proposalId: a.proposalId });
    ctx.notify(notifications);
    return done(`${c.number} 包案已生效`, { message: `办结时限 ${c.dueOn ?? '—'}`, caseId: c.id, note: '已通知包案领导、责任人和责任单位' });
  },

  'ownership.return-open': async (ctx, a) => {
    const proposal = await ctx.lookup((repos) => repos.proposals.get(str(a.proposalId)));
    if (!proposal) throw new DomainError('NOT_FOUND', '找不到该包案意见');
    if (proposal.status !== 'PENDING') throw new DomainError('ALREADY_DONE', '该包案意见已经审定过了');
    const c = await caseOf(ctx, proposal.caseId);
    return sendForm(ctx, returnFormCard({ proposalId: proposal.id, case: caseHead(c) }));
  },

  'ownership.return-submit': async (ctx, a, form) => {
    const { case: c, notifications } = await returnProposal(ctx.deps, ctx.actor, { proposalId: a.proposalId, ...decodeForm({ a: 'ownership.return-submit' }, form) });
    ctx.notify(notifications);
    return done(`${c.number} 包案意见已退回`, { caseId: c.id, note: '已通知提出人' });
  },

  'progress.open': async (ctx, a) => {
    const c = await caseFor(ctx, str(a.caseId), 'ADD_PROGRESS');
    const entries = await ctx.lookup((repos) => repos.progress.forCase(c.id));
    return sendForm(ctx, progressFormCard({ case: caseHead(c), missing: checkClosingConditions(entries).missing }));
  },

  'progress.submit': async (ctx, a, form) => {
    const { entry } = await addProgress(ctx.deps, ctx.actor, { caseId: a.caseId, ...decodeForm({ a: 'progress.submit' }, form) });
    return done('进展已报送', { caseId: entry.caseId });
  },

  'resolve.open': async (ctx, a) => {
    const c = await caseFor(ctx, str(a.caseId), 'RESOLVE');
    const entries = await ctx.lookup((repos) => repos.progress.forCase(c.id));
    return sendForm(ctx, resolveFormCard({ case: caseHead(c), missing: checkClosingConditions(entries).missing }));
  },

  'resolve.submit': async (ctx, a, form) => {
    const { case: c, notifications } = await resolveCase(ctx.deps, ctx.actor, { caseId: a.caseId, ...decodeForm({ a: 'resolve.submit' }, form) });
    ctx.notify(notifications);
    return done(`${c.number} 已办结`, { caseId: c.id, note: '已通知信访办安排回访' });
  },

  'follow-up.open': async (ctx, a) => {
    const c = await caseFor(ctx, str(a.caseId), 'FOLLOW_UP');
    if (!c.resolvedAt) throw new DomainError('INVALID_TRANSITION', `${c.number} 尚未办结，不能回访`);
    const [calendar, policy, unit] = await Promise.all([
      ctx.deps.config.calendar(),
      ctx.deps.config.deadlinePolicy(),
      c.unitId ? ctx.lookup((repos) => repos.directory.unit(c.unitId!)) : null,
    ]);
    return sendForm(ctx, followUpFormCard({ case: caseHead(c), unitName: unit?.name ?? null, resolvedOn: localDateOf(c.resolvedAt), windowEnd: followUpWindowEnd(c.resolvedAt, calendar, policy) }));
  },

  'follow-up.submit': async (ctx, a, form) => {
    const result = await recordFollowUp(ctx.deps, ctx.actor, { caseId: a.caseId, ...decodeForm({ a: 'follow-up.submit' }, form) });
    ctx.notify(result.notifications);
    return done(`${result.case.number} 回访已记录`, { caseId: result.case.id, ...(result.case.status === 'IN_PROGRESS' ? { note: '信访人不满意，案件已重新办理' } : {}) });
  },
};
