import { contains } from './char-set.js';
import type { Program } from './compile-pattern.js';

export interface SearchResult {
  found: boolean;
  /** States visited: at most twice the program's size per character, whatever the text. */
  steps: number;
}

/**
 * Whether the program matches anywhere in `text` (code points), by running every state of the
 * automaton at once over the text (Thompson's simulation): time is linear in the text, never
 * exponential, however the pattern is written.
 */
export function searchProgram(program: Program, text: readonly number[]): SearchResult {
  const { insts, start } = program;
  const seen = new Int32Array(insts.length).fill(-1);
  let steps = 0;
  let found = false;
  const stack: number[] = [];

  /** Adds `from` and every state reachable from it without reading a character, at position `pos`. */
  const close = (list: number[], from: number, pos: number) => {
    stack.push(from);
    while (stack.length > 0) {
      const s = stack.pop()!;
      if (seen[s] === pos) continue;
      seen[s] = pos;
      steps++;
      const inst = insts[s]!;
      switch (inst.op) {
        case 'match':
          found = true;
          break;
        case 'char':
          list.push(s);
          break;
        case 'split':
          stack.push(inst.b, inst.a);
          break;
        case 'assert':
          if (inst.at === 'start' ? pos === 0 : pos === text.length) stack.push(inst.next);
          break;
      }
    }
  };

  let current: number[] = [];
  close(current, start, 0);
  for (let pos = 0; pos < text.length && !found; pos++) {
    const c = text[pos]!;
    const next: number[] = [];
    for (const s of current) {
      steps++;
      const inst = insts[s]!;
      if (inst.op === 'char' && contains(inst.set, c)) close(next, inst.next, pos + 1);
    }
    // A match may begin at any position: the search is not anchored.
    close(next, start, pos + 1);
    current = next;
  }
  return { found, steps };
}
