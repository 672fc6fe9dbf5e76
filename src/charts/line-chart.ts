import { linearScale, niceTicks } from './scale.js';
import {
  checkValue, emptyBody, escapeXml, formatNumber, GRID, INK, line, MUTED, PALETTE, rect, safeColour, svgDocument, text, textWidth,
  TITLE_HEIGHT, tooltip,
} from './svg.js';

export interface LineSeries {
  name: string;
  /** In axis order; a label missing from a series breaks its line there. */
  points: readonly { label: string; value: number }[];
  colour?: string;
}

export interface LineChartInput {
  title: string;
  series: readonly LineSeries[];
  unit?: string;
}

const WIDTH = 640;
const HEIGHT = 320;
const FONT = 12;

/** Lines over a category axis (month ends) with a legend; values are written at the points of a single series. */
export function lineChart(input: LineChartInput): string {
  const unit = input.unit ?? '';
  const series = input.series.map((s, i) => ({
    name: s.name,
    colour: safeColour(s.colour, PALETTE[i % PALETTE.length]!),
    values: new Map(s.points.map((p) => [p.label, checkValue(p.value, `${s.name} ${p.label}`)])),
  }));
  const labels = [...new Set(input.series.flatMap((s) => s.points.map((p) => p.label)))];
  if (labels.length === 0) {
    return svgDocument({ width: WIDTH, height: 160, title: input.title, body: emptyBody(WIDTH, 160) });
  }
  const description = series
    .map((s) => `${s.name}：${labels.filter((l) => s.values.has(l)).map((l) => `${l} ${formatNumber(s.values.get(l)!)}${unit}`).join('，')}`)
    .join('；');

  const ticks = niceTicks(Math.max(...series.flatMap((s) => [...s.values.values()])));
  const top = TITLE_HEIGHT + 44;
  const bottom = HEIGHT - 32;
  const left = 48;
  const right = WIDTH - 24;
  const y = linearScale(ticks[ticks.length - 1]!, bottom, top);
  const band = (right - left) / labels.length;
  const x = (i: number) => left + band * i + band / 2;
  const labelEvery = Math.max(1, Math.ceil((Math.max(...labels.map((l) => textWidth(l, FONT))) + 6) / band));

  const parts: string[] = [];
  parts.push(legend(series, unit));
  for (const t of ticks) {
    parts.push(line(left, y(t), right, y(t), { stroke: GRID }));
    parts.push(text(left - 6, y(t) + 4, formatNumber(t), { 'text-anchor': 'end', fill: MUTED, 'font-size': 11 }));
  }
  labels.forEach((l, i) => {
    if (i % labelEvery === 0) parts.push(text(x(i), bottom + 18, l, { 'text-anchor': 'middle', fill: INK }));
  });
  parts.push(line(left, bottom, right, bottom, { stroke: MUTED }));
  for (const s of series) {
    for (const run of runs(labels, s.values)) {
      const path = run.map((i) => `${round(x(i))},${round(y(s.values.get(labels[i]!)!))}`).join(' ');
      parts.push(`<polyline points="${path}" fill="none" stroke="${escapeXml(s.colour)}" stroke-width="2" stroke-linejoin="round"/>`);
    }
    labels.forEach((l, i) => {
      const v = s.values.get(l);
      if (v === undefined) return;
      parts.push(
        `<g>${tooltip(`${s.name} ${l}：${formatNumber(v)}${unit}`)}`,
        `<circle cx="${round(x(i))}" cy="${round(y(v))}" r="3.5" fill="#ffffff" stroke="${escapeXml(s.colour)}" stroke-width="2"/>`,
        series.length === 1 ? text(x(i), y(v) - 8, formatNumber(v), { 'text-anchor': 'middle', fill: INK, 'font-size': 11 }) : '',
        '</g>',
      );
    });
  }
  return svgDocument({ width: WIDTH, height: HEIGHT, title: input.title, description, body: parts.join('') });
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Index runs of consecutive labels the series has a value for. */
function runs(labels: readonly string[], values: ReadonlyMap<string, number>): number[][] {
  const out: number[][] = [];
  let current: number[] = [];
  labels.forEach((l, i) => {
    if (values.has(l)) current.push(i);
    else if (current.length > 0) {
      out.push(current);
      current = [];
    }
  });
  if (current.length > 0) out.push(current);
  return out.filter((r) => r.length > 1);
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
    parts.push(rect(x, y - 2, 16, 4, { fill: s.colour }), text(x + 22, y + 4, s.name, { fill: INK }));
    x += 22 + textWidth(s.name, FONT) + 20;
  }
  return parts.join('');
}
