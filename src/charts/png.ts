import { existsSync } from 'node:fs';

// Charts as PNG for chat platforms, which show images but not SVG. resvg draws only with the
// fonts it is given: without a Chinese font every label would be blank boxes.

/** Chinese fonts of the usual systems, first found wins (the image installs fonts-wqy-microhei). */
const CJK_FONT_FILES = [
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/System/Library/Fonts/PingFang.ttc',
  '/System/Library/Fonts/STHeiti Medium.ttc',
  'C:\\Windows\\Fonts\\msyh.ttc',
];

let fontFiles: string[] | undefined;

/** The Chinese font files found on this machine (looked up once); empty when there is none. */
export function cjkFontFiles(): string[] {
  fontFiles ??= CJK_FONT_FILES.filter((f) => existsSync(f)).slice(0, 1);
  return fontFiles;
}

export interface Raster {
  width: number;
  height: number;
  /** RGBA, row by row. */
  pixels: Buffer;
  png(): Buffer;
}

/**
 * The SVG (as src/charts draws it) drawn `scale` times its own size, so that it stays sharp on
 * high-density screens; rendered off the event loop. With no known Chinese font on the machine
 * the system's fonts are searched instead (slower; Chinese shows only if one of them has it).
 */
export async function rasterise(svg: string, opts: { scale?: number } = {}): Promise<Raster> {
  // Loaded on first use: a machine without resvg's native binary still runs everything but charts.
  const { renderAsync } = await import('@resvg/resvg-js');
  const files = cjkFontFiles();
  const image = await renderAsync(svg, {
    fitTo: { mode: 'zoom', value: opts.scale ?? 2 },
    background: '#ffffff',
    font: files.length ? { loadSystemFonts: false, fontFiles: files } : { loadSystemFonts: true },
    logLevel: 'off',
  });
  return { width: image.width, height: image.height, pixels: image.pixels, png: () => image.asPng() };
}

/** The SVG as PNG bytes (see `rasterise`). */
export async function svgToPng(svg: string, opts: { scale?: number } = {}): Promise<{ png: Buffer; width: number; height: number }> {
  const r = await rasterise(svg, opts);
  return { png: r.png(), width: r.width, height: r.height };
}
