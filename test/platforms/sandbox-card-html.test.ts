import { describe, expect, it } from 'vitest';
import { actionValue } from '../../cards/actions.js';
import { caseCard } from '../../cards/builders/case-card.js';
import { caseListCard } from '../../cards/builders/case-list.js';
import { renderLarkCard, type LarkCardJson } from '../../cards/lark/render.js';
import type { Card } from '../../cards/model.js';
import { larkCardHtml, larkMarkdownHtml } from '../../src/platforms/sandbox/lark-card-html.js';
import { sandboxCardHtml } from '../../src/platforms/sandbox/card-html.js';
import { CARDS } from '../cards/card-catalog.js';
import { caseInput, listRow, TINY_PNG, TODAY, uid } from '../cards/fixtures.js';
import { buttonsOf, components, markdownOf } from '../cards/lark-walk.js';

// The sandbox shows the Lark JSON of our cards as HTML; these tests read that HTML as the page
// (public/sandbox/app.js) does: data-action, data-submit-name and field names.

const ALLOWED_TAGS = new Set(['div', 'span', 'strong', 'br', 'hr', 'a', 'button', 'form', 'label', 'input', 'textarea', 'select', 'option', 'img']);

const decode = (s: string) => s.replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)));

/** Start tags with their (decoded) attributes, in document order. */
function tags(html: string): { name: string; attrs: Record<string, string> }[] {
  return [...html.matchAll(/<([a-z]+)((?:\s+[a-z-]+(?:="[^"]*")?)*)\s*>/g)].map((m) => ({
    name: m[1]!,
    attrs: Object.fromEntries([...m[2]!.matchAll(/([a-z-]+)(?:="([^"]*)")?/g)].map((a) => [a[1]!, decode(a[2] ?? '')])),
  }));
}

/** What a reader sees: tags gone, entities shown as their characters. */
const visibleText = (html: string) => decode(html.replace(/<br>/g, '\n').replace(/<[^>]*>/g, ''));

/** Markup only from our fixed set: every `<` opens or closes an allowed tag; no handlers, styles or scripts. */
function expectSafeMarkup(html: string): void {
  for (const m of html.matchAll(/<\/?([^\s>/]*)/g)) expect(ALLOWED_TAGS, m[0]).toContain(m[1]);
  expect(html).not.toMatch(/\son[a-z]+=|\sstyle=|javascript:/i);
  expect(html).not.toMatch(/&(?!#\d+;)/);
}

/** The Lark JSON of a card and the HTML the sandbox shows for it (images in the page). */
const rendered = (card: Card) => ({ json: renderLarkCard(card, { imageKey: () => 'img_placeholder' }), html: sandboxCardHtml(card) });

const callbackValues = (json: LarkCardJson) => buttonsOf(json).map((b) => (b.behaviors as { value: unknown }[])[0]!.value);
const submitNames = (json: LarkCardJson) =>
  components(json).filter((c) => c.inForm && c.node.tag === 'button').map((c) => c.node.name as string);
const fieldNames = (json: LarkCardJson) =>
  components(json).filter((c) => c.inForm && c.node.tag !== 'button' && c.node.tag !== 'markdown').map((c) => c.node.name as string);

const EXTRA_CARDS: Record<string, () => Card> = {
  'case with hostile text': () =>
    caseCard(caseInput({ title: '<script>alert(1)</script> *张*明*', content: "<font color='red'>紧急</font> [链接](http://x) 138****5678 & <b>", allowedActions: ['ADD_PROGRESS'] })),
  'case list of 200': () => caseListCard({ kind: 'mine', rows: Array.from({ length: 200 }, (_, i) => listRow(i + 1, '2026-12-15')), asOf: TODAY }),
  'every input kind': () => ({
    title: '表单',
    colour: 'blue',
    elements: [
      {
        kind: 'form',
        name: 'f',
        inputs: [
          { kind: 'text', name: 'content', label: '内容', required: true, multiline: true, maxLength: 5000, initial: '已<核实>' },
          { kind: 'text', name: 'who', label: '人员', required: false },
          { kind: 'select', name: 'tag', label: '类别', required: true, options: [{ value: 'A', label: '甲' }, { value: 'B', label: '乙' }], initial: 'B' },
          { kind: 'select', name: 'opt', label: '可选', required: false, options: [{ value: 'A', label: '甲' }] },
          { kind: 'select', name: 'must', label: '必选', required: true, options: [{ value: 'A', label: '甲' }] },
          { kind: 'multiselect', name: 'ids', label: '案件', required: false, options: [{ value: uid(1), label: 'XF-2026-0001' }, { value: uid(2), label: 'XF-2026-0002' }] },
          { kind: 'date', name: 'due', label: '时限', required: true, initial: '2026-12-01' },
          { kind: 'datetime', name: 'at', label: '时间', required: false, initial: '2026-12-01 10:00' },
          { kind: 'checkbox', name: 'zero', label: '零报告', initial: true },
        ],
        submit: { label: '提交', action: actionValue('progress.submit', { caseId: uid(1) }) },
      },
    ],
  }),
};

const ALL = { ...CARDS, ...EXTRA_CARDS };

describe('every card of ours renders to sandbox HTML', () => {
  it.each(Object.keys(ALL))('%s', (name) => {
    const { json, html } = rendered(ALL[name]!());
    expect(html).not.toContain('lk-unsupported');
    expectSafeMarkup(html);
    expect(html.startsWith(`<div class="lk-card lk-${(json.header as { template: string }).template}">`)).toBe(true);
    expect(html).toContain('<div class="lk-header">');
    // All the lark_md of our cards is understood: none of its syntax is left showing.
    // (Masked data such as 138****5678 arrives as entities, so a raw ** is a marker left over.)
    expect(html.replace(/<[^>]*>/g, '')).not.toContain('**');
    expect(html.match(/<span class="lk-c-/g)?.length ?? 0).toBe(markdownOf(json).match(/<font color=/g)?.length ?? 0);

    const all = tags(html);
    const actions = all.filter((t) => t.name === 'button' && 'data-action' in t.attrs);
    expect(actions.map((t) => JSON.parse(t.attrs['data-action']!))).toEqual(callbackValues(json));
    expect(actions.every((t) => t.attrs.type === 'button' && /^lk-btn lk-btn-(primary|default|danger)\b/.test(t.attrs.class!))).toBe(true);

    const submits = all.filter((t) => t.name === 'button' && t.attrs.type === 'submit');
    expect(submits.map((t) => t.attrs['data-submit-name'])).toEqual(submitNames(json));
    const fields = all.filter((t) => ['input', 'textarea', 'select'].includes(t.name)).map((t) => t.attrs.name);
    expect(fields).toEqual(fieldNames(json));
    expect(all.filter((t) => t.name === 'button').length).toBe(actions.length + submits.length);
  });
});

describe('confirmations, forms and fields', () => {
  it('a button with a confirmation carries its title and text', () => {
    const { json, html } = rendered({
      title: '审定',
      colour: 'orange',
      elements: [{ kind: 'actions', buttons: [{ label: '同意', style: 'primary', action: actionValue('ownership.approve', { proposalId: uid(1) }), confirm: { title: '确认同意？', text: '同意后包案即生效 "立即"' } }] }],
    });
    const button = tags(html).find((t) => t.name === 'button')!;
    expect(button.attrs).toMatchObject({ 'data-confirm-title': '确认同意？', 'data-confirm-text': '同意后包案即生效 "立即"' });
    expect(JSON.parse(button.attrs['data-action']!)).toEqual(callbackValues(json)[0]);
  });

  it('every input kind becomes its HTML control, named as in Lark, required where Lark requires it', () => {
    const { html } = rendered(EXTRA_CARDS['every input kind']!());
    const byName = Object.fromEntries(tags(html).filter((t) => t.attrs.name).map((t) => [t.attrs.name, t]));
    expect(tags(html).find((t) => t.name === 'form')!.attrs['data-form-name']).toBe('f');
    expect(byName.content).toMatchObject({ name: 'textarea', attrs: { maxlength: '1000', required: '' } });
    expect(html).toContain('>已&#60;核实&#62;</textarea>');
    expect(byName.who).toMatchObject({ name: 'input', attrs: { type: 'text', placeholder: '请输入人员' } });
    expect(byName.who!.attrs.required).toBeUndefined();
    expect(byName.tag).toMatchObject({ name: 'select', attrs: { required: '' } });
    expect(html).toMatch(/<select name="tag" required><option value="A">甲<\/option><option value="B" selected>乙<\/option><\/select>/);
    expect(html).toContain('<select name="opt"><option value="">请选择可选</option><option value="A">甲</option></select>');
    // A required select with no initial choice starts on an empty placeholder that the browser refuses to submit.
    expect(html).toContain('<select name="must" required><option value="">请选择必选</option>');
    expect(byName.ids).toMatchObject({ name: 'select', attrs: { multiple: '' } });
    expect(byName.due).toMatchObject({ name: 'input', attrs: { type: 'date', value: '2026-12-01', required: '' } });
    expect(byName.at).toMatchObject({ name: 'input', attrs: { type: 'datetime-local', value: '2026-12-01T10:00' } });
    expect(byName.zero).toMatchObject({ name: 'input', attrs: { type: 'checkbox', value: 'true', checked: '' } });
    expect(visibleText(html)).toContain('零报告');
    expect(html).toMatch(/<button type="submit" class="lk-btn lk-btn-primary_filled" data-submit-name="progress\.submit\?caseId=[0-9a-f-]+">提交<\/button>/);
  });

  it('an element kind the sandbox does not know is shown, never dropped', () => {
    const html = larkCardHtml({ schema: '2.0', header: { title: { tag: 'plain_text', content: 't' }, template: 'blue' }, body: { elements: [{ tag: 'chart' }, { tag: '<img src=x>' }] } });
    expect(html).toContain('<div class="lk-unsupported">不支持的卡片元素：chart</div>');
    expect(html).toContain('不支持的卡片元素：&#60;img src=x&#62;');
    expectSafeMarkup(html);
  });
});

describe('images', () => {
  const withImage = (imgKey: string) =>
    ({ schema: '2.0', header: { title: { tag: 'plain_text', content: 't' }, template: 'blue' }, body: { elements: [{ tag: 'img', img_key: imgKey, alt: { tag: 'plain_text', content: '图 <1> & "2"' } }] } });

  it('the weekly summary shows its chart in the page as a PNG data URL, with the alt text', () => {
    const { html } = rendered(CARDS['weekly summary']!());
    const img = tags(html).filter((t) => t.name === 'img');
    expect(img).toHaveLength(1);
    expect(img[0]!.attrs.src).toBe(`data:image/png;base64,${Buffer.from(TINY_PNG).toString('base64')}`);
    expect(img[0]!.attrs.alt).toMatch(/^各村（社区）上周新收、办结与目前逾期：青山村 新收 4、办结 2、逾期 2；/);
    expect(html).toMatch(/<div class="lk-img"><img src="data:image\/png;base64,[A-Za-z0-9+/=]+" alt="[^"]+"><\/div>/);
    expect(html).not.toContain('lk-img-missing');
  });

  it('an image key the page has no PNG for, or whose source is anything but PNG data, shows the alt text instead', () => {
    for (const src of [undefined, 'https://example.cn/x.png', 'data:image/svg+xml;base64,PHN2Zz4=', 'data:image/png;base64,AAAA" onerror="x', 'javascript:alert(1)']) {
      const html = larkCardHtml(withImage('img_v3_x'), { imageSrc: () => src });
      expect(html).not.toContain('<img');
      expect(html).toContain('<div class="lk-img lk-img-missing">图 &#60;1&#62; &#38; &#34;2&#34;</div>');
      expectSafeMarkup(html);
    }
    const html = larkCardHtml(withImage('img_v3_x'), { imageSrc: (key) => (key === 'img_v3_x' ? 'data:image/png;base64,iVBORw0KGgo=' : undefined) });
    expect(html).toContain('<div class="lk-img"><img src="data:image/png;base64,iVBORw0KGgo=" alt="图 &#60;1&#62; &#38; &#34;2&#34;"></div>');
    expectSafeMarkup(html);
  });
});

describe('untrusted text is shown literally', () => {
  it('a hostile title and content produce no tag, and masked numbers stay readable', () => {
    const { html } = rendered(EXTRA_CARDS['case with hostile text']!());
    expectSafeMarkup(html);
    const text = visibleText(html);
    expect(text).toContain('<script>alert(1)</script> *张*明*');
    expect(text).toContain("<font color='red'>紧急</font> [链接](http://x)");
    expect(text).toContain('& <b>');
    expect(html).not.toContain('<a ');
    expect(text).toMatch(/138\*{4}5678/);
  });

  it('the header has its colour, subtitle and coloured tags', () => {
    const { html } = rendered({
      title: 'XF-2026-0042 <标题>',
      subtitle: '副标题 & 说明',
      colour: 'red',
      tags: [{ text: '逾期', colour: 'red' }, { text: '已归档', colour: 'grey' }],
      elements: [{ kind: 'fields', fields: [{ label: '时限', value: '2026-11-20', colour: 'red' }] }, { kind: 'note', text: '备注' }],
    });
    expect(html).toMatch(/^<div class="lk-card lk-red"><div class="lk-header">/);
    expect(html).toContain('<div class="lk-title">XF-2026-0042 &#60;标题&#62;</div>');
    expect(html).toContain('<div class="lk-subtitle">副标题 &#38; 说明</div>');
    expect(html).toContain('<span class="lk-tag lk-tag-red">逾期</span><span class="lk-tag lk-tag-neutral">已归档</span>');
    expect(html).toContain('<strong>时限</strong>：<span class="lk-c-red">2026-11-20</span>');
    expect(html).toContain('<div class="lk-markdown lk-notation"><span class="lk-c-grey">备注</span></div>');
  });
});

describe('lark_md subset', () => {
  it('bold, font colours and line breaks become markup; entities stay entities; other & < > are escaped', () => {
    expect(larkMarkdownHtml("**标题** <font color='red'>*</font>\n第二行 &#42;张&#42; a&b")).toBe(
      '<strong>标题</strong> <span class="lk-c-red">*</span><br>第二行 &#42;张&#42; a&#38;b',
    );
  });

  it('links open http(s) only, in a new tab without opener', () => {
    expect(larkMarkdownHtml('[办事指南](https://example.cn/a?b=1&c=2)')).toBe(
      '<a href="https://example.cn/a?b=1&#38;c=2" target="_blank" rel="noopener noreferrer">办事指南</a>',
    );
    expect(larkMarkdownHtml('[点我](javascript:alert(1))')).toBe('[点我](javascript:alert(1))');
  });

  it('unbalanced or crossed markers still give well-formed HTML', () => {
    expect(larkMarkdownHtml('**未闭合')).toBe('<strong>未闭合</strong>');
    expect(larkMarkdownHtml('多余</font>')).toBe('多余&#60;/font&#62;');
    expect(larkMarkdownHtml("**a<font color='red'>b**c</font>")).toBe('<strong>a<span class="lk-c-red">b</span></strong><span class="lk-c-red">c</span>');
    expect(larkMarkdownHtml("<font color='red;x'>y</font>")).toBe('&#60;font color=&#39;red;x&#39;&#62;y&#60;/font&#62;');
  });
});

describe('sandbox card HTML snapshots', () => {
  it.each(['case (direct, full data, owner)', 'intake form', 'todo', 'approval (approver)'])('%s', (name) => {
    expect(rendered(CARDS[name]!()).html).toMatchSnapshot();
  });
});
