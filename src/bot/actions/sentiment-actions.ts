import { decodeForm } from '../../../cards/actions.js';
import { convertSentimentToCase } from '../../usecases/duties/convert-sentiment-to-case.js';
import { reportSentiment } from '../../usecases/duties/report-sentiment.js';
import type { ActionHandler } from '../handler.js';
import { done, sendForm, str } from '../support/responses.js';
import { sentimentConvertForm, sentimentForm } from '../support/sentiment-forms.js';

/** R16 民情信息: reported by village collectors, turned into cases by the office. */
export const sentimentActions: Record<string, ActionHandler> = {
  'sentiment.open': async (ctx) => sendForm(ctx, await sentimentForm(ctx)),

  'sentiment.submit': async (ctx, _a, form) => {
    const { notifications } = await reportSentiment(ctx.deps, ctx.actor, decodeForm({ a: 'sentiment.submit' }, form));
    ctx.notify(notifications);
    return done('民情信息已报送', { note: '已通知包片领导和信访办' });
  },

  'sentiment.convert-open': async (ctx, a) => sendForm(ctx, await sentimentConvertForm(ctx, str(a.reportId))),

  'sentiment.convert-submit': async (ctx, a, form) => {
    const r = await convertSentimentToCase(ctx.deps, ctx.actor, { reportId: a.reportId, ...decodeForm({ a: 'sentiment.convert-submit' }, form) });
    ctx.notify(r.notifications);
    const note = r.case.petitionersPending ? '信访人待补充：请核实后在案件卡片中点击“补充信访人”，或在信访办工作台补充' : '已按登记流程办理';
    return done(`已转为案件 ${r.case.number}`, { caseId: r.case.id, note });
  },
};
