import type { DangerCategory, KeywordRule } from './danger-keywords.js';

// R20: the rules a new installation starts with; the office adds its own and switches any off
// at run time (系统管理 → 异常信件关键词). Rules are matched on the text without spacing and
// punctuation, so `.{0,6}` also spans what was a comma.

/** The words that make a sentence a threat or a plan, not a record of the past (「近期赴京上访」 in a referral is not flagged). */
const THREAT = '(要|就|将|准备|打算|只能|只好|只有|必须|一定|马上|立即|立刻|扬言|威胁|否则|集体|一起|联合|组织|全村)';
/** Going to Beijing, as petitions put it. */
const TO_BEIJING = '(进京|赴京|去北京|到北京|上北京)';
/** What a petitioner goes there for: to petition, not to see the sights (看看天安门, 旅游, 看病, 打工 are not flagged). */
const TO_PETITION = '(上访|告状|告御状|讨说法|讨个说法|讨公道|要说法|喊冤|申冤|鸣冤|请愿)';
/** What a petitioner threatens to do at 天安门. */
const AT_TIANANMEN = '(上访|告状|讨说法|讨个说法|讨公道|要说法|喊冤|申冤|鸣冤|请愿|静坐|拉横幅|打横幅|举牌|下跪|跪访)';
/** Many people together: 集体, 组织, 全村, 几十人, 三十多人… */
const MANY = '(集体|组织|联合|串联|全村|全组|几十|数十|好几十|上百|成百|几百|[0-9两二三四五六七八九十百多]+个?人)';
/** The condition of a threat: 不解决, 不处理, 不给说法… */
const UNLESS = '不(解决|处理|答复|落实|兑现|赔偿|给说法|给个说法|给答复|给补偿)';

export const DEFAULT_KEYWORD_RULES: readonly KeywordRule[] = [
  ...['自杀', '轻生', '跳楼', '跳河', '喝农药', '服毒', '自焚', '上吊', '不想活'].map((p) => kw('SUICIDE', p)),
  ...['杀人', '杀了他', '杀了你', '砍死', '同归于尽', '报复社会', '弄死'].map((p) => kw('MURDER', p)),
  ...['爆炸', '炸药', '炸掉', '炸了', '引爆', '雷管'].map((p) => kw('EXPLOSION', p)),
  ...['滋事', '闹事', '堵路', '围堵', '拉横幅', '打横幅', '静坐'].map((p) => kw('TROUBLE', p)),
  // 扬言进京集体访: a plan to petition in Beijing, anything of the kind at 天安门, many people going together, or a trip as the price of a demand.
  re('BEIJING_COLLECTIVE', `${THREAT}.{0,4}${TO_BEIJING}.{0,6}${TO_PETITION}`),
  re('BEIJING_COLLECTIVE', `天安门.{0,6}${AT_TIANANMEN}`),
  re('BEIJING_COLLECTIVE', `${MANY}.{0,8}(进京|赴京)`),
  re('BEIJING_COLLECTIVE', `${UNLESS}.{0,8}(进京|赴京|去北京|到北京|上北京|天安门|国家信访局|中南海)`),
  re('BEIJING_COLLECTIVE', `${THREAT}.{0,4}(去|到|上|进|闯)(国家信访局|中南海)`),
  kw('BEIJING_COLLECTIVE', '进京集体访'),
  ...['联名信', '联名', '联合签名', '签名按手印', '按手印'].map((p) => kw('JOINT_LETTER', p)),
];

function kw(category: DangerCategory, pattern: string): KeywordRule {
  return { category, pattern, isRegex: false };
}

function re(category: DangerCategory, pattern: string): KeywordRule {
  return { category, pattern, isRegex: true };
}
