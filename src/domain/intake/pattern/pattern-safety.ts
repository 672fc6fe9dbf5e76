import { intersects, union, type CharSet } from './char-set.js';
import type { PatternNode } from './pattern-ast.js';

const NESTED = '正则表达式中重复里又套着重复（如 (a+)+、(.*a){12}），遇到特定的文字会让系统长时间卡住。请去掉外层或内层的重复后再保存';
const OVERLAP = '正则表达式在重复的分组里有开头相同的选项（如 (a|aa)*），遇到特定的文字会让系统长时间卡住。请把共同的开头提到括号外，或去掉外面的重复后再保存';
const EMPTY = '正则表达式重复的内容可以为空（如 (a?)*），遇到特定的文字会让系统长时间卡住。请改写后再保存';

/**
 * Why a pattern could make a backtracking engine run for exponential time (ReDoS), or null.
 * Three shapes cause it: a repetition inside a repetition (star height above one), a repeated
 * part that can match nothing, and a repeated choice whose options can begin alike. The check
 * errs on the side of refusing: a keyword rule can always be written without these shapes.
 */
export function unsafePatternReason(node: PatternNode): string | null {
  return walk(node, false);
}

function walk(node: PatternNode, insideRepeat: boolean): string | null {
  switch (node.kind) {
    case 'chars':
    case 'assert':
      return null;
    case 'seq':
      return firstProblem(node.items, (n) => walk(n, insideRepeat));
    case 'alt':
      if (insideRepeat && optionsOverlap(node.options)) return OVERLAP;
      return firstProblem(node.options, (n) => walk(n, insideRepeat));
    case 'repeat': {
      if (node.max <= 1) return walk(node.body, insideRepeat);
      if (insideRepeat) return NESTED;
      if (nullable(node.body)) return EMPTY;
      return walk(node.body, true);
    }
  }
}

function firstProblem(nodes: readonly PatternNode[], check: (n: PatternNode) => string | null): string | null {
  for (const n of nodes) {
    const problem = check(n);
    if (problem) return problem;
  }
  return null;
}

/** Options of a repeated choice that can start with the same character (or with nothing) give two ways through. */
function optionsOverlap(options: readonly PatternNode[]): boolean {
  if (options.some(nullable)) return true;
  const starts = options.map(firstChars);
  return starts.some((a, i) => starts.slice(i + 1).some((b) => intersects(a, b)));
}

function nullable(node: PatternNode): boolean {
  switch (node.kind) {
    case 'chars':
      return false;
    case 'assert':
      return true;
    case 'seq':
      return node.items.every(nullable);
    case 'alt':
      return node.options.some(nullable);
    case 'repeat':
      return node.min === 0 || nullable(node.body);
  }
}

/** The characters a match of `node` can begin with. */
function firstChars(node: PatternNode): CharSet {
  switch (node.kind) {
    case 'chars':
      return node.set;
    case 'assert':
      return [];
    case 'alt':
      return union(...node.options.map(firstChars));
    case 'repeat':
      return node.max === 0 ? [] : firstChars(node.body);
    case 'seq': {
      const sets: CharSet[] = [];
      for (const item of node.items) {
        sets.push(firstChars(item));
        if (!nullable(item)) break;
      }
      return union(...sets);
    }
  }
}
