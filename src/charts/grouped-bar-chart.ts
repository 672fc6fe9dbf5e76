import { linearScale, niceTicks } from './scale.js';
import {
  checkValue, emptyBody, fitText, formatNumber, GRID, INK, line, MUTED, PALETTE, rect, safeColour, svgDocument, text, textWidth,
  TITLE_HEIGHT, tooltip,
} from './svg.js';

export interface BarSeries {
  name: string;
  /** Hex (#2f6fde) or a colour name; anything else falls back to the palette. */
  colour?: string;
}

export interface BarGroup {
  /** E.g. a village. */
  label: string;
  /** One count per series, in the order of `series`. */
  values: readonly number[];
}

export interface GroupedBarChartInput {
  title: string;
  /** The bars of every group, drawn in this order and named in the legend. */
  series: readonly BarSeries[];
  groups: readonly BarGroup[];
  /** Appended to each value label and shown as 单位, e.g. '件'. */
  unit?: string;
}

const WIDTH = 640;
const BAR = 12;
const BAR_GAP = 2;
const GROUP_GAP = 12;
const MAX_LABEL_WIDTH = 180;
const FONT = 12;

/**
 * Horizontal bars in clusters: one row of bars per group (a label column on the left), one bar
 * per series with its value written after it, and a legend naming the series. "暂无数据" when
 * there is no group or every value is zero.
 */
export function groupedBarChart(input: GroupedBarChartInput): string {
  const unit = input.unit ?? '';
  const series = input.series.map((s, i) => ({ name: s.name, colour: safeColour(s.colour, PALETTE[i % PALETTE.length]!) }));
  const groups = input.groups.map((g) => {
    if (g.values.length !== series.length) throw new RangeError(`${g.label}: ${g.values.length} values for ${series.length} series`);
    return { label: g.label, values: g.values.map((v, i) => checkValue(v, `${g.label} ${series[i]!.name}`)) };
  });
  const description = groups
    .map((g) => `${g.label}：${g.values.map((v, i) => `${series[i]!.name} ${formatNumber(v)}${unit}`).join('，')}`)
    .join('；');
  if (groups.every((g) => g.values.every((v) => v === 0))) {
    return svgDocument({ width: WIDTH, height: 160, title: input.title, body: emptyBody(WIDTH, 160) });
  }

  const labelWidth = Math.min(MAX_LABEL_WIDTH, Math.max(...groups.map((g) => textWidth(g.label, FONT))));
  const ticks = niceTicks(Math.max(...groups.flatMap((g) => g.values)));
  const top = TITLE_HEIGHT + 36;
  const left = 16 + labelWidth + 8;
  const right = WIDTH - 56;
  const x = linearScale(ticks[ticks.length - 1]!, left, right);
  const groupHeight = series.length * (BAR + BAR_GAP) - BAR_GAP;
  const plotBottom = top + groups.length * (groupHeight + GROUP_GAP);
  const height = plotBottom + 32;

  const parts: string[] = [legend(series, unit)];
  for (const t of ticks) {
    parts.push(line(x(t), top - GROUP_GAP / 2, x(t), plotBottom - GROUP_GAP / 2, { stroke: GRID }));
    parts.push(text(x(t), plotBottom + 10, formatNumber(t), { 'text-anchor': 'middle', fill: MUTED, 'font-size': 11 }));
  }
  groups.forEach((g, gi) => {
    const y0 = top + gi * (groupHeight + GROUP_GAP);
    parts.push(text(left - 8, y0 + groupHeight / 2 + 4, fitText(g.label, FONT, labelWidth), { 'text-anchor': 'end', fill: INK }));
    g.values.forEach((v, si) => {
      const y = y0 + si * (BAR + BAR_GAP);
      const value = `${formatNumber(v)}${unit}`;
      parts.push(
        `<g>${tooltip(`${g.label} ${series[si]!.name}：${value}`)}`,
        rect(left, y, x(v) - left, BAR, { fill: series[si]!.colour, rx: 2 }),
        text(x(v) + 5, y + BAR / 2 + 4, value, { fill: INK, 'font-size': 11 }),
        '</g>',
      );
    });
  });
  parts.push(line(left, top - GROUP_GAP / 2, left, plotBottom - GROUP_GAP / 2, { stroke: MUTED }));
  return svgDocument({ width: WIDTH, height, title: input.title, description, body: parts.join('') });
}

function legend(series: readonly { name: string; colour: string }[], unit: string): string {
  const parts: string[] = [];
  let x = 16;
  const y = TITLE_HEIGHT + 14;
  if (unit) {
    parts.push(text(x, y + 4, `单位：${unit}`, { fill: MUTED, 'font-size': 11 }));
    x += textWidth(`单位：${unit}`, 11) + 20;
  }
  for (const s of series) {
    parts.push(rect(x, y - 5, 12, 12, { fill: s.colour, rx: 2 }), text(x + 18, y + 5, s.name, { fill: INK }));
    x += 18 + textWidth(s.name, FONT) + 20;
  }
  return parts.join('');
}
