import type Router from '@koa/router';
import type { Context } from 'koa';
import { DomainError } from '../../../domain/errors.js';
import { addPetitioner } from '../../../usecases/cases/add-petitioner.js';
import { correctPetitioner } from '../../../usecases/cases/correct-petitioner.js';
import { correctRegistration } from '../../../usecases/cases/correct-registration.js';
import { removePetitioner } from '../../../usecases/cases/remove-petitioner.js';
import { viewCase } from '../../../usecases/cases/view-case.js';
import { FIELD_LABELS } from '../../../usecases/support/field-labels.js';
import { pageContext, state, type ConsoleDeps } from '../context.js';
import { html } from '../html.js';
import { page } from '../layout.js';
import { consoleActor, field, flash, numberField, submit } from './admin-forms.js';
import { petitionersForm, registrationForm } from './case-correction-view.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const correctionPage = (caseId: string) => `/console/cases/${caseId}/correct`;
const casePage = (caseId: string) => `/console/cases/${caseId}`;

/** A posted text field; blank is null, which clears an optional field. */
const blankIsNull = (ctx: Context, name: string) => field(ctx, name)?.trim() || null;

function petitionerFields(ctx: Context) {
  return { name: field(ctx, 'name') ?? '', phone: blankIsNull(ctx, 'phone'), idNumber: blankIsNull(ctx, 'idNumber'), address: blankIsNull(ctx, 'address'), reason: blankIsNull(ctx, 'reason') };
}

/**
 * 更正登记信息: the office corrects a case's registration and petitioners (R16's converted cases
 * are completed here). The form shows the recorded data in full, so opening it is a full view of
 * personal data, audited (R24). Each save goes back to the case page with what changed; a refused
 * one comes back here with its reason, having changed nothing.
 */
export function caseCorrectionRoutes(router: Router, c: ConsoleDeps): void {
  router.get('/console/cases/:id/correct', async (ctx) => {
    const id = ctx.params.id!;
    if (!uuid.test(id)) return void (ctx.status = 404);
    const viewer = state(ctx).viewer;
    const v = await viewCase(c.deps, { person: viewer, channel: 'CONSOLE' }, { caseId: id, context: 'CONSOLE', full: true, purpose: 'CORRECT' });
    if (!v.allowedActions.includes('CORRECT_REGISTRATION')) throw new DomainError('FORBIDDEN', '登记信息由信访办更正');
    const villages = await c.deps.uow.read((repos) => repos.directory.villages());
    const k = v.case;
    ctx.body = page(
      `更正登记信息：${k.number}`,
      pageContext(ctx, 'case'),
      html`${flash(ctx)}
<p><a href="${casePage(k.id)}">← 返回案件</a></p>
<p class="note">本页显示信访人完整信息，打开本页已记入审计日志。所有更正均记录更正前后的内容、更正人和时间（R25）。</p>
<section class="card">
  <h2>登记信息</h2>
  ${registrationForm(ctx, k, villages)}
</section>
<section class="card">
  <h2>信访人</h2>
  ${petitionersForm(ctx, k, v.petitioners)}
</section>`,
    ).toString();
  });

  router.post('/console/cases/:id/correct', async (ctx) => {
    const caseId = ctx.params.id!;
    await corrected(ctx, caseId, async () => {
      const r = await correctRegistration(c.deps, consoleActor(ctx), {
        caseId,
        title: field(ctx, 'title'),
        content: field(ctx, 'content'),
        source: field(ctx, 'source'),
        complexity: field(ctx, 'complexity'),
        category: blankIsNull(ctx, 'category'),
        villageId: blankIsNull(ctx, 'villageId'),
        headcount: numberField(ctx, 'headcount'),
        reason: blankIsNull(ctx, 'reason'),
      });
      await c.notify?.(r.notifications);
      if (r.deadline?.moved) await c.refreshCases?.([caseId]);
      if (r.changed.length === 0) return '内容没有变化，未作修改';
      const what = r.changed.map((f) => FIELD_LABELS[f] ?? f).join('、');
      return [`已更正${what}`, r.deadline?.note].filter(Boolean).join('；');
    });
  });

  router.post('/console/cases/:id/petitioners', async (ctx) => {
    const caseId = ctx.params.id!;
    await corrected(ctx, caseId, async () => {
      const r = await addPetitioner(c.deps, consoleActor(ctx), { caseId, ...petitionerFields(ctx) });
      await c.notify?.(r.notifications);
      return '已添加信访人';
    });
  });

  router.post('/console/cases/:id/petitioners/:pid', async (ctx) => {
    const caseId = ctx.params.id!;
    await corrected(ctx, caseId, async () => {
      const r = await correctPetitioner(c.deps, consoleActor(ctx), { caseId, petitionerId: ctx.params.pid, ...petitionerFields(ctx) });
      return r.changed ? '已更正信访人信息' : '内容没有变化，未作修改';
    });
  });

  router.post('/console/cases/:id/petitioners/:pid/remove', async (ctx) => {
    const caseId = ctx.params.id!;
    await corrected(ctx, caseId, async () => {
      await removePetitioner(c.deps, consoleActor(ctx), { caseId, petitionerId: ctx.params.pid, reason: blankIsNull(ctx, 'reason') });
      return '已删除信访人（原记录保留）';
    });
  });
}

/** Post/Redirect/Get: done → the case page with what changed; refused → the form again with why. */
async function corrected(ctx: Context, caseId: string, run: () => Promise<string>): Promise<void> {
  if (!uuid.test(caseId)) return void (ctx.status = 404);
  await submit(ctx, correctionPage(caseId), run, casePage(caseId));
}
