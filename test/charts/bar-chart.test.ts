import { describe, expect, it } from 'vitest';
import { barChart } from '../../src/charts/bar-chart.js';
import { EMPTY_TEXT } from '../../src/charts/svg.js';
import { byName, checkChart, HOSTILE, HOSTILE_SHOWN } from './support.js';
import { textOf, texts } from './xml.js';

const VILLAGES = [
  { label: '青山村', value: 37 },
  { label: '河口村', value: 12 },
  { label: '新华街道东风社区居民委员会第三网格', value: 5 },
  { label: '未关联村', value: 2, colour: '#9ca3af' },
];

describe('bar chart', () => {
  it('horizontal bars for villages: a label column, round ticks, each value written with its unit', async () => {
    const svg = barChart({ title: '各村案件数', bars: VILLAGES, unit: '件', horizontal: true });
    const root = checkChart(svg, '各村案件数');
    const shown = texts(root);
    expect(shown).toEqual(expect.arrayContaining(['单位：件', '青山村', '河口村', '37件', '12件', '5件', '2件', '0', '10', '20', '30', '40']));
    // The long name is cut to fit its column; its tooltip keeps it whole.
    expect(shown.find((t) => t.startsWith('新华街道'))).toMatch(/…$/);
    expect(byName(root, 'title').map(textOf)).toContain('新华街道东风社区居民委员会第三网格：5件');
    const bars = byName(root, 'rect').filter((r) => r.attrs.rx === '2');
    const widths = bars.map((r) => Number(r.attrs.width));
    // 37 of an axis that ends at 40, and 12 of it: lengths are proportional.
    expect(widths[1]! / widths[0]!).toBeCloseTo(12 / 37, 2);
    expect(bars.map((r) => r.attrs.fill)).toEqual(['#2f6fde', '#2f6fde', '#2f6fde', '#9ca3af']);
    expect(byName(root, 'desc').map(textOf)).toEqual(['青山村 37件，河口村 12件，新华街道东风社区居民委员会第三网格 5件，未关联村 2件']);
    await expect(svg).toMatchFileSnapshot('./__snapshots__/bar-villages.svg');
  });

  it('without horizontal it draws columns', () => {
    const root = checkChart(barChart({ title: '按状态', bars: [{ label: '办理中', value: 3 }, { label: '已办结', value: 5 }] }), '按状态');
    const [a, b] = byName(root, 'rect').filter((r) => r.attrs.rx === '2');
    expect(Number(b!.attrs.height) / Number(a!.attrs.height)).toBeCloseTo(5 / 3, 2);
  });

  it('escapes a hostile title, label and colour instead of running them', () => {
    const svg = barChart({ title: HOSTILE, bars: [{ label: HOSTILE, value: 1, colour: '"/><script>x</script>' }], horizontal: true });
    const root = checkChart(svg, HOSTILE_SHOWN);
    expect(svg).not.toContain('<script');
    expect(texts(root)).toContain(HOSTILE_SHOWN);
    expect(byName(root, 'rect').every((r) => !r.attrs.fill?.includes('<'))).toBe(true);
  });

  it.each([
    ['no bars', []],
    ['only zeros', [{ label: '青山村', value: 0 }, { label: '河口村', value: 0 }]],
  ])('with %s it says 暂无数据', async (_, bars) => {
    for (const horizontal of [true, false]) {
      const root = checkChart(barChart({ title: '各村案件数', bars, horizontal }), '各村案件数');
      expect(texts(root)).toEqual(['各村案件数', EMPTY_TEXT]);
    }
    await expect(barChart({ title: '各村案件数', bars, horizontal: true })).toMatchFileSnapshot('./__snapshots__/bar-empty.svg');
  });

  it('refuses a value that is not a count', () => {
    expect(() => barChart({ title: 't', bars: [{ label: 'a', value: -1 }], horizontal: true })).toThrow(RangeError);
    expect(() => barChart({ title: 't', bars: [{ label: 'a', value: Number.NaN }] })).toThrow(RangeError);
  });
});
