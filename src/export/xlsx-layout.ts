import type ExcelJS from 'exceljs';
import type { LocalDate } from '../lib/local-date.js';

// The printed-form look of the office's sheets (the one of assessment-xlsx.ts): a merged title in
// 宋体, bordered header and body cells, and a closing line with the unit, the people and the date.

const FONT = '宋体';
const THIN = { style: 'thin' } as const;
export const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
/** Light red of a row that needs attention (an overdue case). */
export const ALERT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };

export const chineseDate = (d: LocalDate) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/**
 * Landscape A4, one page wide, as many pages high as it takes. Pass it to addWorksheet: the
 * streaming writer writes the sheet's properties when the sheet is opened.
 */
export function printSetup(printTitlesRow?: number): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...(printTitlesRow ? { printTitlesRow: `${printTitlesRow}:${printTitlesRow}` } : {}),
  };
}

export function titleRow(ws: ExcelJS.Worksheet, text: string, columns: number): ExcelJS.Row {
  const row = ws.addRow([text]);
  ws.mergeCells(row.number, 1, row.number, columns);
  row.height = 30;
  row.getCell(1).font = { name: FONT, size: 16, bold: true };
  row.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  return row;
}

/** A merged line of plain text over `columns` columns (a subtitle, a section heading). */
export function textRow(ws: ExcelJS.Worksheet, text: string, columns: number, opts: { bold?: boolean } = {}): ExcelJS.Row {
  const row = ws.addRow([text]);
  ws.mergeCells(row.number, 1, row.number, columns);
  row.getCell(1).font = { name: FONT, size: 11, bold: opts.bold ?? false };
  row.getCell(1).alignment = { vertical: 'middle', wrapText: true };
  return row;
}

export function headerRow(ws: ExcelJS.Worksheet, headers: string[]): ExcelJS.Row {
  const row = ws.addRow(headers);
  row.eachCell((cell) => {
    cell.font = { name: FONT, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
  });
  return row;
}

// Body cells share a few frozen style objects: exceljs caches a style by object identity, so a
// 50,000-row ledger is not 750,000 style lookups, and a stray `cell.fill =` throws instead of
// recolouring every cell that shares the style.
const bodyStyles = new Map<string, Partial<ExcelJS.Style>>();
function bodyStyle(center: boolean, alert: boolean, bold: boolean): Partial<ExcelJS.Style> {
  const key = `${center}|${alert}|${bold}`;
  let style = bodyStyles.get(key);
  if (!style) {
    style = Object.freeze({
      font: { name: FONT, size: 10, bold },
      border: BORDER,
      alignment: { vertical: 'middle', wrapText: true, ...(center ? { horizontal: 'center' } : {}) },
      ...(alert ? { fill: ALERT_FILL } : {}),
    } satisfies Partial<ExcelJS.Style>);
    bodyStyles.set(key, style);
  }
  return style;
}

/**
 * A bordered body row. `center`: the columns (from 1) to centre; `alert`: light red for the whole
 * row (true) or for the columns given; `bold`: a total line.
 */
export function bodyRow(
  ws: ExcelJS.Worksheet,
  values: (string | number)[],
  opts: { center?: readonly number[]; alert?: boolean | readonly number[]; bold?: boolean } = {},
): ExcelJS.Row {
  const row = ws.addRow(values);
  for (let c = 1; c <= values.length; c++) {
    const alert = opts.alert === true || (Array.isArray(opts.alert) && opts.alert.includes(c));
    row.getCell(c).style = bodyStyle(opts.center?.includes(c) ?? false, alert, opts.bold ?? false);
  }
  return row;
}

export interface SignatureOptions {
  townName: string;
  /** 制表人 */
  madeBy: string;
  /** 制表日期 */
  madeOn: LocalDate;
}

/** 制表单位：青山镇信访办　制表人：王丽华　审核人：　　　制表日期：2026年11月28日 */
export function signatureLine(ws: ExcelJS.Worksheet, opts: SignatureOptions, columns: number): ExcelJS.Row {
  ws.addRow([]);
  return textRow(ws, `制表单位：${opts.townName}信访办　制表人：${opts.madeBy}　审核人：　　　制表日期：${chineseDate(opts.madeOn)}`, columns);
}
