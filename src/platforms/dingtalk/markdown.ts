// DingTalk robot markdown is a small subset: headings, quotes, bold/italic, links, images, lists
// (platforms.md §4.3; no colours — `<font color>` shows as text). Text from people must not turn
// into markup there, least of all into links: a `[同意](dtmd://…)` in a petitioner's words would be
// a button that makes the reader send a command. So every character that could start markup in
// untrusted text becomes its full-width twin, which reads the same to a person and parses as
// nothing (138****5678 → 138＊＊＊＊5678, [附件] → ［附件］).

const NEUTRAL: Record<string, string> = {
  '*': '＊',
  _: '＿',
  '`': '｀',
  '[': '［',
  ']': '］',
  '<': '＜',
  '>': '＞',
  '#': '＃',
};

/** Plain (untrusted) text made inert in DingTalk markdown. */
export function dingtalkPlain(text: string): string {
  return text.replace(/[*_`[\]<>#]/g, (c) => NEUTRAL[c]!);
}

/**
 * A card's markdown (cards/ markdown, written for Lark) as DingTalk markdown. Builders escape
 * untrusted text into numeric entities (cards/markdown.ts escapeMarkdown): those become inert
 * characters here. `<font>` tags (builder-made) are dropped, keeping their text. Builders make no
 * links, so any bracket left is neutralised too: the only links in a DingTalk card are its buttons.
 */
export function dingtalkMarkdown(text: string): string {
  return text
    .replace(/<\/?font\b[^>]*>/gi, '')
    .replace(/[[\]<>]/g, (c) => NEUTRAL[c]!)
    .replace(/&#(\d{1,6});/g, (entity, code: string) => {
      const n = Number(code);
      if (n > 0x10ffff) return entity;
      const c = String.fromCodePoint(n);
      return NEUTRAL[c] ?? c;
    });
}

/** Card markdown with its markup removed, for places that show plain text (button labels, titles). */
export function plainFromMarkdown(text: string): string {
  return dingtalkMarkdown(text).replace(/\*\*/g, '');
}

/** Lines of one block: a hard break (two spaces) between them, which DingTalk's clients all honour. */
export function hardBreaks(text: string): string {
  return text.replace(/ *\n/g, '  \n');
}

/** A markdown link to our own URL (a dtmd:// button link); the label is plain text. */
export function markdownLink(label: string, url: string): string {
  return `[${dingtalkPlain(label)}](${url.replace(/[()\s]/g, (c) => encodeURIComponent(c).replace('(', '%28').replace(')', '%29'))})`;
}
