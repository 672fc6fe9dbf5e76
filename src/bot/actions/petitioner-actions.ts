import { decodeForm } from '../../../cards/actions.js';
import { petitionerCorrectionCard, petitionersCard } from '../../../cards/builders/petitioner-form.js';
import { DomainError } from '../../domain/errors.js';
import { addPetitioner } from '../../usecases/cases/add-petitioner.js';
import { correctPetitioner } from '../../usecases/cases/correct-petitioner.js';
import { removePetitioner } from '../../usecases/cases/remove-petitioner.js';
import { viewCase } from '../../usecases/cases/view-case.js';
import type { ActionHandler } from '../handler.js';
import { caseHead } from '../support/case-ref.js';
import { done, sendForm, str } from '../support/responses.js';

const RECORDED = '原记录保留，更正前后的内容已记入审计日志';

/** The office completes (R16) or corrects a case's petitioners from the chat; the console's form does the same. */
export const petitionerActions: Record<string, ActionHandler> = {
  'petitioner.open': async (ctx, a) => {
    // Masked as the chat may show it (R24): the card names whom to correct, never their full data.
    const v = await viewCase(ctx.deps, ctx.actor, { caseId: str(a.caseId), context: ctx.inGroup ? 'GROUP' : 'DIRECT' });
    const shown = v.petitioners.map((p) => ({ id: p.id!, name: p.name, phone: p.phone, idNumber: p.idNumber }));
    if (a.petitionerId === undefined) {
      return sendForm(ctx, petitionersCard({ case: caseHead(v.case), petitionersPending: v.case.petitionersPending, petitioners: shown }));
    }
    const petitioner = shown.find((p) => p.id === a.petitionerId);
    if (!petitioner) throw new DomainError('NOT_FOUND', '该信访人已被更正或删除，请重新打开卡片');
    return sendForm(ctx, petitionerCorrectionCard({ case: caseHead(v.case), petitioner }));
  },

  'petitioner.submit': async (ctx, a, form) => {
    const { remove, ...fields } = decodeForm({ a: 'petitioner.submit' }, form);
    const caseId = str(a.caseId);
    if (a.petitionerId === undefined) {
      if (fields.name === undefined) throw new DomainError('VALIDATION', '输入有误：请填写信访人姓名');
      const r = await addPetitioner(ctx.deps, ctx.actor, { caseId, ...fields });
      ctx.notify(r.notifications);
      return done(`${r.case.number} 已添加信访人`, { caseId, note: '已记入审计日志' });
    }
    const petitionerId = str(a.petitionerId);
    if (remove) {
      await removePetitioner(ctx.deps, ctx.actor, { caseId, petitionerId });
      return done('已删除信访人', { caseId, note: RECORDED });
    }
    const r = await correctPetitioner(ctx.deps, ctx.actor, { caseId, petitionerId, ...fields });
    return r.changed ? done('已更正信访人信息', { caseId, note: RECORDED }) : done('内容没有变化，未作修改', { caseId });
  },
};
