import {
  emptyBody, fitText, INK, MUTED, rect, svgDocument, text, textWidth, TITLE_HEIGHT, tooltip,
} from './svg.js';

/**
 * DONE — the duty is met; MISSING — not met yet and still possible (reminders are running);
 * GAP — its time passed without it; NOT_DUE — nothing is owed yet; NA — the duty does not apply.
 */
export type ComplianceCell = 'DONE' | 'MISSING' | 'GAP' | 'NOT_DUE' | 'NA';

export interface ComplianceRow {
  name: string;
  /** One per column. */
  cells: readonly ComplianceCell[];
  /** Written after the row, e.g. '缺2次'. */
  note?: string;
  /** Consecutive rows with the same group are drawn under one heading (e.g. 'R15 每月下访'). */
  group?: string;
}

export interface ComplianceGridInput {
  title: string;
  /** Months 'YYYY-MM' (drawn as 9月 with the year above January and the first column) or any short label. */
  columns: readonly string[];
  rows: readonly ComplianceRow[];
  /** Overrides of the legend's words. */
  legend?: Partial<Record<ComplianceCell, string>>;
}

export const COMPLIANCE_LABELS: Record<ComplianceCell, string> = {
  DONE: '已完成',
  MISSING: '待完成（仍可补）',
  GAP: '缺（已过期）',
  NOT_DUE: '未到期',
  NA: '无此项',
};

const STYLE: Record<ComplianceCell, { fill: string; ink: string; mark: string }> = {
  DONE: { fill: '#3a9b5c', ink: '#ffffff', mark: '✓' },
  MISSING: { fill: '#f08c00', ink: '#ffffff', mark: '待' },
  GAP: { fill: '#d9363e', ink: '#ffffff', mark: '缺' },
  NOT_DUE: { fill: '#e5e7eb', ink: MUTED, mark: '—' },
  NA: { fill: '#f5f6f8', ink: MUTED, mark: '' },
};

const ORDER: readonly ComplianceCell[] = ['DONE', 'MISSING', 'GAP', 'NOT_DUE', 'NA'];
const CELL_W = 40;
const CELL_H = 26;
const GAP_PX = 3;
const FONT = 12;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A duty-by-month grid: one row per person (or unit, or body), one coloured mark per month. */
export function complianceGrid(input: ComplianceGridInput): string {
  const labels = { ...COMPLIANCE_LABELS, ...input.legend };
  for (const r of input.rows) {
    if (r.cells.length !== input.columns.length) throw new RangeError(`${r.name}: ${r.cells.length} cells for ${input.columns.length} columns`);
  }
  if (input.rows.length === 0 || input.columns.length === 0) {
    return svgDocument({ width: 640, height: 160, title: input.title, body: emptyBody(640, 160) });
  }

  const nameWidth = Math.min(160, Math.max(48, ...input.rows.map((r) => textWidth(r.name, FONT))));
  const hasNotes = input.rows.some((r) => r.note);
  const noteWidth = hasNotes ? Math.min(200, Math.max(...input.rows.map((r) => textWidth(r.note ?? '', FONT)))) : 0;
  const left = 16 + nameWidth + 10;
  const gridWidth = input.columns.length * (CELL_W + GAP_PX);
  const width = Math.max(560, left + gridWidth + (hasNotes ? 10 + noteWidth : 0) + 16);
  const headerTop = TITLE_HEIGHT + 8;
  const colX = (i: number) => left + i * (CELL_W + GAP_PX);

  const parts: string[] = [];
  input.columns.forEach((c, i) => {
    const m = MONTH.exec(c);
    const cx = colX(i) + CELL_W / 2;
    if (m && (i === 0 || m[2] === '01')) parts.push(text(cx, headerTop + 10, `${m[1]}年`, { 'text-anchor': 'middle', fill: MUTED, 'font-size': 10 }));
    parts.push(text(cx, headerTop + 26, m ? `${Number(m[2])}月` : fitText(c, FONT, CELL_W), { 'text-anchor': 'middle', fill: INK }));
  });

  let y = headerTop + 36;
  let group: string | undefined;
  for (const r of input.rows) {
    if (r.group !== undefined && r.group !== group) {
      parts.push(rect(16, y + 4, width - 32, 20, { fill: '#eef2f7' }), text(22, y + 18, r.group, { fill: INK, 'font-weight': 'bold' }));
      y += 28;
    }
    group = r.group;
    parts.push(`<g>${tooltip(r.note ? `${r.name}：${r.note}` : r.name)}`, text(left - 10, y + CELL_H / 2 + 4, fitText(r.name, FONT, nameWidth), { 'text-anchor': 'end', fill: INK }), '</g>');
    r.cells.forEach((cell, i) => {
      const s = STYLE[cell];
      parts.push(
        `<g>${tooltip(`${r.name} ${columnTitle(input.columns[i]!)}：${labels[cell]}`)}`,
        rect(colX(i), y, CELL_W, CELL_H, { fill: s.fill, rx: 3 }),
        s.mark ? text(colX(i) + CELL_W / 2, y + CELL_H / 2 + 5, s.mark, { 'text-anchor': 'middle', fill: s.ink, 'font-size': 13 }) : '',
        '</g>',
      );
    });
    if (r.note) parts.push(text(colX(input.columns.length) + 10, y + CELL_H / 2 + 4, fitText(r.note, FONT, noteWidth), { fill: MUTED }));
    y += CELL_H + GAP_PX;
  }

  y += 14;
  let x = 16;
  for (const cell of ORDER) {
    const s = STYLE[cell];
    const entryWidth = 26 + textWidth(labels[cell], FONT) + 18;
    if (x > 16 && x + entryWidth > width - 16) {
      x = 16;
      y += 24;
    }
    parts.push(
      rect(x, y, 20, 16, { fill: s.fill, rx: 3 }),
      s.mark ? text(x + 10, y + 12, s.mark, { 'text-anchor': 'middle', fill: s.ink, 'font-size': 11 }) : '',
      text(x + 26, y + 12, labels[cell], { fill: INK }),
    );
    x += entryWidth;
  }
  const height = y + 16 + 16;
  const description = input.rows
    .map((r) => `${r.group ? `${r.group} ` : ''}${r.name}：${r.cells.map((c, i) => `${columnTitle(input.columns[i]!)}${labels[c]}`).join('，')}`)
    .join('；');
  return svgDocument({ width, height, title: input.title, description, body: parts.join('') });
}

function columnTitle(column: string): string {
  const m = MONTH.exec(column);
  return m ? `${m[1]}年${Number(m[2])}月` : column;
}
