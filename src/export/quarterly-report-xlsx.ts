import ExcelJS from 'exceljs';
import { CASE_SOURCE_LABELS } from '../../cards/labels.js';
import type { QuarterlyReport, VisitCell } from '../db/queries/quarterly-report.js';
import type { QuarterMeetingStatus } from '../domain/duties/meetings.js';
import { monthLabel } from '../domain/duties/periods.js';
import { STATEMENT_KIND_LABELS } from '../domain/duties/statements.js';
import { RATING_LABELS } from '../domain/follow-up/follow-up.js';
import { CASE_SOURCES, RATINGS } from '../domain/model.js';
import { bodyRow, chineseDate, headerRow, printSetup, signatureLine, textRow, titleRow, type SignatureOptions } from './xlsx-layout.js';

// 季度信访工作报表 as the county office asks for it: the figures, the overdue cases (R11) and the
// duties (R12–R15, R17), each sheet titled and closed by the signature line.

export type QuarterlyReportXlsxOptions = SignatureOptions;

const MEETING_LABELS: Record<QuarterMeetingStatus, string> = {
  HELD: '已召开',
  DUE: '未召开（本季度未结束）',
  GAP: '未召开',
  NOT_STARTED: '未开始',
};

/** R15 grid cell: the number of visit days, 缺 for a month gone by without one. */
function visitText(c: VisitCell): string | number {
  if (c.status === 'VISITED') return c.visits;
  if (c.status === 'GAP') return '缺';
  if (c.status === 'MISSING') return '未下访（当月未结束）';
  return '—';
}

/** Figures centred in their columns. */
const NUM = { center: [2, 3] };

const SCREENING_LABELS = { REPORTED: '已报', ZERO: '零报告', OVERDUE: '逾期未报', PENDING: '未报' } as const;

function sheet(wb: ExcelJS.Workbook, name: string, widths: number[], headerRow?: number): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    pageSetup: printSetup(headerRow),
    ...(headerRow ? { views: [{ state: 'frozen', ySplit: headerRow }] } : {}),
  });
  ws.columns = widths.map((width) => ({ width }));
  return ws;
}

/** A table with nothing to list says so in one merged row. */
function noneRow(ws: ExcelJS.Worksheet, text: string, columns: number): void {
  const row = bodyRow(ws, [text, ...Array.from({ length: columns - 1 }, () => '')], { center: [1] });
  ws.mergeCells(row.number, 1, row.number, columns);
}

function period(r: QuarterlyReport): string {
  const running = r.asOf < r.end ? `，截至${chineseDate(r.asOf)}` : '';
  return `统计期间：${chineseDate(r.start)}至${chineseDate(r.end)}${running}`;
}

function figuresSheet(wb: ExcelJS.Workbook, r: QuarterlyReport, title: string, opts: QuarterlyReportXlsxOptions): void {
  const ws = sheet(wb, '统计汇总', [34, 16, 16]);
  titleRow(ws, title, 3);
  textRow(ws, period(r), 3);

  textRow(ws, '一、本季度收件情况（按来源）', 3, { bold: true });
  headerRow(ws, ['来源', '件数']);
  for (const s of CASE_SOURCES) bodyRow(ws, [CASE_SOURCE_LABELS[s], r.received.bySource[s]], NUM);
  bodyRow(ws, ['合计', r.received.total], { ...NUM, bold: true });

  textRow(ws, '二、本季度收件情况（按村）', 3, { bold: true });
  headerRow(ws, ['村（社区）', '件数']);
  for (const v of r.received.byVillage) bodyRow(ws, [v.villageName, v.count], NUM);
  bodyRow(ws, ['合计', r.received.total], { ...NUM, bold: true });

  textRow(ws, '三、办理情况', 3, { bold: true });
  headerRow(ws, ['项目', '件数']);
  bodyRow(ws, ['本季度办结', r.resolved], NUM);
  bodyRow(ws, [`季末在办（截至${chineseDate(r.asOf)}）`, r.openAtEnd], NUM);
  bodyRow(ws, ['逾期未办结', r.overdue.open], NUM);
  bodyRow(ws, ['本季度逾期办结', r.overdue.resolvedLate], NUM);
  bodyRow(ws, ['逾期合计', r.overdue.open + r.overdue.resolvedLate], { ...NUM, bold: true });

  textRow(ws, '四、回访满意度（本季度回访）', 3, { bold: true });
  headerRow(ws, ['评价', '对信访办', '对责任单位']);
  for (const k of RATINGS) bodyRow(ws, [RATING_LABELS[k], r.satisfaction.office[k], r.satisfaction.unit[k]], NUM);
  bodyRow(ws, ['合计', r.satisfaction.total, r.satisfaction.total], { ...NUM, bold: true });

  signatureLine(ws, opts, 3);
}

function overdueSheet(wb: ExcelJS.Workbook, r: QuarterlyReport, title: string, opts: QuarterlyReportXlsxOptions): void {
  const ws = sheet(wb, '逾期案件', [6, 14, 30, 14, 10, 11, 8, 10, 11], 3);
  titleRow(ws, `${title}（逾期案件）`, 9);
  textRow(ws, `${period(r)}　共 ${r.overdueCases.length} 件`, 9);
  headerRow(ws, ['序号', '编号', '信访事项', '责任单位', '包案领导', '办结时限', '逾期天数', '状态', '办结日期']);
  if (r.overdueCases.length === 0) noneRow(ws, '本季度无逾期案件', 9);
  r.overdueCases.forEach((c, i) => {
    const state = c.state === 'OPEN' ? '逾期未办结' : '逾期办结';
    bodyRow(ws, [i + 1, c.number, c.title, c.unitName ?? '', c.ownerLeaderName ?? '', c.dueOn ?? '', c.days, state, c.resolvedOn ?? ''], {
      center: [1, 6, 7, 8, 9],
    });
  });
  signatureLine(ws, opts, 9);
}

function dutiesSheet(wb: ExcelJS.Workbook, r: QuarterlyReport, title: string, opts: QuarterlyReportXlsxOptions): void {
  const ws = sheet(wb, '制度落实', [6, 22, 18, 30, 14, 18]);
  const d = r.duties;
  titleRow(ws, `${title}（工作制度落实情况）`, 6);
  textRow(ws, period(r), 6);

  textRow(ws, '一、信访工作领导小组研究重大疑难案件会议（每季度不少于1次）', 6, { bold: true });
  headerRow(ws, ['季度', '召开次数', '情况', '会议日期']);
  bodyRow(ws, [r.label, d.meetings.dates.length, MEETING_LABELS[d.meetings.status], d.meetings.dates.join('、')], {
    center: [2], alert: d.meetings.status === 'GAP',
  });

  textRow(ws, '二、领导干部每月到联系村下访（每月不少于1次，填下访天数）', 6, { bold: true });
  headerRow(ws, ['序号', '领导', ...d.visits.months.map(monthLabel), '合计']);
  d.visits.leaders.forEach((l, i) => {
    const gaps = l.months.flatMap((m, j) => (m.status === 'GAP' ? [3 + j] : []));
    bodyRow(ws, [i + 1, l.leaderName, ...l.months.map(visitText), l.months.reduce((n, m) => n + m.visits, 0)], { center: [1, 3, 4, 5, 6], alert: gaps });
  });

  textRow(ws, '三、书面说明与汇报（逾期案件包案领导季度说明、接访领导季度汇报）', 6, { bold: true });
  headerRow(ws, ['序号', '撰写人', '类别', '事由', '应交日期', '提交情况']);
  if (d.statements.length === 0) noneRow(ws, '本季度无应交书面材料', 6);
  d.statements.forEach((s, i) => {
    bodyRow(ws, [i + 1, s.authorName, STATEMENT_KIND_LABELS[s.kind], s.about, s.dueOn, s.submittedOn ?? '未交'], {
      center: [1, 5, 6], alert: s.overdue ? [6] : false,
    });
  });

  textRow(ws, '四、矛盾纠纷排查报告报送', 6, { bold: true });
  headerRow(ws, ['序号', '排查期', '起止日期', '单位', '报送截止', '报送情况']);
  if (d.screenings.length === 0) noneRow(ws, '本季度未部署排查', 6);
  let n = 0;
  for (const s of d.screenings) {
    for (const u of s.units) {
      n += 1;
      bodyRow(ws, [n, s.name, `${s.startsOn} 至 ${s.endsOn}`, u.unitName, s.reportDueOn, `${SCREENING_LABELS[u.state]}${u.late ? '（逾期报送）' : ''}`], {
        center: [1, 5, 6], alert: u.state === 'OVERDUE' || u.late ? [6] : false,
      });
    }
  }

  signatureLine(ws, opts, 6);
}

export function quarterlyReportWorkbook(report: QuarterlyReport, opts: QuarterlyReportXlsxOptions): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '信访包案助手';
  const title = `${opts.townName}${report.label}信访工作报表`;
  figuresSheet(wb, report, title, opts);
  overdueSheet(wb, report, title, opts);
  dutiesSheet(wb, report, title, opts);
  return wb;
}

/** The report as .xlsx bytes. */
export async function quarterlyReportXlsx(report: QuarterlyReport, opts: QuarterlyReportXlsxOptions): Promise<Buffer> {
  return Buffer.from(await quarterlyReportWorkbook(report, opts).xlsx.writeBuffer());
}

/** Writes the report .xlsx file to `path`. */
export async function writeQuarterlyReportXlsx(path: string, report: QuarterlyReport, opts: QuarterlyReportXlsxOptions): Promise<void> {
  await quarterlyReportWorkbook(report, opts).xlsx.writeFile(path);
}
