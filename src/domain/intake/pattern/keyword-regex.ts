import { compilePattern, type Program } from './compile-pattern.js';
import { parsePattern } from './parse-pattern.js';
import type { Parsed } from './pattern-ast.js';
import { unsafePatternReason } from './pattern-safety.js';

export type CompiledRegex = { ok: true; program: Program } | { ok: false; problem: string };

function parseKeywordRegex(pattern: string): Parsed {
  const parsed = parsePattern(pattern);
  return parsed.ok ? parsed : { ok: false, problem: `正则表达式${parsed.problem}` };
}

/** A keyword rule's regex as the linear-time matcher runs it; a pattern it cannot run says why. */
export function compileKeywordRegex(pattern: string): CompiledRegex {
  const parsed = parseKeywordRegex(pattern);
  return parsed.ok ? compilePattern(parsed.node) : parsed;
}

/** What refuses a regex when the office saves it: broken, beyond the supported syntax, open to ReDoS, or too large. */
export function keywordRegexProblem(pattern: string): string | null {
  try {
    // Constructing never runs it: JavaScript's own parser says first whether the syntax is valid at all.
    new RegExp(pattern, 'u');
  } catch {
    return '正则表达式格式不正确';
  }
  const parsed = parseKeywordRegex(pattern);
  if (!parsed.ok) return parsed.problem;
  const unsafe = unsafePatternReason(parsed.node);
  if (unsafe) return unsafe;
  const compiled = compilePattern(parsed.node);
  return compiled.ok ? null : compiled.problem;
}
