import type Router from '@koa/router';
import type { Context } from 'koa';
import { ACCOUNTABILITY_KINDS } from '../../../domain/accountability/accountability-facts.js';
import { ACCOUNTABILITY_KIND_LABELS, ACCOUNTABILITY_REASON_LABELS } from '../../../domain/accountability/fact-labels.js';
import type { FactParty } from '../../../domain/accountability/fact-summary.js';
import { assertGlobalAllowed } from '../../../domain/authorization.js';
import { accountabilityXlsx } from '../../../export/accountability-xlsx.js';
import { localDateOf } from '../../../lib/local-date.js';
import { listAccountabilityFacts } from '../../../usecases/escalation/list-accountability-facts.js';
import { pageContext, state, type ConsoleDeps } from '../context.js';
import { html } from '../html.js';
import { page } from '../layout.js';
import { byName, options } from './admin-forms.js';

const PAGE = '/console/accountability';
const YEARS_SHOWN = 4;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const one = (v: unknown, valid: (s: string) => boolean) => (typeof v === 'string' && valid(v) ? v : undefined);

/** The filters of the query string, this year by default; anything malformed is ignored, as the ledger does (a link is never an error). */
function filterOf(ctx: Context, thisYear: number) {
  return {
    year: one(ctx.query.year, (y) => /^\d{4}$/.test(y) && Number(y) <= thisYear) ?? String(thisYear),
    unitId: one(ctx.query.unitId, (x) => UUID.test(x)),
    personId: one(ctx.query.personId, (x) => UUID.test(x)),
    kind: one(ctx.query.kind, (k) => (ACCOUNTABILITY_KINDS as readonly string[]).includes(k)) as (typeof ACCOUNTABILITY_KINDS)[number] | undefined,
  };
}

async function pickers(c: ConsoleDeps) {
  return c.deps.uow.read(async (repos) => ({ units: byName(await repos.directory.units()), people: byName(await repos.directory.people()) }));
}

function filterText(f: ReturnType<typeof filterOf>, names: Awaited<ReturnType<typeof pickers>>): string {
  const parts = [`${f.year}年`];
  if (f.unitId) parts.push(`单位：${names.units.find((u) => u.id === f.unitId)?.name ?? '—'}（含本单位人员）`);
  if (f.personId) parts.push(`人员：${names.people.find((p) => p.id === f.personId)?.name ?? '—'}`);
  if (f.kind) parts.push(`类型：${ACCOUNTABILITY_KIND_LABELS[f.kind]}`);
  return parts.join('；');
}

/** A link to the same year's facts of one person or unit. */
function partyLink(year: string, p: FactParty) {
  const href = `${PAGE}?year=${year}&${p.kind === 'PERSON' ? 'personId' : 'unitId'}=${p.id}`;
  return html`<a href="${href}">${p.name}</a>`;
}

/**
 * R22 问责记录 (office and principal leaders): the facts per person and unit with their evidence,
 * filterable by year, unit, person and kind, linked to their cases — scoped and masked as the
 * ledger is — and exported to Excel.
 */
export function accountabilityRoutes(router: Router, c: ConsoleDeps): void {
  router.get(PAGE, async (ctx) => {
    assertGlobalAllowed(state(ctx).viewer, 'VIEW_ACCOUNTABILITY');
    const thisYear = Number(localDateOf(c.deps.clock.now()).slice(0, 4));
    const f = filterOf(ctx, thisYear);
    const result = await listAccountabilityFacts(c.deps, { person: state(ctx).viewer, channel: 'CONSOLE' }, f);
    const names = await pickers(c);
    const year = String(result.year);
    const years = Array.from({ length: YEARS_SHOWN }, (_, i) => String(thisYear - i));
    ctx.body = page(
      '问责记录（R22）',
      pageContext(ctx, 'accountability'),
      html`<form class="filters" method="get" action="${PAGE}">
  <label>年度<select name="year">${options(years.map((y) => ({ value: y, label: `${y}年` })), year)}</select></label>
  <label>单位<select name="unitId">${options(names.units.map((u) => ({ value: u.id, label: u.name })), f.unitId, '全部')}</select></label>
  <label>人员<select name="personId">${options(names.people.map((p) => ({ value: p.id, label: p.name })), f.personId, '全部')}</select></label>
  <label>类型<select name="kind">${options(ACCOUNTABILITY_KINDS.map((k) => ({ value: k, label: ACCOUNTABILITY_KIND_LABELS[k] })), f.kind, '全部')}</select></label>
  <button type="submit">筛选</button>
  <a class="button secondary" href="${PAGE}">清除</a>
  <a class="button secondary" href="${PAGE}.xlsx?${ctx.querystring}">导出 Excel</a>
</form>
<p class="note">${filterText(f, names)}，共 ${result.facts.length} 条。系统只记录不作为、慢作为、乱作为的事实及依据，供信访工作领导小组研究，不作处理结论；涉及您依规回避的案件的事实不显示，信访人信息已脱敏。</p>
<section class="card"><h2>按人员和单位汇总</h2>
${result.tallies.length === 0
  ? html`<p class="empty">没有符合条件的问责事实</p>`
  : html`<table class="tallies"><thead><tr><th>人员或单位</th><th>所属单位</th>${ACCOUNTABILITY_KINDS.map((k) => html`<th>${ACCOUNTABILITY_KIND_LABELS[k]}</th>`)}<th>合计</th></tr></thead><tbody>
${result.tallies.map((t) => html`<tr><td>${partyLink(year, t.party)}</td><td>${t.party.kind === 'PERSON' ? (t.party.unitName ?? '') : '（单位）'}</td>${ACCOUNTABILITY_KINDS.map((k) => html`<td>${t.byKind[k] || ''}</td>`)}<td><strong>${t.total}</strong></td></tr>`)}
</tbody></table>`}
</section>
<section class="card"><h2>事实明细</h2>
${result.facts.length === 0
  ? html`<p class="empty">没有符合条件的问责事实</p>`
  : html`<table class="facts"><thead><tr><th>记录日期</th><th>人员或单位</th><th>类型</th><th>情形</th><th>事实与依据</th><th>相关案件</th></tr></thead><tbody>
${result.facts.map((x) => html`<tr><td>${x.recordedOn}</td><td>${partyLink(year, x.party)}</td><td>${ACCOUNTABILITY_KIND_LABELS[x.kind]}</td><td>${ACCOUNTABILITY_REASON_LABELS[x.reason]}</td><td>${x.detail}</td><td>${x.cases.map((k, i) => html`${i ? '、' : ''}<a href="/console/cases/${k.id}">${k.number}</a>`)}</td></tr>`)}
</tbody></table>`}
</section>`,
    ).toString();
  });

  router.get(`${PAGE}.xlsx`, async (ctx) => {
    const viewer = state(ctx).viewer;
    const thisYear = Number(localDateOf(c.deps.clock.now()).slice(0, 4));
    const f = filterOf(ctx, thisYear);
    const result = await listAccountabilityFacts(c.deps, { person: viewer, channel: 'CONSOLE' }, f, 'EXPORT');
    const body = await accountabilityXlsx(result, { townName: state(ctx).townName, filterText: filterText(f, await pickers(c)), madeOn: localDateOf(c.deps.clock.now()), madeBy: viewer.name });
    ctx.attachment(`问责事实记录-${result.year}.xlsx`);
    ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    ctx.body = body;
  });
}
