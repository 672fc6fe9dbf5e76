import { escapeMarkdown } from '../markdown.js';
import type { Card, CardButton, CardColour, CardElement, CardImage, FormInput } from '../model.js';
import { encodeLarkFormAction } from './form-action.js';

export { decodeLarkFormAction, encodeLarkFormAction } from './form-action.js';

// Card JSON 2.0 (docs/platforms.md §2). 2.0 cards are shared (update_multi must be true), so a
// card looks the same to everyone in a chat: builders decide what a chat may see.

export type LarkCardJson = Record<string, unknown>;

/** Lark refuses cards over 30 KB. */
export const LARK_CARD_MAX_BYTES = 30 * 1024;

/** Lark input boxes take at most 1,000 characters. */
const LARK_INPUT_MAX = 1000;

const TEXT_TAG_COLOURS: Record<CardColour, string> = {
  red: 'red', orange: 'orange', green: 'green', blue: 'blue', grey: 'neutral', purple: 'purple', yellow: 'yellow',
};

const plain = (content: string) => ({ tag: 'plain_text', content });

const coloured = (text: string, colour: CardColour) => `<font color='${colour}'>${text}</font>`;

export interface LarkRenderOptions {
  /**
   * The image_key Lark gave for an image of the card (uploaded before rendering, see
   * platforms/lark/images.ts). An image without one is shown as its alt text.
   */
  imageKey?: (image: CardImage) => string | undefined;
}

export function renderLarkCard(card: Card, opts: LarkRenderOptions = {}): LarkCardJson {
  const names = new Names();
  const header: Record<string, unknown> = { title: plain(card.title), template: card.colour };
  if (card.subtitle) header.subtitle = plain(card.subtitle);
  // Lark shows at most three header tags.
  if (card.tags?.length) {
    header.text_tag_list = card.tags.slice(0, 3).map((t) => ({ tag: 'text_tag', text: plain(t.text), color: TEXT_TAG_COLOURS[t.colour] }));
  }
  return {
    schema: '2.0',
    config: { update_multi: true },
    header,
    body: { elements: card.elements.flatMap((e) => element(e, names, opts)) },
  };
}

/** The size Lark counts: the UTF-8 bytes of the JSON. */
export function larkCardBytes(json: LarkCardJson): number {
  return Buffer.byteLength(JSON.stringify(json), 'utf8');
}

/** Every interactive component needs a card-unique name: duplicates are a builder bug. */
class Names {
  private used = new Set<string>();
  private buttons = 0;
  take(name: string): string {
    if (this.used.has(name)) throw new Error(`duplicate component name in card: ${name}`);
    this.used.add(name);
    return name;
  }
  nextButton(): string {
    let name: string;
    do name = `btn_${++this.buttons}`;
    while (this.used.has(name));
    return this.take(name);
  }
}

function element(e: CardElement, names: Names, opts: LarkRenderOptions): Record<string, unknown>[] {
  switch (e.kind) {
    case 'markdown':
      return [{ tag: 'markdown', content: e.text }];
    case 'fields':
      return e.fields.length === 0
        ? []
        : [{
            tag: 'markdown',
            content: e.fields
              .map((f) => {
                const value = escapeMarkdown(f.value);
                return `**${escapeMarkdown(f.label)}**：${f.colour ? coloured(value, f.colour) : value}`;
              })
              .join('\n'),
          }];
    case 'divider':
      return [{ tag: 'hr' }];
    case 'note':
      return [{ tag: 'markdown', content: coloured(escapeMarkdown(e.text), 'grey'), text_size: 'notation' }];
    case 'actions':
      if (e.buttons.length === 0) return [];
      return [{
        tag: 'column_set',
        flex_mode: 'flow',
        horizontal_spacing: '8px',
        columns: e.buttons.map((b) => ({ tag: 'column', width: 'auto', elements: [button(b, names)] })),
      }];
    case 'item': {
      const text = e.badge ? `${e.text}\n${coloured(escapeMarkdown(e.badge.text), e.badge.colour)}` : e.text;
      if (!e.button) return [{ tag: 'markdown', content: text }];
      return [{
        tag: 'column_set',
        flex_mode: 'none',
        horizontal_spacing: '8px',
        columns: [
          { tag: 'column', width: 'weighted', weight: 1, vertical_align: 'center', elements: [{ tag: 'markdown', content: text }] },
          { tag: 'column', width: 'auto', vertical_align: 'center', elements: [button(e.button, names, 'small')] },
        ],
      }];
    }
    case 'image': {
      const key = opts.imageKey?.(e);
      // fit_horizontal: a chart is shown whole, as wide as the card (the default crops it).
      if (key) return [{ tag: 'img', img_key: key, alt: plain(e.alt), scale_type: 'fit_horizontal', preview: true }];
      return [{ tag: 'markdown', content: coloured(escapeMarkdown(e.alt), 'grey'), text_size: 'notation' }];
    }
    case 'form':
      return [{
        tag: 'form',
        name: names.take(e.name),
        elements: [
          ...e.inputs.flatMap((i) => input(i, names)),
          {
            tag: 'button',
            name: names.take(encodeLarkFormAction(e.submit.action)),
            text: plain(e.submit.label),
            type: 'primary_filled',
            form_action_type: 'submit',
          },
        ],
      }];
  }
}

function button(b: CardButton, names: Names, size?: 'small'): Record<string, unknown> {
  const json: Record<string, unknown> = {
    tag: 'button',
    name: names.nextButton(),
    text: plain(b.label),
    type: b.style,
    behaviors: [{ type: 'callback', value: b.action }],
  };
  if (size) json.size = size;
  if (b.confirm) json.confirm = { title: plain(b.confirm.title), text: plain(b.confirm.text) };
  return json;
}

/** Selects, pickers and checkers have no label of their own in Lark: a small bold line goes above them. */
function label(i: FormInput): Record<string, unknown> {
  const required = 'required' in i && i.required ? ` <font color='red'>*</font>` : '';
  return { tag: 'markdown', content: `**${escapeMarkdown(i.label)}**${required}` };
}

function input(i: FormInput, names: Names): Record<string, unknown>[] {
  const name = names.take(i.name);
  switch (i.kind) {
    case 'text': {
      const json: Record<string, unknown> = {
        tag: 'input',
        name,
        required: i.required,
        label: plain(i.label),
        label_position: 'top',
        placeholder: plain(i.placeholder ?? `请输入${i.label}`),
        max_length: Math.min(i.maxLength ?? LARK_INPUT_MAX, LARK_INPUT_MAX),
      };
      if (i.multiline) Object.assign(json, { input_type: 'multiline_text', rows: 3 });
      if (i.initial !== undefined) json.default_value = i.initial;
      return [json];
    }
    case 'select': {
      const json: Record<string, unknown> = {
        tag: 'select_static',
        name,
        required: i.required,
        placeholder: plain(`请选择${i.label}`),
        options: i.options.map((o) => ({ text: plain(o.label), value: o.value })),
      };
      if (i.initial !== undefined) json.initial_option = i.initial;
      return [label(i), json];
    }
    case 'multiselect':
      return [label(i), {
        tag: 'multi_select_static',
        name,
        required: i.required,
        placeholder: plain(`请选择${i.label}`),
        options: i.options.map((o) => ({ text: plain(o.label), value: o.value })),
      }];
    case 'date': {
      const json: Record<string, unknown> = { tag: 'date_picker', name, required: i.required, placeholder: plain(`请选择${i.label}`) };
      if (i.initial !== undefined) json.initial_date = i.initial;
      return [label(i), json];
    }
    case 'datetime': {
      const json: Record<string, unknown> = { tag: 'picker_datetime', name, required: i.required, placeholder: plain(`请选择${i.label}`) };
      if (i.initial !== undefined) json.initial_datetime = i.initial;
      return [label(i), json];
    }
    case 'checkbox':
      return [{ tag: 'checker', name, checked: i.initial ?? false, text: plain(i.label) }];
  }
}
