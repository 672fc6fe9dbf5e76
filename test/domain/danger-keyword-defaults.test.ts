import { describe, expect, it } from 'vitest';
import { detectDanger, validateKeywordPattern } from '../../src/domain/intake/danger-keywords.js';
import { DEFAULT_KEYWORD_RULES } from '../../src/domain/intake/default-keyword-rules.js';

const categories = (text: string) => detectDanger({ text, signatories: 1, isLetter: false }, DEFAULT_KEYWORD_RULES).map((m) => m.category);

/** Threats of taking the matter to Beijing, as petitions and letters put them. */
const THREATS = [
  '不解决我们就集体去北京上访',
  '到天安门讨说法',
  '组织几十人进京',
  '再不给补偿款，我就去北京上访！',
  '我们全村人要集体进京，找中央讨个说法',
  '问题再不解决，我们就到天安门广场拉横幅',
  '这事不处理，我们三十多人就赴京',
  '镇里不管，我要上北京告御状',
  '大家商量好了，联合起来进京上访',
  '如果镇里还不答复，我们就去国家信访局',
  '几十户村民准备到北京请愿',
  '不给个说法，我就去天安门喊冤',
  '老父亲说要去中南海门口跪着',
  '上百人已经串联好了，月底一起赴京',
];

/** Beijing and 天安门 as places people visit, study, work or are treated in; a collective trip that is not a petition; a petition in Beijing told as past. */
const NOT_THREATS = [
  '我们想去北京看看天安门',
  '大家一起去北京旅游，顺便看看天安门升旗',
  '暑假带孩子去北京看升国旗',
  '儿子在北京打工，春节回家',
  '母亲去北京住院看病，花了不少钱，申请大病救助',
  '镇里组织党员去北京参观学习',
  '我们全家一起去北京玩了几天',
  '村里组织老人到北京旅游，费用分摊不公平',
  '女儿考上了北京的大学，学费有困难',
  '去年国庆节我们去北京天安门广场照了相',
  '我在天安门广场看了升旗仪式，很受教育',
  '我们小组集体去北京参加培训',
  '上访人已劝返，表示不再进京',
  '天安门广场很热闹，人很多',
  // A referral or a record that tells of a petition in Beijing in the past announces nothing.
  '上级交办：信访人多年来多次到县、市反映，近期赴京上访，国家信访局转交地方处理，请求落实社保待遇。',
  '该户曾于2019年进京上访，经劝返后已息诉罢访。',
];

describe('R20: the default rules of 扬言进京集体访 tell a threat from a trip', () => {
  it.each(THREATS)('R20: 「%s」 is flagged as 扬言进京集体访', (text) => {
    expect(categories(text)).toContain('BEIJING_COLLECTIVE');
  });

  it.each(NOT_THREATS)('R20: 「%s」 is not flagged at all', (text) => {
    expect(categories(text)).toEqual([]);
  });

  it('R20: each default rule passes the checks a rule the office types in must pass (safe, and not matching ordinary petitions)', () => {
    for (const rule of DEFAULT_KEYWORD_RULES) expect(validateKeywordPattern(rule.pattern, rule.isRegex), rule.pattern).toBeNull();
  });
});
