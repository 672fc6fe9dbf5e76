import { describe, expect, it } from 'vitest';
import { notRegisteredCard } from '../../cards/builders/not-registered.js';
import { errorCard } from '../../cards/builders/error.js';
import { weeklySummaryCard } from '../../cards/builders/weekly-summary.js';
import { renderLarkCard } from '../../cards/lark/render.js';
import type { CardImage } from '../../cards/model.js';
import { CARDS } from './card-catalog.js';
import { TINY_PNG } from './fixtures.js';
import { components, expectValidLarkCard } from './lark-walk.js';

/** Where the Lark messenger writes the image_key Lark returned for the upload (platforms/lark/images.ts). */
const PLACEHOLDER_KEY = 'img_v3_placeholder';

describe('every card renders to valid Lark JSON 2.0', () => {
  it.each(Object.keys(CARDS))('%s', (name) => {
    const json = renderLarkCard(CARDS[name]!(), { imageKey: () => PLACEHOLDER_KEY });
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

  it('the weekly summary names the township, shows last week, overdue in red, and villages without a name as 未关联村', () => {
    const card = CARDS['weekly summary']!();
    expect(card.title).toBe('青山镇信访工作周报');
    expect(card.subtitle).toBe('2026-11-16 至 2026-11-22');
    const text = JSON.stringify(renderLarkCard(card));
    expect(text).toContain('上周新收');
    expect(text).toContain('新收 4 · 办结 2 · 逾期 2');
    expect(text).toContain('未关联村（社区）');
  });

  it('the weekly summary carries the chart of the villages under 按村, its alt text giving the same figures', () => {
    const card = CARDS['weekly summary']!();
    const images = card.elements.filter((e): e is CardImage => e.kind === 'image');
    expect(images).toHaveLength(1);
    expect(images[0]!.png).toBe(TINY_PNG);
    expect(images[0]!.alt).toBe('各村（社区）上周新收、办结与目前逾期：青山村 新收 4、办结 2、逾期 2；未关联村（社区） 新收 1、办结 0、逾期 0');
    const tags = components(renderLarkCard(card, { imageKey: (i) => (i.png === TINY_PNG ? PLACEHOLDER_KEY : undefined) })).map((c) => c.node);
    const at = tags.findIndex((n) => n.tag === 'img');
    expect(tags[at - 1]).toMatchObject({ tag: 'markdown', content: '**按村（社区）**' });
    expect(tags[at]).toEqual({ tag: 'img', img_key: PLACEHOLDER_KEY, alt: { tag: 'plain_text', content: images[0]!.alt }, scale_type: 'fit_horizontal', preview: true });
  });

  it('the weekly summary has no picture when none was drawn, nor when no village has figures', () => {
    const figures = { from: '2026-11-16', to: '2026-11-22', received: 0, resolved: 0, openNow: 3, overdueNow: 0, byVillage: [] };
    expect(weeklySummaryCard(figures, '青山镇', TINY_PNG).elements.some((e) => e.kind === 'image')).toBe(false);
    expect(weeklySummaryCard({ ...figures, byVillage: [{ village: '河口村', received: 1, resolved: 0, overdueNow: 0 }] }, '青山镇').elements.some((e) => e.kind === 'image')).toBe(false);
  });

  it('an image Lark has no key for is shown as its alt text, escaped as plain text', () => {
    const card = { title: '图', colour: 'blue' as const, elements: [{ kind: 'image' as const, png: TINY_PNG, alt: '青山村 **4** <b>件</b>' }] };
    const json = renderLarkCard(card);
    expectValidLarkCard(json);
    expect(components(json).map((c) => c.node)).toEqual([
      { tag: 'markdown', content: "<font color='grey'>青山村 &#42;&#42;4&#42;&#42; &#60;b&#62;件&#60;/b&#62;</font>", text_size: 'notation' },
    ]);
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
