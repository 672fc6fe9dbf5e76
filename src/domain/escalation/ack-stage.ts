/** How far a recipient has answered an alert; the order is the order of the list. */
export const ACK_STAGES = ['NONE', 'RECEIVED', 'ON_THE_WAY', 'ON_SITE'] as const;
export type AckStage = (typeof ACK_STAGES)[number];

/** The stages a person can report (NONE is only the starting point). */
export const REPORTABLE_STAGES = ['RECEIVED', 'ON_THE_WAY', 'ON_SITE'] as const;
export type ReportableStage = (typeof REPORTABLE_STAGES)[number];

export const ACK_STAGE_LABELS: Record<AckStage, string> = {
  NONE: '未确认',
  RECEIVED: '已收到',
  ON_THE_WAY: '已出发',
  ON_SITE: '已到场',
};

export function stageRank(stage: AckStage): number {
  return ACK_STAGES.indexOf(stage);
}

/** True when `stage` is `required` or later. */
export function hasReached(stage: AckStage, required: AckStage): boolean {
  return stageRank(stage) >= stageRank(required);
}

export function laterStage(a: AckStage, b: AckStage): AckStage {
  return stageRank(a) >= stageRank(b) ? a : b;
}
