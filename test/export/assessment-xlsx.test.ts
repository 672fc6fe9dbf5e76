import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessmentSheet, type SheetEntry } from '../../src/domain/assessment/sheet.js';
import { assessmentXlsx, writeAssessmentXlsx } from '../../src/export/assessment-xlsx.js';

const units = [
  { id: 'u1', name: '青山村委会', kind: 'VILLAGE_COMMITTEE' },
  { id: 'u2', name: '司法所', kind: 'DEPARTMENT' },
  { id: 'u3', name: '河口村委会', kind: 'VILLAGE_COMMITTEE' },
];
const entry = (id: string, unitId: string, ruleCode: string, evidence: string, over: Partial<SheetEntry> = {}): SheetEntry => ({
  id, unitId, ruleCode, points: 0, unqualified: false, evidence, occurredOn: '2026-10-01', caseId: null, caseNumber: null, ...over,
});
const sheet = assessmentSheet(
  units,
  [
    entry('e1', 'u1', 'REPORT_LATE', '「国庆期间集中排查」排查报告应于2026-09-30前报送，实际2026-10-03报送'),
    entry('e2', 'u1', 'VISIT_COUNTY', '青山村委会人员到县上访：县信访局通报', { occurredOn: '2026-03-05' }),
    entry('e3', 'u3', 'VISIT_BEIJING', '河口村委会人员到北京上访（XF-2026-0042）', { caseId: 'c42', caseNumber: 'XF-2026-0042' }),
    entry('e4', 'u3', 'ESCALATION', '因工作不力导致非正常上访（XF-2026-0042）', { unqualified: true, caseId: 'c42', caseNumber: 'XF-2026-0042' }),
  ],
  [],
);
const opts = { townName: '青山镇', year: 2026, madeOn: '2026-12-31' };
const texts = (ws: ExcelJS.Worksheet) => {
  const rows: string[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return rows;
};

describe('R23 assessment sheet export to Excel', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'xf-xlsx-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('R23: the written file reads back: title, header, one row per unit with total and rating, date and signatures', async () => {
    const path = join(dir, 'assessment.xlsx');
    await writeAssessmentXlsx(path, sheet, opts);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['考核汇总', '扣分明细']);
    const rows = texts(wb.getWorksheet('考核汇总')!);
    expect(rows[0]![0]).toBe('青山镇2026年度信访工作考核表');
    expect(rows[1]).toEqual(['名次', '单位', '类别', '基础分', '扣分', '得分', '等次', '评优资格', '备注']);
    expect(rows.slice(2, 5).map((r) => r.slice(0, 8))).toEqual([
      ['1', '司法所', '站所部门', '100', '0', '100', '合格', '有'],
      ['2', '青山村委会', '村（社区）', '100', '-1.5', '98.5', '合格', '有'],
      ['3', '河口村委会', '村（社区）', '100', '-5', '95', '不合格', '取消'],
    ]);
    expect(rows[4]![8]).toBe('不合格：因工作不力导致非正常上访（XF-2026-0042）');
    expect(rows.at(-2)![0]).toBe('制表日期：2026年12月31日');
    expect(rows.at(-1)![0]).toMatch(/^审核人：.+负责人：/);
  });

  it('R23: the second sheet lists every deduction with its evidence', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await assessmentXlsx(sheet, opts)) as never);
    const rows = texts(wb.getWorksheet('扣分明细')!);
    expect(rows[0]![0]).toBe('青山镇2026年度信访工作考核表（扣分明细）');
    expect(rows[1]).toEqual(['序号', '单位', '考核项目', '分值', '不合格', '发生日期', '案件编号', '依据']);
    const body = rows.slice(2, 6);
    expect(body.map((r) => [r[1], r[3], r[4], r[6]])).toEqual([
      ['青山村委会', '-0.5', '', ''],
      ['青山村委会', '-1', '', ''],
      ['河口村委会', '-5', '', 'XF-2026-0042'],
      ['河口村委会', '0', '是', 'XF-2026-0042'],
    ]);
    expect(body.map((r) => r[7])).toEqual([
      '青山村委会人员到县上访：县信访局通报',
      '「国庆期间集中排查」排查报告应于2026-09-30前报送，实际2026-10-03报送',
      '河口村委会人员到北京上访（XF-2026-0042）',
      '因工作不力导致非正常上访（XF-2026-0042）',
    ]);
    expect(body[2]![2]).toBe('本单位人员到北京上访（每起）');
    expect(rows.at(-1)![0]).toMatch(/审核人/);
  });
});
