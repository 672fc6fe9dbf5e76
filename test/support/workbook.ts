import ExcelJS from 'exceljs';
import { expect } from 'vitest';

/** The rows of a downloaded workbook's sheet (the first by default), as arrays of cell texts. */
export async function sheetRows(res: Response, sheet = 1): Promise<string[][]> {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
  const ws = wb.worksheets[sheet - 1]!;
  const rows: string[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return rows;
}
