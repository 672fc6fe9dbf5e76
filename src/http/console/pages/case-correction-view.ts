import type { Context } from 'koa';
import { CASE_SOURCE_LABELS, COMPLEXITY_LABELS } from '../../../../cards/labels.js';
import { CASE_SOURCES, COMPLEXITIES, type CaseRecord, type Petitioner } from '../../../domain/model.js';
import { html, type SafeHtml } from '../html.js';
import { csrfField, options } from './admin-forms.js';

const labelled = <T extends string>(values: readonly T[], labels: Record<T, string>) => values.map((v) => ({ value: v, label: labels[v] }));

const reasonField = html`<label>更正说明<input name="reason" maxlength="500" placeholder="如：登记时误填，经与信访人核实"></label>`;

/** The registration as the office corrects it: every field filled in with what is recorded now. */
export function registrationForm(ctx: Context, c: CaseRecord, villages: readonly { id: string; name: string }[]): SafeHtml {
  return html`<form method="post" action="/console/cases/${c.id}/correct" class="admin-form correction">
  ${csrfField(ctx)}
  <div class="fields">
    <label class="wide">标题<input name="title" value="${c.title}" maxlength="100" required></label>
  </div>
  <div class="fields">
    <label class="wide">反映内容<textarea name="content" rows="6" maxlength="5000" required>${c.content}</textarea></label>
  </div>
  <div class="fields">
    <label>来源<select name="source">${options(labelled(CASE_SOURCES, CASE_SOURCE_LABELS), c.source)}</select></label>
    <label>难易程度<select name="complexity">${options(labelled(COMPLEXITIES, COMPLEXITY_LABELS), c.complexity)}</select></label>
    <label>类别<input name="category" value="${c.category ?? ''}" maxlength="50"></label>
    <label>所属村<select name="villageId">${options(villages.map((v) => ({ value: v.id, label: v.name })), c.villageId, '（未关联）')}</select></label>
    <label>人数<input name="headcount" type="number" min="1" max="100000" value="${c.headcount}" required></label>
    ${reasonField}
  </div>
  <p class="note">来源和难易程度决定办结时限（R7）：更改后按规则重新计算并告知结果。已包案的案件按包案审定的时限（R8），已批准延期的按延期时限（R10），不受影响；已办结或已过办结时限（R11 已计逾期）的案件，不能因更正而改变时限。人数达5人及以上为集体访，按 R1 纳入包案范围。</p>
  <button type="submit">保存更正</button>
</form>`;
}

/** One petitioner's row: the recorded data to correct in place, and removal (a case keeps at least one). */
function petitionerRow(ctx: Context, caseId: string, p: Petitioner, removable: boolean): SafeHtml {
  const f = `petitioner-${p.id}`;
  return html`<tr>
<td><input form="${f}" name="name" value="${p.name}" maxlength="30" required></td>
<td><input form="${f}" name="phone" value="${p.phone ?? ''}" maxlength="20"></td>
<td><input form="${f}" name="idNumber" value="${p.idNumber ?? ''}" maxlength="18"></td>
<td><input form="${f}" name="address" value="${p.address ?? ''}" maxlength="200"></td>
<td><input form="${f}" name="reason" maxlength="500" placeholder="更正说明"></td>
<td><form id="${f}" method="post" action="/console/cases/${caseId}/petitioners/${p.id}">${csrfField(ctx)}<button type="submit" class="secondary">保存</button></form>
${removable ? html`<form method="post" action="/console/cases/${caseId}/petitioners/${p.id}/remove">${csrfField(ctx)}<button type="submit" class="secondary">删除</button></form>` : ''}</td>
</tr>`;
}

/** The petitioners, each correctable, and a form to add one. */
export function petitionersForm(ctx: Context, c: CaseRecord, petitioners: readonly Petitioner[]): SafeHtml {
  return html`${
    c.petitionersPending
      ? html`<p class="flash error" role="alert">本案由民情信息转办，尚未登记信访人：请核实后补充。</p>`
      : ''
  }
${
  petitioners.length === 0
    ? ''
    : html`<table class="petitioners"><thead><tr><th>姓名</th><th>电话</th><th>身份证号</th><th>住址</th><th>更正说明</th><th></th></tr></thead><tbody>
${petitioners.map((p) => petitionerRow(ctx, c.id, p, petitioners.length > 1))}
</tbody></table>
<p class="note">身份证号、电话按登记时的规则校验；留空即删除该项。每次更正保留原记录并记入审计日志。至少保留一名信访人。</p>`
}
<h3>添加信访人</h3>
<form method="post" action="/console/cases/${c.id}/petitioners" class="admin-form">
  ${csrfField(ctx)}
  <div class="fields">
    <label>姓名<input name="name" maxlength="30" required></label>
    <label>电话<input name="phone" maxlength="20"></label>
    <label>身份证号<input name="idNumber" maxlength="18"></label>
    <label>住址<input name="address" maxlength="200"></label>
    ${reasonField}
  </div>
  <button type="submit">添加</button>
</form>`;
}
