import type { CaseView } from '../../../../usecases/cases/view-case.js';
import { html, type SafeHtml } from '../../html.js';

/** 信访人: as the reader may see them (R24), with the way to full data when they may ask, and a case that awaits them (R16). */
export function petitionersSection(v: CaseView): SafeHtml {
  const k = v.case;
  const mayCorrect = v.allowedActions.includes('CORRECT_REGISTRATION');
  const pending = k.petitionersPending
    ? html`<p class="flash error" role="alert">本案由民情信息转办，尚未登记信访人${mayCorrect ? html`：<a href="/console/cases/${k.id}/correct">补充信访人</a>` : '，待信访办补充'}。</p>`
    : '';
  const note = v.personalDataVisible
    ? html`<p class="note">完整信息已显示，本次查看已记入审计日志。<a href="/console/cases/${k.id}">隐藏</a></p>`
    : v.allowedActions.includes('VIEW_PERSONAL_DATA')
      ? html`<p class="note">信访人信息已脱敏。<a href="/console/cases/${k.id}?full=1">显示完整信息</a>（将记入审计日志）</p>`
      : html`<p class="note">信访人信息已脱敏：身份证号和电话仅信访办和承办人员可查看。</p>`;
  return html`<section class="card">
  <h2>信访人</h2>
  ${pending}
  ${v.petitioners.length
    ? html`<table><thead><tr><th>姓名</th><th>电话</th><th>身份证号</th><th>住址</th></tr></thead><tbody>
  ${v.petitioners.map((p) => html`<tr><td>${p.name}</td><td>${p.phone ?? ''}</td><td>${p.idNumber ?? ''}</td><td>${p.address ?? ''}</td></tr>`)}
  </tbody></table>`
    : ''}
  ${note}
</section>`;
}
