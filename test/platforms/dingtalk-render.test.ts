import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../cards/markdown.js';
import type { Card, CardButton } from '../../cards/model.js';
import { readActionText } from '../../src/platforms/dingtalk/action-text.js';
import { dingtalkMarkdown, dingtalkPlain } from '../../src/platforms/dingtalk/markdown.js';
import {
  renderDingTalkFormTemplateCard, renderDingTalkMessage, renderDingTalkTemplateCard, type DingTalkRobotMessage, type DingTalkTemplateButton, type DingTalkTemplateField,
} from '../../src/platforms/dingtalk/render.js';
import { CARDS } from '../cards/card-catalog.js';

const SNAPSHOTTED = ['case (direct, full data, owner)', 'alert (R18, fresh)', 'approval (approver)', 'help (office staff)', 'todo', 'progress form', 'intake form'];

/** Every markdown link of a text: [label](url). */
const linksIn = (text: string) => [...text.matchAll(/\[([^\]]*)\]\(([^)\s]*)\)/g)].map((m) => ({ label: m[1]!, url: m[2]! }));

/** The ActionCard's buttons (title + URL), in order. */
function actionCardButtons(m: DingTalkRobotMessage): { label: string; url: string }[] {
  const p = m.msgParam as Record<string, string>;
  if (m.msgKey === 'sampleActionCard') return [{ label: p.singleTitle!, url: p.singleURL! }];
  const out: { label: string; url: string }[] = [];
  for (let i = 1; p[`actionTitle${i}`]; i++) out.push({ label: p[`actionTitle${i}`]!, url: p[`actionURL${i}`]! });
  return out;
}

/** What a click on a dtmd:// link sends to the robot. */
function sentText(url: string): string {
  const m = /^dtmd:\/\/dingtalkclient\/sendMessage\?content=(.*)$/.exec(url);
  expect(m, url).not.toBeNull();
  return decodeURIComponent(m![1]!);
}

/** Every button of a card: action rows and list items, in order. */
function buttonsOf(card: Card): CardButton[] {
  return card.elements.flatMap((e): CardButton[] => {
    if (e.kind === 'actions') return e.buttons;
    if (e.kind === 'item' && e.button) return [e.button];
    // A form that says how to open it again gets a 开始填写 button (a question-by-question form in 1:1).
    if (e.kind === 'form' && e.open) return [{ label: '开始填写', style: 'primary', action: e.open }];
    return [];
  });
}

const expectedMeaning = (b: CardButton, cardRef: string | null) =>
  b.confirm ? { kind: 'confirm', value: b.action, title: b.confirm.title, text: b.confirm.text, cardRef } : { kind: 'action', value: b.action, cardRef };

describe('DingTalk rendering of the card catalogue (no template: markdown / ActionCard)', () => {
  for (const name of SNAPSHOTTED) {
    it(`renders «${name}»`, () => {
      const m = renderDingTalkMessage(CARDS[name]!(), { cardRef: 'mref0001' });
      expect(m).toMatchSnapshot();
    });
  }

  it('every button of every card becomes a dtmd link whose text reads back as the same action (or confirmation) and card ref', () => {
    for (const [name, make] of Object.entries(CARDS)) {
      const card = make();
      const m = renderDingTalkMessage(card, { cardRef: 'mref0001' });
      const clicks = [...linksIn(m.msgParam.text), ...(m.msgKey === 'sampleMarkdown' ? [] : actionCardButtons(m))];
      const meanings = clicks.map((c) => readActionText(sentText(c.url)));
      const expected = buttonsOf(card).map((b) => expectedMeaning(b, 'mref0001'));
      // Same buttons, whatever order inline links and ActionCard buttons come in.
      expect(meanings, name).toEqual(expect.arrayContaining(expected));
      expect(meanings, name).toHaveLength(expected.length);
    }
  });

  it('a confirm button sends the confirmation text (title and text), not the action', () => {
    const card = CARDS['approval (approver)']!();
    const m = renderDingTalkMessage(card);
    const [agree, back, view] = actionCardButtons(m).map((b) => readActionText(sentText(b.url)));
    expect(m.msgKey).toBe('sampleActionCard3');
    expect(agree).toEqual({
      kind: 'confirm',
      value: { a: 'ownership.approve', proposalId: '00000000-0000-4000-8000-000000000601' },
      title: '确认同意',
      text: '同意后包案即生效，并通知包案领导、责任单位和责任人。',
      cardRef: null,
    });
    expect(back).toMatchObject({ kind: 'action', value: { a: 'ownership.return-open' } });
    expect(view).toMatchObject({ kind: 'action', value: { a: 'case.view' } });
    expect(actionCardButtons(m).map((b) => b.label)).toEqual(['同意', '退回', '查看案件']);
  });

  it('no buttons: sampleMarkdown; one: sampleActionCard with singleTitle / singleURL', () => {
    const plain: Card = { title: '通知', colour: 'blue', elements: [{ kind: 'markdown', text: '请于 **12月1日** 前报送' }] };
    expect(renderDingTalkMessage(plain)).toEqual({ msgKey: 'sampleMarkdown', msgParam: { title: '通知', text: '**通知**\n\n请于 **12月1日** 前报送' } });
    const one = renderDingTalkMessage({ ...plain, elements: [...plain.elements, { kind: 'actions', buttons: [{ label: '报送', style: 'primary', action: { a: 'progress.open', caseId: 'c1' } }] }] });
    expect(one.msgKey).toBe('sampleActionCard');
    expect(one.msgParam).toMatchObject({ title: '通知', singleTitle: '报送' });
    expect(readActionText(sentText((one.msgParam as { singleURL: string }).singleURL))).toEqual({ kind: 'action', value: { a: 'progress.open', caseId: 'c1' }, cardRef: null });
  });

  it('more than 5 buttons: the first 5 on the ActionCard, the others as links under 更多操作', () => {
    const buttons = Array.from({ length: 7 }, (_, i): CardButton => ({ label: `操作${i + 1}`, style: 'default', action: { a: 'case.view', caseId: `c${i + 1}` } }));
    const m = renderDingTalkMessage({ title: '案件', colour: 'blue', elements: [{ kind: 'actions', buttons }] });
    expect(m.msgKey).toBe('sampleActionCard5');
    expect(actionCardButtons(m).map((b) => b.label)).toEqual(['操作1', '操作2', '操作3', '操作4', '操作5']);
    const more = m.msgParam.text.split('\n').find((l) => l.startsWith('更多操作：'))!;
    expect(linksIn(more).map((l) => [l.label, readActionText(sentText(l.url))])).toEqual([
      ['操作6', { kind: 'action', value: { a: 'case.view', caseId: 'c6' }, cardRef: null }],
      ['操作7', { kind: 'action', value: { a: 'case.view', caseId: 'c7' }, cardRef: null }],
    ]);
  });

  it('drops <font> colour tags (DingTalk shows them as text) and keeps their words', () => {
    const text = renderDingTalkMessage(CARDS['alert (R18, fresh)']!()).msgParam.text;
    expect(text).not.toMatch(/<\/?font|＜\/?font/i);
    expect(text).toContain('驻村干部 吴干部：未确认（须到场）');
  });

  it('shows escaped characters as what they are (138****5678), never as markup', () => {
    const text = renderDingTalkMessage(CARDS.todo!()).msgParam.text;
    expect(text).not.toMatch(/&#\d+;/);
    expect(text).toContain('联系人电话138＊＊＊＊5678');
    expect(dingtalkMarkdown(escapeMarkdown('张*明 <b>#1</b> [x]'))).toBe('张＊明 ＜b＞＃1＜/b＞ ［x］');
  });

  it("a petitioner's text cannot make a link (least of all a command link) anywhere on the card", () => {
    const forged = '[同意](dtmd://dingtalkclient/sendMessage?content=%23%E6%93%8D%E4%BD%9C%20eyJ2Ijp7ImEiOiJvd25lcnNoaXAuYXBwcm92ZSJ9fQ)';
    const card: Card = {
      title: `反映 ${forged}`,
      subtitle: forged,
      colour: 'red',
      tags: [{ text: forged, colour: 'red' }],
      elements: [
        { kind: 'markdown', text: `**反映内容**\n${escapeMarkdown(forged)}` },
        // Even a builder that forgot to escape does not make a link: cards carry no links of their own.
        { kind: 'markdown', text: forged },
        { kind: 'fields', fields: [{ label: forged, value: `见 ${forged}` }] },
        { kind: 'note', text: forged },
        { kind: 'item', text: escapeMarkdown(forged), badge: { text: forged, colour: 'red' } },
        { kind: 'form', name: 'f', inputs: [{ kind: 'text', name: 't', label: forged, required: true, initial: forged }], submit: { label: '提交', action: { a: 'intake.submit' } } },
      ],
    };
    const m = renderDingTalkMessage(card);
    expect(m.msgKey).toBe('sampleMarkdown');
    expect(linksIn(m.msgParam.text)).toEqual([]);
    expect(m.msgParam.text).toContain('［同意］(dtmd://');
    const t = renderDingTalkTemplateCard(card).cardParamMap;
    expect(linksIn(t.markdown)).toEqual([]);
  });

  it('neutralises markup in plain text with full-width look-alikes', () => {
    expect(dingtalkPlain('# 标题 > 引用 *强调* _x_ `code` [a](b) <font>')).toBe('＃ 标题 ＞ 引用 ＊强调＊ ＿x＿ ｀code｀ ［a］(b) ＜font＞');
  });

  it('a form lists what will be asked and says it is asked question by question in 1:1', () => {
    const text = renderDingTalkMessage(CARDS['progress form']!()).msgParam.text;
    expect(text).toContain('- 进展类别（必填）：包案件 / 包查办 / 包落实 / 保稳定');
    expect(text).toContain('- 进展情况（必填）');
    expect(text).toContain('机器人会在单聊中逐项询问');
    // A form cannot be submitted from an ActionCard: no submit button is offered.
    expect(linksIn(text)).toEqual([]);
  });

  it('an image is described by its alt text', () => {
    const m = renderDingTalkMessage({ title: '统计', colour: 'blue', elements: [{ kind: 'image', alt: '各村案件数柱状图', png: new Uint8Array([1]) }] });
    expect(m.msgParam.text).toContain('> 图：各村案件数柱状图');
  });
});

describe('DingTalk rendering for the interactive card template', () => {
  it('fills title, markdown and buttons, all strings; buttons carry the action value as JSON', () => {
    const card = CARDS['approval (approver)']!();
    const { cardParamMap } = renderDingTalkTemplateCard(card);
    expect(Object.values(cardParamMap).every((v) => typeof v === 'string')).toBe(true);
    expect(cardParamMap.title).toBe('待审定：包案意见');
    expect(cardParamMap.markdown).toMatchSnapshot();
    const buttons = JSON.parse(cardParamMap.buttons) as DingTalkTemplateButton[];
    expect(buttons).toEqual(
      buttonsOf(card).map((b) => ({ text: b.label, style: b.style, action: JSON.stringify(b.action), confirm: b.confirm ?? null })),
    );
  });

  it("list items' buttons join the buttons, named after their row (a template's markdown follows no dtmd links)", () => {
    const { cardParamMap } = renderDingTalkTemplateCard(CARDS['case list (mine)']!());
    expect(linksIn(cardParamMap.markdown)).toEqual([]);
    const buttons = JSON.parse(cardParamMap.buttons) as DingTalkTemplateButton[];
    expect(buttons.map((b) => b.text)).toEqual([
      '查看：XF-2026-0002 第2…',
      '查看：XF-2026-0003 第3…',
      '查看：XF-2026-0001 第1…',
      '查看：XF-2026-0004 第4…',
      '刷新',
    ]);
    expect(JSON.parse(buttons[0]!.action)).toEqual({ a: 'case.view', caseId: '00000000-0000-4000-8000-000000001002' });
  });
});

describe('DingTalk rendering for the form template', () => {
  it('gives the form as a field list (name, kind, options, what is filled in) and its submit action; the text above it lists no inputs', () => {
    const card = CARDS['progress form']!();
    const { cardParamMap } = renderDingTalkFormTemplateCard(card);
    expect(Object.values(cardParamMap).every((v) => typeof v === 'string')).toBe(true);
    const fields = JSON.parse(cardParamMap.fields) as DingTalkTemplateField[];
    expect(fields.map((f) => [f.name, f.kind, f.required])).toEqual([
      ['tag', 'select', true],
      ['content', 'textarea', true],
      ['stability', 'select', false],
    ]);
    expect(fields[0]!.options.map((o) => o.label)).toEqual(['包案件', '包查办', '包落实', '保稳定']);
    expect(fields[1]).toMatchObject({ maxLength: 1000, options: [], initial: null });
    expect(cardParamMap.submitText).toBe('提交进展');
    expect(JSON.parse(cardParamMap.submitAction)).toEqual(card.elements.flatMap((e) => (e.kind === 'form' ? [e.submit.action] : []))[0]);
    expect(cardParamMap.markdown).not.toContain('需填写');
    expect(cardParamMap.markdown).not.toContain('逐项询问');
  });

  it('keeps what a form shows filled in (a select, a date), and a checkbox is never required', () => {
    const fields = JSON.parse(renderDingTalkFormTemplateCard(CARDS['intake form']!()).cardParamMap.fields) as DingTalkTemplateField[];
    const byName = Object.fromEntries(fields.map((f) => [f.name, f]));
    expect(byName.source).toMatchObject({ kind: 'select', initial: 'VISIT' });
    expect(byName.receivedOn!.kind).toBe('date');
    expect(byName.sudden).toMatchObject({ kind: 'checkbox', required: false });
    expect(byName.title).toMatchObject({ kind: 'text', placeholder: '一句话概括反映的问题' });
  });

  it('a card without a form has no inputs and no submit button (an answer replacing a submitted form clears it)', () => {
    const { cardParamMap } = renderDingTalkFormTemplateCard(CARDS['approval (approver)']!());
    expect(cardParamMap).toMatchObject({ fields: '[]', submitText: '', submitAction: '' });
    expect(cardParamMap.title).toBe('待审定：包案意见');
  });
});
