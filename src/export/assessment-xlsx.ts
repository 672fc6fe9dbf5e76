import ExcelJS from 'exceljs';
import type { AssessmentSheet } from '../domain/assessment/sheet.js';
import type { LocalDate } from '../lib/local-date.js';

// R23: the score sheet as the office prints and signs it. Sheet 1 is the summary (one row per
// unit), sheet 2 every deduction with its evidence; both end with the date and signature line.

export interface AssessmentXlsxOptions {
  townName: string;
  year: number;
  /** The day the sheet is made (制表日期). */
  madeOn: LocalDate;
}

const KIND_LABELS: Record<string, string> = {
  DEPARTMENT: '站所部门',
  VILLAGE_COMMITTEE: '村（社区）',
  OFFICE: '信访办',
  DISCIPLINE: '纪检',
  OTHER: '其他',
};

const THIN = { style: 'thin' } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

const chineseDate = (d: LocalDate) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

function titleRow(ws: ExcelJS.Worksheet, text: string, columns: number): void {
  const row = ws.addRow([text]);
  ws.mergeCells(row.number, 1, row.number, columns);
  row.height = 30;
  row.getCell(1).font = { name: '宋体', size: 16, bold: true };
  row.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
}

function headerRow(ws: ExcelJS.Worksheet, headers: string[]): void {
  const row = ws.addRow(headers);
  row.eachCell((cell) => {
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
  });
}

function bodyRow(ws: ExcelJS.Worksheet, values: (string | number)[]): ExcelJS.Row {
  const row = ws.addRow(values);
  row.eachCell({ includeEmpty: true }, (cell) => {
    cell.border = BORDER;
    cell.alignment = { vertical: 'middle', wrapText: true };
  });
  return row;
}

function footer(ws: ExcelJS.Worksheet, madeOn: LocalDate, columns: number): void {
  ws.addRow([]);
  const date = ws.addRow([`制表日期：${chineseDate(madeOn)}`]);
  ws.mergeCells(date.number, 1, date.number, columns);
  const sign = ws.addRow(['审核人：＿＿＿＿＿＿        负责人：＿＿＿＿＿＿']);
  ws.mergeCells(sign.number, 1, sign.number, columns);
}

/** Builds the workbook: 考核汇总 and 扣分明细. */
export function assessmentWorkbook(sheet: AssessmentSheet, opts: AssessmentXlsxOptions): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '信访包案助手';
  const title = `${opts.townName}${opts.year}年度信访工作考核表`;

  const summary = wb.addWorksheet('考核汇总', { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1 } });
  summary.columns = [{ width: 8 }, { width: 20 }, { width: 12 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 12 }, { width: 50 }];
  titleRow(summary, title, 9);
  headerRow(summary, ['名次', '单位', '类别', '基础分', '扣分', '得分', '等次', '评优资格', '备注']);
  for (const r of sheet.rows) {
    const note = r.qualified ? (r.deductions.length ? `扣分${r.deductions.length}项，详见扣分明细` : '') : `不合格：${r.unqualifiedReasons.join('；')}`;
    const row = bodyRow(summary, [r.rank, r.unitName, KIND_LABELS[r.unitKind] ?? r.unitKind, r.baseScore, r.deductionTotal, r.total, r.rating, r.awardEligible ? '有' : '取消', note]);
    for (const c of [4, 5, 6]) row.getCell(c).numFmt = '0.00';
    if (!r.qualified) row.getCell(7).font = { bold: true, color: { argb: 'FFC00000' } };
  }
  footer(summary, opts.madeOn, 9);

  const detail = wb.addWorksheet('扣分明细', { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1 } });
  detail.columns = [{ width: 8 }, { width: 20 }, { width: 36 }, { width: 8 }, { width: 10 }, { width: 12 }, { width: 14 }, { width: 60 }];
  titleRow(detail, `${title}（扣分明细）`, 8);
  headerRow(detail, ['序号', '单位', '考核项目', '分值', '不合格', '发生日期', '案件编号', '依据']);
  let n = 0;
  for (const r of sheet.rows) {
    for (const d of r.deductions) {
      n += 1;
      const row = bodyRow(detail, [n, r.unitName, d.label, d.points, d.unqualified ? '是' : '', d.occurredOn, d.caseNumber ?? '', d.evidence]);
      row.getCell(4).numFmt = '0.00';
    }
  }
  footer(detail, opts.madeOn, 8);
  return wb;
}

/** The workbook as .xlsx bytes. */
export async function assessmentXlsx(sheet: AssessmentSheet, opts: AssessmentXlsxOptions): Promise<Buffer> {
  return Buffer.from(await assessmentWorkbook(sheet, opts).xlsx.writeBuffer());
}

/** Writes the .xlsx file to `path`. */
export async function writeAssessmentXlsx(path: string, sheet: AssessmentSheet, opts: AssessmentXlsxOptions): Promise<void> {
  await assessmentWorkbook(sheet, opts).xlsx.writeFile(path);
}
