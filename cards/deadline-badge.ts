import type { OverdueFacts } from '../src/domain/deadlines/overdue.js';

/** Lark card header templates used for urgency. */
export type UrgencyColour = 'red' | 'orange' | 'green' | 'grey';

export interface DeadlineBadge {
  text: string;
  colour: UrgencyColour;
}

/** Within this many working days a deadline shows orange. */
export const DUE_SOON_WORKING_DAYS = 3;

/**
 * A deadline as every card shows it: the date plus "还剩 N 个工作日" or "已逾期 N 天",
 * red when overdue, orange within 3 working days, green otherwise; grey once closed.
 */
export function deadlineBadge(dueOn: string | null, facts: OverdueFacts | null, closed: boolean): DeadlineBadge {
  if (!dueOn || !facts) return { text: '未设办结时限', colour: 'grey' };
  if (closed) return { text: `${dueOn}（${facts.overdue ? `逾期 ${facts.calendarDaysOverdue} 天办结` : '按期办结'}）`, colour: 'grey' };
  if (facts.overdue) return { text: `${dueOn}（已逾期 ${facts.calendarDaysOverdue} 天）`, colour: 'red' };
  const left = facts.workingDaysLeft ?? 0;
  const text = left === 0 ? `${dueOn}（今天到期）` : `${dueOn}（还剩 ${left} 个工作日）`;
  return { text, colour: left <= DUE_SOON_WORKING_DAYS ? 'orange' : 'green' };
}
