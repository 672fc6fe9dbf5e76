import { describe, expect, it } from 'vitest';
import { notRegisteredCard } from '../../cards/builders/not-registered.js';
import { errorCard } from '../../cards/builders/error.js';
import { renderLarkCard } from '../../cards/lark/render.js';
import { CARDS } from './card-catalog.js';
import { expectValidLarkCard } from './lark-walk.js';

describe('every card renders to valid Lark JSON 2.0', () => {
  it.each(Object.keys(CARDS))('%s', (name) => {
    const json = renderLarkCard(CARDS[name]!());
    expectValidLarkCard(json);
    expect(json).toMatchSnapshot();
  });
});

describe('small cards', () => {
  it('the result card confirms with the case number', () => {
    const card = CARDS.result!();
    expect(card.title).toBe('已登记 XF-2026-0042');
    expect(card.colour).toBe('green');
  });

  it('a reminder is orange, an overdue one red, and both open the case', () => {
    expect(CARDS['notice (due soon)']!().colour).toBe('orange');
    const overdue = CARDS['notice (overdue)']!();
    expect(overdue.colour).toBe('red');
    expect(JSON.stringify(renderLarkCard(overdue))).toContain('查看案件');
  });

  it('the weekly summary shows last week, overdue in red, and villages without a name as 未关联村', () => {
    const card = CARDS['weekly summary']!();
    expect(card.subtitle).toBe('2026-11-16 至 2026-11-22');
    const text = JSON.stringify(renderLarkCard(card));
    expect(text).toContain('上周新收');
    expect(text).toContain('新收 4 · 办结 2 · 逾期 2');
    expect(text).toContain('未关联村（社区）');
  });

  it('the not-registered card is polite and says whom to contact', () => {
    const text = JSON.stringify(renderLarkCard(notRegisteredCard()));
    expect(text).toContain('您尚未登记为本系统用户');
    expect(text).toContain('请联系镇信访办');
  });

  it('the error card is red and shows the Chinese reason', () => {
    const card = errorCard('只有信访办、包案领导或责任人可以办结');
    expect(card.colour).toBe('red');
    expect(JSON.stringify(renderLarkCard(card))).toContain('只有信访办、包案领导或责任人可以办结');
  });
});
