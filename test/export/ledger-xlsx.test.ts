import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_SCOPE } from '../../src/domain/privacy/case-scope.js';
import { ledgerCases, type LedgerRow } from '../../src/db/queries/ledger.js';
import { maskIdNumber, maskName, maskPhone } from '../../src/domain/privacy/masks.js';
import { ledgerXlsx, writeLedgerXlsx } from '../../src/export/ledger-xlsx.js';
import { intakeCase } from '../../src/usecases/intake-case.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { buildTownship, intakeForm } from '../support/township.js';

const row = (over: Partial<LedgerRow>): LedgerRow => ({
  id: 'c1', number: 'XF-2026-0001', title: '宅基地边界纠纷', source: 'VISIT', status: 'IN_PROGRESS', complexity: 'GENERAL',
  receivedOn: '2026-11-01', villageName: '青山村', unitName: '司法所', ownerLeaderName: '孙副镇长', responsiblePersonName: '吴志强',
  dueOn: '2026-11-30', overdueState: null, overdueDays: 0, resolvedOn: null, headcount: 1, petitionersPending: false,
  petitioners: [{ name: '张大明', phone: '13812345678', idNumber: null, address: null }], formerPetitioners: [], ...over,
});

const ROWS: LedgerRow[] = [
  row({ id: 'c3', number: 'XF-2026-0003', title: '拖欠农民工工资', source: 'LETTER', headcount: 12, villageName: '河口村', unitName: '派出所', ownerLeaderName: '周副书记', responsiblePersonName: '郑晓红',
    petitioners: [{ name: '李四', phone: '13900001111', idNumber: null, address: null }, { name: '王五', phone: null, idNumber: null, address: null }] }),
  row({ id: 'c2', number: 'XF-2026-0002', dueOn: '2026-11-10', overdueState: 'OPEN', overdueDays: 10 }),
  row({ id: 'c1', number: 'XF-2026-0001', title: '低保评定有异议', source: 'PHONE', status: 'RESOLVED', receivedOn: '2026-10-20', dueOn: '2026-11-05', resolvedOn: '2026-11-08', overdueState: 'RESOLVED_LATE', overdueDays: 3,
    villageName: null, unitName: null, ownerLeaderName: null, responsiblePersonName: null, petitioners: [] }),
];
const OPTS = { townName: '青山镇', filterText: '状态：办理中；所属村：青山村；收件日期：2026-01-01 至 2026-11-30', madeOn: '2026-11-28', madeBy: '王丽华' };
const HEADER = ['序号', '编号', '信访事项', '来源', '信访人', '联系电话', '所属村', '责任单位', '包案领导', '责任人', '收件日期', '办结时限', '状态', '逾期天数', '办结日期'];

/** Every row's cell values as text, 15 columns wide (merged cells repeat their master's value). */
function texts(ws: ExcelJS.Worksheet): string[][] {
  const out: string[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    out.push(Array.from({ length: 15 }, (_, c) => {
      const v = ws.getRow(r).getCell(c + 1).value;
      return v === null || v === undefined ? '' : String(v);
    }));
  }
  return out;
}
const fillOf = (cell: ExcelJS.Cell) => (cell.fill && cell.fill.type === 'pattern' ? cell.fill.fgColor?.argb : undefined);

async function readBack(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as never);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['信访事项台账']);
  return wb.worksheets[0]!;
}

describe('ledger (台账) export to Excel', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'xf-ledger-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('the written file reads back: title, filter and count, header, one row per case in the right columns, signature line', async () => {
    const path = join(dir, 'ledger.xlsx');
    await writeLedgerXlsx(path, ROWS, OPTS);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet('信访事项台账')!;
    const rows = texts(ws);
    expect(rows[0]![0]).toBe('青山镇信访事项台账');
    expect(ws.getCell('A1').font).toMatchObject({ name: '宋体', bold: true });
    expect(ws.getCell('O1').isMerged).toBe(true);
    expect(rows[1]![0]).toBe(OPTS.filterText);
    expect(rows[1]![14]).toBe('共 3 件');
    expect(rows[2]).toEqual(HEADER);
    expect(rows.slice(3, 6)).toEqual([
      ['1', 'XF-2026-0003', '拖欠农民工工资', '来信', '李四、王五等12人', '13900001111', '河口村', '派出所', '周副书记', '郑晓红', '2026-11-01', '2026-11-30', '办理中', '', ''],
      ['2', 'XF-2026-0002', '宅基地边界纠纷', '来访', '张大明', '13812345678', '青山村', '司法所', '孙副镇长', '吴志强', '2026-11-01', '2026-11-10', '办理中', '10', ''],
      ['3', 'XF-2026-0001', '低保评定有异议', '来电', '', '', '', '', '', '', '2026-10-20', '2026-11-05', '已办结', '3', '2026-11-08'],
    ]);
    expect(ws.getCell('N5').value).toBe(10);
    expect(rows.at(-1)![0]).toBe('制表单位：青山镇信访办　制表人：王丽华　审核人：　　　制表日期：2026年11月28日');
    expect(rows.at(-2)!.every((v) => v === '')).toBe(true);
  });

  it('R11: overdue rows, open or resolved late, are light red across the row; others are not filled', async () => {
    const ws = await readBack(await ledgerXlsx(ROWS, OPTS));
    const fills = [4, 5, 6].map((r) => [1, 8, 15].map((c) => fillOf(ws.getRow(r).getCell(c)) ?? null));
    expect(fills).toEqual([
      [null, null, null],
      ['FFFFC7CE', 'FFFFC7CE', 'FFFFC7CE'],
      ['FFFFC7CE', 'FFFFC7CE', 'FFFFC7CE'],
    ]);
    expect(ws.getCell('C4').border?.left?.style).toBe('thin');
  });

  it('prints landscape one page wide with the header row repeated and frozen, and columns sized', async () => {
    const ws = await readBack(await ledgerXlsx(ROWS, OPTS));
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9, printTitlesRow: '3:3' });
    expect([1, 3, 5].map((c) => ws.getColumn(c).width)).toEqual([6, 30, 16]);
  });

  it('with no filter it says 全部案件; a capped export says how many matched in all', async () => {
    const ws = await readBack(await ledgerXlsx(ROWS.slice(0, 2), { ...OPTS, filterText: ' ', total: 120 }));
    const rows = texts(ws);
    expect([rows[1]![0], rows[1]![14]]).toEqual(['全部案件', '共 120 件（导出前 2 件）']);
    expect(rows.slice(3, -2).map((r) => r[1])).toEqual(['XF-2026-0003', 'XF-2026-0002']);
  });

  it('an empty ledger still has its title, header and signature line', async () => {
    const rows = texts(await readBack(await ledgerXlsx([], OPTS)));
    expect(rows.map((r) => r[0])).toEqual(['青山镇信访事项台账', OPTS.filterText, '序号', '', expect.stringMatching(/^制表单位：/)]);
    expect(rows[1]![14]).toBe('共 0 件');
  });
});

describe('ledger export from the database on postgres', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase('postgres');
  });
  afterAll(() => t.drop());

  it('R24: rows masked for a viewer with the domain functions export as 张*明 and 138****5678, never the full numbers', async () => {
    const town = await buildTownship(t.db);
    await intakeCase(town.deps, town.actor(town.people.office), intakeForm({ villageId: town.villages.a }));
    const page = await ledgerCases(t.db.prisma, { today: '2026-11-02' }, { limit: 10, offset: 0 }, { scope: SYSTEM_SCOPE, searchPersonalData: true });
    const masked = page.rows.map((r) => ({
      ...r,
      petitioners: r.petitioners.map((p) => ({
        name: maskName(p.name),
        phone: p.phone === null ? null : maskPhone(p.phone),
        idNumber: p.idNumber === null ? null : maskIdNumber(p.idNumber),
        address: null,
      })),
    }));
    const ws = await readBack(await ledgerXlsx(masked, { ...OPTS, filterText: '' }));
    const rows = texts(ws);
    expect(rows[3]!.slice(1, 7)).toEqual([page.rows[0]!.number, '宅基地边界纠纷', '来访', '张*明', '138****5678', '青山村']);
    expect(rows.flat().join('|')).not.toMatch(/13812345678|张大明|110101199003074514/);
  });
});
