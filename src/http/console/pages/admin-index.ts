import type Router from '@koa/router';
import { beijingDateTime } from '../../../../cards/format.js';
import { recentAdminChanges } from '../../../db/queries/admin-changes.js';
import { pageContext, type ConsoleDeps } from '../context.js';
import { html } from '../html.js';
import { page } from '../layout.js';
import { ADMIN_PAGES, requireAllowed } from './admin-forms.js';
import { auditActionLabel, auditReasonText, channelLabel } from './audit-labels.js';

/** 系统管理: the administration pages and the latest changes made there (R25). */
export function adminIndexRoutes(router: Router, c: ConsoleDeps): void {
  router.get('/console/admin', async (ctx) => {
    requireAllowed(ctx, 'EDIT_SETTINGS');
    const changes = await recentAdminChanges(c.prisma);
    ctx.body = page(
      '系统管理',
      pageContext(ctx, 'admin'),
      html`<section class="card"><dl class="facts admin-links">
  ${ADMIN_PAGES.map((p) => html`<dt><a href="${p.href}">${p.label}</a></dt><dd>${p.note}</dd>`)}
</dl></section>
<section class="card">
  <h2>最近的管理操作</h2>
  ${
    changes.length === 0
      ? html`<p class="empty">暂无记录</p>`
      : html`<table><thead><tr><th>时间</th><th>操作人</th><th>渠道</th><th>操作</th><th>说明</th></tr></thead><tbody>
  ${changes.map((e) => html`<tr><td>${beijingDateTime(e.at)}</td><td>${e.actorName ?? '系统'}</td><td>${channelLabel(e.channel)}</td><td>${auditActionLabel(e.action)}</td><td>${auditReasonText(e.reason) ?? ''}</td></tr>`)}
  </tbody></table>`
  }
  <p class="note">所有修改都记入审计日志，不可更改或删除。</p>
</section>`,
    ).toString();
  });
}
