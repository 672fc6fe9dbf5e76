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
