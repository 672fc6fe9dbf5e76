import { caseNumbersIn as caseNumbersInText } from '../src/domain/case-numbers.js';
import { maskPersonalText, type PersonalSubject } from '../src/domain/privacy/mask-text.js';
import type { Card, CardButton, CardElement, FormInput } from './model.js';

// R24 at the last step before a platform: every text of a card that does not carry full personal
// data by an audited decision (Card.personalData) is masked with the petitioners of the cases it
// names. Builders mask at the source where they can; this catches what one of them forgets.

type TextKind = 'plain' | 'markdown';

/** A card with every human-readable text passed through `fn`; ids in action values stay. */
function mapCardText(card: Card, fn: (text: string, kind: TextKind) => string): Card {
  const plain = (t: string) => fn(t, 'plain');
  const mapButton = (b: CardButton): CardButton => ({ ...b, label: plain(b.label), ...(b.confirm ? { confirm: { title: plain(b.confirm.title), text: plain(b.confirm.text) } } : {}) });
  const mapInput = (i: FormInput): FormInput => {
    const base = { ...i, label: plain(i.label) };
    if (base.kind === 'select' || base.kind === 'multiselect') return { ...base, options: base.options.map((o) => ({ ...o, label: plain(o.label) })) };
    if (base.kind === 'text') return { ...base, ...(base.initial !== undefined ? { initial: plain(base.initial) } : {}), ...(base.placeholder !== undefined ? { placeholder: plain(base.placeholder) } : {}) };
    return base;
  };
  const mapElement = (e: CardElement): CardElement => {
    switch (e.kind) {
      case 'markdown':
        return { ...e, text: fn(e.text, 'markdown') };
      case 'fields':
        return { ...e, fields: e.fields.map((f) => ({ ...f, label: plain(f.label), value: plain(f.value) })) };
      case 'note':
        return { ...e, text: plain(e.text) };
      case 'actions':
        return { ...e, buttons: e.buttons.map(mapButton) };
      case 'item':
        return { ...e, text: fn(e.text, 'markdown'), ...(e.badge ? { badge: { ...e.badge, text: plain(e.badge.text) } } : {}), ...(e.button ? { button: mapButton(e.button) } : {}) };
      case 'form':
        return { ...e, inputs: e.inputs.map(mapInput), submit: { ...e.submit, label: plain(e.submit.label) } };
      case 'image':
        return { ...e, alt: plain(e.alt) };
      case 'divider':
        return e;
    }
  };
  return {
    ...card,
    title: plain(card.title),
    ...(card.subtitle !== undefined ? { subtitle: plain(card.subtitle) } : {}),
    ...(card.tags ? { tags: card.tags.map((t) => ({ ...t, text: plain(t.text) })) } : {}),
    elements: card.elements.map(mapElement),
  };
}

/** The case numbers a card names (XF-2026-0042), to find whose petitioners to mask. */
export function caseNumbersIn(card: Card): string[] {
  const found = new Set<string>();
  mapCardText(card, (text) => {
    for (const n of caseNumbersInText(text)) found.add(n);
    return text;
  });
  return [...found];
}

/**
 * R24: the card as a chat may show it. Markdown keeps its markup: a mask's `*` is written as an
 * entity there, as escapeMarkdown writes user text.
 */
export function maskCard(card: Card, subjects: readonly PersonalSubject[]): Card {
  return mapCardText(card, (text, kind) => (kind === 'markdown' ? maskPersonalText(text, subjects, { star: '&#42;' }) : maskPersonalText(text, subjects)));
}
