import { describe, expect, it } from 'vitest';
import { compileKeywordRules, detectDanger, storedRuleProblem, validateKeywordPattern, type KeywordRule } from '../../src/domain/intake/danger-keywords.js';
import { DEFAULT_KEYWORD_RULES } from '../../src/domain/intake/default-keyword-rules.js';
import { ORDINARY_PETITION_TEXTS } from '../../src/domain/intake/ordinary-texts.js';

const EVERYTHING = /连空白内容也能匹配.*会把每一件信访都标记为异常信件/;
const ORDINARY = /会把普通的信访内容（如「.+」）也标记为异常信件，请写得更具体/;

describe('R20: a danger rule that would flag every petition, or ordinary ones, is refused', () => {
  it('R20: a regex that matches empty text (.*, a|, (), ^, x*, [0-9]{0,3}) is refused: it would flag every petition', () => {
    for (const pattern of ['.*', 'a|', '()', '^', '$', 'x*', '(自杀)?', '|进京', '[0-9]{0,3}', '(?:)'])
      expect(validateKeywordPattern(pattern, true), pattern).toMatch(EVERYTHING);
  });

  it('R20: a rule matching ordinary petition sentences is refused, naming the sentence: a common character, 上访, 政府, any digit', () => {
    for (const [pattern, isRegex] of [['的', false], ['村', false], ['上访', false], ['补偿', false], ['(镇|县)政府', true], ['.', true], ['[^a]', true], ['\\d', true], ['.{2}', true]] as const) {
      expect(validateKeywordPattern(pattern, isRegex), pattern).toMatch(ORDINARY);
    }
    expect(validateKeywordPattern('的', false)).toBe('这条规则会把普通的信访内容（如「反映我家承包地被占用的问题，请求镇政府帮助解决。」）也标记为异常信件，请写得更具体');
  });

  it('R20: specific rules still pass: words of a threat, a regex with a gap, one anchored to the start', () => {
    for (const [pattern, isRegex] of [['闹访', false], ['讨说法', false], ['(县|市)政府门口', true], ['[到去]北京.{0,6}上访', true], ['^联名', true], ['寻短见', false]] as const) {
      expect(validateKeywordPattern(pattern, isRegex), pattern).toBeNull();
    }
  });

  it('R20: the ordinary sentences are not dangerous by the default rules, and each is checked the way intake reads text (spacing and punctuation ignored)', () => {
    for (const text of ORDINARY_PETITION_TEXTS) expect(detectDanger({ text, signatories: 1, isLetter: false }, DEFAULT_KEYWORD_RULES), text).toEqual([]);
    // 「问题请求」 spans the comma of 「……的问题，请求镇政府……」: sentences are read without their punctuation, as letters are.
    expect(validateKeywordPattern('镇政府帮助', false)).toMatch(ORDINARY);
    expect(validateKeywordPattern('问题请求', false)).toMatch(ORDINARY);
  });

  it('R20: such a rule stored before this check is left out of the scan, marked with why, and flags nothing', () => {
    const everything: KeywordRule = { category: 'TROUBLE', pattern: '.*', isRegex: true };
    const common: KeywordRule = { category: 'BEIJING_COLLECTIVE', pattern: '上访', isRegex: false };
    const rules = [everything, common, ...DEFAULT_KEYWORD_RULES];
    expect(compileKeywordRules(rules).skipped).toEqual([
      { rule: everything, problem: expect.stringMatching(EVERYTHING) },
      { rule: common, problem: expect.stringMatching(ORDINARY) },
    ]);
    expect(storedRuleProblem(everything)).toEqual({ problem: expect.stringMatching(EVERYTHING), skipped: true });
    expect(storedRuleProblem(common)).toEqual({ problem: expect.stringMatching(ORDINARY), skipped: true });
    expect(detectDanger({ text: '我们多次到镇里上访，请求解决宅基地纠纷。', signatories: 1, isLetter: false }, rules)).toEqual([]);
    expect(detectDanger({ text: '不解决我们就集体去北京上访', signatories: 1, isLetter: false }, rules).map((m) => m.category)).toEqual(['BEIJING_COLLECTIVE']);
  });
});
