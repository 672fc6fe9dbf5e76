import { overBroadProblem } from './ordinary-texts.js';
import { compileKeywordRegex, keywordRegexProblem } from './pattern/keyword-regex.js';
import { searchProgram } from './pattern/search-program.js';
import { normalizeForScan, scanText, type ScanText } from './scan-text.js';

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

type Test = (text: ScanText) => boolean;
type Matcher = { rule: KeywordRule; test: Test };

/** A stored rule intake leaves out of the scan — it cannot run, or it would flag ordinary petitions — and why (said on the console page). */
export interface SkippedRule {
  rule: KeywordRule;
  problem: string;
}

interface CompiledRules {
  matchers: Matcher[];
  skipped: SkippedRule[];
}

const PUNCTUATION_ONLY = '关键词不能只有空格或标点（登记内容中的空格和标点会被忽略）';

/**
 * How intake runs a rule, or why it cannot. Regex rules never run on JavaScript's backtracking
 * engine: each is compiled into an automaton searched in linear time, so no rule — not even one
 * stored before unsafe patterns were refused — can freeze an intake.
 */
function ruleTest(rule: KeywordRule): { ok: true; test: Test } | { ok: false; problem: string } {
  if (!rule.isRegex) {
    const needle = normalizeForScan(rule.pattern);
    return needle ? { ok: true, test: ({ text }) => text.includes(needle) } : { ok: false, problem: PUNCTUATION_ONLY };
  }
  const regex = compileKeywordRegex(rule.pattern);
  return regex.ok ? { ok: true, test: ({ codePoints }) => searchProgram(regex.program, codePoints).found } : regex;
}

/** A rule as intake runs it: left out when it cannot run or would flag ordinary petitions (matching empty text, 「的」…). */
function runnableRule(rule: KeywordRule): { ok: true; test: Test } | { ok: false; problem: string } {
  const runs = ruleTest(rule);
  if (!runs.ok) return runs;
  const broad = overBroadProblem(runs.test);
  return broad ? { ok: false, problem: broad } : runs;
}

// The rule list is cached by the configuration source: compiling once per list, not per intake.
const compiledLists = new WeakMap<readonly KeywordRule[], CompiledRules>();

/** The rules ready to scan, and those left out. */
export function compileKeywordRules(rules: readonly KeywordRule[]): CompiledRules {
  const hit = compiledLists.get(rules);
  if (hit) return hit;
  const compiled: CompiledRules = { matchers: [], skipped: [] };
  for (const rule of rules) {
    const runs = runnableRule(rule);
    if (runs.ok) compiled.matchers.push({ rule, test: runs.test });
    else compiled.skipped.push({ rule, problem: runs.problem });
  }
  compiledLists.set(rules, compiled);
  return compiled;
}

/** R20: the categories a letter or petition falls in, each with the first rule that matched. */
export function detectDanger(facts: LetterFacts, rules: readonly KeywordRule[]): DangerMatch[] {
  const text = scanText(facts.text);
  const found = new Map<DangerCategory, DangerMatch>();
  for (const { rule, test } of compileKeywordRules(rules).matchers) {
    if (found.has(rule.category)) continue;
    if (test(text)) found.set(rule.category, { category: rule.category, pattern: rule.pattern });
  }
  if (facts.isLetter && facts.signatories >= 2 && !found.has('JOINT_LETTER')) {
    found.set('JOINT_LETTER', { category: 'JOINT_LETTER', pattern: `${facts.signatories}人署名` });
  }
  return [...found.values()];
}

/**
 * A rule the office types in is checked before it is stored: a broken regex, one open to ReDoS,
 * or one that would flag ordinary petitions (`.*`, `a|`, 「的」) changes nothing.
 */
export function validateKeywordPattern(pattern: string, isRegex: boolean): string | null {
  if (!pattern.trim()) return '关键词不能为空';
  if (pattern.length > 200) return '关键词不能超过200个字符';
  const problem = isRegex ? keywordRegexProblem(pattern) : null;
  if (problem) return problem;
  const runs = runnableRule({ category: 'TROUBLE', pattern, isRegex });
  return runs.ok ? null : runs.problem;
}

/** What is wrong with a rule already stored, by today's checks, and whether intake leaves it out; null when nothing. */
export function storedRuleProblem(rule: KeywordRule): { problem: string; skipped: boolean } | null {
  const problem = validateKeywordPattern(rule.pattern, rule.isRegex);
  if (!problem) return null;
  return { problem, skipped: !runnableRule(rule).ok };
}
