import ExcelJS from 'exceljs';
import { ACCOUNTABILITY_KIND_LABELS, ACCOUNTABILITY_REASON_LABELS } from '../domain/accountability/fact-labels.js';
import { ACCOUNTABILITY_KINDS, type AccountabilityKind, type AccountabilityReason } from '../domain/accountability/accountability-facts.js';
import type { FactParty, PartyTally } from '../domain/accountability/fact-summary.js';
import type { LocalDate } from '../lib/local-date.js';
import { bodyRow, headerRow, printSetup, signatureLine, textRow, titleRow } from './xlsx-layout.js';

// R22 as the leading group reads it on paper: sheet 1 counts the facts per person and unit by
// kind, sheet 2 lists every fact with its evidence. The rows come scoped and masked (R24).

export interface AccountabilityXlsxInput {
  year: number;
  facts: readonly { kind: AccountabilityKind; reason: AccountabilityReason; party: FactParty; detail: string; cases: readonly { number: string }[]; recordedOn: LocalDate }[];
  tallies: readonly PartyTally[];
}

export interface AccountabilityXlsxOptions {
  townName: string;
  /** The filter in words (empty: all of the year). */
  filterText: string;
  madeOn: LocalDate;
  madeBy: string;
}

const partyName = (p: FactParty) => p.name;
const partyUnit = (p: FactParty) => (p.kind === 'PERSON' ? (p.unitName ?? '') : '（单位）');

function heading(ws: ExcelJS.Worksheet, title: string, filterText: string, columns: number): void {
  titleRow(ws, title, columns);
  textRow(ws, `${filterText || '全部'}。本表只记录事实，供信访工作领导小组研究，不作处理结论（R22）。`, columns);
}

export async function accountabilityXlsx(input: AccountabilityXlsxInput, opts: AccountabilityXlsxOptions): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '信访包案助手';
  const title = `${opts.townName}${input.year}年度问责事实记录`;

  const summary = wb.addWorksheet('按人员和单位汇总', { pageSetup: printSetup(3) });
  summary.columns = [{ width: 6 }, { width: 16 }, { width: 18 }, ...ACCOUNTABILITY_KINDS.map(() => ({ width: 10 })), { width: 8 }];
  const n1 = 4 + ACCOUNTABILITY_KINDS.length;
  heading(summary, title, opts.filterText, n1);
  headerRow(summary, ['序号', '人员或单位', '所属单位', ...ACCOUNTABILITY_KINDS.map((k) => ACCOUNTABILITY_KIND_LABELS[k]), '合计']);
  const centred = Array.from({ length: n1 - 3 }, (_, i) => i + 4);
  input.tallies.forEach((t, i) => bodyRow(summary, [i + 1, partyName(t.party), partyUnit(t.party), ...ACCOUNTABILITY_KINDS.map((k) => t.byKind[k] || ''), t.total], { center: [1, ...centred] }));
  signatureLine(summary, opts, n1);

  const detail = wb.addWorksheet('事实明细', { pageSetup: printSetup(3) });
  detail.columns = [{ width: 6 }, { width: 12 }, { width: 14 }, { width: 16 }, { width: 10 }, { width: 18 }, { width: 60 }, { width: 16 }];
  heading(detail, `${title}（明细）`, opts.filterText, 8);
  headerRow(detail, ['序号', '记录日期', '人员或单位', '所属单位', '类型', '情形', '事实与依据', '相关案件']);
  input.facts.forEach((f, i) =>
    bodyRow(detail, [i + 1, f.recordedOn, partyName(f.party), partyUnit(f.party), ACCOUNTABILITY_KIND_LABELS[f.kind], ACCOUNTABILITY_REASON_LABELS[f.reason], f.detail, f.cases.map((c) => c.number).join('、')], { center: [1, 2, 5] }),
  );
  signatureLine(detail, opts, 8);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
