import { helpCard } from '../../../cards/builders/help.js';
import { statisticsCard } from '../../../cards/builders/statistics.js';
import { assertGlobalAllowed } from '../../domain/authorization.js';
import { DomainError, isDomainError } from '../../domain/errors.js';
import { localDateOf } from '../../lib/local-date.js';
import { formatCaseNumber } from '../../usecases/intake-case.js';
import { commandDecision } from '../authorize-action.js';
import type { CommandHandler, HandlerContext } from '../handler.js';
import { isCompleteCaseNumber, readCaseNumber } from '../support/case-number-text.js';
import { showCase } from '../support/case-card.js';
import { intakeForm } from '../support/intake-form.js';
import { listCard } from '../support/list-cards.js';

const today = (ctx: HandlerContext) => localDateOf(ctx.now);

/** 帮助, and anything the bot does not understand: never silence. Lists what the dispatcher would let this person use. */
export const helpCommand: CommandHandler = {
  words: ['帮助', 'help', '?', '？'],
  policy: { anyone: true },
  help: { what: '显示本说明' },
  async run(ctx) {
    const usable = ctx.commands.filter((c) => commandDecision(ctx.actor.person, c.policy).allowed);
    const commands = usable.map((c) => ({ usage: c.help.usage ?? c.words[0]!, what: c.help.what }));
    await ctx.reply(helpCard({ person: ctx.actor.person, commands, canIntake: usable.includes(intakeCommand) }));
  },
};

/** 登记: the intake form (R1 flags and R20 keywords fire on submit). */
export const intakeCommand: CommandHandler = {
  words: ['登记'],
  policy: { global: 'INTAKE' },
  help: { what: '登记新的信访事项' },
  async run(ctx) {
    assertGlobalAllowed(ctx.actor.person, 'INTAKE');
    await ctx.reply(await intakeForm(ctx));
  },
};

/** 我的: my open cases, most urgent first. */
export const mineCommand: CommandHandler = {
  words: ['我的'],
  policy: { anyone: true },
  help: { what: '我包案、负责或本单位承办的案件' },
  run: async (ctx) => ctx.reply(await listCard(ctx, 'mine')),
};

/** 逾期: the township's overdue list (office and principal leaders). */
export const overdueCommand: CommandHandler = {
  words: ['逾期'],
  policy: { global: 'LIST_ALL_CASES' },
  help: { what: '逾期案件，按紧急程度排列' },
  run: async (ctx) => ctx.reply(await listCard(ctx, 'overdue')),
};

/** 统计: township figures of this year. */
export const statisticsCommand: CommandHandler = {
  words: ['统计'],
  policy: { global: 'LIST_ALL_CASES' },
  help: { what: '全镇案件统计（按状态、来源、村、月份）' },
  async run(ctx) {
    assertGlobalAllowed(ctx.actor.person, 'LIST_ALL_CASES');
    const year = Number(today(ctx).slice(0, 4));
    const s = await ctx.read.statistics(year, today(ctx));
    const closed = s.byStatus.RESOLVED + s.byStatus.FOLLOWED_UP + s.byStatus.ARCHIVED;
    await ctx.reply(
      statisticsCard({
        asOf: today(ctx),
        scope: `${year}年全镇`,
        total: s.total,
        open: s.total - closed,
        overdue: s.overdue.open,
        byStatus: s.byStatus,
        bySource: s.bySource,
        byVillage: s.byVillage.map((v) => ({ name: v.villageName, count: v.count })),
        byMonth: s.byMonth.map((count, i) => ({ month: `${year}-${String(i + 1).padStart(2, '0')}`, count })),
      }),
    );
  },
};

/** 案件 XF-2026-0042 (or 案件 42, this year's): the case card with the buttons this person may use. */
export const caseCommand: CommandHandler = {
  words: ['案件'],
  takesArgument: true,
  policy: { case: 'VIEW' },
  help: { usage: '案件 编号', what: '查看一件案件及可办理的操作；今年的案件只写序号即可，如：案件 42' },
  recognizes: isCompleteCaseNumber,
  async run(ctx, args) {
    const year = Number(today(ctx).slice(0, 4));
    const example = `例如：案件 XF-${year}-0042；今年的案件也可只写序号，例如：案件 42`;
    if (!args) throw new DomainError('VALIDATION', `请在“案件”后写上案件编号，${example}`);
    const typed = readCaseNumber(args, year);
    if (!typed) throw new DomainError('VALIDATION', `“${args}”不是案件编号。${example}`);
    let shown: 'here' | 'direct';
    try {
      shown = await showCase(ctx, { number: typed.number });
    } catch (err) {
      if (!typed.serialOnly || !isDomainError(err) || err.code !== 'NOT_FOUND') throw err;
      throw new DomainError('NOT_FOUND', `找不到今年的第 ${typed.serial} 号案件（${typed.number}）。往年的案件请写完整编号，例如：案件 ${formatCaseNumber(year - 1, typed.serial)}`);
    }
    if (shown === 'direct') {
      await ctx.reply({ title: '该事项不在群聊中显示', colour: 'grey', elements: [{ kind: 'note', text: '已通过与机器人的单聊回复您。' }] });
    }
  },
};
