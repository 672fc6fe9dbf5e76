import { actionValue, type ActionName, type ActionParams } from '../actions.js';
import { escapeMarkdown, oneLine, truncate } from '../markdown.js';
import type { CardButton, Choice } from '../model.js';

// Small pieces the builders share.

export function button<N extends ActionName>(
  label: string,
  name: N,
  params: ActionParams<N>,
  style: CardButton['style'] = 'default',
  confirm?: CardButton['confirm'],
): CardButton {
  return { label, style, action: actionValue(name, params), ...(confirm ? { confirm } : {}) };
}

/** "XF-2026-0042 标题" for a header (plain text). */
export function caseHeading(c: { number: string; title: string }): string {
  return `${c.number} ${truncate(oneLine(c.title), 40)}`;
}

/** "**XF-2026-0042** 标题" for markdown. */
export function caseLine(c: { number: string; title: string }, max = 30): string {
  return `**${escapeMarkdown(c.number)}** ${escapeMarkdown(truncate(oneLine(c.title), max))}`;
}

/** "另有 N 件…" under a cut list. */
export function moreLine(hidden: number, unit: string, hint = ''): string {
  return `另有 ${hidden} ${unit}…${hint}`;
}

export function choicesOf<T extends string>(labels: Record<T, string>, values: readonly T[] = Object.keys(labels) as T[]): Choice[] {
  return values.map((value) => ({ value, label: labels[value] }));
}

export interface NamedRef {
  id: string;
  name: string;
}

export const namedChoices = (items: readonly NamedRef[]): Choice[] => items.map((i) => ({ value: i.id, label: i.name }));
