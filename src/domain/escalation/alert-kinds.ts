// Vocabulary of alerts (R18, R20, R21). String values match the database enums.

export const ALERT_KINDS = ['MAJOR_EVENT', 'DANGER_LETTER', 'ABNORMAL_PETITION', 'SENTIMENT'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_KIND_LABELS: Record<AlertKind, string> = {
  MAJOR_EVENT: '重大事项',
  DANGER_LETTER: '异常信件',
  ABNORMAL_PETITION: '非正常上访',
  SENTIMENT: '民情信息',
};

/** R18: the events that call people to the scene. */
export const MAJOR_EVENT_KINDS = ['LARGE_COLLECTIVE_VISIT', 'MASS_INCIDENT', 'BEIJING_RISK'] as const;
export type MajorEventKind = (typeof MAJOR_EVENT_KINDS)[number];

export const MAJOR_EVENT_LABELS: Record<MajorEventKind, string> = {
  LARGE_COLLECTIVE_VISIT: '大规模集体赴市、县上访',
  MASS_INCIDENT: '群体性事件',
  BEIJING_RISK: '可能造成重大影响的进京上访',
};

/** R21: where an abnormal petition went. */
export const ABNORMAL_DESTINATIONS = ['PROVINCE', 'BEIJING', 'PREFECTURE'] as const;
export type AbnormalDestination = (typeof ABNORMAL_DESTINATIONS)[number];

export const ABNORMAL_DESTINATION_LABELS: Record<AbnormalDestination, string> = {
  PROVINCE: '赴省非正常上访',
  BEIJING: '进京非正常上访',
  PREFECTURE: '到州集体访',
};

/** Where the petitioner went, for a title that already says 非正常上访 (R21). */
const ABNORMAL_TRIPS: Record<AbnormalDestination, { single: string; collective: string }> = {
  PROVINCE: { single: '赴省上访', collective: '集体赴省上访' },
  BEIJING: { single: '进京上访', collective: '集体进京上访' },
  PREFECTURE: { single: '到州集体访', collective: '到州集体访' },
};

export function abnormalTripLabel(destination: AbnormalDestination, collective: boolean): string {
  return ABNORMAL_TRIPS[destination][collective ? 'collective' : 'single'];
}

/**
 * An alert's title says what happened, never its kind: every place that shows an alert names
 * the kind once, from `kind` (「重大事项：青山村群体性事件」, 【重大事项】 on its card).
 */
export function alertHeadline(kind: AlertKind, title: string): string {
  return `${ALERT_KIND_LABELS[kind]}：${title}`;
}

const LEVEL_LABELS = ['', '分管领导', '主要领导'];

/** Who an alert has climbed to (R18): level 1 the leaders in charge, level 2 the principal leaders. */
export function escalationLevelLabel(level: number): string {
  return LEVEL_LABELS[level] ?? `第${level}级`;
}

/** Why a person is on an alert. */
export const RECIPIENT_REASONS = [
  'AREA_LEADER', 'STATIONED_CADRE', 'VILLAGE_CADRE', 'LEADER_IN_CHARGE', 'PRINCIPAL_LEADER', 'UNIT_HEAD', 'OWNER_LEADER',
] as const;
export type RecipientReason = (typeof RECIPIENT_REASONS)[number];

export const RECIPIENT_REASON_LABELS: Record<RecipientReason, string> = {
  AREA_LEADER: '包片领导',
  STATIONED_CADRE: '驻村干部',
  VILLAGE_CADRE: '村干部',
  LEADER_IN_CHARGE: '分管领导',
  PRINCIPAL_LEADER: '主要领导',
  UNIT_HEAD: '单位主要负责人',
  OWNER_LEADER: '包案领导',
};
