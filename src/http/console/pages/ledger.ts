import type Router from '@koa/router';
import type { Context } from 'koa';
import { CASE_SOURCE_LABELS } from '../../../../cards/labels.js';
import { STATUS_LABELS } from '../../../domain/case-status.js';
import { CASE_SOURCES, CASE_STATUSES } from '../../../domain/model.js';
import { listPersonalData } from '../../../domain/privacy/disclosure.js';
import { ledgerCases, ledgerPageWindow } from '../../../db/queries/ledger.js';
import { localDateOf } from '../../../lib/local-date.js';
import { pageContext, state, type ConsoleDeps } from '../context.js';
import { html, raw } from '../html.js';
import { page } from '../layout.js';
import { auditPetitionerSearch, directoryNames, ledgerAccess, shownRow } from '../ledger-access.js';
import { sendLedger } from '../ledger-export.js';
import { ledgerFilterOf, ledgerFilterText, OVERDUE_LABELS } from '../ledger-filter.js';

const PAGE_SIZE = 50;

function selectOf(name: string, label: string, options: { value: string; label: string }[], current: string | undefined) {
  return html`<label>${label}<select name="${name}"><option value="">全部</option>${options.map(
    (o) => html`<option value="${o.value}" ${o.value === current ? raw('selected') : ''}>${o.label}</option>`,
  )}</select></label>`;
}

/** 信访台账: every case, filtered by status, village, unit, leader, source, overdue and period; paged; exported to Excel. */
export function ledgerRoutes(router: Router, c: ConsoleDeps): void {
  router.get('/console/ledger', async (ctx) => {
    const today = localDateOf(c.deps.clock.now());
    const f = ledgerFilterOf(ctx.query, today);
    const pageNo = Number(ctx.query.page ?? 1);
    const window = ledgerPageWindow(pageNo, PAGE_SIZE);
    const viewer = state(ctx).viewer;
    const access = ledgerAccess(viewer, 'CONSOLE_LIST');
    const { total, rows } = await ledgerCases(c.prisma, f, window, access);
    const { searched } = await auditPetitionerSearch(c, viewer, f, access, 'PAGE');
    const names = await directoryNames(c);
    const query = new URLSearchParams(ctx.querystring);
    query.delete('page');
    const at = (n: number) => `/console/ledger?${new URLSearchParams([...query, ['page', String(n)]]).toString()}`;
    const current = Math.floor(window.offset / window.limit) + 1;
    const last = Math.max(1, Math.ceil(total / window.limit));
    ctx.body = page(
      '信访台账',
      pageContext(ctx, 'ledger'),
      html`<form class="filters" method="get" action="/console/ledger">
  <label>关键词<input name="q" value="${f.q ?? ''}" placeholder="编号或事项"></label>
  ${selectOf('status', '状态', CASE_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })), f.status?.[0])}
  ${selectOf('villageId', '所属村', [...names.villages].map(([value, label]) => ({ value, label })), f.villageId)}
  ${selectOf('unitId', '责任单位', [...names.units].map(([value, label]) => ({ value, label })), f.unitId)}
  ${selectOf('leaderId', '包案领导', names.leaders.map((p) => ({ value: p.id, label: p.name })), f.leaderId)}
  ${selectOf('source', '来源', CASE_SOURCES.map((s) => ({ value: s, label: CASE_SOURCE_LABELS[s] })), f.source)}
  ${selectOf('overdue', '逾期', Object.entries(OVERDUE_LABELS).map(([value, label]) => ({ value, label })), f.overdue)}
  <label>收件自<input type="date" name="from" value="${f.receivedFrom ?? ''}"></label>
  <label>至<input type="date" name="to" value="${f.receivedTo ?? ''}"></label>
  <button type="submit">筛选</button>
  <a class="button secondary" href="/console/ledger">清除</a>
  <a class="button secondary" href="/console/ledger.xlsx?${exportQuery(ctx)}">导出 Excel</a>
  ${listPersonalData(viewer, 'EXPORT', { full: true }) === 'FULL' ? html`<a class="button warning" href="/console/ledger/full-export?${exportQuery(ctx)}">导出完整信息（含身份证号、电话）</a>` : ''}
</form>
<p class="note">共 ${total} 件${ledgerFilterText(f, names) ? `（${ledgerFilterText(f, names)}）` : ''}。信访人信息已脱敏，完整信息请在案件详情中查看（记入审计）。${searched ? '本次检索匹配了信访人的姓名、电话或身份证号，已记入审计日志。' : ''}</p>
<table class="ledger"><thead><tr><th>编号</th><th>信访事项</th><th>来源</th><th>信访人</th><th>所属村</th><th>责任单位</th><th>包案领导</th><th>收件日期</th><th>办结时限</th><th>状态</th><th>逾期</th></tr></thead><tbody>
${rows.map((r) => shownRow(r, 'MASKED')).map(
  (r) => html`<tr class="${r.overdueState ? 'overdue' : ''}" data-number="${r.number}">
  <td><a href="/console/cases/${r.id}">${r.number}</a></td><td>${r.title}</td><td>${CASE_SOURCE_LABELS[r.source]}</td>
  <td>${r.petitionersPending ? html`<span class="orange">待补充</span>` : html`${r.petitioners.map((p) => p.name).join('、')}${r.headcount > r.petitioners.length ? `等${r.headcount}人` : ''}`}</td>
  <td>${r.villageName ?? ''}</td><td>${r.unitName ?? ''}</td><td>${r.ownerLeaderName ?? ''}</td><td>${r.receivedOn}</td><td>${r.dueOn ?? ''}</td>
  <td>${STATUS_LABELS[r.status]}</td><td>${r.overdueState === 'OPEN' ? `逾期 ${r.overdueDays} 天` : r.overdueState === 'RESOLVED_LATE' ? `逾期 ${r.overdueDays} 天办结` : ''}</td>
</tr>`,
)}
</tbody></table>
${rows.length === 0 ? html`<p class="empty">没有符合条件的案件</p>` : ''}
<div class="pager">
  ${current > 1 ? html`<a href="${at(current - 1)}">上一页</a>` : ''}
  <span>第 ${current} / ${last} 页</span>
  ${current < last ? html`<a href="${at(current + 1)}">下一页</a>` : ''}
</div>`,
    ).toString();
  });

  router.get('/console/ledger.xlsx', async (ctx) => {
    // The unmasked export has its own page that says what it means, and a confirmation.
    if (ctx.query.full === '1') return ctx.redirect(`/console/ledger/full-export?${exportQuery(ctx)}`);
    await sendLedger(ctx, c, ledgerFilterOf(ctx.query, localDateOf(c.deps.clock.now())), false);
  });
}

/** The page's filters for an export link: paging and any `full` dropped. */
function exportQuery(ctx: Context): string {
  const query = new URLSearchParams(ctx.querystring);
  for (const key of ['page', 'full']) query.delete(key);
  return query.toString();
}
