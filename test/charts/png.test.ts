import { describe, expect, it } from 'vitest';
import { weeklyChartPng, weeklyChartSvg } from '../../src/bot/support/weekly-chart.js';
import { cjkFontFiles, rasterise, svgToPng } from '../../src/charts/png.js';
import type { WeeklyFigures } from '../../src/domain/reminders/weekly-summary.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the IHDR chunk, which a PNG must start with. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const b = Buffer.from(png);
  expect(b.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  expect(b.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

const viewBox = (svg: string) => {
  const [, w, h] = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg)!;
  return { width: Number(w), height: Number(h) };
};

const week = (villages: number): WeeklyFigures => ({
  from: '2026-11-16',
  to: '2026-11-22',
  received: 40,
  resolved: 30,
  overdueNow: 5,
  openNow: 60,
  byVillage: Array.from({ length: villages }, (_, i) => ({ village: i === 0 ? null : `第${i}村民委员会`, received: (i * 7) % 9, resolved: (i * 5) % 6, overdueNow: i % 3 })),
});

/** Pixels that are clearly not the white background. */
const ink = (pixels: Buffer) => {
  let n = 0;
  for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! < 128 && pixels[i + 1]! < 128 && pixels[i + 2]! < 128) n++;
  return n;
};

const oneWord = (word: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 80 40" width="100%" font-family="PingFang SC, Microsoft YaHei, Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif"><text x="4" y="30" font-size="28" fill="#000">${word}</text></svg>`;

describe('charts as PNG (resvg)', () => {
  it('draws Chinese with a Chinese font: different characters give different shapes, not the same missing-glyph box', async () => {
    expect(cjkFontFiles().length, 'a Chinese font on this machine (.ci/run and the Dockerfile install fonts-wqy-microhei)').toBe(1);
    const [xin, fang, blank] = await Promise.all([rasterise(oneWord('信')), rasterise(oneWord('访')), rasterise(oneWord(''))]);
    expect(ink(blank.pixels)).toBe(0);
    expect(ink(xin.pixels)).toBeGreaterThan(200);
    expect(ink(fang.pixels)).toBeGreaterThan(200);
    expect(xin.pixels.equals(fang.pixels)).toBe(false);
  });

  it('the weekly chart is a real PNG at twice the size of the SVG, within what Lark takes for a card image', async () => {
    for (const villages of [1, 13, 20]) {
      const f = week(villages);
      const svg = weeklyChartSvg(f)!;
      const png = (await weeklyChartPng(f))!;
      const size = pngSize(png);
      expect(size).toEqual({ width: viewBox(svg).width * 2, height: viewBox(svg).height * 2 });
      // Lark: at most 1500 × 3000 px for sharp display, height:width within 16:9, under 10 MB.
      expect(size.width).toBeLessThanOrEqual(1500);
      expect(size.height).toBeLessThanOrEqual(3000);
      expect(size.height / size.width).toBeLessThanOrEqual(16 / 9);
      expect(png.byteLength).toBeGreaterThan(5_000);
      expect(png.byteLength).toBeLessThan(1_000_000);
    }
  });

  it('draws one week once however many recipients ask, and nothing when no village has figures', async () => {
    const f = week(3);
    const [a, b] = await Promise.all([weeklyChartPng(f), weeklyChartPng({ ...f })]);
    expect(a).toBe(b);
    expect(await weeklyChartPng({ ...f, byVillage: [] })).toBeNull();
  });

  it('svgToPng reports the size it drew', async () => {
    const r = await svgToPng(oneWord('周报'), { scale: 3 });
    expect(pngSize(r.png)).toEqual({ width: 240, height: 120 });
    expect(r).toMatchObject({ width: 240, height: 120 });
  });
});
