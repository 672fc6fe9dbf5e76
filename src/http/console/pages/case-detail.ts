import type Router from '@koa/router';
import { CASE_SOURCE_LABELS } from '../../../../cards/labels.js';
import { deadlineBadge } from '../../../../cards/deadline-badge.js';
import { beijingDate, beijingDateTime } from '../../../../cards/format.js';
import { isOpen, STATUS_LABELS } from '../../../domain/case-status.js';
import { PROGRESS_TAG_LABELS } from '../../../domain/progress/closing-conditions.js';
import { caseAuditTrail } from '../../../db/queries/case-audit-trail.js';
import { viewCase } from '../../../usecases/cases/view-case.js';
import { pageContext, state, type ConsoleDeps } from '../context.js';
import { html } from '../html.js';
import { page } from '../layout.js';
import { flash } from './admin-forms.js';
import { auditActionLabel } from './audit-labels.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** 案件详情: the case, its petitioners (full data only when allowed and asked, audited — R24), progress, and its audit trail (R25). */
export function caseDetailRoutes(router: Router, c: ConsoleDeps): void {
  router.get('/console/cases/:id', async (ctx) => {
    const id = ctx.params.id!;
    if (!uuid.test(id)) return void (ctx.status = 404);
    const viewer = state(ctx).viewer;
    const full = ctx.query.full === '1';
    const v = await viewCase(c.deps, { person: viewer, channel: 'CONSOLE' }, { caseId: id, context: 'CONSOLE', full });
    const names = new Map((await c.deps.uow.read((repos) => repos.directory.names())).people.map((p) => [p.id, p.name]));
    const units = new Map((await c.deps.uow.read((repos) => repos.directory.units())).map((u) => [u.id, u.name]));
    const villages = new Map((await c.deps.uow.read((repos) => repos.directory.villages())).map((x) => [x.id, x.name]));
    const trail = await caseAuditTrail(c.prisma, id);
    const k = v.case;
    const badge = deadlineBadge(k.dueOn, v.overdue, !isOpen(k.status));
    const name = (personId: string | null) => (personId ? (names.get(personId) ?? '—') : '未确定');
    const canSeeFull = v.allowedActions.includes('VIEW_PERSONAL_DATA');
    ctx.body = page(
      `${k.number} ${k.title}`,
      pageContext(ctx, 'case'),
      html`${flash(ctx)}${
        v.allowedActions.includes('CORRECT_REGISTRATION') && k.status !== 'ARCHIVED'
          ? html`<p class="actions"><a class="button secondary" href="/console/cases/${k.id}/correct">更正登记信息</a></p>`
          : ''
      }
<section class="card">
  <dl class="facts">
    <dt>状态</dt><dd>${STATUS_LABELS[k.status]}</dd>
    <dt>来源</dt><dd>${CASE_SOURCE_LABELS[k.source]}（${beijingDate(k.receivedAt)} 收件）</dd>
    <dt>办结时限</dt><dd class="badge-${badge.colour}">${badge.text}</dd>
    <dt>所属村</dt><dd>${k.villageId ? (villages.get(k.villageId) ?? '—') : '未关联'}</dd>
    <dt>责任单位</dt><dd>${k.unitId ? (units.get(k.unitId) ?? '—') : '未确定'}</dd>
    <dt>包案领导</dt><dd>${name(k.ownerLeaderId)}</dd>
    <dt>责任人</dt><dd>${name(k.responsiblePersonId)}</dd>
    <dt>人数</dt><dd>${k.headcount} 人</dd>
  </dl>
  <h2>反映内容</h2>
  <p class="content">${k.content}</p>
  <h2>信访人</h2>
  ${k.petitionersPending ? html`<p class="flash error" role="alert">本案由民情信息转办，尚未登记信访人${v.allowedActions.includes('CORRECT_REGISTRATION') ? html`：<a href="/console/cases/${k.id}/correct">补充信访人</a>` : '，待信访办补充'}。</p>` : ''}
  <table><thead><tr><th>姓名</th><th>电话</th><th>身份证号</th><th>住址</th></tr></thead><tbody>
  ${v.petitioners.map((p) => html`<tr><td>${p.name}</td><td>${p.phone ?? ''}</td><td>${p.idNumber ?? ''}</td><td>${p.address ?? ''}</td></tr>`)}
  </tbody></table>
  ${
    v.personalDataVisible
      ? html`<p class="note">完整信息已显示，本次查看已记入审计日志。<a href="/console/cases/${k.id}">隐藏</a></p>`
      : canSeeFull
        ? html`<p class="note">信访人信息已脱敏。<a href="/console/cases/${k.id}?full=1">显示完整信息</a>（将记入审计日志）</p>`
        : html`<p class="note">信访人信息已脱敏：身份证号和电话仅信访办和承办人员可查看。</p>`
  }
</section>
<section class="card">
  <h2>办理进展（三包一保）</h2>
  ${
    v.progress.length === 0
      ? html`<p class="empty">暂无进展</p>`
      : html`<ol class="timeline">${v.progress.map(
          (p) => html`<li><span class="when">${beijingDateTime(p.createdAt)}</span> <span class="tag">${PROGRESS_TAG_LABELS[p.tag]}</span> ${p.content} <span class="who">— ${name(p.authorId)}</span></li>`,
        )}</ol>`
  }
</section>
<section class="card">
  <h2>审计记录</h2>
  <table class="audit"><thead><tr><th>#</th><th>时间</th><th>操作人</th><th>渠道</th><th>操作</th><th>说明</th></tr></thead><tbody>
  ${trail.map(
    (e) => html`<tr><td>${e.seq}</td><td>${beijingDateTime(e.at)}</td><td>${e.actorName ?? '系统'}</td><td>${e.channel}</td><td>${auditActionLabel(e.action)}</td><td>${v.redact.maybe(e.reason) ?? ''}</td></tr>`,
  )}
  </tbody></table>
</section>`,
    ).toString();
  });
}
