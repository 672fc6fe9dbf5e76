import type { LarkCardJson } from '../../../cards/lark/render.js';

// Lark card JSON 2.0 (as cards/lark/render.ts produces it) as HTML for the sandbox chat page, so
// a newcomer sees and clicks the very cards Lark shows. The page (public/sandbox/app.js) relies on:
//   callback buttons  <button type="button" class="lk-btn lk-btn-TYPE" data-action="JSON" [data-confirm-title data-confirm-text]>
//   forms             <form class="lk-form" data-form-name="NAME"> with fields named as in Lark
//   submit buttons    <button type="submit" class="lk-btn …" data-submit-name="BUTTON NAME">
// Everything from the JSON is escaped; only the lark_md subset our cards use becomes markup.
// Images (`img` with an img_key) show only when the caller maps the key to PNG data.

type Node = Record<string, unknown>;

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const nodes = (v: unknown): Node[] => (Array.isArray(v) ? v.filter(isNode) : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Colour words only: they become class names. */
const word = (v: unknown, fallback: string): string => (typeof v === 'string' && /^[a-z][a-z0-9_-]{0,30}$/.test(v) ? v : fallback);

/** Text and attribute values: every markup character, `&` included. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Markdown text: like escapeHtml, but the numeric entities of cards/markdown.ts `escapeMarkdown` stay entities. */
function escapeKeepingEntities(text: string): string {
  return text.replace(/&(?!#\d{1,7};)|[<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const attr = (name: string, value: string) => ` ${name}="${escapeHtml(value)}"`;

/** The lark_md subset of our cards: **bold**, <font color='…'>, [text](http(s) url), line breaks. */
const MARKUP = /\*\*|<font color=(['"])([a-z]+(?:-\d{2,3})?)\1>|<\/font>|\[([^\]\n]*)\]\((https?:\/\/[^\s()<>"']+)\)|\n/g;

export function larkMarkdownHtml(content: string): string {
  let html = '';
  let last = 0;
  // Open spans, innermost last: closing one out of order closes and reopens those inside it.
  const open: { kind: 'bold' | 'font'; tag: string }[] = [];
  const close = (kind: 'bold' | 'font') => {
    const at = open.map((o) => o.kind).lastIndexOf(kind);
    const inner = open.splice(at);
    html += inner.map((o) => (o.kind === 'bold' ? '</strong>' : '</span>')).reverse().join('');
    for (const o of inner.slice(1)) {
      open.push(o);
      html += o.tag;
    }
  };
  for (const m of content.matchAll(MARKUP)) {
    html += escapeKeepingEntities(content.slice(last, m.index));
    last = m.index + m[0].length;
    const token = m[0];
    if (token === '**') {
      if (open.some((o) => o.kind === 'bold')) close('bold');
      else {
        open.push({ kind: 'bold', tag: '<strong>' });
        html += '<strong>';
      }
    } else if (token === '</font>') {
      if (open.some((o) => o.kind === 'font')) close('font');
      else html += escapeKeepingEntities(token);
    } else if (token === '\n') {
      html += '<br>';
    } else if (m[2] !== undefined) {
      const tag = `<span class="lk-c-${m[2]}">`;
      open.push({ kind: 'font', tag });
      html += tag;
    } else {
      html += `<a${attr('href', m[4]!)} target="_blank" rel="noopener noreferrer">${escapeKeepingEntities(m[3]!)}</a>`;
    }
  }
  html += escapeKeepingEntities(content.slice(last));
  html += open.map((o) => (o.kind === 'bold' ? '</strong>' : '</span>')).reverse().join('');
  return html;
}

/** A Lark text object: plain_text is shown as is, lark_md as markdown. */
function text(v: unknown): string {
  if (typeof v === 'string') return escapeHtml(v);
  if (!isNode(v)) return '';
  const content = str(v.content) ?? '';
  return v.tag === 'lark_md' ? larkMarkdownHtml(content) : escapeHtml(content);
}

export interface LarkCardHtmlOptions {
  /** The picture of an `img` element's img_key, as a data:image/png;base64 URL; anything else is not shown. */
  imageSrc?: (imgKey: string) => string | undefined;
}

interface Context {
  inForm: boolean;
  imageSrc: (imgKey: string) => string | undefined;
}

export function larkCardHtml(card: LarkCardJson, opts: LarkCardHtmlOptions = {}): string {
  const header = isNode(card.header) ? card.header : undefined;
  const body = isNode(card.body) ? card.body : {};
  const colour = word(header?.template, 'default');
  const ctx: Context = { inForm: false, imageSrc: opts.imageSrc ?? (() => undefined) };
  return `<div class="lk-card lk-${colour}">${header ? headerHtml(header) : ''}<div class="lk-body">${elements(body.elements, ctx)}</div></div>`;
}

/** A data URL of PNG bytes in base64 and nothing else: it cannot carry markup or reach the network. */
const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/;

function image(e: Node, ctx: Context): string {
  const alt = plainOf(e.alt);
  const src = ctx.imageSrc(str(e.img_key) ?? '');
  if (src === undefined || !PNG_DATA_URL.test(src)) return `<div class="lk-img lk-img-missing">${escapeHtml(alt || '（图片）')}</div>`;
  return `<div class="lk-img"><img${attr('src', src)}${attr('alt', alt)}></div>`;
}

function headerHtml(h: Node): string {
  const tags = nodes(h.text_tag_list)
    .map((t) => `<span class="lk-tag lk-tag-${word(t.color, 'neutral')}">${text(t.text)}</span>`)
    .join('');
  return (
    `<div class="lk-header"><div class="lk-header-main"><div class="lk-title">${text(h.title)}</div>` +
    (tags ? `<div class="lk-tags">${tags}</div>` : '') +
    '</div>' +
    (h.subtitle ? `<div class="lk-subtitle">${text(h.subtitle)}</div>` : '') +
    '</div>'
  );
}

const elements = (list: unknown, ctx: Context): string => nodes(list).map((e) => element(e, ctx)).join('');

function element(e: Node, ctx: Context): string {
  switch (e.tag) {
    case 'markdown': {
      const size = e.text_size === 'notation' ? ' lk-notation' : '';
      const align = e.text_align === 'center' || e.text_align === 'right' ? ` lk-align-${e.text_align}` : '';
      return `<div class="lk-markdown${size}${align}">${larkMarkdownHtml(str(e.content) ?? '')}</div>`;
    }
    case 'hr':
      return '<hr class="lk-hr">';
    case 'column_set':
      return `<div class="lk-columns lk-flex-${word(e.flex_mode, 'none')}">${nodes(e.columns).map((c) => column(c, ctx)).join('')}</div>`;
    case 'button':
      return button(e);
    case 'img':
      return image(e, ctx);
    case 'form':
      return ctx.inForm ? unsupported('form') : `<form class="lk-form"${attr('data-form-name', str(e.name) ?? '')}>${elements(e.elements, { ...ctx, inForm: true })}</form>`;
    case 'input':
    case 'select_static':
    case 'multi_select_static':
    case 'date_picker':
    case 'picker_datetime':
    case 'checker':
      return field(e);
    default:
      return unsupported(typeof e.tag === 'string' ? e.tag : '（无标签）');
  }
}

const unsupported = (tag: string) => `<div class="lk-unsupported">不支持的卡片元素：${escapeHtml(tag)}</div>`;

function column(c: Node, ctx: Context): string {
  const width = c.width === 'weighted' ? `lk-col-weighted lk-weight-${Math.min(Math.max(Math.round(Number(c.weight) || 1), 1), 5)}` : 'lk-col-auto';
  const valign = word(c.vertical_align, 'top');
  return `<div class="lk-col ${width} lk-valign-${valign}">${elements(c.elements, ctx)}</div>`;
}

function button(b: Node): string {
  const classes = `lk-btn lk-btn-${word(b.type, 'default')}${b.size ? ` lk-btn-${word(b.size, 'medium')}` : ''}`;
  const label = text(b.text);
  if (b.form_action_type === 'submit') {
    return `<button type="submit"${attr('class', classes)}${attr('data-submit-name', str(b.name) ?? '')}>${label}</button>`;
  }
  if (b.form_action_type === 'reset') return `<button type="reset"${attr('class', classes)}>${label}</button>`;
  const callback = nodes(b.behaviors).find((x) => x.type === 'callback');
  if (!callback) return `<button type="button"${attr('class', classes)} disabled>${label}</button>`;
  let html = `<button type="button"${attr('class', classes)}${attr('data-action', JSON.stringify(callback.value ?? null))}`;
  if (isNode(b.confirm)) {
    html += attr('data-confirm-title', plainOf(b.confirm.title)) + attr('data-confirm-text', plainOf(b.confirm.text));
  }
  return `${html}>${label}</button>`;
}

/** A text object's content for an attribute (escaped there). */
const plainOf = (v: unknown): string => (typeof v === 'string' ? v : isNode(v) ? (str(v.content) ?? '') : '');

function field(e: Node): string {
  const name = attr('name', str(e.name) ?? '');
  const required = e.required === true ? ' required' : '';
  const placeholder = plainOf(e.placeholder);
  switch (e.tag) {
    case 'input': {
      const max = Number.isInteger(e.max_length) ? ` maxlength="${e.max_length as number}"` : '';
      const value = str(e.default_value) ?? '';
      const control =
        e.input_type === 'multiline_text'
          ? `<textarea${name}${attr('placeholder', placeholder)}${max}${required} rows="${Number.isInteger(e.rows) ? (e.rows as number) : 3}">${escapeHtml(value)}</textarea>`
          : `<input type="${e.input_type === 'password' ? 'password' : 'text'}"${name}${attr('placeholder', placeholder)}${value ? attr('value', value) : ''}${max}${required}>`;
      const label = e.label ? `<span class="lk-label">${text(e.label)}${e.required === true ? '<span class="lk-required">*</span>' : ''}</span>` : '';
      return `<label class="lk-field">${label}${control}</label>`;
    }
    case 'select_static': {
      const initial = str(e.initial_option);
      const blank = initial === undefined ? `<option value="">${escapeHtml(placeholder || '请选择')}</option>` : '';
      return `<div class="lk-field"><select${name}${required}>${blank}${options(e.options, initial === undefined ? [] : [initial])}</select></div>`;
    }
    case 'multi_select_static': {
      const initial = Array.isArray(e.initial_options) ? e.initial_options.filter((o): o is string => typeof o === 'string') : [];
      const size = Math.min(Math.max(nodes(e.options).length, 2), 6);
      return `<div class="lk-field"><select multiple size="${size}"${name}${required}${attr('title', placeholder)}>${options(e.options, initial)}</select></div>`;
    }
    case 'date_picker': {
      const initial = str(e.initial_date);
      const value = initial && /^\d{4}-\d{2}-\d{2}$/.test(initial) ? attr('value', initial) : '';
      return `<div class="lk-field"><input type="date"${name}${value}${required}></div>`;
    }
    case 'picker_datetime': {
      const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})/.exec(str(e.initial_datetime) ?? '');
      const value = m ? attr('value', `${m[1]}T${m[2]}`) : '';
      return `<div class="lk-field"><input type="datetime-local"${name}${value}${required}></div>`;
    }
    default: {
      const checked = e.checked === true ? ' checked' : '';
      return `<label class="lk-checker"><input type="checkbox"${name} value="true"${checked}><span>${text(e.text)}</span></label>`;
    }
  }
}

function options(list: unknown, selected: string[]): string {
  return nodes(list)
    .map((o) => {
      const value = str(o.value) ?? '';
      return `<option${attr('value', value)}${selected.includes(value) ? ' selected' : ''}>${text(o.text)}</option>`;
    })
    .join('');
}
