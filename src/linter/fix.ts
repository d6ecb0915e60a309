import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { lint, type LintedFile, type LintOptions } from './lint.js';
import { RULES } from './registry.js';
import type { Rule } from './rule.js';

/** How many lint-and-fix passes `fixFile` makes at most (a fix can enable another, or make one obsolete). */
export const MAX_FIX_PASSES = 10;

/** Does `d` carry a fix that `--fix` may apply? Only fixes of rules whose `meta.fixable` is `safe`. */
export function safeFixPredicate(rules: readonly Rule[] = RULES): (d: Diagnostic) => boolean {
  const safe = new Set(rules.filter((rule) => rule.meta.fixable === 'safe').map((rule) => rule.meta.id));
  return (d) => d.fix !== undefined && safe.has(d.ruleId);
}

export interface AppliedFixes {
  readonly text: string;
  /** The diagnostics whose fixes were applied. */
  readonly fixed: readonly Diagnostic[];
  /** The diagnostics left: no fix, not a safe one, or one overlapping a fix applied (the next pass may take it). */
  readonly remaining: readonly Diagnostic[];
}

/**
 * Applies the safe fixes of `diagnostics` to `text` in one go. Fixes are taken in order of position; one that
 * overlaps or touches a fix already taken waits for the next pass (ESLint's rule), so no two edits ever fight
 * over the same text. Two identical edits (two rules asking for the same change) count as one.
 */
export function applyFixes(text: string, diagnostics: readonly Diagnostic[], isSafe: (d: Diagnostic) => boolean = safeFixPredicate()): AppliedFixes {
  const candidates = diagnostics
    .filter(isSafe)
    .sort((a, b) => a.fix!.span.start - b.fix!.span.start || a.fix!.span.end - b.fix!.span.end);
  const taken: Diagnostic[] = [];
  const fixed = new Set<Diagnostic>();
  let lastEnd = -1;
  for (const d of candidates) {
    const { span, text: replacement } = d.fix!;
    if (span.start < 0 || span.end < span.start || span.end > text.length) continue;
    const previous = taken.at(-1)?.fix;
    if (previous && previous.span.start === span.start && previous.span.end === span.end && previous.text === replacement) {
      fixed.add(d);
      continue;
    }
    if (span.start <= lastEnd) continue;
    taken.push(d);
    fixed.add(d);
    lastEnd = span.end;
  }
  let out = '';
  let at = 0;
  for (const d of taken) {
    out += text.slice(at, d.fix!.span.start) + d.fix!.text;
    at = d.fix!.span.end;
  }
  out += text.slice(at);
  return { text: out, fixed: [...fixed], remaining: diagnostics.filter((d) => !fixed.has(d)) };
}

export interface FixedFile {
  /** The text after every pass. */
  readonly output: string;
  readonly changed: boolean;
  /** How many problems the fixes removed (diagnostics whose fix was applied). */
  readonly fixedCount: number;
  readonly passes: number;
  /** The lint of `output`: what remains. */
  readonly result: LintedFile;
}

/**
 * `deluge lint --fix` for one file: lint, apply the safe fixes, lint again, until nothing is left to fix or
 * `MAX_FIX_PASSES` passes. A pass whose output would not parse (a rule's fix gone wrong) is dropped and
 * fixing stops there: `--fix` never turns a file that parses into one that does not.
 */
export function fixFile(path: string, text: string, options: LintOptions = {}, keep?: (d: Diagnostic) => boolean, linted?: LintedFile): FixedFile {
  // `keep`: problems left as they are (those deluge-suppressions.json holds back: a fix of theirs is a suggestion).
  // `linted`: the text's lint already made.
  const safe = safeFixPredicate(options.only ?? RULES);
  const isSafe = keep === undefined ? safe : (d: Diagnostic) => safe(d) && !keep(d);
  let result = linted ?? lint(path, text, options);
  let output = text;
  let fixedCount = 0;
  let passes = 0;
  while (passes < MAX_FIX_PASSES && result.program) {
    const applied = applyFixes(output, result.diagnostics, isSafe);
    if (applied.fixed.length === 0 || applied.text === output) break;
    const next = lint(path, applied.text, options);
    if (!next.program) break;
    passes++;
    fixedCount += applied.fixed.length;
    output = applied.text;
    result = next;
  }
  return { output, changed: output !== text, fixedCount, passes, result };
}
