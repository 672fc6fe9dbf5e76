import { expect } from 'vitest';
import { decodeAction, isSubmitAction } from '../../cards/actions.js';
import { decodeLarkFormAction, larkCardBytes, LARK_CARD_MAX_BYTES, type LarkCardJson } from '../../cards/lark/render.js';

type Node = Record<string, unknown>;

const INTERACTIVE = new Set(['button', 'input', 'select_static', 'multi_select_static', 'date_picker', 'picker_datetime', 'checker', 'form']);

/** Every component of a rendered card, with whether it sits inside a form. */
export function components(card: LarkCardJson): { node: Node; inForm: boolean }[] {
  const out: { node: Node; inForm: boolean }[] = [];
  const visit = (node: unknown, inForm: boolean) => {
    if (Array.isArray(node)) return node.forEach((n) => visit(n, inForm));
    if (typeof node !== 'object' || node === null) return;
    const n = node as Node;
    if (typeof n.tag === 'string') out.push({ node: n, inForm });
    const inside = inForm || n.tag === 'form';
    if (Array.isArray(n.elements)) visit(n.elements, inside);
    if (Array.isArray(n.columns)) visit(n.columns, inside);
  };
  visit((card.body as Node).elements, false);
  return out;
}

export const buttonsOf = (card: LarkCardJson) => components(card).filter((c) => c.node.tag === 'button' && !c.inForm).map((c) => c.node);

/** Button values (decoded) of a card, outside forms. */
export const actionsOf = (card: LarkCardJson) =>
  buttonsOf(card).map((b) => decodeAction((b.behaviors as { value: unknown }[])[0]!.value));

export const markdownOf = (card: LarkCardJson) =>
  components(card).filter((c) => c.node.tag === 'markdown').map((c) => c.node.content as string).join('\n');

/** The rules every rendered card must keep (Lark JSON 2.0, our encoding of actions). */
export function expectValidLarkCard(card: LarkCardJson): void {
  expect(card.schema).toBe('2.0');
  expect(card.config).toEqual({ update_multi: true });
  const all = components(card);
  const names = all.filter((c) => INTERACTIVE.has(c.node.tag as string)).map((c) => c.node.name);
  expect(names.every((n) => typeof n === 'string' && n.length > 0), 'every interactive component has a name').toBe(true);
  expect(new Set(names).size, 'names are card-unique').toBe(names.length);
  for (const { node, inForm } of all) {
    if (node.tag === 'form') expect((card.body as Node).elements as unknown[], 'forms sit at the card root').toContain(node);
    if (node.tag === 'img') {
      expect(node.img_key, 'an image names what was uploaded').toMatch(/^img_\w+/);
      expect(node.alt, 'an image says what it shows').toEqual({ tag: 'plain_text', content: expect.stringMatching(/\S/) });
    }
    if (node.tag !== 'button') continue;
    if (inForm) {
      expect(node.form_action_type).toBe('submit');
      expect(node.behaviors).toBeUndefined();
      expect(isSubmitAction(decodeLarkFormAction(node.name as string))).toBe(true);
    } else {
      const behaviors = node.behaviors as { type: string; value: unknown }[];
      expect(behaviors).toHaveLength(1);
      expect(behaviors[0]!.type).toBe('callback');
      expect(() => decodeAction(behaviors[0]!.value)).not.toThrow();
    }
  }
  expect(all.filter((c) => c.node.tag === 'form').length).toBeLessThanOrEqual(1);
  expect(all.length, 'Lark allows 200 components per card').toBeLessThanOrEqual(200);
  expect(larkCardBytes(card)).toBeLessThan(LARK_CARD_MAX_BYTES);
}
