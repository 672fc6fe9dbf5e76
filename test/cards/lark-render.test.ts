import { describe, expect, it } from 'vitest';
import { actionValue } from '../../cards/actions.js';
import { decodeLarkFormAction, renderLarkCard } from '../../cards/lark/render.js';
import type { Card } from '../../cards/model.js';
import { components, expectValidLarkCard, markdownOf } from './lark-walk.js';
import { uid } from './fixtures.js';

const formCard: Card = {
  title: '表单',
  colour: 'blue',
  elements: [
    {
      kind: 'form',
      name: 'f',
      inputs: [
        { kind: 'text', name: 'content', label: '内容', required: true, multiline: true, maxLength: 5000 },
        { kind: 'select', name: 'tag', label: '类别', required: true, options: [{ value: 'A', label: '甲' }], initial: 'A' },
        { kind: 'multiselect', name: 'ids', label: '案件', required: false, options: [{ value: uid(1), label: 'XF-2026-0001' }] },
        { kind: 'date', name: 'due', label: '时限', required: true, initial: '2026-12-01' },
        { kind: 'datetime', name: 'at', label: '时间', required: false, initial: '2026-12-01 10:00' },
        { kind: 'checkbox', name: 'zero', label: '零报告' },
      ],
      submit: { label: '提交', action: actionValue('progress.submit', { caseId: uid(1) }) },
    },
  ],
};

describe('Lark card JSON 2.0 renderer', () => {
  it('renders the header: title, subtitle, template colour and at most three tags (grey is neutral)', () => {
    const json = renderLarkCard({
      title: 'XF-2026-0042 标题',
      subtitle: '副标题',
      colour: 'orange',
      tags: [
        { text: '办理中', colour: 'blue' },
        { text: '已归档', colour: 'grey' },
        { text: '逾期', colour: 'red' },
        { text: '第四个', colour: 'green' },
      ],
      elements: [],
    });
    expect(json).toEqual({
      schema: '2.0',
      config: { update_multi: true },
      header: {
        title: { tag: 'plain_text', content: 'XF-2026-0042 标题' },
        subtitle: { tag: 'plain_text', content: '副标题' },
        template: 'orange',
        text_tag_list: [
          { tag: 'text_tag', text: { tag: 'plain_text', content: '办理中' }, color: 'blue' },
          { tag: 'text_tag', text: { tag: 'plain_text', content: '已归档' }, color: 'neutral' },
          { tag: 'text_tag', text: { tag: 'plain_text', content: '逾期' }, color: 'red' },
        ],
      },
      body: { elements: [] },
    });
  });

  it('fields and notes are plain text: mentions, font tags and markdown in user text are shown literally', () => {
    const json = renderLarkCard({
      title: 't',
      colour: 'blue',
      elements: [
        { kind: 'fields', fields: [{ label: '标题', value: '<at id=all></at> **加粗** 张*明' }, { label: '时限', value: '2026-11-20', colour: 'red' }] },
        { kind: 'note', text: "<font color='red'>x</font>" },
      ],
    });
    const md = markdownOf(json);
    expect(md).not.toContain('<at');
    expect(md).not.toContain("<font color='red'>x");
    expect(md).toContain('&#60;at id=all&#62;&#60;/at&#62; &#42;&#42;加粗&#42;&#42; 张&#42;明');
    expect(md).toContain("**时限**：<font color='red'>2026-11-20</font>");
    expect(md).toContain("<font color='grey'>");
  });

  it('buttons call back with their action value, with an optional confirmation', () => {
    const json = renderLarkCard({
      title: 't',
      colour: 'blue',
      elements: [{
        kind: 'actions',
        buttons: [
          { label: '同意', style: 'primary', action: actionValue('ownership.approve', { proposalId: uid(2) }), confirm: { title: '确认同意', text: '同意后生效' } },
          { label: '退回', style: 'danger', action: actionValue('ownership.return-open', { proposalId: uid(2) }) },
        ],
      }],
    });
    const buttons = components(json).filter((c) => c.node.tag === 'button').map((c) => c.node);
    expect(buttons[0]).toEqual({
      tag: 'button',
      name: 'btn_1',
      text: { tag: 'plain_text', content: '同意' },
      type: 'primary',
      behaviors: [{ type: 'callback', value: { a: 'ownership.approve', proposalId: uid(2) } }],
      confirm: { title: { tag: 'plain_text', content: '确认同意' }, text: { tag: 'plain_text', content: '同意后生效' } },
    });
    expect(buttons[1]).toMatchObject({ name: 'btn_2', type: 'danger' });
    expectValidLarkCard(json);
  });

  it('a form carries its submit action in the submit button name, not in behaviors', () => {
    const json = renderLarkCard(formCard);
    expectValidLarkCard(json);
    const form = (json.body as { elements: Record<string, unknown>[] }).elements[0]!;
    expect(form.tag).toBe('form');
    expect(form.name).toBe('f');
    const submit = components(json).find((c) => c.node.form_action_type === 'submit')!.node;
    expect(submit).toEqual({
      tag: 'button',
      name: `progress.submit?caseId=${uid(1)}`,
      text: { tag: 'plain_text', content: '提交' },
      type: 'primary_filled',
      form_action_type: 'submit',
    });
    expect(decodeLarkFormAction(submit.name as string)).toEqual({ a: 'progress.submit', caseId: uid(1) });
  });

  it('renders each input kind as its Lark component (input length capped at Lark’s 1,000)', () => {
    const json = renderLarkCard(formCard);
    const byName = Object.fromEntries(components(json).filter((c) => c.inForm && c.node.name).map((c) => [c.node.name, c.node]));
    expect(byName.content).toMatchObject({ tag: 'input', required: true, input_type: 'multiline_text', max_length: 1000, label: { tag: 'plain_text', content: '内容' } });
    expect(byName.tag).toMatchObject({ tag: 'select_static', initial_option: 'A', options: [{ text: { tag: 'plain_text', content: '甲' }, value: 'A' }] });
    expect(byName.ids).toMatchObject({ tag: 'multi_select_static', required: false });
    expect(byName.due).toMatchObject({ tag: 'date_picker', required: true, initial_date: '2026-12-01' });
    expect(byName.at).toMatchObject({ tag: 'picker_datetime', initial_datetime: '2026-12-01 10:00' });
    expect(byName.zero).toEqual({ tag: 'checker', name: 'zero', checked: false, text: { tag: 'plain_text', content: '零报告' } });
  });

  it('refuses a card whose component names collide', () => {
    const dup: Card = {
      title: 't',
      colour: 'blue',
      elements: [{ ...formCard.elements[0]!, inputs: [
        { kind: 'text', name: 'x', label: 'a', required: false },
        { kind: 'text', name: 'x', label: 'b', required: false },
      ] } as Card['elements'][number]],
    };
    expect(() => renderLarkCard(dup)).toThrow(/duplicate component name/);
  });

  it('a list row puts its text and badge beside a small button', () => {
    const json = renderLarkCard({
      title: 't',
      colour: 'blue',
      elements: [{ kind: 'item', text: '**XF-2026-0001** 标题', badge: { text: '已逾期 3 天', colour: 'red' }, button: { label: '查看', style: 'default', action: actionValue('case.view', { caseId: uid(1) }) } }],
    });
    const row = (json.body as { elements: Record<string, unknown>[] }).elements[0]!;
    expect(row).toMatchObject({ tag: 'column_set', columns: [{ width: 'weighted' }, { width: 'auto' }] });
    expect(markdownOf(json)).toBe("**XF-2026-0001** 标题\n<font color='red'>已逾期 3 天</font>");
    expect(components(json).find((c) => c.node.tag === 'button')!.node.size).toBe('small');
  });
});
