import { describe, expect, it } from 'vitest';
import { groupedBarChart } from '../../src/charts/grouped-bar-chart.js';
import { EMPTY_TEXT } from '../../src/charts/svg.js';
import { byName, checkChart, HOSTILE, HOSTILE_SHOWN } from './support.js';
import { textOf, texts } from './xml.js';

const SERIES = [{ name: '新收', colour: '#2f6fde' }, { name: '办结', colour: '#3a9b5c' }, { name: '逾期', colour: '#d9363e' }];
const GROUPS = [
  { label: '青山村', values: [8, 2, 3] },
  { label: '河口村', values: [4, 4, 0] },
  { label: '新华街道东风社区居民委员会第三网格', values: [1, 0, 1] },
];

describe('grouped bar chart', () => {
  it('one cluster per village, one bar per series in its colour, a legend, each value written with its unit', async () => {
    const svg = groupedBarChart({ title: '各村上周情况', series: SERIES, groups: GROUPS, unit: '件' });
    const root = checkChart(svg, '各村上周情况');
    const shown = texts(root);
    expect(shown).toEqual(expect.arrayContaining(['单位：件', '新收', '办结', '逾期', '青山村', '河口村', '8件', '3件', '0件', '0', '2', '4', '6', '8']));
    expect(shown.find((t) => t.startsWith('新华街道'))).toMatch(/…$/);
    const bars = byName(root, 'rect').filter((r) => r.attrs.rx === '2' && Number(r.attrs.height) === 12 && r.attrs.width !== '12');
    // Legend swatches are 12 × 12 too; bars are the rest, in group order then series order.
    expect(bars.map((r) => r.attrs.fill)).toEqual(Array.from({ length: 3 }, () => SERIES.map((s) => s.colour)).flat());
    const widths = bars.map((r) => Number(r.attrs.width));
    expect(widths[3]! / widths[0]!).toBeCloseTo(4 / 8, 2); // 河口村 新收 against 青山村 新收
    expect(widths[5]).toBe(0); // 河口村 逾期 0
    expect(byName(root, 'title').map(textOf)).toContain('新华街道东风社区居民委员会第三网格 逾期：1件');
    expect(byName(root, 'desc').map(textOf)).toEqual([
      '青山村：新收 8件，办结 2件，逾期 3件；河口村：新收 4件，办结 4件，逾期 0件；新华街道东风社区居民委员会第三网格：新收 1件，办结 0件，逾期 1件',
    ]);
    await expect(svg).toMatchFileSnapshot('./__snapshots__/grouped-bar-villages.svg');
  });

  it('grows with the number of groups', () => {
    const height = (n: number) => Number(groupedBarChart({ title: 't', series: SERIES, groups: Array.from({ length: n }, (_, i) => ({ label: `村${i}`, values: [1, 1, 1] })) }).match(/viewBox="0 0 640 ([\d.]+)"/)![1]);
    expect(height(13)).toBeGreaterThan(height(2));
    expect(height(13) - height(12)).toBe(height(3) - height(2));
  });

  it('escapes hostile labels, series names and colours', () => {
    const svg = groupedBarChart({ title: HOSTILE, series: [{ name: HOSTILE, colour: '"/><script>x</script>' }], groups: [{ label: HOSTILE, values: [1] }] });
    const root = checkChart(svg, HOSTILE_SHOWN);
    expect(svg).not.toContain('<script');
    expect(texts(root).filter((t) => t === HOSTILE_SHOWN).length).toBeGreaterThanOrEqual(2);
    expect(byName(root, 'rect').every((r) => !r.attrs.fill?.includes('<'))).toBe(true);
  });

  it.each([
    ['no groups', []],
    ['only zeros', [{ label: '青山村', values: [0, 0, 0] }]],
  ])('with %s it says 暂无数据', (_, groups) => {
    const root = checkChart(groupedBarChart({ title: '各村上周情况', series: SERIES, groups }), '各村上周情况');
    expect(texts(root)).toEqual(['各村上周情况', EMPTY_TEXT]);
  });

  it('refuses a group whose values do not match the series, and a value that is not a count', () => {
    expect(() => groupedBarChart({ title: 't', series: SERIES, groups: [{ label: 'a', values: [1, 2] }] })).toThrow(RangeError);
    expect(() => groupedBarChart({ title: 't', series: SERIES, groups: [{ label: 'a', values: [1, -2, 0] }] })).toThrow(RangeError);
  });
});
