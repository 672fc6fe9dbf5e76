import type { LocalDate } from '../../src/lib/local-date.js';
import { escapeMarkdown } from '../markdown.js';
import type { Card, CardElement } from '../model.js';

export interface ReceptionScheduleInput {
  from: LocalDate;
  to: LocalDate;
  days: readonly { date: LocalDate; leaderName: string; location: string | null; caseCount: number }[];
  today: LocalDate;
}

const MAX_ROWS = 40;

/** R14: the reception schedule (领导接访日), public to every cadre: who receives petitioners, when and where. */
export function receptionScheduleCard(input: ReceptionScheduleInput): Card {
  const rows = input.days.slice(0, MAX_ROWS);
  const elements: CardElement[] = rows.length
    ? rows.map((d) => ({
        kind: 'item' as const,
        text: `**${d.date}** ${escapeMarkdown(d.leaderName)}${d.location ? ` · ${escapeMarkdown(d.location)}` : ''}${d.caseCount ? `（已登记 ${d.caseCount} 件）` : ''}`,
        ...(d.date === input.today ? { badge: { text: '今天', colour: 'green' as const } } : {}),
      }))
    : [{ kind: 'markdown', text: '这段时间没有安排领导接访日。' }];
  if (input.days.length > rows.length) elements.push({ kind: 'note', text: `另有 ${input.days.length - rows.length} 个接访日未列出` });
  return { title: '领导接访日安排', subtitle: `${input.from} 至 ${input.to}`, colour: 'blue', elements };
}
