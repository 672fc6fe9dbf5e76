import { noticeCard } from '../../../cards/builders/notice.js';
import { assertGlobalAllowed } from '../../domain/authorization.js';
import { DomainError } from '../../domain/errors.js';
import { holdsOfficeDuties } from '../../domain/worklist/todo-item.js';
import { localDateOf } from '../../lib/local-date.js';
import type { CommandHandler } from '../handler.js';
import { meetingForm, myReceptionDays, openScreeningsOf, receptionForm, screeningForm, visitForm } from '../support/duty-forms.js';
import { readPastDate } from '../support/date-text.js';
import { todoCardFor } from '../support/todo-card.js';

/** An answer to a command that has nothing to do: information, not a confirmation. */
const notice = (title: string, body: string) => noticeCard({ title, body, colour: 'blue' });

/** 下访 (R15): the visit form with the leader's villages and open cases. */
export const visitCommand: CommandHandler = {
  words: ['下访'],
  policy: { global: 'LOG_VISIT' },
  help: { what: '填报每月下访记录' },
  run: async (ctx) => ctx.reply(await visitForm(ctx)),
};

/**
 * 接访 (R14): the log form of this quarter's latest reception day not yet logged, or of the
 * day named (接访 11月2日, 接访 2026-11-02).
 */
export const receptionCommand: CommandHandler = {
  words: ['接访'],
  takesArgument: true,
  policy: { global: 'LOG_RECEPTION' },
  help: { what: '填报本人接访日的接待情况（可写日期，如：接访 11月2日）' },
  async run(ctx, args) {
    assertGlobalAllowed(ctx.actor.person, 'LOG_RECEPTION');
    // Words without a digit (接访情况, 接访填报) name no day: the latest day not yet logged is meant.
    const named = /\d|[今昨前][天日]/.test(args) ? args : '';
    const date = named ? readPastDate(named, localDateOf(ctx.now)) : null;
    if (named && !date) throw new DomainError('VALIDATION', `“${named}”不是日期。请写明接访日期，例如：接访 11月2日，或 接访 2026-11-02`);
    const days = await myReceptionDays(ctx);
    const whose = holdsOfficeDuties(ctx.actor.person) ? '' : '您的';
    if (days.length === 0) return ctx.reply(notice(`本季度没有${whose}接访日`, whose ? '本季度至今没有安排您接访。接访日由镇信访办安排。' : '本季度至今没有已举行的接访日。'));
    const chosen = date ? days.find((d) => d.day.date === date && !d.logged) ?? days.find((d) => d.day.date === date) : [...days].reverse().find((d) => !d.logged);
    if (!chosen) {
      return ctx.reply(date
        ? notice(`${date}没有${whose}接访日`, `本季度${whose}接访日：${[...new Set(days.map((d) => d.day.date))].join('、')}`)
        : notice('本季度的接访情况均已填报', `已填报：${[...new Set(days.map((d) => d.day.date))].join('、')}`));
    }
    await ctx.reply(await receptionForm(ctx, chosen.day.id));
  },
};

/** 排查 (R17): the report form of the unit's earliest-due open period; others are named (待办 lists them all). */
export const screeningCommand: CommandHandler = {
  words: ['排查'],
  policy: { global: 'SUBMIT_UNIT_REPORT' },
  help: { what: '报送矛盾纠纷排查情况或零报告' },
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
  help: { what: '记录信访领导小组研究重大疑难案件的会议' },
  run: async (ctx) => ctx.reply(await meetingForm(ctx)),
};

/** 待办: everything waiting for me, each with the button that does it. */
export const todoCommand: CommandHandler = {
  words: ['待办'],
  policy: { anyone: true },
  help: { what: '此刻由我负责的全部事项，按紧急程度排列' },
  run: async (ctx) => ctx.reply(await todoCardFor(ctx)),
};
