/**
 * Untrusted text (titles, content, names) made safe for card markdown: characters that would
 * start markup — including `<at …>` mentions and `<font>` tags — become numeric HTML entities,
 * which Lark's rich text shows literally. Masked data (张*明, 138****5678) stays readable instead
 * of turning into italics.
 */
const ENTITIES: Record<string, string> = {
  '<': '&#60;',
  '>': '&#62;',
  '*': '&#42;',
  _: '&#95;',
  '~': '&#126;',
  '`': '&#96;',
  '[': '&#91;',
  ']': '&#93;',
  '#': '&#35;',
  '|': '&#124;',
  '\\': '&#92;',
};

export function escapeMarkdown(text: string): string {
  return text.replace(/[<>*_~`[\]#|\\]/g, (c) => ENTITIES[c]!);
}

/** At most `max` characters (by code point), with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** One line of a list: newlines in user text would break the layout. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
