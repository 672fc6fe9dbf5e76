import { describe, expect, it } from 'vitest';
import { compileKeywordRules, detectDanger, storedRuleProblem, validateKeywordPattern, type KeywordRule } from '../../src/domain/intake/danger-keywords.js';
import { DEFAULT_KEYWORD_RULES } from '../../src/domain/intake/default-keyword-rules.js';
import { MAX_SCAN_CHARS } from '../../src/domain/intake/scan-text.js';
import { compileKeywordRegex } from '../../src/domain/intake/pattern/keyword-regex.js';
import { searchProgram } from '../../src/domain/intake/pattern/search-program.js';

const codePoints = (s: string) => [...s].map((c) => c.codePointAt(0)!);

/** The linear-time search, for patterns the matcher can run. */
function search(pattern: string, text: string) {
  const compiled = compileKeywordRegex(pattern);
  if (!compiled.ok) throw new Error(`${pattern}: ${compiled.problem}`);
  return { ...searchProgram(compiled.program, codePoints(text)), size: compiled.program.insts.length };
}

/** A small deterministic generator (mulberry32), so a failing case can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomPattern(next: () => number, depth = 0): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  const atom = (): string => {
    const r = next();
    if (r < 0.45 || depth > 1) return pick(['a', 'b', 'c', '.', '[ab]', '[^a]', '\\d', '[a-c1]', '名']);
    if (r < 0.75) return `(${randomPattern(next, depth + 1)})`;
    return `(?:${randomPattern(next, depth + 1)}|${randomPattern(next, depth + 1)})`;
  };
  const parts: string[] = [];
  const length = 1 + Math.floor(next() * 3);
  for (let i = 0; i < length; i++) parts.push(atom() + pick(['', '', '', '*', '+', '?', '{2}', '{1,3}', '{0,2}', '+?']));
  const body = parts.join('');
  return depth === 0 ? pick(['', '', '^']) + body + pick(['', '', '$']) : body;
}

describe('R20: keyword patterns cannot freeze the server', () => {
  it('R20: a pattern open to catastrophic backtracking is refused when saved, with a Chinese message saying why', () => {
    expect(validateKeywordPattern('(a+)+b', true)).toMatch(/重复里又套着重复.*卡住/);
    expect(validateKeywordPattern('(a|aa)*c', true)).toMatch(/开头相同的选项.*卡住/);
    expect(validateKeywordPattern('(.*a){12}', true)).toMatch(/重复里又套着重复/);
    expect(validateKeywordPattern('(a?)*b', true)).toMatch(/重复的内容可以为空/);
    expect(validateKeywordPattern('([a-z]+\\d)*x', true)).toMatch(/重复里又套着重复/);
    expect(validateKeywordPattern('(扬言|扬言要)+自杀', true)).toMatch(/开头相同的选项/);
  });

  it('R20: what the matcher cannot run without backtracking, or what grows too large, is refused too', () => {
    expect(validateKeywordPattern('(?=自杀)自', true)).toMatch(/^正则表达式不支持前后断言/);
    expect(validateKeywordPattern('(闹)\\1', true)).toMatch(/^正则表达式不支持反向引用/);
    expect(validateKeywordPattern('\\b自杀', true)).toMatch(/^正则表达式不支持 \\b/);
    expect(validateKeywordPattern('a{101}', true)).toBe('正则表达式格式不正确：重复次数不能超过 100');
    expect(validateKeywordPattern('(.{0,100}){0,1}[进赴]京.{0,100}.{0,100}.{0,100}.{0,100}.{0,100}.{0,100}.{0,100}.{0,100}.{0,100}.{0,100}.{0,100}.{0,100}.{0,100}.{0,100}.{0,100}.{0,100}.{0,100}.{0,100}.{0,100}', true)).toMatch(/过于复杂/);
    expect(validateKeywordPattern('(跳楼', true)).toBe('正则表达式格式不正确');
    expect(validateKeywordPattern('，。', false)).toMatch(/不能只有空格或标点/);
  });

  it('R20: the rules a township starts with, and ordinary patterns, are accepted', () => {
    for (const rule of DEFAULT_KEYWORD_RULES) expect(validateKeywordPattern(rule.pattern, rule.isRegex), rule.pattern).toBeNull();
    for (const p of ['(市|县)政府门口', '[到去]北京.{0,6}上访', '^联名', '堵(路|桥)$', '(?:拉|打)横幅', '\\d{2,3}人', '(?<where>镇|县)政府门口'])
      expect(validateKeywordPattern(p, true), p).toBeNull();
  });

  it('R20: on an adversarial text an unsafe pattern is searched in steps linear in the text, where backtracking would take 2^n', () => {
    for (const pattern of ['(a+)+b', '(a|aa)*c', '(.*a){12}']) {
      for (const n of [30, 1000, MAX_SCAN_CHARS]) {
        const { found, steps, size } = search(pattern, 'a'.repeat(n));
        expect(found, pattern).toBe(pattern === '(.*a){12}' && n >= 12);
        expect(steps, `${pattern} on ${n} characters`).toBeLessThanOrEqual(2 * size * (n + 1));
      }
    }
    expect(search('(a+)+b', `${'a'.repeat(5000)}b`).found).toBe(true);
  });

  it('R20: the linear-time matcher finds exactly what JavaScript finds, on 1,500 random patterns and texts', () => {
    const next = random(20);
    const texts = Array.from({ length: 40 }, () => Array.from({ length: Math.floor(next() * 9) }, () => 'abc1名'[Math.floor(next() * 5)]).join(''));
    for (let i = 0; i < 1500; i++) {
      const pattern = randomPattern(next);
      const js = new RegExp(pattern, 'u');
      for (const text of texts.slice(0, 12 + (i % 28))) expect(search(pattern, text).found, `/${pattern}/ on "${text}"`).toBe(js.test(text));
    }
  });

  it('R20: a stored rule the matcher cannot run is left out (and said why); a stored unsafe one still matches, in linear time', () => {
    const lookahead: KeywordRule = { category: 'TROUBLE', pattern: '(?=闹)闹事', isRegex: true };
    const nested: KeywordRule = { category: 'MURDER', pattern: '(砍+)+死', isRegex: true };
    const rules = [lookahead, nested, ...DEFAULT_KEYWORD_RULES];
    const compiled = compileKeywordRules(rules);
    expect(compiled.skipped).toEqual([{ rule: lookahead, problem: expect.stringContaining('不支持前后断言') }]);
    expect(storedRuleProblem(lookahead)).toEqual({ problem: expect.stringContaining('不支持前后断言'), skipped: true });
    expect(storedRuleProblem(nested)).toEqual({ problem: expect.stringContaining('重复里又套着重复'), skipped: false });
    expect(storedRuleProblem(DEFAULT_KEYWORD_RULES[0]!)).toBeNull();
    // A keyword of punctuation only is nothing once the text is normalized: it would flag every letter.
    const punctuation: KeywordRule = { category: 'TROUBLE', pattern: '！！', isRegex: false };
    expect(storedRuleProblem(punctuation)).toEqual({ problem: expect.stringContaining('不能只有空格或标点'), skipped: true });
    expect(detectDanger({ text: '请求修缮水渠！！', signatories: 1, isLetter: false }, [punctuation])).toEqual([]);
    expect(compileKeywordRules(rules)).toBe(compiled);
    expect(detectDanger({ text: `${'砍'.repeat(MAX_SCAN_CHARS)}`, signatories: 1, isLetter: false }, rules)).toEqual([]);
    expect(detectDanger({ text: '再不赔就砍砍砍死他', signatories: 1, isLetter: false }, rules)).toEqual([{ category: 'MURDER', pattern: '(砍+)+死' }]);
  });

  it('R20: only the first characters of a very long text are scanned', () => {
    const padding = '请'.repeat(MAX_SCAN_CHARS - 2);
    expect(detectDanger({ text: `${padding}自杀`, signatories: 1, isLetter: false }, DEFAULT_KEYWORD_RULES)).toEqual([{ category: 'SUICIDE', pattern: '自杀' }]);
    expect(detectDanger({ text: `${padding}请自杀`, signatories: 1, isLetter: false }, DEFAULT_KEYWORD_RULES)).toEqual([]);
  });
});
