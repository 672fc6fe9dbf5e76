import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { CASE_SOURCE_LABELS } from '../../cards/labels.js';
import type { LedgerRow } from '../db/queries/ledger.js';
import { STATUS_LABELS } from '../domain/case-status.js';
import type { LocalDate } from '../lib/local-date.js';
import { bodyRow, headerRow, printSetup, signatureLine, titleRow } from './xlsx-layout.js';

// The 台账 as the office prints it: one row per case, overdue ones (R11) in light red. Rows come
// as the caller may show them: masking personal data (R24) is the caller's business.

export interface LedgerXlsxOptions {
  townName: string;
  /** The filter in words, e.g. 状态：办理中；所属村：青山村；收件日期：2026-01-01 至 2026-11-30 (empty: 全部案件). */
  filterText: string;
  /** All matching cases, when more than the rows given (an export capped at its limit). */
  total?: number;
  madeOn: LocalDate;
  madeBy: string;
}

const COLUMNS: [header: string, width: number][] = [
  ['序号', 6], ['编号', 14], ['信访事项', 30], ['来源', 10], ['信访人', 16], ['联系电话', 15], ['所属村', 10],
  ['责任单位', 14], ['包案领导', 10], ['责任人', 10], ['收件日期', 11], ['办结时限', 11], ['状态', 8], ['逾期天数', 8],
  ['办结日期', 11],
];
const HEADER_ROW = 3;
const CENTERED = [1, 4, 11, 12, 13, 14, 15];

/** 张大明、李四等12人: the named petitioners, and the head count when more came. */
function petitionerText(r: LedgerRow): string {
  if (r.petitionersPending) return '待补充';
  const names = r.petitioners.map((p) => p.name).join('、');
  return r.headcount > r.petitioners.length && names ? `${names}等${r.headcount}人` : names;
}

/** Writes the workbook through exceljs's streaming writer: 50,000 rows in seconds and little memory. */
async function writeLedger(target: { filename: string } | { stream: Writable }, rows: LedgerRow[], opts: LedgerXlsxOptions): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ ...target, useStyles: true, useSharedStrings: false });
  wb.creator = '信访包案助手';
  const ws = wb.addWorksheet('信访事项台账', { views: [{ state: 'frozen', ySplit: HEADER_ROW }], pageSetup: printSetup(HEADER_ROW) });
  ws.columns = COLUMNS.map(([, width]) => ({ width }));
  const n = COLUMNS.length;

  titleRow(ws, `${opts.townName}信访事项台账`, n);
  const total = opts.total !== undefined && opts.total > rows.length ? `共 ${opts.total} 件（导出前 ${rows.length} 件）` : `共 ${rows.length} 件`;
  const sub = ws.addRow([opts.filterText.trim() || '全部案件']);
  sub.getCell(n - 2).value = total;
  ws.mergeCells(sub.number, 1, sub.number, n - 3);
  ws.mergeCells(sub.number, n - 2, sub.number, n);
  sub.getCell(1).alignment = { vertical: 'middle', wrapText: true };
  sub.getCell(n - 2).alignment = { horizontal: 'right', vertical: 'middle' };
  sub.getCell(1).font = sub.getCell(n - 2).font = { name: '宋体', size: 11 };
  headerRow(ws, COLUMNS.map(([header]) => header)).commit();

  rows.forEach((r, i) => {
    const row = bodyRow(ws, [
      i + 1, r.number, r.title, CASE_SOURCE_LABELS[r.source], petitionerText(r),
      r.petitioners.map((p) => p.phone).filter((p): p is string => !!p).join('、'),
      r.villageName ?? '', r.unitName ?? '', r.ownerLeaderName ?? '', r.responsiblePersonName ?? '',
      r.receivedOn, r.dueOn ?? '', STATUS_LABELS[r.status], r.overdueDays > 0 ? r.overdueDays : '', r.resolvedOn ?? '',
    ], { center: CENTERED, alert: r.overdueState !== null });
    row.commit();
  });

  signatureLine(ws, opts, n).commit();
  ws.commit();
  await wb.commit();
}

/** The ledger as .xlsx bytes. */
export async function ledgerXlsx(rows: LedgerRow[], opts: LedgerXlsxOptions): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeLedger({ stream }, rows, opts);
  return Buffer.concat(chunks);
}

/** Streams the ledger .xlsx into `stream` (an HTTP response body); resolves when it is all written. */
export function streamLedgerXlsx(stream: Writable, rows: LedgerRow[], opts: LedgerXlsxOptions): Promise<void> {
  return writeLedger({ stream }, rows, opts);
}

/** Writes the ledger .xlsx file to `path`. */
export function writeLedgerXlsx(path: string, rows: LedgerRow[], opts: LedgerXlsxOptions): Promise<void> {
  return writeLedger({ filename: path }, rows, opts);
}
