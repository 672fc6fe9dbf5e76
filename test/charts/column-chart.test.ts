import { describe, expect, it } from 'vitest';
import { columnChart, monthColumns } from '../../src/charts/column-chart.js';
import { EMPTY_TEXT } from '../../src/charts/svg.js';
import { byName, checkChart, HOSTILE, HOSTILE_SHOWN } from './support.js';
import { texts } from './xml.js';

const BY_MONTH = [4, 7, 3, 0, 9, 12, 5, 6, 8, 10, 15, 0];

describe('column chart', () => {
  it('months as 1月…12月, from the year\'s byMonth array', () => {
    expect(monthColumns(BY_MONTH).map((c) => c.label)).toEqual(['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月']);
    expect(monthColumns(BY_MONTH).map((c) => c.value)).toEqual(BY_MONTH);
  });

  it('twelve columns with their values over round ticks', async () => {
    const svg = columnChart({ title: '2026年各月受理', columns: monthColumns(BY_MONTH), unit: '件' });
    const root = checkChart(svg, '2026年各月受理');
    const shown = texts(root);
    expect(shown).toEqual(expect.arrayContaining(['1月', '12月', '15', '12', '0', '5', '10']));
    const columns = byName(root, 'rect').filter((r) => r.attrs.rx === '2');
    expect(columns).toHaveLength(12);
    const heights = columns.map((r) => Number(r.attrs.height));
    expect(heights[3]).toBe(0);
    expect(heights[10]! / heights[0]!).toBeCloseTo(15 / 4, 1);
    await expect(svg).toMatchFileSnapshot('./__snapshots__/column-months.svg');
  });

  it('escapes hostile labels', () => {
    const svg = columnChart({ title: '月份', columns: [{ label: HOSTILE, value: 2 }] });
    expect(svg).not.toContain('<script');
    expect(texts(checkChart(svg, '月份'))).toContain(HOSTILE_SHOWN);
  });

  it('a year with no case says 暂无数据', () => {
    const root = checkChart(columnChart({ title: '2027年各月受理', columns: monthColumns(Array(12).fill(0)) }), '2027年各月受理');
    expect(texts(root)).toEqual(['2027年各月受理', EMPTY_TEXT]);
  });
});
