import { expect } from 'vitest';
import { elements, parseChart, texts, type XmlElement } from './xml.js';

export const HOSTILE = `<script>alert("x")</script>&'\u0001`;
export const HOSTILE_SHOWN = `<script>alert("x")</script>&'`;

/** The checks every chart passes: well-formed, script-free, scalable and labelled for screen readers. */
export function checkChart(svg: string, title: string): XmlElement {
  const root = parseChart(svg);
  expect(root.attrs).toMatchObject({
    xmlns: 'http://www.w3.org/2000/svg',
    width: '100%',
    role: 'img',
    'aria-label': title,
    'font-family': 'PingFang SC, Microsoft YaHei, Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif',
  });
  expect(root.attrs.viewBox).toMatch(/^0 0 \d+(\.\d)? \d+(\.\d)?$/);
  expect(root.attrs.height).toBeUndefined();
  const first = root.children[0];
  expect(typeof first !== 'string' && first?.name).toBe('title');
  expect(texts(root)[0]).toBe(title);
  return root;
}

export const byName = (root: XmlElement, name: string) => elements(root).filter((e) => e.name === name);
