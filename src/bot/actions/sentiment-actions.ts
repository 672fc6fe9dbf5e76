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
    return done(`已转为案件 ${r.case.number}`, { caseId: r.case.id, note: '信访人情况请在案件中补充' });
  },
};
