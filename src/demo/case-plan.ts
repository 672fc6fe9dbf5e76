import type { CaseSource, CaseStatus, Complexity } from '../domain/model.js';
import type { TemplateKey } from './catalogue.js';
import type { LeaderKey, PersonKey, VillageName } from './directory.js';

/** Why a case needs a leader owner at intake (R1), and who will own it once approved. */
export interface OwnPlan {
  why: 'group' | 'mark' | 'beijing' | 'important';
  /** Absent for a case still waiting for the leading group's proposal. */
  leader?: LeaderKey;
}

/** One petition of the demo and the state it has reached by "now". */
export interface CasePlan {
  no: number;
  status: CaseStatus;
  /** overdue: open past its deadline; late: resolved after it; reopen: 不满意 sent it back (R27). */
  mod?: 'overdue' | 'late' | 'reopen';
  source: CaseSource;
  complexity: Complexity;
  template: TemplateKey;
  village: VillageName;
  /** Days before today it was received (moved to a working day, or to a reception day). */
  daysAgo: number;
  own?: OwnPlan;
  headcount?: number;
  /** Petitioners who signed (a letter with several signatories is a joint letter, R20). */
  signatories?: number;
  accused?: PersonKey;
}

type Extra = Omit<CasePlan, 'no' | 'status' | 'source' | 'complexity' | 'template' | 'village' | 'daysAgo'>;
const S = 'SIMPLE';
const G = 'GENERAL';
const C = 'COMPLEX';

let counter = 0;
const c = (status: CaseStatus, source: CaseSource, complexity: Complexity, template: TemplateKey, village: VillageName, daysAgo: number, extra: Extra = {}): CasePlan => ({
  no: ++counter,
  status,
  source,
  complexity,
  template,
  village,
  daysAgo,
  ...extra,
});

/**
 * The township's caseload: 80 petitions over the last eleven months, every status, source and
 * complexity, a share of owned cases (R1–R4), some overdue (R11), extended (R10) or reopened (R27).
 */
export const CASE_PLANS: readonly CasePlan[] = [
  // 登记: new, not yet handed over; a simple visit that should have been closed on the spot.
  c('REGISTERED', 'VISIT', S, 'neighbor', '河口村', 2, { mod: 'overdue' }),
  c('REGISTERED', 'ONLINE', G, 'streetlight', '新塘村', 1),
  c('REGISTERED', 'PHONE', G, 'medical', '白沙村', 3),
  c('REGISTERED', 'LETTER', G, 'homestead', '桃园村', 4),
  c('REGISTERED', 'VISIT', G, 'disability', '柳湾村', 1),
  c('REGISTERED', 'ONLINE', G, 'quarry', '马鞍山村', 2),
  // 待包案: in the R1 queue; one stuck past the statutory limit, one a dangerous letter (R20).
  c('AWAITING_OWNER', 'VISIT', C, 'landCompensation', '青山村', 2, { own: { why: 'group' }, headcount: 18 }),
  c('AWAITING_OWNER', 'REFERRED', C, 'enterpriseRestructuring', '龙泉村', 3, { own: { why: 'beijing' } }),
  c('AWAITING_OWNER', 'LETTER', G, 'landCompensationThreat', '石桥村', 4, { own: { why: 'mark' } }),
  c('AWAITING_OWNER', 'RECEPTION_DAY', G, 'wages', '杨家庄村', 5, { own: { why: 'important' }, headcount: 7 }),
  c('AWAITING_OWNER', 'LETTER', G, 'forest', '高岭村', 75, { own: { why: 'mark' }, mod: 'overdue' }),
  // 待审定: proposed to the standing committee (R4); one a joint letter.
  c('AWAITING_APPROVAL', 'VISIT', G, 'wages', '河口村', 6, { own: { why: 'group', leader: 'wang' }, headcount: 9 }),
  c('AWAITING_APPROVAL', 'PHONE', C, 'pigFarm', '李家坪村', 8, { own: { why: 'mark', leader: 'li' } }),
  c('AWAITING_APPROVAL', 'SCREENING', C, 'landTransfer', '马鞍山村', 7, { own: { why: 'group', leader: 'zhang' }, headcount: 12 }),
  c('AWAITING_APPROVAL', 'LETTER', G, 'villageAffairs', '杨家庄村', 9, { own: { why: 'group', leader: 'li' }, headcount: 6, signatories: 6 }),
  // 已退回: returned with a reason.
  c('RETURNED', 'VISIT', G, 'landCompensation', '柳湾村', 12, { own: { why: 'group', leader: 'wang' }, headcount: 7 }),
  c('RETURNED', 'LEADER_VISIT', G, 'road', '新塘村', 14, { own: { why: 'mark', leader: 'sun' } }),
  c('RETURNED', 'REFERRED', C, 'dangerousHouse', '白沙村', 10, { own: { why: 'important', leader: 'zhang' } }),
  // 办理中
  c('IN_PROGRESS', 'VISIT', G, 'homestead', '青山村', 8),
  c('IN_PROGRESS', 'RECEPTION_DAY', G, 'minimumLiving', '杨家庄村', 10),
  c('IN_PROGRESS', 'LETTER', G, 'disability', '河口村', 20),
  c('IN_PROGRESS', 'ONLINE', G, 'pigFarm', '桃园村', 15),
  c('IN_PROGRESS', 'PHONE', G, 'fight', '龙泉村', 6),
  c('IN_PROGRESS', 'VISIT', C, 'landCompensation', '石桥村', 20, { own: { why: 'group', leader: 'zhao' }, headcount: 11 }),
  c('IN_PROGRESS', 'LEADER_VISIT', G, 'irrigation', '青山村', 9, { own: { why: 'mark', leader: 'wang' } }),
  c('IN_PROGRESS', 'SENTIMENT', G, 'landTransfer', '高岭村', 12, { own: { why: 'important', leader: 'zhang' } }),
  c('IN_PROGRESS', 'SCREENING', G, 'neighbor', '李家坪村', 18),
  c('IN_PROGRESS', 'REFERRED', G, 'accusation', '杨家庄村', 16, { accused: 'zeng' }),
  c('IN_PROGRESS', 'VISIT', G, 'wages', '白沙村', 11, { own: { why: 'group', leader: 'zhao' }, headcount: 6 }),
  c('IN_PROGRESS', 'ONLINE', G, 'trafficAccident', '马鞍山村', 25),
  c('IN_PROGRESS', 'RECEPTION_DAY', C, 'forest', '高岭村', 30, { own: { why: 'important', leader: 'chen' } }),
  c('IN_PROGRESS', 'VISIT', G, 'homestead', '柳湾村', 48, { mod: 'overdue' }),
  c('IN_PROGRESS', 'LETTER', G, 'minimumLiving', '新塘村', 85, { mod: 'overdue' }),
  c('IN_PROGRESS', 'VISIT', C, 'landCompensation', '河口村', 95, { own: { why: 'group', leader: 'chen' }, headcount: 25, mod: 'overdue' }),
  c('IN_PROGRESS', 'PHONE', G, 'pigFarm', '石桥村', 72, { mod: 'overdue' }),
  c('IN_PROGRESS', 'RECEPTION_DAY', G, 'wages', '龙泉村', 60, { own: { why: 'important', leader: 'zhang' }, headcount: 8, mod: 'overdue' }),
  c('IN_PROGRESS', 'SCREENING', G, 'sandMining', '白沙村', 100, { own: { why: 'mark', leader: 'zhao' }, mod: 'overdue' }),
  c('IN_PROGRESS', 'LETTER', G, 'dangerousHouse', '桃园村', 50, { mod: 'reopen' }),
  // 延期 (R10); the last one is past even its extended deadline.
  c('EXTENDED', 'VISIT', G, 'neighbor', '青山村', 25),
  c('EXTENDED', 'ONLINE', G, 'villageAffairs', '杨家庄村', 45),
  c('EXTENDED', 'LEADER_VISIT', C, 'forest', '马鞍山村', 40, { own: { why: 'mark', leader: 'zhang' } }),
  c('EXTENDED', 'PHONE', G, 'medical', '李家坪村', 50),
  c('EXTENDED', 'VISIT', G, 'wages', '河口村', 70, { own: { why: 'group', leader: 'wang' }, headcount: 5, mod: 'overdue' }),
  // 已办结, awaiting the call-back (R27).
  c('RESOLVED', 'VISIT', S, 'neighbor', '白沙村', 3),
  c('RESOLVED', 'PHONE', G, 'streetlight', '龙泉村', 20),
  c('RESOLVED', 'LETTER', G, 'disability', '青山村', 30),
  c('RESOLVED', 'SENTIMENT', G, 'irrigation', '青山村', 25),
  c('RESOLVED', 'RECEPTION_DAY', G, 'homestead', '桃园村', 18),
  c('RESOLVED', 'ONLINE', G, 'medical', '高岭村', 28),
  c('RESOLVED', 'VISIT', C, 'landTransfer', '杨家庄村', 40, { own: { why: 'group', leader: 'li' }, headcount: 8 }),
  c('RESOLVED', 'VISIT', G, 'pigFarm', '柳湾村', 35, { mod: 'late' }),
  c('RESOLVED', 'REFERRED', G, 'wages', '新塘村', 45, { own: { why: 'mark', leader: 'sun' }, headcount: 5, mod: 'late' }),
  // 已回访
  c('FOLLOWED_UP', 'VISIT', S, 'neighbor', '马鞍山村', 33),
  c('FOLLOWED_UP', 'LETTER', G, 'homestead', '石桥村', 60),
  c('FOLLOWED_UP', 'ONLINE', G, 'minimumLiving', '李家坪村', 45),
  c('FOLLOWED_UP', 'PHONE', S, 'irrigation', '河口村', 38),
  c('FOLLOWED_UP', 'RECEPTION_DAY', G, 'trafficAccident', '龙泉村', 52),
  c('FOLLOWED_UP', 'SCREENING', G, 'landTransfer', '桃园村', 70),
  c('FOLLOWED_UP', 'SENTIMENT', G, 'pigFarm', '高岭村', 40),
  c('FOLLOWED_UP', 'LEADER_VISIT', G, 'road', '白沙村', 65, { own: { why: 'mark', leader: 'liu' } }),
  c('FOLLOWED_UP', 'VISIT', C, 'landCompensation', '新塘村', 120, { own: { why: 'group', leader: 'sun' }, headcount: 14 }),
  c('FOLLOWED_UP', 'VISIT', G, 'fight', '青山村', 60, { mod: 'late' }),
  // 已归档
  c('ARCHIVED', 'VISIT', S, 'neighbor', '杨家庄村', 200),
  c('ARCHIVED', 'VISIT', S, 'irrigation', '柳湾村', 150),
  c('ARCHIVED', 'PHONE', S, 'medical', '桃园村', 95),
  c('ARCHIVED', 'LETTER', G, 'homestead', '河口村', 180),
  c('ARCHIVED', 'ONLINE', G, 'streetlight', '石桥村', 220),
  c('ARCHIVED', 'ONLINE', G, 'minimumLiving', '龙泉村', 130),
  c('ARCHIVED', 'RECEPTION_DAY', G, 'disability', '马鞍山村', 110),
  c('ARCHIVED', 'RECEPTION_DAY', C, 'landCompensation', '青山村', 300, { own: { why: 'important', leader: 'wang' } }),
  c('ARCHIVED', 'LEADER_VISIT', G, 'pigFarm', '高岭村', 160, { own: { why: 'mark', leader: 'zhang' } }),
  c('ARCHIVED', 'REFERRED', C, 'enterpriseRestructuring', '龙泉村', 280, { own: { why: 'beijing', leader: 'chen' } }),
  c('ARCHIVED', 'SENTIMENT', G, 'road', '杨家庄村', 140, { own: { why: 'important', leader: 'li' } }),
  c('ARCHIVED', 'SCREENING', G, 'neighbor', '白沙村', 250),
  c('ARCHIVED', 'VISIT', G, 'wages', '李家坪村', 90, { own: { why: 'group', leader: 'li' }, headcount: 10 }),
  c('ARCHIVED', 'PHONE', G, 'trafficAccident', '新塘村', 170),
  c('ARCHIVED', 'VISIT', G, 'veteran', '石桥村', 190),
  c('ARCHIVED', 'VISIT', G, 'homestead', '杨家庄村', 240, { mod: 'late' }),
  c('ARCHIVED', 'LETTER', G, 'forest', '高岭村', 320, { own: { why: 'mark', leader: 'zhang' }, mod: 'late' }),
  c('ARCHIVED', 'SCREENING', C, 'sandMining', '马鞍山村', 210, { own: { why: 'mark', leader: 'zhang' }, mod: 'late' }),
];
