import type Router from '@koa/router';
import type { Context } from 'koa';
import { quarterLabel } from '../../../domain/duties/periods.js';
import { DomainError } from '../../../domain/errors.js';
import { caseScope } from '../../../domain/privacy/case-scope.js';
import { listPersonalData } from '../../../domain/privacy/disclosure.js';
import { quarterlyReport } from '../../../db/queries/quarterly-report.js';
import { assessmentXlsx } from '../../../export/assessment-xlsx.js';
import { quarterlyReportXlsx } from '../../../export/quarterly-report-xlsx.js';
import { addDays, localDateOf, quarterOf, quarterRange } from '../../../lib/local-date.js';
import { getAssessmentSheet } from '../../../usecases/assessment/get-assessment-sheet.js';
import { pageContext, state, type ConsoleDeps } from '../context.js';
import { html, raw } from '../html.js';
import { page } from '../layout.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The last eight quarters that have begun, newest first. */
function recentQuarters(today: string): string[] {
  const out = [quarterOf(today)];
  while (out.length < 8) out.push(quarterOf(addDays(quarterRange(out.at(-1)!).start, -1)));
  return out;
}

function download(ctx: Context, name: string, body: Buffer): void {
  ctx.attachment(name);
  ctx.type = XLSX;
  ctx.body = body;
}

/** 报表导出: the ledger, the quarterly report and the year-end assessment sheet (R23), as a county office expects them. */
export function exportRoutes(router: Router, c: ConsoleDeps): void {
  router.get('/console/exports', (ctx) => {
    const today = localDateOf(c.deps.clock.now());
    const year = Number(today.slice(0, 4));
    ctx.body = page(
      '报表导出',
      pageContext(ctx, 'exports'),
      html`<section class="card"><h2>信访台账</h2>
  <p>全部案件的台账（信访人信息脱敏）。按条件导出请在 <a href="/console/ledger">信访台账</a> 页面筛选后点“导出 Excel”。</p>
  <p><a class="button" href="/console/ledger.xlsx">导出全部台账</a>
  ${listPersonalData(state(ctx).viewer, 'EXPORT', { full: true }) === 'FULL' ? html` <a class="button warning" href="/console/ledger/full-export">导出完整信息（含身份证号、电话）</a>` : ''}</p></section>
<section class="card"><h2>季度信访工作报表</h2>
  <form method="get" action="/console/exports/quarterly.xlsx" class="filters">
    <label>季度<select name="quarter">${recentQuarters(today).map((q) => html`<option value="${q}">${quarterLabel(q)}</option>`)}</select></label>
    <button type="submit">导出</button>
  </form></section>
<section class="card"><h2>年终考核评分表（R23）</h2>
  <form method="get" action="/console/exports/assessment.xlsx" class="filters">
    <label>年度<select name="year">${[year, year - 1, year - 2].map((y) => html`<option value="${y}" ${y === year ? raw('selected') : ''}>${y}年</option>`)}</select></label>
    <button type="submit">导出</button>
  </form></section>`,
    ).toString();
  });

  router.get('/console/exports/quarterly.xlsx', async (ctx) => {
    const today = localDateOf(c.deps.clock.now());
    const quarter = typeof ctx.query.quarter === 'string' ? ctx.query.quarter : '';
    if (!recentQuarters(today).includes(quarter)) throw new DomainError('VALIDATION', '输入有误：请选择已开始的季度');
    const report = await quarterlyReport(c.prisma, c.deps, { quarter, today, scope: caseScope(state(ctx).viewer, 'EXPORT') });
    download(ctx, `季度信访工作报表-${quarter}.xlsx`, await quarterlyReportXlsx(report, { townName: state(ctx).townName, madeBy: state(ctx).viewer.name, madeOn: today }));
  });

  router.get('/console/exports/assessment.xlsx', async (ctx) => {
    const today = localDateOf(c.deps.clock.now());
    const sheet = await getAssessmentSheet(c.deps, { person: state(ctx).viewer, channel: 'CONSOLE' }, { year: ctx.query.year });
    download(ctx, `年终考核评分表-${sheet.year}.xlsx`, await assessmentXlsx(sheet, { townName: state(ctx).townName, year: sheet.year, madeOn: today }));
  });
}
