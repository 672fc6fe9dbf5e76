import { scanText, type ScanText } from './scan-text.js';

/**
 * Harmless sentences of the kind nearly every petition holds: a danger rule (R20) that matches one
 * of them, or matches empty text, would flag a great many ordinary petitions (or every one) as
 * dangerous letters and send each to the principal leaders. They cover the most common characters
 * and the words of everyday petitions (反映, 解决, 上访, 政府, 补偿, 工资…).
 */
export const ORDINARY_PETITION_TEXTS: readonly string[] = [
  '我叫张建国，是青山村三组村民，今年六十二岁。',
  '反映我家承包地被占用的问题，请求镇政府帮助解决。',
  '去年修路占了我家两亩地，补偿款至今没有发放到位。',
  '村里的自来水管道老化，经常停水，希望有关部门尽快维修。',
  '我们十几个人在工地干了半年，老板一直拖欠工资。',
  '邻居盖房子占用了我家的宅基地，多次协商没有结果。',
  '父亲年纪大了，身体不好，想申请低保，请领导关心。',
  '村委会公示的账目不清楚，群众有意见，要求公开。',
  '我们多次到镇里上访，问题还是没有解决。',
  '孩子在县城上学，想把户口迁过去，派出所说手续不全。',
  '联系电话13800000000，住址青山村二组15号。',
  '特此来信反映，恳请领导调查处理，给予答复，谢谢！',
  '今天上午来信访办咨询征地补偿标准。',
];

const ordinary = ORDINARY_PETITION_TEXTS.map((raw) => ({ raw, scan: scanText(raw) }));
const empty = scanText('');

/** Why a rule that runs as `matches` would flag ordinary petitions; null when it does not. */
export function overBroadProblem(matches: (text: ScanText) => boolean): string | null {
  if (matches(empty)) return '这条规则连空白内容也能匹配（如 .*、a|、()），会把每一件信访都标记为异常信件';
  const hit = ordinary.find((o) => matches(o.scan));
  return hit ? `这条规则会把普通的信访内容（如「${hit.raw}」）也标记为异常信件，请写得更具体` : null;
}
