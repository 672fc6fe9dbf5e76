/**
 * A card as the bot means it, independent of any platform. Builders in cards/ produce it;
 * renderers turn it into Lark card JSON 2.0 (cards/lark/) or a DingTalk card later.
 */
export type CardColour = 'red' | 'orange' | 'green' | 'blue' | 'grey' | 'purple' | 'yellow';

/** What a button or form submit sends back: `a` names the action, the rest are its parameters. */
export type ActionValue = { a: string } & Record<string, string | number | boolean | null>;

export interface Card {
  title: string;
  subtitle?: string;
  colour: CardColour;
  tags?: { text: string; colour: CardColour }[];
  elements: CardElement[];
  /**
   * R24: set only by a builder showing one person full personal data they asked for (an audited
   * view). Such a card goes to that person 1:1 as it is; every other card is masked on its way out.
   */
  personalData?: 'FULL';
}

/**
 * `markdown` and `item.text` are markdown: untrusted text in them must go through
 * `escapeMarkdown` (cards/markdown.ts). Everything else (field labels and values, notes, badges,
 * labels) is plain text that renderers escape themselves.
 */
export type CardElement =
  | { kind: 'markdown'; text: string }
  | { kind: 'fields'; fields: CardField[] }
  | { kind: 'divider' }
  | { kind: 'note'; text: string }
  | { kind: 'actions'; buttons: CardButton[] }
  /** One row of a list: text, an optional coloured badge (e.g. a deadline) and an optional button. */
  | { kind: 'item'; text: string; badge?: { text: string; colour: CardColour }; button?: CardButton }
  /** `open`: the action that sends this form again, for platforms that ask a form question by question (DingTalk). */
  | { kind: 'form'; name: string; inputs: FormInput[]; submit: { label: string; action: ActionValue }; open?: ActionValue }
  | CardImage;

/**
 * A picture (e.g. a chart) as PNG bytes, made before the card is built (builders do no I/O).
 * Platforms that show images by reference upload it before sending (Lark: image_key); `alt`
 * is plain text that says what the picture shows, for hover, screen readers and wherever the
 * picture cannot be shown.
 */
export interface CardImage {
  kind: 'image';
  alt: string;
  png: Uint8Array;
}

export interface CardField {
  label: string;
  value: string;
  /** Colours the value, e.g. a deadline by urgency. */
  colour?: CardColour;
}

export interface CardButton {
  label: string;
  style: 'primary' | 'default' | 'danger';
  action: ActionValue;
  confirm?: { title: string; text: string };
}

export interface Choice {
  value: string;
  label: string;
}

export type FormInput =
  | { kind: 'text'; name: string; label: string; required: boolean; multiline?: boolean; maxLength?: number; initial?: string; placeholder?: string }
  | { kind: 'select'; name: string; label: string; required: boolean; options: Choice[]; initial?: string }
  | { kind: 'multiselect'; name: string; label: string; required: boolean; options: Choice[] }
  | { kind: 'date'; name: string; label: string; required: boolean; initial?: string }
  /** Date and time of day; `initial` is 'YYYY-MM-DD HH:mm' (Beijing time). */
  | { kind: 'datetime'; name: string; label: string; required: boolean; initial?: string }
  | { kind: 'checkbox'; name: string; label: string; initial?: boolean };
