import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeCase } from '../../src/usecases/intake-case.js';
import { databaseBefore, type OlderDatabase } from '../support/older-database.js';
import { buildTownship, intakeForm, type Township } from '../support/township.js';

/** The migration that switches off the default rule of 扬言进京集体访 shipped before. */
const MIGRATION = '20261208090000_beijing_rule_not_for_tourists';
const OLD_DEFAULT = '(集体|组织|一起|联合|大家|全村).{0,8}(进京|去北京|赴京|上北京|到北京)';

describe('R20: an installation with the old 进京 rule is upgraded (real PostgreSQL)', () => {
  let t: OlderDatabase;
  let town: Township;
  const rule = (category: string, pattern: string, isRegex: boolean) =>
    t.db.prisma.keywordRule.findUniqueOrThrow({ where: { category_pattern: { category, pattern } } }).then((r) => ({ isRegex: r.isRegex, active: r.active }));

  beforeAll(async () => {
    t = await databaseBefore(MIGRATION);
    // As the installation stood: the old default in use, the same words copied by the office into
    // another category and as a plain keyword (not the shipped default), and a rule of its own.
    await t.db.prisma.keywordRule.createMany({
      data: [
        { category: 'BEIJING_COLLECTIVE', pattern: OLD_DEFAULT, isRegex: true },
        { category: 'TROUBLE', pattern: OLD_DEFAULT, isRegex: true },
        { category: 'BEIJING_COLLECTIVE', pattern: '进京集体访', isRegex: false },
        { category: 'TROUBLE', pattern: '(县|市)政府门口', isRegex: true },
      ],
    });
    await t.upgrade();
    town = await buildTownship(t.db, '2026-12-08T10:00:00+08:00');
  });
  afterAll(() => t?.drop());

  it('R20: the old default is switched off, not deleted; rules that are not the shipped default stay as they were', async () => {
    expect(await rule('BEIJING_COLLECTIVE', OLD_DEFAULT, true)).toEqual({ isRegex: true, active: false });
    expect(await rule('TROUBLE', OLD_DEFAULT, true)).toEqual({ isRegex: true, active: true });
    expect(await rule('BEIJING_COLLECTIVE', '进京集体访', false)).toEqual({ isRegex: false, active: true });
    expect(await rule('TROUBLE', '(县|市)政府门口', true)).toEqual({ isRegex: true, active: true });
  });

  it('R20: after the next start the new default rules are in: a tourist trip to Beijing is not flagged, a threat to go to 天安门 is', async () => {
    const flags = async (content: string) => (await intakeCase(town.deps, town.actor(town.people.office), intakeForm({ source: 'LETTER', content }))).case.dangerFlags;
    // Only the office's own copy of the old words (扬言滋事) still flags the trip, as the office chose.
    expect(await flags('我们全家一起去北京旅游，想看看天安门，请假手续请镇里帮忙。')).toEqual(['TROUBLE']);
    expect(await flags('暑假想带孩子去北京看看天安门升旗。')).toEqual([]);
    expect(await flags('问题再不解决，我们就到天安门讨说法。')).toEqual(['BEIJING_COLLECTIVE']);
    expect(await flags('组织几十人进京。')).toContain('BEIJING_COLLECTIVE');
  });
});
