import { describe, expect, it } from 'vitest';
import { linearScale, niceTicks } from '../../src/charts/scale.js';
import { escapeXml, fitText, safeColour, textWidth } from '../../src/charts/svg.js';
import { parseXml, textOf } from './xml.js';

describe('chart scale', () => {
  it.each([
    [37, [0, 10, 20, 30, 40]],
    [40, [0, 10, 20, 30, 40]],
    [41, [0, 20, 40, 60]],
    [5, [0, 2, 4, 6]],
    [3, [0, 1, 2, 3]],
    [1, [0, 1]],
    [0, [0, 1]],
    [100, [0, 25, 50, 75, 100]],
    [1234, [0, 500, 1000, 1500]],
  ])('ticks for a maximum of %d are %j: round steps, never fractional', (max, ticks) => {
    expect(niceTicks(max)).toEqual(ticks);
  });

  it('refuses a maximum that is not a count', () => {
    expect(() => niceTicks(-1)).toThrow(RangeError);
    expect(() => niceTicks(Number.NaN)).toThrow(RangeError);
  });

  it('maps values linearly onto pixels, upside down for a y axis', () => {
    const y = linearScale(40, 200, 0);
    expect([y(0), y(10), y(40)]).toEqual([200, 150, 0]);
    expect(linearScale(0, 0, 100)(0)).toBe(0);
  });
});

describe('chart text', () => {
  it('escapes markup and drops characters XML cannot hold', () => {
    const hostile = `<script>alert("x")</script> & 'q' \u0001\uD800 村`;
    const escaped = escapeXml(hostile);
    expect(escaped).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;  村');
    const el = parseXml(`<t a="${escaped}">${escaped}</t>`);
    expect(textOf(el)).toBe(`<script>alert("x")</script> & 'q'  村`);
    expect(el.attrs.a).toBe(textOf(el));
  });

  it('keeps plain colours and refuses anything that could be CSS or a reference', () => {
    expect(safeColour('#2f6fde', 'x')).toBe('#2f6fde');
    expect(safeColour('teal', 'x')).toBe('teal');
    for (const bad of ['url(#a)', 'red" onload="alert(1)', 'rgb(1,2,3);x', '#12345', '']) expect(safeColour(bad, 'x')).toBe('x');
    expect(safeColour(undefined, 'x')).toBe('x');
  });

  it('measures Chinese wider than Latin and cuts long names with an ellipsis', () => {
    expect(textWidth('青山村', 12)).toBe(36);
    expect(textWidth('abc', 10)).toBeCloseTo(18);
    expect(fitText('青山村', 12, 36)).toBe('青山村');
    const cut = fitText('新华街道东风社区居民委员会第三网格', 12, 100);
    expect(cut.endsWith('…')).toBe(true);
    expect(textWidth(cut, 12)).toBeLessThanOrEqual(100);
  });
});
