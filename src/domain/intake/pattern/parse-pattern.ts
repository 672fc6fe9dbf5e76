import { ANY_BUT_NEWLINE, complement, DIGITS, single, SPACE, union, WORD, type CharSet } from './char-set.js';
import { MAX_REPEAT, type Parsed, type PatternNode } from './pattern-ast.js';

class Refused extends Error {}

const UNSUPPORTED = '（支持：文字、.、[…]、\\d \\w \\s、(…)、|、* + ? {n,m}、^ $；不支持反向引用、前后断言、\\b、\\p{…}）';

/**
 * Parses the part of JavaScript's regex syntax (u flag) that a keyword rule may use. What cannot
 * be matched without backtracking — back-references, look-arounds — is refused, with a reason.
 */
export function parsePattern(source: string): Parsed {
  try {
    const p = new Parser([...source]);
    const node = p.alternation();
    if (!p.done()) p.refuse(p.peek() === ')' ? '括号不成对' : `无法识别「${p.peek()}」`);
    return { ok: true, node };
  } catch (err) {
    if (err instanceof Refused) return { ok: false, problem: err.message };
    throw err;
  }
}

class Parser {
  private i = 0;
  constructor(private readonly chars: string[]) {}

  done = () => this.i >= this.chars.length;
  peek = (ahead = 0) => this.chars[this.i + ahead];
  /** `problem` completes "正则表达式…": either 格式不正确：… or 不支持…. */
  refuse(problem: string): never {
    throw new Refused(problem.startsWith('不支持') ? problem : `格式不正确：${problem}`);
  }

  alternation(): PatternNode {
    const options = [this.sequence()];
    while (this.peek() === '|') {
      this.i++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0]! : { kind: 'alt', options };
  }

  private sequence(): PatternNode {
    const items: PatternNode[] = [];
    while (!this.done() && this.peek() !== '|' && this.peek() !== ')') items.push(this.quantified(this.atom()));
    return items.length === 1 ? items[0]! : { kind: 'seq', items };
  }

  private quantified(atom: PatternNode): PatternNode {
    const bounds = this.quantifier();
    if (!bounds) return atom;
    if (atom.kind === 'assert') this.refuse('^ 或 $ 后面不能跟重复符号');
    if (this.peek() === '?') this.i++; // lazy or greedy: the same for "is there a match"
    const after = this.peek();
    if (after !== undefined && '*+?{'.includes(after)) this.refuse('重复符号不能连用');
    return { kind: 'repeat', body: atom, ...bounds };
  }

  private quantifier(): { min: number; max: number } | null {
    const c = this.peek();
    if (c === '*' || c === '+' || c === '?') {
      this.i++;
      return { min: c === '+' ? 1 : 0, max: c === '?' ? 1 : Infinity };
    }
    if (c !== '{') return null;
    const m = /^\{(\d+)(,(\d*))?\}/.exec(this.chars.slice(this.i, this.i + 12).join(''));
    if (!m) this.refuse('花括号 { } 须写成 {n}、{n,} 或 {n,m}');
    this.i += [...m[0]].length;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    if (min > max) this.refuse(`{${min},${max}} 的次数颠倒了`);
    if (min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT)) this.refuse(`重复次数不能超过 ${MAX_REPEAT}`);
    return { min, max };
  }

  private atom(): PatternNode {
    const c = this.peek()!;
    this.i++;
    switch (c) {
      case '(':
        return this.group();
      case '[':
        return { kind: 'chars', set: this.charClass() };
      case '.':
        return { kind: 'chars', set: ANY_BUT_NEWLINE };
      case '^':
        return { kind: 'assert', at: 'start' };
      case '$':
        return { kind: 'assert', at: 'end' };
      case '\\':
        return { kind: 'chars', set: this.escape(false) };
      case '*':
      case '+':
      case '?':
      case '{':
        return this.refuse(`「${c}」前面缺少要重复的内容`);
      case '}':
      case ']':
        return this.refuse(`「${c}」没有配对`);
      default:
        return { kind: 'chars', set: single(c.codePointAt(0)!) };
    }
  }

  private group(): PatternNode {
    if (this.peek() === '?') {
      const kind = this.peek(1);
      if (kind === ':') this.i += 2;
      else if (kind === '<' && this.peek(2) !== '=' && this.peek(2) !== '!') {
        const close = this.chars.indexOf('>', this.i);
        if (close < 0) this.refuse('命名分组缺少 >');
        this.i = close + 1;
      } else this.refuse(`不支持前后断言 (?${kind ?? ''}…)${UNSUPPORTED}`);
    }
    const inner = this.alternation();
    if (this.peek() !== ')') this.refuse('括号不成对');
    this.i++;
    return inner;
  }

  private charClass(): CharSet {
    const negate = this.peek() === '^';
    if (negate) this.i++;
    const parts: CharSet[] = [];
    while (this.peek() !== ']') {
      if (this.done()) this.refuse('方括号 [ ] 不成对');
      const from = this.classAtom();
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined) {
        this.i++;
        const to = this.classAtom();
        if (from.length !== 1 || to.length !== 1 || from[0]![0] !== from[0]![1] || to[0]![0] !== to[0]![1]) this.refuse('方括号中的范围须在两个字符之间，如 [a-z]');
        if (from[0]![0] > to[0]![0]) this.refuse('方括号中的范围颠倒了');
        parts.push([[from[0]![0], to[0]![0]]]);
      } else parts.push(from);
    }
    this.i++;
    const set = union(...parts);
    return negate ? complement(set) : set;
  }

  private classAtom(): CharSet {
    const c = this.peek()!;
    this.i++;
    return c === '\\' ? this.escape(true) : single(c.codePointAt(0)!);
  }

  private escape(inClass: boolean): CharSet {
    const c = this.peek();
    if (c === undefined) this.refuse('末尾多了一个 \\');
    this.i++;
    switch (c) {
      case 'd':
        return DIGITS;
      case 'D':
        return complement(DIGITS);
      case 'w':
        return WORD;
      case 'W':
        return complement(WORD);
      case 's':
        return SPACE;
      case 'S':
        return complement(SPACE);
      case 't':
        return single(0x09);
      case 'n':
        return single(0x0a);
      case 'r':
        return single(0x0d);
      case 'f':
        return single(0x0c);
      case 'v':
        return single(0x0b);
      case '0':
        if (/\d/.test(this.peek() ?? '')) this.refuse(`不支持反向引用${UNSUPPORTED}`);
        return single(0);
      case 'u':
        return single(this.hex(this.peek() === '{' ? /^\{([0-9a-fA-F]{1,6})\}/ : /^([0-9a-fA-F]{4})/));
      case 'x':
        return single(this.hex(/^([0-9a-fA-F]{2})/));
      case '-':
        if (inClass) return single(0x2d);
        break;
    }
    if (/[1-9k]/.test(c)) this.refuse(`不支持反向引用${UNSUPPORTED}`);
    if (/[bBpP]/.test(c)) this.refuse(`不支持 \\${c}${UNSUPPORTED}`);
    // The u flag allows escaping only the syntax characters (and /).
    if (!'^$\\.*+?()[]{}|/'.includes(c)) this.refuse(`不认识的转义 \\${c}`);
    return single(c.codePointAt(0)!);
  }

  private hex(re: RegExp): number {
    const m = re.exec(this.chars.slice(this.i, this.i + 8).join(''));
    if (!m) this.refuse('\\u 或 \\x 后面须是十六进制数');
    const value = parseInt(m[1]!, 16);
    if (value > 0x10ffff) this.refuse('\\u{…} 超出了 Unicode 的范围');
    this.i += m[0].length;
    return value;
  }
}
