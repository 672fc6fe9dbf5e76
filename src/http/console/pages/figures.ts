import type Router from '@koa/router';
import { CASE_SOURCE_LABELS } from '../../../../cards/labels.js';
import { barChart } from '../../../charts/bar-chart.js';
import { columnChart, monthColumns } from '../../../charts/column-chart.js';
import { complianceGrid } from '../../../charts/compliance-grid.js';
import { lineChart } from '../../../charts/line-chart.js';
import { STATUS_LABELS } from '../../../domain/case-status.js';
import { CASE_SOURCES, CASE_STATUSES } from '../../../domain/model.js';
import { officeFigures } from '../../../db/queries/figures.js';
import { addMonths, localDateOf } from '../../../lib/local-date.js';
import { dutyCompliance } from '../../../usecases/duties/duty-compliance.js';
import { pageContext, type ConsoleDeps } from '../context.js';
import { html, raw } from '../html.js';
import { page } from '../layout.js';

const MONTHS_OF_DUTIES = 6;

/** 统计图表: the year by status, village, source and month; the overdue trend (R11); duty compliance (R12–R17) by month and person. */
export function figuresRoutes(router: Router, c: ConsoleDeps): void {
  router.get('/console/figures', async (ctx) => {
    const today = localDateOf(c.deps.clock.now());
    const thisYear = Number(today.slice(0, 4));
    const asked = Number(ctx.query.year);
    const year = Number.isInteger(asked) && asked >= 2000 && asked <= thisYear ? asked : thisYear;
    const f = await officeFigures(c.prisma, { year, today });
    const months = Array.from({ length: MONTHS_OF_DUTIES }, (_, i) => addMonths(`${today.slice(0, 7)}-01`, i - MONTHS_OF_DUTIES + 1).slice(0, 7));
    const duties = await dutyCompliance(c.deps, { months, today });
    const charts = [
      barChart({ title: `${year}年案件状态`, bars: CASE_STATUSES.filter((s) => f.byStatus[s] > 0).map((s) => ({ label: STATUS_LABELS[s], value: f.byStatus[s] })), unit: '件' }),
      barChart({ title: `${year}年案件来源`, bars: CASE_SOURCES.filter((s) => f.bySource[s] > 0).map((s) => ({ label: CASE_SOURCE_LABELS[s], value: f.bySource[s] })), unit: '件' }),
      columnChart({ title: `${year}年每月收件`, columns: monthColumns(f.byMonth), unit: '件' }),
      lineChart({ title: '逾期案件走势（月末在办且已过期限）', series: [{ name: '逾期在办', points: f.overdueTrend.map((p) => ({ label: `${Number(p.month.slice(5))}月`, value: p.open })), colour: '#d9363e' }], unit: '件' }),
      barChart({ title: `${year}年各村（社区）案件`, bars: f.byVillage.map((v) => ({ label: v.villageName, value: v.count })), unit: '件', horizontal: true }),
    ];
    const grid = complianceGrid({ title: `定期工作落实情况（近 ${MONTHS_OF_DUTIES} 个月）`, columns: duties.months.map((m) => `${Number(m.slice(5))}月`), rows: duties.rows });
    ctx.body = page(
      '统计图表',
      pageContext(ctx, 'figures'),
      html`<form class="filters" method="get" action="/console/figures">
  <label>年度<select name="year">${Array.from({ length: 5 }, (_, i) => thisYear - i).map((y) => html`<option value="${y}" ${y === year ? raw('selected') : ''}>${y}年</option>`)}</select></label>
  <button type="submit">查看</button>
</form>
<section class="card"><dl class="facts">
  <dt>${year}年收件</dt><dd>${f.total} 件</dd>
  <dt>逾期</dt><dd class="${f.overdue.total > 0 ? 'red' : ''}">${f.overdue.total} 件（在办 ${f.overdue.open}，逾期办结 ${f.overdue.resolvedLate}）</dd>
</dl></section>
<div class="charts">${charts.map((svg) => html`<section class="card">${raw(svg)}</section>`)}</div>
<section class="card">${raw(grid)}</section>`,
    ).toString();
  });
}
