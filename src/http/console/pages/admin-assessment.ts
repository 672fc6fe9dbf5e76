import type Router from '@koa/router';
import { BASE_SCORE, effectiveRules } from '../../../domain/assessment/rules.js';
import { updateAssessmentRule } from '../../../usecases/assessment/update-assessment-rule.js';
import { pageContext, type ConsoleDeps } from '../context.js';
import { html } from '../html.js';
import { page } from '../layout.js';
import { adminNav, consoleActor, csrfField, field, flash, numberField, options, requireAllowed, submit, yesNoField } from './admin-forms.js';

const PAGE = '/console/admin/assessment';

/** 考核分值 (R23): the base score and the points of each deduction of the year-end assessment. */
export function adminAssessmentRoutes(router: Router, c: ConsoleDeps): void {
  router.get(PAGE, async (ctx) => {
    requireAllowed(ctx, 'RECORD_ASSESSMENT');
    const rules = effectiveRules(await c.deps.uow.read((repos) => repos.assessment.rules()));
    const inUse = [{ value: '1', label: '启用' }, { value: '0', label: '停用' }];
    ctx.body = page(
      '考核分值',
      pageContext(ctx, 'admin'),
      html`${adminNav(PAGE)}${flash(ctx)}
<section class="card">
  <p class="note">年终考核（R23）从基础分起扣分。扣分项填负数（-100 到 0，最多两位小数）；“因工作不力导致越级集体访、赴京上访”一项直接评为不合格。修改后新记录的扣分按新分值计算，已记录的扣分保留记录时的分值。</p>
  <table><thead><tr><th>项目</th><th>分值</th><th>状态</th><th></th></tr></thead><tbody>
  ${rules.map((r) => {
    const f = `rule-${r.code}`;
    return html`<tr class="${r.active ? '' : 'inactive'}">
<td><input form="${f}" name="label" value="${r.label}" maxlength="100" size="40" required></td>
<td><input form="${f}" name="points" type="number" step="0.01" value="${r.points}" ${r.code === BASE_SCORE ? '' : html`max="0"`}></td>
<td>${r.code === BASE_SCORE ? html`启用<input form="${f}" type="hidden" name="active" value="1">` : html`<select form="${f}" name="active">${options(inUse, r.active ? '1' : '0')}</select>`}</td>
<td><form id="${f}" method="post" action="${PAGE}">${csrfField(ctx)}<input type="hidden" name="code" value="${r.code}"><button type="submit" class="secondary">保存</button></form></td></tr>`;
  })}
  </tbody></table>
</section>`,
    ).toString();
  });

  router.post(PAGE, async (ctx) => {
    await submit(ctx, PAGE, async () => {
      const { rule } = await updateAssessmentRule(c.deps, consoleActor(ctx), {
        code: field(ctx, 'code'), label: field(ctx, 'label'), points: numberField(ctx, 'points'), active: yesNoField(ctx, 'active'),
      });
      return `已保存考核项目「${rule.label}」：${rule.points} 分${rule.active ? '' : '（已停用）'}`;
    });
  });
}
