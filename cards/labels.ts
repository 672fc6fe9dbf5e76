import type { ScreeningKind } from '../src/domain/duties/screening.js';
import type { CaseSource, CaseStatus, Complexity, Role, StabilityAssessment } from '../src/domain/model.js';
import type { CardColour } from './model.js';

// Words the cards use for domain values that src/domain has no label for (yet).

export const CASE_SOURCE_LABELS: Record<CaseSource, string> = {
  VISIT: '来访',
  LETTER: '来信',
  ONLINE: '网上信访',
  PHONE: '来电',
  RECEPTION_DAY: '领导接访日',
  LEADER_VISIT: '领导下访',
  REFERRED: '上级交办',
  SENTIMENT: '民情采集',
  SCREENING: '矛盾纠纷排查',
};

export const COMPLEXITY_LABELS: Record<Complexity, string> = {
  SIMPLE: '简单（当场办结）',
  GENERAL: '一般（15个工作日）',
  COMPLEX: '重点疑难复杂（2个月）',
};

export const STABILITY_LABELS: Record<StabilityAssessment, string> = {
  STABLE: '稳定',
  RISK_REMAINS: '仍有风险',
};

/** The colour of a status tag: attention (orange/red) where someone must act before work starts. */
export const STATUS_COLOURS: Record<CaseStatus, CardColour> = {
  REGISTERED: 'blue',
  AWAITING_OWNER: 'orange',
  AWAITING_APPROVAL: 'orange',
  RETURNED: 'red',
  IN_PROGRESS: 'blue',
  EXTENDED: 'purple',
  RESOLVED: 'green',
  FOLLOWED_UP: 'green',
  ARCHIVED: 'grey',
};

export const ROLE_LABELS: Record<Role, string> = {
  PRINCIPAL_LEADER: '主要领导',
  TOWN_LEADER: '镇领导',
  OFFICE_STAFF: '信访办',
  APPROVER: '常委会审批人',
  UNIT_HEAD: '单位负责人',
  CADRE: '干部',
  AREA_LEADER: '片区领导',
  VILLAGE_STATIONED_CADRE: '驻村干部',
  VILLAGE_CADRE: '村干部',
  SENTIMENT_COLLECTOR: '民情信息员',
  DISCIPLINE_INSPECTOR: '纪检',
  ADMIN: '系统管理员',
};

/** R17: the kinds of screening period the office declares. */
export const SCREENING_KIND_LABELS: Record<ScreeningKind, string> = { REGULAR: '常规排查', SENSITIVE: '敏感时期集中排查（每日报送）' };
