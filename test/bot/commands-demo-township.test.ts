import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Card } from '../../cards/model.js';
import { botCommands } from '../../src/bot/create-bot.js';
import { DbConfigSource } from '../../src/db/config-source.js';
import { toPerson } from '../../src/db/repos/mappers.js';
import { prismaUnitOfWork } from '../../src/db/unit-of-work.js';
import { PEOPLE, type PersonKey } from '../../src/demo/directory.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import type { Person } from '../../src/domain/model.js';
import { FixedClock } from '../../src/lib/clock.js';
import { fromDbDate } from '../../src/lib/local-date.js';
import { TEST_AUDIT_KEY } from '../support/audit-key.js';
import { freshPostgres, type TestDatabase } from '../support/database.js';
import { cardText, startSandboxBot, type SandboxAnswer, type SandboxBot } from '../support/sandbox-bot.js';

// What a person walking the demo township 清河镇 in the sandbox types, as they type it on a
// phone, through the one dispatcher: 帮助 lists what they may use, and commands are read however
// they are written (no space, 全角, lower case, a bare serial, punctuation, a hand-typed @).

const NOW = '2026-11-28T10:00:00+08:00';

/** One person of each kind of the demo's people (roles, with or without a unit). */
const ONE_OF_EACH: PersonKey[] = ['liu', 'wang', 'zhang', 'zhao', 'zhou', 'wu', 'he', 'gao', 'song', 'deng', 'peng', 'xie'];

describe('commands as people type them, on the demo township in the sandbox (PostgreSQL)', () => {
  let t: TestDatabase;
  let sb: SandboxBot;
  const people = {} as Record<PersonKey, Person>;

  beforeAll(async () => {
    t = await freshPostgres();
    const clock = new FixedClock(new Date(NOW));
    await seedDemo(t.db, clock, TEST_AUDIT_KEY);
    sb = await startSandboxBot(t.db, { uow: prismaUnitOfWork(t.db.prisma, TEST_AUDIT_KEY), clock, config: new DbConfigSource(t.db.prisma, 0) });
    for (const key of Object.keys(PEOPLE) as PersonKey[]) {
      people[key] = toPerson(await t.db.prisma.person.findFirstOrThrow({ where: { name: PEOPLE[key].name } }));
    }
  }, 300_000);
  afterAll(() => t?.drop());

  const only = (a: SandboxAnswer): Card => {
    expect(a.cards, 'one answer').toHaveLength(1);
    return a.cards[0]!;
  };
  const answerText = async (who: PersonKey, text: string, group = false) => cardText(only(await sb.say(people[who], text, { group })));
  const helpOf = async (who: PersonKey) => [...(await answerText(who, '帮助')).matchAll(/^- \*\*(.+?)\*\*：/gm)].map((m) => m[1]!);
  const forbidden = (a: SandboxAnswer) => a.refusals.filter((r) => r.code === 'FORBIDDEN');

  it('R24: every command on a person\'s 帮助 is accepted from them, and every command refused to them is not on it (one person of each role)', async () => {
    const wrong: string[] = [];
    for (const key of ONE_OF_EACH) {
      const shown = await helpOf(key);
      const usages: string[] = [];
      for (const command of botCommands(new Map())) {
        const usage = command.help.usage ?? command.words[0]!;
        usages.push(usage);
        const answer = await sb.say(people[key], command.words[0]!);
        const refused = forbidden(answer).length > 0;
        if (shown.includes(usage) === refused) wrong.push(`${PEOPLE[key].name} ${usage}: ${shown.includes(usage) ? 'shown but refused' : 'accepted but not shown'}`);
      }
      expect(shown.filter((s) => !usages.includes(s)), PEOPLE[key].name).toEqual([]);
    }
    expect(wrong).toEqual([]);
  });

  it('宋佳, a cadre of 司法所, is shown her own commands only: no 逾期, 统计, 下访 or 接访; the office sees all, 同步用户 included', async () => {
    expect(await helpOf('song')).toEqual(['帮助', '登记', '我的', '案件 编号', '待办', '排查', '接访安排']);
    expect(await answerText('song', '逾期')).toContain('只有信访办和主要领导可以查看全部案件');
    expect(await helpOf('wu')).toEqual(botCommands(new Map()).map((c) => c.help.usage ?? c.words[0]));
    expect(await helpOf('xie')).toEqual(['帮助', '登记', '我的', '案件 编号', '待办', '接访安排', '民情']);
  });

  it('R14: 接访 from 宋佳 (a cadre) is refused about reception days, not with the 下访 wording', async () => {
    const answer = await sb.say(people.song, '接访');
    expect(forbidden(answer)).toEqual([expect.objectContaining({ code: 'FORBIDDEN', details: { policy: 'global:LOG_RECEPTION' } })]);
    const text = cardText(only(answer));
    expect(text).toContain('接访日由镇级领导接待，接访情况由当天接访的领导或信访办填报');
    expect(text).not.toContain('下访');
    // 接访安排 is its own command, not 接访 with an argument: open to her.
    expect(await answerText('song', '接访安排')).toContain('接访');
  });

  it('R14: a reception leader names the day as people write it (11月2日, 2026/11/2, 11.2), and a day that is no date is answered in Chinese', async () => {
    const day = await t.db.prisma.receptionDay.findFirstOrThrow({ where: { date: { gte: new Date('2026-10-01'), lte: new Date('2026-11-28') } }, orderBy: { date: 'asc' } });
    const key = (Object.keys(PEOPLE) as PersonKey[]).find((k) => people[k].id === day.leaderId)!;
    const date = fromDbDate(day.date);
    const [, m, d] = date.split('-').map(Number);
    const logged = day.loggedById !== null;
    for (const typed of [`接访 ${m}月${d}日`, `接访${date.replace(/-/g, '/')}`, `接访　${m}.${d}`, `接访：${date}。`]) {
      const text = await answerText(key, typed);
      // The day was read: its form, or (already logged) that it was logged, never "no such day".
      expect(text, typed).toContain(logged ? `${date}的接访情况已填报` : '填报接访情况');
      expect(text, typed).not.toContain('没有您的接访日');
    }
    const bad = await answerText(key, '接访 13月40日');
    expect(bad).toContain('“13月40日”不是日期。请写明接访日期，例如：接访 11月2日');
    // R14: the office logs a leader's day for them: 接访 with the date finds that leader's day.
    const byOffice = await answerText('wu', `接访 ${m}月${d}日`);
    expect(byOffice).toContain(logged ? `${date}的接访情况已填报` : '填报接访情况');
    expect(byOffice).not.toContain('没有');
  });

  describe('案件: the case however its number is typed', () => {
    let number: string;
    beforeAll(async () => {
      number = 'XF-2026-0028';
      await t.db.prisma.case.findUniqueOrThrow({ where: { number } });
    });

    const TYPED = [
      '案件XF-2026-0028', '案件 xf-2026-0028', '案件　ＸＦ－２０２６－００２８', '案件 28', '案件28', '案件：28。', '「案件 0028」', '案件 第28号',
      '案件 2026-28', '案件 XF2026-28', '@信访包案助手 案件 28', '请查看案件28', '\u200b案件\u2005XF-2026-0028', 'XF-2026-0028', 'xf-2026-0028？',
    ];
    it.each(TYPED)('%s → the case card of XF-2026-0028 (a bare serial is this year\'s, by the clock)', async (typed) => {
      const answer = await sb.say(people.zheng, typed);
      expect(answer.refusals).toEqual([]);
      expect(only(answer).title).toContain(number);
    });

    it('in the town group too: 案件28 after the @ the platform removed', async () => {
      expect(only(await sb.say(people.zheng, '案件28', { group: true })).title).toContain(number);
    });

    it('a serial with no case this year, a number with no case, no number, and words that are no number: each answered in Chinese, never with a field name', async () => {
      const answers = {
        serial: await answerText('zheng', '案件 9999'),
        number: await answerText('zheng', '案件 XF-2025-0028'),
        none: await answerText('zheng', '案件'),
        words: await answerText('zheng', '案件 青山村'),
      };
      expect(answers.serial).toContain('找不到今年的第 9999 号案件（XF-2026-9999）。往年的案件请写完整编号，例如：案件 XF-2025-9999');
      expect(answers.number).toContain('找不到案件 XF-2025-0028');
      expect(answers.none).toContain('请在“案件”后写上案件编号，例如：案件 XF-2026-0042；今年的案件也可只写序号，例如：案件 42');
      expect(answers.words).toContain('“青山村”不是案件编号。例如：案件 XF-2026-0042');
      for (const text of Object.values(answers)) expect(text).not.toMatch(/[A-Za-z]+：/);
    });
  });

  it('every other command is read the same way: 全角, lower case, trailing punctuation, a lead-in, an @ typed by hand', async () => {
    const titles = async (who: PersonKey, typed: string) => {
      const answer = await sb.say(people[who], typed);
      expect(answer.refusals, typed).toEqual([]);
      return only(answer).title;
    };
    const todo = await titles('wu', '待办');
    for (const typed of ['待办。', '待办！', '「待办」', '@信访包案助手 待办', '查看待办', '　待办　']) expect(await titles('wu', typed), typed).toBe(todo);
    const overdue = await titles('wu', '逾期');
    for (const typed of ['逾期?', '逾期？', '查询逾期', '逾期案件']) expect(await titles('wu', typed), typed).toBe(overdue);
    const help = await titles('song', '帮助');
    for (const typed of ['HELP', 'Help', 'ｈｅｌｐ', '？', '帮助一下']) expect(await titles('song', typed), typed).toBe(help);
    expect(await titles('song', '我要登记')).toBe(await titles('song', '登记'));
    // The longest command word wins: 排查期 is the office's, not 排查 with an argument.
    expect(await titles('wu', '排查期')).not.toBe(await titles('wu', '排查'));
  });
});
