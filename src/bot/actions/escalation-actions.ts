import { decodeForm } from '../../../cards/actions.js';
import { abnormalPetitionFormCard } from '../../../cards/builders/abnormal-petition-form.js';
import { ABNORMAL_DESTINATION_LABELS } from '../../domain/escalation/alert-kinds.js';
import { localDateOf } from '../../lib/local-date.js';
import { raiseMajorEvent } from '../../usecases/escalation/raise-major-event.js';
import { reportAbnormalPetition } from '../../usecases/escalation/report-abnormal-petition.js';
import type { ActionHandler } from '../handler.js';
import { caseFor, caseHead } from '../support/case-ref.js';
import { majorEventForm } from '../support/escalation-forms.js';
import { done, sendForm, str } from '../support/responses.js';

/** R18 major events and R21 abnormal petitions, reported from chat. */
export const escalationActions: Record<string, ActionHandler> = {
  'major-event.open': async (ctx) => sendForm(ctx, await majorEventForm(ctx)),

  'major-event.submit': async (ctx, _a, form) => {
    const { alert, notifications } = await raiseMajorEvent(ctx.deps, ctx.actor, decodeForm({ a: 'major-event.submit' }, form));
    ctx.notify(notifications);
    return done('重大事项已报告', {
      message: alert.title,
      caseId: alert.caseId,
      note: `已通知 ${alert.recipients.length} 人赶赴现场或靠前指挥，未确认的将重复提醒并逐级上报`,
    });
  },

  'abnormal.open': async (ctx, a) => {
    const c = await caseFor(ctx, str(a.caseId), 'REPORT_ABNORMAL');
    return sendForm(ctx, abnormalPetitionFormCard({ case: caseHead(c), today: localDateOf(ctx.now) }));
  },

  'abnormal.submit': async (ctx, a, form) => {
    const r = await reportAbnormalPetition(ctx.deps, ctx.actor, { caseId: a.caseId, ...decodeForm({ a: 'abnormal.submit' }, form) });
    ctx.notify(r.notifications);
    const duties = r.selfCriticism ? '包案领导须组织劝返，并因案件逾期提交书面检查' : '包案领导须组织劝返并登记劝返情况';
    return done(`${ABNORMAL_DESTINATION_LABELS[r.persuasion.destination]}已报告`, { caseId: r.persuasion.caseId, note: duties });
  },
};
