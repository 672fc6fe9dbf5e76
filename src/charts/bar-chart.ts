import { columnChart, type Bar } from './column-chart.js';
import { linearScale, niceTicks } from './scale.js';
import {
  checkValue, emptyBody, fitText, formatNumber, GRID, INK, line, MUTED, PALETTE, rect, safeColour, svgDocument, text, textWidth,
  TITLE_HEIGHT, tooltip,
} from './svg.js';

export type { Bar };

export interface BarChartInput {
  title: string;
  bars: readonly Bar[];
  /** Appended to each value label and shown as 单位, e.g. '件'. */
  unit?: string;
  /** Bars run left to right with the labels in a column: for long names such as villages. */
  horizontal?: boolean;
}

const WIDTH = 640;
const ROW = 28;
const BAR = 18;
const MAX_LABEL_WIDTH = 180;
const FONT = 12;

/** Bars with their values written on them; "暂无数据" when there are none or all are zero. */
export function barChart(input: BarChartInput): string {
  if (!input.horizontal) return columnChart({ title: input.title, columns: input.bars, unit: input.unit });
  const bars = input.bars.map((b) => ({ ...b, value: checkValue(b.value, b.label) }));
  const unit = input.unit ?? '';
  const description = bars.map((b) => `${b.label} ${formatNumber(b.value)}${unit}`).join('，');
  if (bars.every((b) => b.value === 0)) {
    const height = 160;
    return svgDocument({ width: WIDTH, height, title: input.title, body: emptyBody(WIDTH, height) });
  }

  const labelWidth = Math.min(MAX_LABEL_WIDTH, Math.max(...bars.map((b) => textWidth(b.label, FONT))));
  const ticks = niceTicks(Math.max(...bars.map((b) => b.value)));
  const top = TITLE_HEIGHT + (unit ? 24 : 8);
  const left = 16 + labelWidth + 8;
  const right = WIDTH - 56;
  const x = linearScale(ticks[ticks.length - 1]!, left, right);
  const plotBottom = top + bars.length * ROW;
  const height = plotBottom + 36;

  const parts: string[] = [];
  if (unit) parts.push(text(16, TITLE_HEIGHT + 12, `单位：${unit}`, { fill: MUTED, 'font-size': 11 }));
  for (const t of ticks) {
    parts.push(line(x(t), top, x(t), plotBottom, { stroke: GRID }));
    parts.push(text(x(t), plotBottom + 16, formatNumber(t), { 'text-anchor': 'middle', fill: MUTED, 'font-size': 11 }));
  }
  bars.forEach((b, i) => {
    const y = top + i * ROW + (ROW - BAR) / 2;
    const value = `${formatNumber(b.value)}${unit}`;
    parts.push(
      `<g>${tooltip(`${b.label}：${value}`)}`,
      text(left - 8, y + BAR / 2 + 4, fitText(b.label, FONT, labelWidth), { 'text-anchor': 'end', fill: INK }),
      rect(left, y, x(b.value) - left, BAR, { fill: safeColour(b.colour, PALETTE[0]), rx: 2 }),
      text(x(b.value) + 6, y + BAR / 2 + 4, value, { fill: INK }),
      '</g>',
    );
  });
  parts.push(line(left, top, left, plotBottom, { stroke: MUTED }));
  return svgDocument({ width: WIDTH, height, title: input.title, description, body: parts.join('') });
}
