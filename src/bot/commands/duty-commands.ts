import { noticeCard } from '../../../cards/builders/notice.js';
import { assertGlobalAllowed } from '../../domain/authorization.js';
import { DomainError } from '../../domain/errors.js';
import { isLocalDate } from '../../lib/local-date.js';
import type { CommandHandler } from '../handler.js';
import { meetingForm, myReceptionDays, openScreeningsOf, receptionForm, screeningForm, visitForm } from '../support/duty-forms.js';
import { todoCardFor } from '../support/todo-card.js';

/** An answer to a command that has nothing to do: information, not a confirmation. */
const notice = (title: string, body: string) => noticeCard({ title, body, colour: 'blue' });

/** 下访 (R15): the visit form with the leader's villages and open cases. */
export const visitCommand: CommandHandler = {
  words: ['下访'],
  policy: { global: 'LOG_VISIT' },
  run: async (ctx) => ctx.reply(await visitForm(ctx)),
};

/**
 * 接访 (R14): the log form of this quarter's latest reception day not yet logged, or of the
 * day named (接访 2026-11-02).
 */
export const receptionCommand: CommandHandler = {
  words: ['接访'],
  policy: { global: 'LOG_VISIT' },
  async run(ctx, args) {
    assertGlobalAllowed(ctx.actor.person, 'LOG_VISIT');
    const date = args.trim();
    if (date && !isLocalDate(date)) throw new DomainError('VALIDATION', '请写明接访日期，例如：接访 2026-11-02');
    const days = await myReceptionDays(ctx);
    if (days.length === 0) return ctx.reply(notice('本季度没有您的接访日', '本季度至今没有安排您接访。接访日由镇信访办安排。'));
    const chosen = date ? days.find((d) => d.day.date === date) : [...days].reverse().find((d) => !d.logged);
    if (!chosen) {
      return ctx.reply(date
        ? notice(`${date}没有您的接访日`, `本季度您的接访日：${days.map((d) => d.day.date).join('、')}`)
        : notice('本季度的接访情况均已填报', `已填报：${days.map((d) => d.day.date).join('、')}`));
    }
    await ctx.reply(await receptionForm(ctx, chosen.day.id));
  },
};

/** 排查 (R17): the report form of the unit's earliest-due open period; others are named (待办 lists them all). */
export const screeningCommand: CommandHandler = {
  words: ['排查'],
  policy: { global: 'SUBMIT_UNIT_REPORT' },
  async run(ctx) {
    assertGlobalAllowed(ctx.actor.person, 'SUBMIT_UNIT_REPORT');
    const unitId = ctx.actor.person.unitId;
    if (!unitId) throw new DomainError('VALIDATION', '您未关联单位，无法报送排查情况，请联系信访办');
    const periods = await openScreeningsOf(ctx, unitId);
    if (periods.length === 0) return ctx.reply(notice('目前没有需要本单位报送的排查', '信访办部署排查后，会通知各报送单位。'));
    const [first, ...others] = [...periods].sort((a, b) => (a.reportDueOn < b.reportDueOn ? -1 : a.reportDueOn > b.reportDueOn ? 1 : 0));
    await ctx.reply(await screeningForm(ctx, first!.id));
    if (others.length) {
      await ctx.reply(notice(`另有 ${others.length} 项排查待报送`, others.map((p) => `${p.name}（${p.reportDueOn}前）`).join('；')));
    }
  },
};

/** 会议 (R12): the office records a leading-group meeting. */
export const meetingCommand: CommandHandler = {
  words: ['会议'],
  policy: { global: 'RECORD_MEETING' },
  run: async (ctx) => ctx.reply(await meetingForm(ctx)),
};

/** 待办: everything waiting for me, each with the button that does it. */
export const todoCommand: CommandHandler = {
  words: ['待办'],
  policy: { anyone: true },
  run: async (ctx) => ctx.reply(await todoCardFor(ctx)),
};
