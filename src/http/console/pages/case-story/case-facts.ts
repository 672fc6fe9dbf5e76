import { CASE_SOURCE_LABELS, COMPLEXITY_LABELS, STABILITY_LABELS } from '../../../../../cards/labels.js';
import { deadlineBadge } from '../../../../../cards/deadline-badge.js';
import { isOpen, STATUS_LABELS } from '../../../../domain/case-status.js';
import { DEADLINE_RULE_LABELS } from '../../../../domain/deadlines/case-deadlines.js';
import { CLASSIFICATION_LABELS } from '../../../../domain/review/classification.js';
import type { CaseView } from '../../../../usecases/cases/view-case.js';
import { html, type SafeHtml } from '../../html.js';
import { date, dateTime, type StoryContext } from './story-event.js';

const fact = (label: string, value: SafeHtml | string | null) => (value === null ? '' : html`<dt>${label}</dt><dd>${value}</dd>`);

/** R5: who submitted, assigned, fed back and reported up, and when. */
function dutyFact(label: string, who: string | null, at: Date | null, ctx: StoryContext) {
  return fact(label, at ? `${ctx.person(who)}，${dateTime(at)}` : '尚无');
}

/** The case at a glance: where it stands, who holds it, its deadline, the leading group's duties (R5), and how it ended. */
export function caseFacts(v: CaseView, ctx: StoryContext): SafeHtml {
  const k = v.case;
  const badge = deadlineBadge(k.dueOn, v.overdue, !isOpen(k.status));
  const accused = [k.accusedPersonId && ctx.person(k.accusedPersonId), k.accusedUnitId && ctx.unit(k.accusedUnitId)].filter(Boolean).join('、');
  return html`<section class="card">
  <dl class="facts">
    ${fact('状态', STATUS_LABELS[k.status])}
    ${fact('来源', `${CASE_SOURCE_LABELS[k.source]}（${date(k.receivedAt)} 收件）`)}
    ${fact('办结时限', html`<span class="badge-${badge.colour}">${badge.text}</span>${k.dueRule ? `，${DEADLINE_RULE_LABELS[k.dueRule] ?? ''}` : ''}`)}
    ${fact('难易程度', COMPLEXITY_LABELS[k.complexity])}
    ${fact('性质分类', k.classification ? CLASSIFICATION_LABELS[k.classification] : '未分类')}
    ${fact('类别', k.category)}
    ${fact('所属村', k.villageId ? ctx.village(k.villageId) : '未关联')}
    ${fact('人数', `${k.headcount} 人`)}
    ${fact('包案领导', k.ownerLeaderId ? ctx.person(k.ownerLeaderId) : '未确定')}
    ${fact('责任单位', k.unitId ? ctx.unit(k.unitId) : '未确定')}
    ${fact('责任人', k.responsiblePersonId ? ctx.person(k.responsiblePersonId) : '未确定')}
    ${fact('稳控属地', k.territorialUnitId ? ctx.unit(k.territorialUnitId) : null)}
    ${fact('解决属事', k.functionalUnitId ? ctx.unit(k.functionalUnitId) : null)}
    ${fact('被反映人', accused || null)}
    ${dutyFact('呈送', k.submittedById, k.submittedAt, ctx)}
    ${dutyFact('交办', k.assignedById, k.assignedAt, ctx)}
    ${dutyFact('反馈', k.feedbackById, k.feedbackAt, ctx)}
    ${dutyFact('上报', k.reportedUpById, k.reportedUpAt, ctx)}
    ${fact('办结时间', k.resolvedAt ? dateTime(k.resolvedAt) : null)}
    ${fact('稳定评估', k.stability ? STABILITY_LABELS[k.stability] : null)}
    ${fact('回访时间', k.followedUpAt ? dateTime(k.followedUpAt) : null)}
    ${fact('归档时间', k.archivedAt ? dateTime(k.archivedAt) : null)}
  </dl>
  <h2>反映内容</h2>
  <p class="content">${k.content}</p>
  ${k.resolution ? html`<h2>办结情况</h2><p class="content">${k.resolution}</p>` : ''}
</section>`;
}
