import { describe, expect, it } from 'vitest';
import { lineChart } from '../../src/charts/line-chart.js';
import { EMPTY_TEXT } from '../../src/charts/svg.js';
import { byName, checkChart, HOSTILE, HOSTILE_SHOWN } from './support.js';
import { texts } from './xml.js';

const MONTHS = ['12月', '1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月'];
const OVERDUE = [0, 1, 1, 2, 4, 3, 3, 37, 2, 1, 0, 1];

describe('line chart', () => {
  it('R11 overdue trend: one line through the month ends, ticks 0–40 for a peak of 37, a legend', async () => {
    const svg = lineChart({
      title: '逾期未办结案件（月末）',
      unit: '件',
      series: [{ name: '逾期未办结', colour: '#d9363e', points: MONTHS.map((label, i) => ({ label, value: OVERDUE[i]! })) }],
    });
    const root = checkChart(svg, '逾期未办结案件（月末）');
    const shown = texts(root);
    expect(shown).toEqual(expect.arrayContaining(['单位：件', '逾期未办结', '0', '10', '20', '30', '40', '12月', '11月', '37']));
    expect(shown).not.toContain('50');
    const [polyline] = byName(root, 'polyline');
    expect(polyline!.attrs.points!.split(' ')).toHaveLength(12);
    expect(polyline!.attrs.stroke).toBe('#d9363e');
    expect(byName(root, 'circle')).toHaveLength(12);
    await expect(svg).toMatchFileSnapshot('./__snapshots__/line-overdue.svg');
  });

  it('several series: palette colours, a legend entry each, and a missing point breaks the line', async () => {
    const svg = lineChart({
      title: '对比',
      series: [
        { name: '青山村', points: [{ label: '1月', value: 3 }, { label: '2月', value: 5 }, { label: '3月', value: 4 }] },
        { name: '河口村', points: [{ label: '1月', value: 1 }, { label: '3月', value: 9 }] },
      ],
    });
    const root = checkChart(svg, '对比');
    expect(texts(root)).toEqual(expect.arrayContaining(['青山村', '河口村']));
    // Only the complete series has a line; values are not written when lines could overlap.
    expect(byName(root, 'polyline')).toHaveLength(1);
    expect(byName(root, 'circle')).toHaveLength(5);
    expect(texts(root)).not.toContain('9');
    await expect(svg).toMatchFileSnapshot('./__snapshots__/line-two-series.svg');
  });

  it('a flat line at zero is data, not an empty chart', () => {
    const root = checkChart(lineChart({ title: '逾期', series: [{ name: '逾期', points: MONTHS.map((label) => ({ label, value: 0 })) }] }), '逾期');
    expect(texts(root)).not.toContain(EMPTY_TEXT);
    expect(texts(root)).toEqual(expect.arrayContaining(['0', '1']));
  });

  it('no points says 暂无数据', () => {
    const root = checkChart(lineChart({ title: '逾期', series: [] }), '逾期');
    expect(texts(root)).toEqual(['逾期', EMPTY_TEXT]);
  });

  it('escapes hostile series names and labels', () => {
    const svg = lineChart({ title: 't', series: [{ name: HOSTILE, colour: 'url(#x)', points: [{ label: HOSTILE, value: 1 }] }] });
    expect(svg).not.toContain('<script');
    const root = checkChart(svg, 't');
    expect(texts(root).filter((t) => t === HOSTILE_SHOWN)).toHaveLength(2);
    expect(byName(root, 'circle')[0]!.attrs.stroke).toBe('#2f6fde');
  });
});
