import type { CommandHandler } from './handler.js';

// How people type commands on a phone: full-width characters (全角), no space after the command
// word (案件28), a colon or comma instead (案件：28), quotes and a full stop around it, a leading
// 请 or 查看, an @-mention typed by hand. All of it is read as the command it means.

/** Characters that carry nothing: zero-width spaces and joiners, the byte-order mark. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;
/** Hand-typed @-mentions before the words (platforms already remove real mentions of the bot). */
const LEADING_MENTIONS = /^(?:@\S+\s+)+/u;
const OPENING_PUNCTUATION = /^[\s'"“”‘’「『【《<([{]+/u;
const CLOSING_PUNCTUATION = /[\s.。!?~…,;:、'"“”‘’」』】》>)\]}]+$/u;
/** Between the command word and its argument, in place of a space. */
const SEPARATOR = /^[\s:,;、。.]+/u;
/** Words people put before a command (请查看案件 28, 我要登记); dropped only when a command word follows. */
const LEAD_INS = ['请', '帮我', '我要', '查看', '查询', '查一下', '查', '看一下', '看看', '看', '打开'];

/** What people add after a command word without changing it (逾期案件, 帮助一下, 我的列表). */
const PADDING = ['案件', '一下', '列表', '清单', '吧'];

/** A message's text as commands read it: half-width (NFKC), no invisible characters, single-spaced, trimmed. */
export function normalizeChatText(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').replace(/\s+/gu, ' ').trim();
}

/** What a message asks: the command it names (null for none) and its argument. */
export interface CommandRequest {
  command: CommandHandler | null;
  args: string;
  /** The whole message as read (normalized, without mentions and surrounding punctuation). */
  text: string;
}

/**
 * The command a message names: the longest command word it starts with (接访安排 before 接访),
 * in any letter case, with or without a space before its argument; else the command whose argument
 * the whole message is (a pasted case number).
 */
export function readCommand(raw: string, commands: readonly CommandHandler[]): CommandRequest {
  const text = normalizeChatText(raw).replace(LEADING_MENTIONS, '').replace(OPENING_PUNCTUATION, '').replace(CLOSING_PUNCTUATION, '');
  const words = commands.flatMap((command) => command.words.map((word) => ({ word: normalizeChatText(word).toLowerCase(), command }))).sort((a, b) => b.word.length - a.word.length);
  const wordAt = (t: string) => words.find((w) => w.word !== '' && t.toLowerCase().startsWith(w.word));
  /** The text from the command word on, past at most two lead-ins (请查看); null when no command word comes. */
  const fromCommandWord = (t: string, leadIns: number): string | null => {
    if (wordAt(t)) return t;
    for (const l of leadIns > 0 ? LEAD_INS : []) {
      const rest = t.startsWith(l) ? fromCommandWord(t.slice(l.length).replace(SEPARATOR, ''), leadIns - 1) : null;
      if (rest !== null) return rest;
    }
    return null;
  };
  const rest = fromCommandWord(text, 2);
  const found = rest === null ? undefined : wordAt(rest);
  if (found && rest !== null) {
    const after = rest.slice(found.word.length);
    // A word glued to more Chinese is another word (我的孩子, 登记表), unless the command reads an argument or what follows only pads it (逾期案件, 帮助一下).
    if (found.command.takesArgument || after === '' || SEPARATOR.test(after) || PADDING.includes(after)) return { command: found.command, args: after.replace(SEPARATOR, ''), text };
  }
  return { command: commands.find((c) => c.recognizes?.(text)) ?? null, args: text, text };
}
