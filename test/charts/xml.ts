// A strict little XML reader for the chart tests: it throws on unbalanced or mismatched tags,
// unquoted or duplicate attributes, raw '<' or stray '&' in text, and characters XML forbids.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

const NAME = /^[A-Za-z_][\w.:-]*/;
const ENTITY = /^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/;
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function decode(raw: string, where: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (ch === '<') throw new Error(`raw '<' in ${where}`);
    if (ch !== '&') {
      out += ch;
      continue;
    }
    const m = ENTITY.exec(raw.slice(i));
    if (!m) throw new Error(`stray '&' in ${where}: ${raw.slice(i, i + 12)}`);
    const e = m[1]!;
    out += e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === 'apos' ? "'"
      : String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    i += m[0].length - 1;
  }
  return out;
}

/** Parses one document with a single root element (no prolog, comments or CDATA: the charts use none). */
export function parseXml(source: string): XmlElement {
  if (FORBIDDEN.test(source)) throw new Error('character not allowed in XML');
  const root: XmlElement = { name: '#document', attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  let i = 0;
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    const textEnd = lt === -1 ? source.length : lt;
    if (textEnd > i) {
      const t = source.slice(i, textEnd);
      if (stack.length === 1) {
        if (t.trim()) throw new Error('text outside the root element');
      } else stack[stack.length - 1]!.children.push(decode(t, 'text'));
    }
    if (lt === -1) break;
    const gt = source.indexOf('>', lt);
    if (gt === -1) throw new Error('unterminated tag');
    const tag = source.slice(lt + 1, gt);
    i = gt + 1;
    if (tag.startsWith('/')) {
      const open = stack.pop();
      if (!open || stack.length === 0 || open.name !== tag.slice(1).trim()) throw new Error(`</${tag.slice(1)}> closes <${open?.name}>`);
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const name = NAME.exec(body)?.[0];
    if (!name) throw new Error(`bad tag <${tag}>`);
    const el: XmlElement = { name, attrs: {}, children: [] };
    let rest = body.slice(name.length);
    while (rest.trim()) {
      const m = /^\s+([A-Za-z_][\w.:-]*)="([^"]*)"/.exec(rest);
      if (!m) throw new Error(`bad attribute in <${name}>: ${rest.slice(0, 30)}`);
      if (m[1]! in el.attrs) throw new Error(`duplicate attribute ${m[1]} in <${name}>`);
      el.attrs[m[1]!] = decode(m[2]!, `attribute ${m[1]}`);
      rest = rest.slice(m[0].length);
    }
    if (stack.length === 1 && root.children.length > 0) throw new Error('second root element');
    stack[stack.length - 1]!.children.push(el);
    if (!selfClosing) stack.push(el);
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  const top = root.children[0];
  if (!top || typeof top === 'string') throw new Error('no root element');
  return top;
}

/** Every element in document order, the root first. */
export function elements(el: XmlElement): XmlElement[] {
  return [el, ...el.children.flatMap((c) => (typeof c === 'string' ? [] : elements(c)))];
}

export function textOf(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}

/** The text of each `<text>` element, in order. */
export function texts(root: XmlElement): string[] {
  return elements(root).filter((e) => e.name === 'text').map(textOf);
}

/** Parses a chart and checks what every chart must be: an accessible, script-free, scalable SVG. */
export function parseChart(svg: string): XmlElement {
  const root = parseXml(svg);
  if (root.name !== 'svg') throw new Error(`root is <${root.name}>`);
  const all = elements(root);
  const bad = all.filter((e) => e.name === 'script' || e.name === 'foreignObject' || Object.keys(e.attrs).some((a) => /^on/i.test(a) || /href$/i.test(a)));
  if (bad.length) throw new Error(`active content: <${bad[0]!.name}>`);
  return root;
}
