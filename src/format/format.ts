import { diagnostic, hasErrors, type Result } from '../diagnostics/diagnostic.js';
import { normaliseDocsSample } from '../syntax/docs-sample.js';
import type { Node, Program } from '../syntax/ast.js';
import { parse } from '../syntax/parse.js';
import { childNodes } from '../syntax/walk.js';
import { printProgram } from './printer.js';
import { keepSuppressionsOverSplitLines } from './split-line-suppressions.js';

const ONE_LINE_DIRECTIVE = /deluge-disable-(?:next-)?line/;

export interface FormatOptions {
  /** As `parse`: text copied from Zoho's docs pages is detected (`'auto'`, the default) and printed clean. */
  readonly docs?: boolean | 'auto';
}

export interface FormatResult extends Result<string> {
  /** Whether the formatted text differs from the input. */
  readonly changed: boolean;
}

/**
 * `deluge fmt` as a function: the text in the canonical Deluge style (README, "Formatting"). A text with
 * syntax errors comes back untouched, with its diagnostics; warnings (DLG2007) do not stop formatting.
 */
export function format(text: string, options: FormatOptions = {}): FormatResult {
  const parsed = parse(text, { docs: options.docs ?? 'auto' });
  if (hasErrors(parsed.diagnostics)) return { value: text, diagnostics: parsed.diagnostics, changed: false };
  let source = text;
  let program = parsed.value;
  if (parsed.docsNormalised) {
    // Print from the cleaned text: comments and blank lines are read from the text the tree was parsed from.
    source = normaliseDocsSample(text).text;
    program = parse(source, { docs: false }).value;
  }
  // A suppression over a line that printing splits becomes a range (comments only: the text parses the same; where
  // it would not — a comment put where a page template has HTML — the directive is left as it is).
  const withRanges = rewrittenProgram(keepSuppressionsOverSplitLines(source, program));
  if (withRanges !== undefined) ({ source, program } = withRanges);
  let value = printProgram(program, source);
  // Printing moves lines, and a directive that covered one line may now stand over a line the printer would split
  // in the output, or after code it moved: until no directive is rewritten, the output is rewritten and printed again,
  // so that formatting twice changes nothing. Each round makes at least one one-line directive a range, which no
  // round rewrites again: it ends.
  while (ONE_LINE_DIRECTIVE.test(value)) {
    const again = rewrittenProgram(keepSuppressionsOverSplitLines(value, parse(value, { docs: false }).value));
    if (again === undefined) break;
    value = printProgram(again.program, again.source);
  }
  // The printer puts braces around brace-less bodies, and braces nest less deep than Deluge parses `if (a) if (b) …`
  // without them: an output nested that deep is parsed again, and one that does not parse is not given (240 nested
  // brace-less ifs became a file `check` refused, DLG2014).
  // (How deep the parser goes is counted in rules, MAX_RULE_DEPTH: the same here as in a later `deluge check`.)
  if (maxIndent(value) >= DEEP_INDENT) {
    if (hasErrors(parse(value, { docs: false }).diagnostics)) {
      const deepest = deepestNode(program);
      const said = diagnostic('DLG2014', deepest.span, 'formatted, this script would nest blocks deeper than Deluge parses (the formatter adds braces to bodies written without them): it is left as it is; nest fewer blocks');
      return { value: text, diagnostics: [...parsed.diagnostics, said], changed: false };
    }
  }
  return { value, diagnostics: parsed.diagnostics, changed: value !== text };
}

/**
 * Indentation (in characters: four a level) from which an output is parsed again: 100 levels, below the 160 nested
 * blocks Deluge parses (src/syntax/parser.ts, MAX_RULE_DEPTH) and far above real scripts.
 */
const DEEP_INDENT = 400;

/** The longest indentation a line of the output starts with. */
function maxIndent(text: string): number {
  let most = 0;
  for (const match of text.matchAll(/^[ \t]+/gm)) most = Math.max(most, match[0].length);
  return most;
}

/** The first node nested deepest in the tree (where a script's nesting is to be cut), found without recursion. */
function deepestNode(program: Program): Node {
  let deepest: { node: Node; depth: number } = { node: program, depth: 0 };
  const stack: { node: Node; depth: number }[] = [{ node: program, depth: 0 }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (next.depth > deepest.depth) deepest = next;
    const children = childNodes(next.node);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, depth: next.depth + 1 });
  }
  return deepest.node;
}

/** A text the suppressions' rewrite gave, with its tree; undefined for none, or for one that no longer parses. */
function rewrittenProgram(source: string | undefined): { source: string; program: Program } | undefined {
  if (source === undefined) return undefined;
  const parsed = parse(source, { docs: false });
  return hasErrors(parsed.diagnostics) ? undefined : { source, program: parsed.value };
}
