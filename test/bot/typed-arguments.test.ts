import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readCommand } from '../../src/bot/command-text.js';
import { botCommands } from '../../src/bot/create-bot.js';
import { readCaseNumber } from '../../src/bot/support/case-number-text.js';
import { readPastDate } from '../../src/bot/support/date-text.js';
import { DomainError } from '../../src/domain/errors.js';
import { parseInput } from '../../src/usecases/support/parse-input.js';

// Arguments as people type them after a command (the dispatcher has made them half-width);
// test/bot/commands-demo-township.test.ts sends them through the bot.

describe('a case number as typed (案件 …)', () => {
  it.each([
    ['XF-2026-0042', 'XF-2026-0042', false],
    ['xf-2026-42', 'XF-2026-0042', false],
    ['XF 2026 0042', 'XF-2026-0042', false],
    ['XF20260042', 'XF-2026-0042', false],
    ['XF—2026—0042', 'XF-2026-0042', false],
    ['2025-42', 'XF-2025-0042', false],
    ['2025年第42号', 'XF-2025-0042', false],
    ['42', 'XF-2027-0042', true],
    ['0042', 'XF-2027-0042', true],
    ['第42号', 'XF-2027-0042', true],
    ['12345', 'XF-2027-12345', true],
  ])('%s → %s', (typed, number, serialOnly) => {
    expect(readCaseNumber(typed, 2027)).toMatchObject({ number, serialOnly });
  });

  it.each(['青山村', 'XF-26-0042', 'XF-2026', '42a', '', '1234567'])('%s is no case number', (typed) => {
    expect(readCaseNumber(typed, 2027)).toBeNull();
  });
});

describe('a day as typed (接访 …)', () => {
  it.each([
    ['2026-11-02', '2026-11-02'],
    ['2026/11/2', '2026-11-02'],
    ['2026.11.2', '2026-11-02'],
    ['2026年11月2日', '2026-11-02'],
    ['11月2日', '2026-11-02'],
    ['11月2号', '2026-11-02'],
    ['11-02', '2026-11-02'],
    ['11.2', '2026-11-02'],
    ['今天', '2026-11-28'],
    ['昨天', '2026-11-27'],
  ])('%s on 2026-11-28 → %s', (typed, date) => {
    expect(readPastDate(typed, '2026-11-28')).toBe(date);
  });

  it('R14: a day without a year is the latest one up to today: in January, 12月28日 is last December', () => {
    expect(readPastDate('12月28日', '2027-01-05')).toBe('2026-12-28');
    expect(readPastDate('1月5日', '2027-01-05')).toBe('2027-01-05');
  });

  it.each(['13月40日', '2026-02-30', '2月29日', '下周一', '11'])('%s is no day', (typed) => {
    expect(readPastDate(typed, '2026-11-28')).toBeNull();
  });
});

describe('input errors name fields in Chinese, or not at all', () => {
  const refusal = (schema: z.ZodType, input: unknown) => {
    try {
      parseInput(schema, input);
    } catch (err) {
      if (err instanceof DomainError) return err.message;
    }
    throw new Error('not refused');
  };

  it('a labelled field by its Chinese name (案件编号, no longer "number")', () => {
    expect(refusal(z.object({ number: z.string().regex(/^XF/, { error: '格式不对' }) }), { number: '42' })).toBe('输入有误：案件编号：格式不对');
  });

  it('a field without a label is left unnamed, never shown by its code name', () => {
    const message = refusal(z.object({ someField: z.string().min(2, { error: '太短' }) }), { someField: 'x' });
    expect(message).toBe('输入有误：太短');
  });
});

describe('a command word glued to more words is not that command', () => {
  const commands = botCommands(new Map());
  const named = (text: string) => readCommand(text, commands).command?.words[0] ?? null;

  it.each([
    ['我的孩子上学的问题', null],
    ['登记表在哪里', null],
    ['我的', '我的'],
    ['我的。', '我的'],
    ['逾期案件', '逾期'],
    ['帮助一下', '帮助'],
    ['请查看我的', '我的'],
    ['民情 村里有人说要去县里', '民情'],
    ['登记：一件新的来信', '登记'],
    ['案件28', '案件'],
    ['接访11月2日', '接访'],
    ['接访安排', '接访安排'],
  ])('%s → %s', (text, word) => {
    expect(named(text)).toBe(word);
  });
});
