import { compileKeywordRegex, keywordRegexProblem } from './pattern/keyword-regex.js';
import { searchProgram } from './pattern/search-program.js';

/** R20: categories of dangerous or important letters (异常信件). */
export type DangerCategory = 'SUICIDE' | 'MURDER' | 'EXPLOSION' | 'TROUBLE' | 'BEIJING_COLLECTIVE' | 'JOINT_LETTER';

export const DANGER_CATEGORY_LABELS: Record<DangerCategory, string> = {
  SUICIDE: '扬言自杀',
  MURDER: '扬言杀人',
  EXPLOSION: '扬言爆炸',
  TROUBLE: '扬言滋事',
  BEIJING_COLLECTIVE: '扬言进京集体访',
  JOINT_LETTER: '联名信',
};

export interface KeywordRule {
  category: DangerCategory;
  pattern: string;
  isRegex: boolean;
}

/** The rules a new installation starts with; the office edits them at run time. */
export const DEFAULT_KEYWORD_RULES: readonly KeywordRule[] = [
  ...['自杀', '轻生', '跳楼', '跳河', '喝农药', '服毒', '自焚', '上吊', '不想活'].map((p) => kw('SUICIDE', p)),
  ...['杀人', '杀了他', '杀了你', '砍死', '同归于尽', '报复社会', '弄死'].map((p) => kw('MURDER', p)),
  ...['爆炸', '炸药', '炸掉', '炸了', '引爆', '雷管'].map((p) => kw('EXPLOSION', p)),
  ...['滋事', '闹事', '堵路', '围堵', '拉横幅', '打横幅', '静坐'].map((p) => kw('TROUBLE', p)),
  { category: 'BEIJING_COLLECTIVE', pattern: '(集体|组织|一起|联合|大家|全村).{0,8}(进京|去北京|赴京|上北京|到北京)', isRegex: true },
  { category: 'BEIJING_COLLECTIVE', pattern: '进京集体访', isRegex: false },
  ...['联名信', '联名', '联合签名', '签名按手印', '按手印'].map((p) => kw('JOINT_LETTER', p)),
];

function kw(category: DangerCategory, pattern: string): KeywordRule {
  return { category, pattern, isRegex: false };
}

/** Removes spacing and punctuation so that "扬 言 自 杀" or "扬言·自杀" still match. */
export function normalizeForScan(text: string): string {
  return text.replace(/[\s\p{P}\p{S}]+/gu, '').toLowerCase();
}

export interface DangerMatch {
  category: DangerCategory;
  pattern: string;
}

export interface LetterFacts {
  text: string;
  /** A letter signed by several petitioners is a joint letter whatever its words. */
  signatories: number;
  isLetter: boolean;
}

/**
 * Text beyond this many characters (after normalizing) is not scanned: an intake holds at most a
 * title and 5,000 characters of content, so only text from elsewhere is ever cut.
 */
export const MAX_SCAN_CHARS = 10_000;

type Matcher = { rule: KeywordRule; test: (text: string, codePoints: readonly number[]) => boolean };

/** A stored rule the linear-time matcher cannot run: it is left out of the scan (and said so on the console page). */
export interface SkippedRule {
  rule: KeywordRule;
  problem: string;
}

interface CompiledRules {
  matchers: Matcher[];
  skipped: SkippedRule[];
}

// The rule list is cached by the configuration source: compiling once per list, not per intake.
const compiledLists = new WeakMap<readonly KeywordRule[], CompiledRules>();

/**
 * The rules ready to scan. Regex rules never run on JavaScript's backtracking engine: each is
 * compiled into an automaton searched in linear time, so no rule — not even one stored before
 * unsafe patterns were refused — can freeze an intake.
 */
export function compileKeywordRules(rules: readonly KeywordRule[]): CompiledRules {
  const hit = compiledLists.get(rules);
  if (hit) return hit;
  const compiled: CompiledRules = { matchers: [], skipped: [] };
  for (const rule of rules) {
    if (!rule.isRegex) {
      const needle = normalizeForScan(rule.pattern);
      if (needle) compiled.matchers.push({ rule, test: (text) => text.includes(needle) });
      continue;
    }
    const regex = compileKeywordRegex(rule.pattern);
    if (regex.ok) compiled.matchers.push({ rule, test: (_text, codePoints) => searchProgram(regex.program, codePoints).found });
    else compiled.skipped.push({ rule, problem: regex.problem });
  }
  compiledLists.set(rules, compiled);
  return compiled;
}

/** R20: the categories a letter or petition falls in, each with the first rule that matched. */
export function detectDanger(facts: LetterFacts, rules: readonly KeywordRule[]): DangerMatch[] {
  const codePoints = [...normalizeForScan(facts.text)].slice(0, MAX_SCAN_CHARS).map((c) => c.codePointAt(0)!);
  const text = String.fromCodePoint(...codePoints);
  const found = new Map<DangerCategory, DangerMatch>();
  for (const { rule, test } of compileKeywordRules(rules).matchers) {
    if (found.has(rule.category)) continue;
    if (test(text, codePoints)) found.set(rule.category, { category: rule.category, pattern: rule.pattern });
  }
  if (facts.isLetter && facts.signatories >= 2 && !found.has('JOINT_LETTER')) {
    found.set('JOINT_LETTER', { category: 'JOINT_LETTER', pattern: `${facts.signatories}人署名` });
  }
  return [...found.values()];
}

/** A rule the office types in is checked before it is stored: a broken regex, or one open to ReDoS, changes nothing. */
export function validateKeywordPattern(pattern: string, isRegex: boolean): string | null {
  if (!pattern.trim()) return '关键词不能为空';
  if (pattern.length > 200) return '关键词不能超过200个字符';
  if (!isRegex && !normalizeForScan(pattern)) return '关键词不能只有空格或标点（登记内容中的空格和标点会被忽略）';
  return isRegex ? keywordRegexProblem(pattern) : null;
}

/** What is wrong with a rule already stored, by today's checks, and whether intake leaves it out; null when nothing. */
export function storedRuleProblem(rule: KeywordRule): { problem: string; skipped: boolean } | null {
  const problem = validateKeywordPattern(rule.pattern, rule.isRegex);
  if (!problem) return null;
  return { problem, skipped: rule.isRegex ? !compileKeywordRegex(rule.pattern).ok : !normalizeForScan(rule.pattern) };
}
