import type { DangerCategory, KeywordRule } from './danger-keywords.js';

// R20: the rules a new installation starts with; the office adds its own and switches any off
// at run time (系统管理 → 异常信件关键词). Rules are matched on the text without spacing and
// punctuation.

export const DEFAULT_KEYWORD_RULES: readonly KeywordRule[] = [
  ...['自杀', '轻生', '跳楼', '跳河', '喝农药', '服毒', '自焚', '上吊', '不想活'].map((p) => kw('SUICIDE', p)),
  ...['杀人', '杀了他', '杀了你', '砍死', '同归于尽', '报复社会', '弄死'].map((p) => kw('MURDER', p)),
  ...['爆炸', '炸药', '炸掉', '炸了', '引爆', '雷管'].map((p) => kw('EXPLOSION', p)),
  ...['滋事', '闹事', '堵路', '围堵', '拉横幅', '打横幅', '静坐'].map((p) => kw('TROUBLE', p)),
  { category: 'BEIJING_COLLECTIVE', pattern: '(集体|组织|一起|联合|大家|全村).{0,8}(进京|去北京|赴京|上北京|到北京)', isRegex: true },
  kw('BEIJING_COLLECTIVE', '进京集体访'),
  ...['联名信', '联名', '联合签名', '签名按手印', '按手印'].map((p) => kw('JOINT_LETTER', p)),
];

function kw(category: DangerCategory, pattern: string): KeywordRule {
  return { category, pattern, isRegex: false };
}
