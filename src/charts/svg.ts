// Shared pieces of the server-side SVG charts: escaping, text measure, colours and the root
// element. Charts are strings with no script and no external reference, so a page can inline
// them and a renderer can turn them into an image without network access.

export const FONT_FAMILY = 'PingFang SC, Microsoft YaHei, Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif';

export const PALETTE = ['#2f6fde', '#e8833a', '#3a9b5c', '#8e5cc4', '#d9363e', '#1f9fb4', '#b08a1e', '#6b7280'] as const;

export const INK = '#1f2937';
export const MUTED = '#6b7280';
export const GRID = '#e5e7eb';

// Characters XML 1.0 forbids even when escaped, and UTF-16 halves without their partner.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text or attribute value made safe for XML: entities for markup characters, invalid characters dropped. */
export function escapeXml(value: string): string {
  return value
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const COLOUR = /^(#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|[a-z]{3,20})$/;

/** A caller's colour if it is a plain hex or named colour, else the fallback: no url(), no CSS. */
export function safeColour(colour: string | undefined, fallback: string): string {
  return colour !== undefined && COLOUR.test(colour) ? colour : fallback;
}

/** Rough rendered width: CJK and full-width characters take 1em, others about 0.6em. */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += /[\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 1 : 0.6;
  return em * fontSize;
}

/** The text cut with an ellipsis so that it fits `maxWidth`. */
export function fitText(text: string, fontSize: number, maxWidth: number): string {
  if (textWidth(text, fontSize) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 0 && textWidth(`${chars.join('')}…`, fontSize) > maxWidth) chars.pop();
  return `${chars.join('')}…`;
}

/** Counts are drawn as they are; anything else is a caller's bug worth seeing. */
export function checkValue(value: number, what: string): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${what}: not a count: ${value}`);
  return value;
}

/** 1234 → '1,234'; fractions keep at most one decimal. */
export function formatNumber(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return rounded.toLocaleString('en-US', { maximumFractionDigits: 1 });
}

const round = (n: number) => Math.round(n * 10) / 10;

/** `<text>` with escaped content; `attrs` are trusted names with values escaped here. */
export function text(x: number, y: number, content: string, attrs: Record<string, string | number> = {}): string {
  return `<text x="${round(x)}" y="${round(y)}"${attributes(attrs)}>${escapeXml(content)}</text>`;
}

export function rect(x: number, y: number, width: number, height: number, attrs: Record<string, string | number> = {}): string {
  return `<rect x="${round(x)}" y="${round(y)}" width="${round(Math.max(0, width))}" height="${round(Math.max(0, height))}"${attributes(attrs)}/>`;
}

export function line(x1: number, y1: number, x2: number, y2: number, attrs: Record<string, string | number> = {}): string {
  return `<line x1="${round(x1)}" y1="${round(y1)}" x2="${round(x2)}" y2="${round(y2)}"${attributes(attrs)}/>`;
}

/** A hover tooltip: SVG's own `<title>` child, read by screen readers too. */
export function tooltip(content: string): string {
  return `<title>${escapeXml(content)}</title>`;
}

function attributes(attrs: Record<string, string | number>): string {
  return Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${escapeXml(typeof v === 'number' ? String(round(v)) : v)}"`)
    .join('');
}

export const TITLE_HEIGHT = 36;
export const EMPTY_TEXT = '暂无数据';

/**
 * The root element: scales to its container's width (viewBox, width 100%, height from the
 * aspect ratio), labelled for assistive technology, with the chart title drawn at the top.
 */
export function svgDocument(opts: { width: number; height: number; title: string; description?: string; body: string }): string {
  const { width, height } = opts;
  const desc = opts.description ? `<desc>${escapeXml(opts.description)}</desc>` : '';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${round(width)} ${round(height)}" width="100%" preserveAspectRatio="xMidYMid meet"`,
    ` role="img" aria-label="${escapeXml(opts.title)}" font-family="${FONT_FAMILY}" font-size="12" style="max-width:${round(width)}px;height:auto">`,
    `<title>${escapeXml(opts.title)}</title>${desc}`,
    rect(0, 0, width, height, { fill: '#ffffff' }),
    text(width / 2, 24, opts.title, { 'text-anchor': 'middle', 'font-size': 16, 'font-weight': 'bold', fill: INK }),
    opts.body,
    '</svg>',
  ].join('');
}

/** The body of a chart that has nothing to show. */
export function emptyBody(width: number, height: number): string {
  return text(width / 2, TITLE_HEIGHT + (height - TITLE_HEIGHT) / 2, EMPTY_TEXT, { 'text-anchor': 'middle', 'font-size': 14, fill: MUTED });
}
