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

/** R20: the categories a letter or petition falls in, each with the first rule that matched. */
export function detectDanger(facts: LetterFacts, rules: readonly KeywordRule[]): DangerMatch[] {
  const text = normalizeForScan(facts.text);
  const found = new Map<DangerCategory, DangerMatch>();
  for (const rule of rules) {
    if (found.has(rule.category)) continue;
    const hit = rule.isRegex
      ? new RegExp(rule.pattern, 'u').test(text)
      : text.includes(normalizeForScan(rule.pattern));
    if (hit) found.set(rule.category, { category: rule.category, pattern: rule.pattern });
  }
  if (facts.isLetter && facts.signatories >= 2 && !found.has('JOINT_LETTER')) {
    found.set('JOINT_LETTER', { category: 'JOINT_LETTER', pattern: `${facts.signatories}人署名` });
  }
  return [...found.values()];
}

/** A rule the office types in is checked before it is stored: a broken regex changes nothing. */
export function validateKeywordPattern(pattern: string, isRegex: boolean): string | null {
  if (!pattern.trim()) return '关键词不能为空';
  if (pattern.length > 200) return '关键词不能超过200个字符';
  if (isRegex) {
    try {
      new RegExp(pattern, 'u');
    } catch {
      return '正则表达式格式不正确';
    }
  }
  return null;
}
