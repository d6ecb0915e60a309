import { parse, type Program } from '../../src/index.js';
import { format } from '../../src/format/index.js';
import { parseDirective } from '../../src/linter/suppressions.js';

/**
 * The tree of a program as the formatter must keep it: no positions, comments as their texts in order, and
 * without the two things the formatter changes on purpose — braces added around a brace-less body
 * (`Block.braced`) and stray `;` (EmptyStmt) dropped.
 */
export function meaningOf(program: Program): unknown {
  // (A directive made a range moves before its statement: the order of the others is what must hold.)
  return strip({ ...program, comments: commentsAsKept(program).filter((text) => !text.startsWith(SUPPRESSES)) });
}

const SUPPRESSES = '\0suppresses ';

/**
 * The comments in order, as formatting must keep them. A suppression directive the formatter turns into a range (one
 * over a line it splits or moves: `deluge-disable-next-line x` → `deluge-disable x` … `deluge-enable x`) is the same
 * suppression either way: each counts as what it suppresses, and the `deluge-enable` that ends a range as nothing.
 */
function commentsAsKept(program: Program): string[] {
  const out: string[] = [];
  for (const comment of program.comments) {
    const directive = parseDirective(comment);
    if (directive === undefined) out.push(comment.text);
    else if (directive.kind !== 'enable') out.push(`${SUPPRESSES}${directive.ids.map((id) => id.id).join(', ')}${directive.reason ? ` -- ${directive.reason}` : ''}`);
  }
  return out;
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

/** Sorted comment texts (directives as what they suppress): the multiset that formatting must keep. */
export function commentTexts(program: Program): string[] {
  return commentsAsKept(program).sort();
}

/**
 * Everything `deluge fmt` promises for a text that parses without errors, as a list of broken promises
 * (empty when all hold): the output parses cleanly, to the same program, with the same comments (but for
 * suppressions made ranges: their own tests check lint's view), and formatting it again changes nothing.
 */
export function formatProblems(text: string): string[] {
  const before = parse(text);
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
