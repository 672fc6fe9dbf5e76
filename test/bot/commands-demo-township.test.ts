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
import { TEST_AUDIT_KEY } from '../support/audit-key.js';
import { freshPostgres, type TestDatabase } from '../support/database.js';
import { cardText, startSandboxBot, type SandboxAnswer, type SandboxBot } from '../support/sandbox-bot.js';

// What a person walking the demo township 清河镇 in the sandbox types, through the one
// dispatcher: 帮助 lists what they may use, and nothing it lists is refused to them.

const NOW = '2026-11-28T10:00:00+08:00';

/** One person of each kind of the demo's people (roles, with or without a unit). */
const ONE_OF_EACH: PersonKey[] = ['liu', 'wang', 'zhang', 'zhao', 'zhou', 'wu', 'he', 'gao', 'song', 'deng', 'peng', 'xie'];

describe('commands on the demo township in the sandbox (PostgreSQL)', () => {
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
});
