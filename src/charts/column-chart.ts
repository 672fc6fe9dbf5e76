import { linearScale, niceTicks } from './scale.js';
import {
  checkValue, emptyBody, fitText, formatNumber, GRID, INK, line, MUTED, PALETTE, rect, safeColour, svgDocument, text, TITLE_HEIGHT,
  tooltip,
} from './svg.js';

export interface Bar {
  label: string;
  /** A count, 0 or more. */
  value: number;
  /** Hex (#2f6fde) or a colour name; anything else falls back to the default. */
  colour?: string;
}

export interface ColumnChartInput {
  title: string;
  columns: readonly Bar[];
  unit?: string;
}

const WIDTH = 640;
const HEIGHT = 300;
const FONT = 12;

/** Index 0 is January: [3, 0, …] → 1月 3, 2月 0, … (the shape of OfficeStatistics.byMonth). */
export function monthColumns(values: readonly number[]): Bar[] {
  return values.map((value, i) => ({ label: `${i + 1}月`, value }));
}

/** Vertical bars over a category axis (months, statuses), each value written above its bar. */
export function columnChart(input: ColumnChartInput): string {
  const columns = input.columns.map((c) => ({ ...c, value: checkValue(c.value, c.label) }));
  const unit = input.unit ?? '';
  const description = columns.map((c) => `${c.label} ${formatNumber(c.value)}${unit}`).join('，');
  if (columns.every((c) => c.value === 0)) {
    return svgDocument({ width: WIDTH, height: 160, title: input.title, body: emptyBody(WIDTH, 160) });
  }

  const ticks = niceTicks(Math.max(...columns.map((c) => c.value)));
  const top = TITLE_HEIGHT + 28;
  const bottom = HEIGHT - 32;
  const left = 48;
  const right = WIDTH - 16;
  const y = linearScale(ticks[ticks.length - 1]!, bottom, top);
  const band = (right - left) / columns.length;
  const barWidth = Math.min(48, band * 0.6);

  const parts: string[] = [];
  if (unit) parts.push(text(16, TITLE_HEIGHT + 12, `单位：${unit}`, { fill: MUTED, 'font-size': 11 }));
  for (const t of ticks) {
    parts.push(line(left, y(t), right, y(t), { stroke: GRID }));
    parts.push(text(left - 6, y(t) + 4, formatNumber(t), { 'text-anchor': 'end', fill: MUTED, 'font-size': 11 }));
  }
  columns.forEach((c, i) => {
    const cx = left + band * i + band / 2;
    const value = `${formatNumber(c.value)}${unit}`;
    parts.push(
      `<g>${tooltip(`${c.label}：${value}`)}`,
      rect(cx - barWidth / 2, y(c.value), barWidth, bottom - y(c.value), { fill: safeColour(c.colour, PALETTE[0]), rx: 2 }),
      text(cx, y(c.value) - 5, formatNumber(c.value), { 'text-anchor': 'middle', fill: INK, 'font-size': 11 }),
      text(cx, bottom + 18, fitText(c.label, FONT, band - 4), { 'text-anchor': 'middle', fill: INK }),
      '</g>',
    );
  });
  parts.push(line(left, bottom, right, bottom, { stroke: MUTED }));
  return svgDocument({ width: WIDTH, height: HEIGHT, title: input.title, description, body: parts.join('') });
}
