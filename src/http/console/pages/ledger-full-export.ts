import { parse } from 'node:querystring';
import type Router from '@koa/router';
import type { Context } from 'koa';
import { assertGlobalAllowed } from '../../../domain/authorization.js';
import { ledgerCases } from '../../../db/queries/ledger.js';
import { localDateOf } from '../../../lib/local-date.js';
import { pageContext, state, type ConsoleDeps } from '../context.js';
import { html } from '../html.js';
import { page } from '../layout.js';
import { directoryNames, ledgerAccess } from '../ledger-access.js';
import { sendLedger } from '../ledger-export.js';
import { ledgerFilterOf, ledgerFilterText } from '../ledger-filter.js';
import { csrfField, flash } from './admin-forms.js';

const PAGE = '/console/ledger/full-export';

/** The filters a form carries as hidden fields, as the query string they came from. */
const FILTER_KEYS = ['q', 'status', 'villageId', 'unitId', 'leaderId', 'source', 'overdue', 'from', 'to'];

function hiddenFilters(query: Context['query']) {
  return FILTER_KEYS.flatMap((key) => [query[key] ?? []].flat().map((value) => html`<input type="hidden" name="${key}" value="${value}">`));
}

/**
 * R24: the unmasked ledger export (office only). A page of its own says what it means — it is
 * audited, and the petitioners' names, ID numbers and phones leave the system with the file —
 * and only its confirmed form (POST, CSRF-checked) downloads.
 */
export function ledgerFullExportRoutes(router: Router, c: ConsoleDeps): void {
  router.get(PAGE, async (ctx) => {
    assertGlobalAllowed(state(ctx).viewer, 'LIST_PERSONAL_DATA');
    const f = ledgerFilterOf(ctx.query, localDateOf(c.deps.clock.now()));
    const { total } = await ledgerCases(c.prisma, f, { limit: 1, offset: 0 }, ledgerAccess(state(ctx).viewer, 'EXPORT'));
    const filterText = ledgerFilterText(f, await directoryNames(c));
    const back = new URLSearchParams(ctx.querystring).toString();
    ctx.body = page(
      '导出含信访人完整信息的台账',
      pageContext(ctx, 'ledger'),
      html`${flash(ctx)}<section class="card warning" role="alert">
  <h2>请确认</h2>
  <ul>
    <li>此次导出将<strong>记入审计日志</strong>：导出人、时间、筛选条件和件数。</li>
    <li>导出的 Excel 文件含信访人的<strong>姓名、身份证号、联系电话</strong>等完整个人信息。文件下载后即<strong>离开本系统</strong>，不再受本系统的权限控制和脱敏保护。</li>
    <li>请仅用于信访工作，妥善保管，用后及时删除；不得转发到群聊，不得交给信访事项反映的单位或个人（R24）。</li>
  </ul>
  <p>导出范围：${filterText || '全部案件'}，共 ${total} 件。</p>
  <form method="post" action="${PAGE}">${csrfField(ctx)}${hiddenFilters(ctx.query)}
    <label class="check"><input type="checkbox" name="confirm" value="1" required> 我已知悉以上要求，确认导出</label>
    <p><button type="submit" class="warning">确认导出完整信息</button> <a class="button secondary" href="/console/ledger?${back}">取消</a></p>
  </form>
</section>`,
    ).toString();
  });

  router.post(PAGE, async (ctx) => {
    assertGlobalAllowed(state(ctx).viewer, 'LIST_PERSONAL_DATA');
    const form = state(ctx).form;
    const query = parse(form.toString());
    if (form.get('confirm') !== '1') {
      const back = new URLSearchParams(FILTER_KEYS.flatMap((key) => form.getAll(key).map((v): [string, string] => [key, v])));
      back.set('error', '请先勾选“我已知悉以上要求”再导出');
      return ctx.redirect(`${PAGE}?${back.toString()}`);
    }
    await sendLedger(ctx, c, ledgerFilterOf(query, localDateOf(c.deps.clock.now())), true);
  });
}
