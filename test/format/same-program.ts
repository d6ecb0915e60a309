import { parse, type Program } from '../../src/index.js';
import { format } from '../../src/format/index.js';
import { keepSuppressionsOverSplitLines } from '../../src/format/split-line-suppressions.js';

/**
 * The tree of a program as the formatter must keep it: no positions, comments as their texts in order, and
 * without the two things the formatter changes on purpose — braces added around a brace-less body
 * (`Block.braced`) and stray `;` (EmptyStmt) dropped.
 */
export function meaningOf(program: Program): unknown {
  return strip({ ...program, comments: program.comments.map((c) => c.text) });
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => (v as { kind?: unknown } | null)?.kind !== 'EmptyStmt').map(strip);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === 'span' || key === 'keySpan' || key === 'braced') continue;
    out[key] = strip(v);
  }
  return out;
}

/** Sorted comment texts: the multiset that formatting must keep. */
export function commentTexts(program: Program): string[] {
  return program.comments.map((c) => c.text).sort();
}

/**
 * Everything `deluge fmt` promises for a text that parses without errors, as a list of broken promises
 * (empty when all hold): the output parses cleanly, to the same program, with the same comments (but for
 * suppressions made ranges), and formatting it again changes nothing.
 */
export function formatProblems(text: string): string[] {
  // A suppression over a line the printer splits is rewritten into a disable/enable pair on purpose (its own tests
  // check lint's view): the program compared is the one with that rewrite.
  const parsed = parse(text);
  const withRanges = parsed.docsNormalised ? undefined : keepSuppressionsOverSplitLines(text, parsed.value);
  const before = withRanges === undefined ? parsed : parse(withRanges);
  const once = format(text);
  const problems: string[] = [];
  const after = parse(once.value, { docs: false });
  const errors = after.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) problems.push(`the output has syntax errors: ${errors.map((d) => `${d.code} @${d.span.start} ${d.message}`).join('; ')}`);
  if (JSON.stringify(meaningOf(after.value)) !== JSON.stringify(meaningOf(before.value))) problems.push('the output parses to a different program');
  if (JSON.stringify(commentTexts(after.value)) !== JSON.stringify(commentTexts(before.value))) problems.push('comments were lost or added');
  const twice = format(once.value);
  if (twice.value !== once.value) problems.push('formatting is not idempotent');
  if (twice.changed) problems.push('formatting the output again reports a change');
  return problems;
}
