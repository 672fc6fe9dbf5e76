import type Router from '@koa/router';
import { caseAuditTrail } from '../../../db/queries/case-audit-trail.js';
import { caseStory } from '../../../db/queries/case-story/case-story.js';
import { viewCase } from '../../../usecases/cases/view-case.js';
import { pageContext, state, type ConsoleDeps } from '../context.js';
import { html } from '../html.js';
import { page } from '../layout.js';
import { flash } from './admin-forms.js';
import { auditSection } from './case-story/audit-section.js';
import { caseFacts } from './case-story/case-facts.js';
import { petitionersSection } from './case-story/petitioners-section.js';
import { readTrail, storyContext } from './case-story/story-event.js';
import { caseTimeline, timelineSection } from './case-story/timeline.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * 案件详情: the office's record of a case — where it stands, its petitioners (full data only when
 * allowed and asked, audited — R24), everything that happened to it in order (案件经过), and its
 * audit log with every change before → after (R25). All of it as the policy lets this reader see
 * it: free text masked with the case's petitioners unless they asked for full data.
 */
export function caseDetailRoutes(router: Router, c: ConsoleDeps): void {
  router.get('/console/cases/:id', async (ctx) => {
    const id = ctx.params.id!;
    if (!uuid.test(id)) return void (ctx.status = 404);
    const viewer = state(ctx).viewer;
    // The case first: nothing else of it is read for a reader it is hidden from.
    const v = await viewCase(c.deps, { person: viewer, channel: 'CONSOLE' }, { caseId: id, context: 'CONSOLE', full: ctx.query.full === '1' });
    const [names, trail, story] = await Promise.all([c.deps.uow.read((repos) => repos.directory.names()), caseAuditTrail(c.prisma, id), caseStory(c.prisma, id)]);
    const sctx = storyContext(names, v.redact, readTrail(trail));
    const k = v.case;
    const correct = v.allowedActions.includes('CORRECT_REGISTRATION') && k.status !== 'ARCHIVED';
    ctx.body = page(
      `${k.number} ${k.title}`,
      pageContext(ctx, 'case'),
      html`${flash(ctx)}${correct ? html`<p class="actions"><a class="button secondary" href="/console/cases/${k.id}/correct">更正登记信息</a></p>` : ''}
${caseFacts(v, sctx)}
${petitionersSection(v)}
<section class="card">
  <h2>案件经过</h2>
  ${timelineSection(caseTimeline(k, v.progress, story, sctx))}
</section>
<section class="card">
  <h2>审计记录</h2>
  ${auditSection(sctx.trail, sctx)}
</section>`,
    ).toString();
  });
}
