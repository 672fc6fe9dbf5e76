import type Router from '@koa/router';
import { DANGER_CATEGORY_LABELS, storedRuleProblem, type DangerCategory } from '../../../domain/intake/danger-keywords.js';
import type { KeywordRuleRow } from '../../../usecases/ports/settings.js';
import { addKeywordRule, setKeywordRuleActive } from '../../../usecases/settings/keyword-rules.js';
import { pageContext, type ConsoleDeps } from '../context.js';
import { html } from '../html.js';
import { page } from '../layout.js';
import { adminNav, checkbox, consoleActor, csrfField, field, flash, options, requireAllowed, submit, yesNoField } from './admin-forms.js';

const PAGE = '/console/admin/keywords';
const CATEGORIES = Object.keys(DANGER_CATEGORY_LABELS) as DangerCategory[];

/** 异常信件关键词 (R20): the words and patterns that flag a dangerous letter at intake; a rule is switched off, never deleted. */
export function adminKeywordsRoutes(router: Router, c: ConsoleDeps): void {
  router.get(PAGE, async (ctx) => {
    requireAllowed(ctx, 'EDIT_SETTINGS');
    const rules = (await c.deps.uow.read((repos) => repos.settings.keywordRules())).sort((a, b) => CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category));
    const unsafe = rules.filter((r) => r.active && storedRuleProblem(r));
    ctx.body = page(
      '异常信件关键词',
      pageContext(ctx, 'admin'),
      html`${adminNav(PAGE)}${flash(ctx)}
<section class="card">
  <p class="note">登记信件和来访时，内容中出现以下关键词（忽略空格和标点）即标记为异常信件，立即提醒主要领导和分管领导阅处（R20）。正则表达式用于“集体……进京”这类中间隔字的说法；重复里套重复（如 (a+)+）等会让系统卡住的写法不能保存。能匹配空白内容（如 .*）或普通信访内容（如“的”“上访”）的规则会把大量正常信访标记为异常信件，也不能保存。</p>
  ${unsafe.length > 0 ? html`<p class="flash error">有 ${unsafe.length} 条启用中的规则按现在的检查不能保存，请停用后改写（见下表标注）。</p>` : ''}
  <h3>新增规则</h3>
  <form method="post" action="${PAGE}" class="admin-form">${csrfField(ctx)}<div class="fields">
    <label>类别<select name="category">${options(CATEGORIES.map((k) => ({ value: k, label: DANGER_CATEGORY_LABELS[k] })), null, '请选择')}</select></label>
    <label>关键词或正则表达式<input name="pattern" maxlength="200" required></label>
    <label class="check"><input type="checkbox" name="isRegex" value="1">按正则表达式匹配</label>
  </div><button type="submit">新增</button></form>
</section>
<section class="card">
  <table><thead><tr><th>类别</th><th>关键词</th><th>匹配方式</th><th>状态</th><th></th></tr></thead><tbody>
  ${rules.map(
    (r) => html`<tr class="${r.active ? '' : 'inactive'}"><td>${DANGER_CATEGORY_LABELS[r.category] ?? r.category}</td><td><code>${r.pattern}</code>${ruleNotice(r)}</td><td>${r.isRegex ? '正则表达式' : '关键词'}</td><td>${r.active ? '启用' : '已停用'}</td>
<td><form method="post" action="${PAGE}/${r.id}/active">${csrfField(ctx)}<input type="hidden" name="active" value="${r.active ? '0' : '1'}"><button type="submit" class="secondary">${r.active ? '停用' : '启用'}</button></form></td></tr>`,
  )}
  </tbody></table>
</section>`,
    ).toString();
  });

  router.post(PAGE, async (ctx) => {
    await submit(ctx, PAGE, async () => {
      const { rule } = await addKeywordRule(c.deps, consoleActor(ctx), { category: field(ctx, 'category'), pattern: field(ctx, 'pattern'), isRegex: checkbox(ctx, 'isRegex') });
      return `已新增${DANGER_CATEGORY_LABELS[rule.category]}关键词「${rule.pattern}」`;
    });
  });

  router.post(`${PAGE}/:id/active`, async (ctx) => {
    await submit(ctx, PAGE, async () => {
      const { rule } = await setKeywordRuleActive(c.deps, consoleActor(ctx), { ruleId: ctx.params.id, active: yesNoField(ctx, 'active') });
      return `已${rule.active ? '启用' : '停用'}关键词「${rule.pattern}」`;
    });
  });
}

/** A stored rule that today's checks refuse: what is wrong, and what intake does with it meanwhile. */
function ruleNotice(rule: KeywordRuleRow) {
  const found = storedRuleProblem(rule);
  if (!found) return '';
  const meanwhile = found.skipped ? '登记时已跳过此规则' : rule.isRegex ? '登记时按不回溯的方式匹配，不会卡住系统' : '登记时仍照常匹配';
  return html`<div class="note">⚠ ${found.problem}（${meanwhile}）</div>`;
}
