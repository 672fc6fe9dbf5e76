import { describe, expect, it } from 'vitest';
import { complianceGrid, type ComplianceRow } from '../../src/charts/compliance-grid.js';
import { EMPTY_TEXT } from '../../src/charts/svg.js';
import { byName, checkChart, HOSTILE, HOSTILE_SHOWN } from './support.js';
import { textOf, texts } from './xml.js';

const MONTHS = ['2026-09', '2026-10', '2026-11', '2026-12', '2027-01'];
const ROWS: ComplianceRow[] = [
  { group: 'R15 每月下访联系村', name: '孙副镇长', cells: ['DONE', 'GAP', 'MISSING', 'NOT_DUE', 'NOT_DUE'], note: '缺1个月' },
  { group: 'R15 每月下访联系村', name: '陈片长', cells: ['DONE', 'DONE', 'DONE', 'NOT_DUE', 'NOT_DUE'] },
  { group: 'R12 每季度研究重大疑难案件', name: '领导小组会议', cells: ['GAP', 'NA', 'NA', 'NOT_DUE', 'NA'], note: '缺1个季度' },
];

describe('compliance grid', () => {
  it('a month-by-person grid: ✓ done, 待 missing, 缺 gap, — not due, blank n/a, with groups, notes and a legend', async () => {
    const svg = complianceGrid({ title: '职责落实情况', columns: MONTHS, rows: ROWS });
    const root = checkChart(svg, '职责落实情况');
    const shown = texts(root);
    expect(shown).toEqual(expect.arrayContaining([
      '2026年', '9月', '12月', '2027年', '1月', 'R15 每月下访联系村', 'R12 每季度研究重大疑难案件', '孙副镇长', '领导小组会议',
      '缺1个月', '缺1个季度', '已完成', '待完成（仍可补）', '缺（已过期）', '未到期', '无此项',
    ]));
    // Group headings are drawn once each.
    expect(shown.filter((t) => t === 'R15 每月下访联系村')).toHaveLength(1);
    const cellTips = byName(root, 'title').map(textOf).filter((t) => t.startsWith('孙副镇长 '));
    expect(cellTips).toEqual([
      '孙副镇长 2026年9月：已完成', '孙副镇长 2026年10月：缺（已过期）', '孙副镇长 2026年11月：待完成（仍可补）',
      '孙副镇长 2026年12月：未到期', '孙副镇长 2027年1月：未到期',
    ]);
    const cellRects = byName(root, 'rect').filter((r) => r.attrs.width === '40');
    expect(cellRects).toHaveLength(15);
    expect(cellRects.slice(0, 5).map((r) => r.attrs.fill)).toEqual(['#3a9b5c', '#d9363e', '#f08c00', '#e5e7eb', '#e5e7eb']);
    await expect(svg).toMatchFileSnapshot('./__snapshots__/compliance-grid.svg');
  });

  it('the legend can be worded by the caller', () => {
    const root = checkChart(complianceGrid({ title: 'g', columns: ['2026-09'], rows: [{ name: 'a', cells: ['DONE'] }], legend: { DONE: '已下访' } }), 'g');
    expect(texts(root)).toContain('已下访');
    expect(texts(root)).not.toContain('已完成');
  });

  it('escapes hostile names, notes, columns and legend words', () => {
    const svg = complianceGrid({ title: 'g', columns: [HOSTILE], rows: [{ group: HOSTILE, name: HOSTILE, cells: ['GAP'], note: HOSTILE }], legend: { GAP: HOSTILE } });
    expect(svg).not.toContain('<script');
    const root = checkChart(svg, 'g');
    // Group heading and legend are written out; the name and note are cut to fit, whole in the row's tooltip.
    expect(texts(root).filter((t) => t === HOSTILE_SHOWN)).toHaveLength(2);
    expect(byName(root, 'title').map(textOf)).toContain(`${HOSTILE_SHOWN}：${HOSTILE_SHOWN}`);
  });

  it('refuses a row whose cells do not match the columns', () => {
    expect(() => complianceGrid({ title: 'g', columns: MONTHS, rows: [{ name: 'a', cells: ['DONE'] }] })).toThrow(RangeError);
  });

  it('no rows says 暂无数据', () => {
    const root = checkChart(complianceGrid({ title: 'g', columns: MONTHS, rows: [] }), 'g');
    expect(texts(root)).toEqual(['g', EMPTY_TEXT]);
  });
});
