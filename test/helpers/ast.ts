import type { Argument, Expr, Node, Program } from '../../src/index.js';
import type { Span } from '../../src/source/span.js';

/** An AST node as the walker sees it: any object with a string `kind` and a `span`. */
export interface AnyNode {
  readonly kind: string;
  readonly span: Span;
  readonly [key: string]: unknown;
}

export function isNode(value: unknown): value is AnyNode {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { kind?: unknown }).kind === 'string' &&
    typeof (value as { span?: unknown }).span === 'object'
  );
}

/**
 * Visits every node below `root` (and `root` itself), depth first in property order, with the nearest
 * enclosing node as `parent`. Generic on purpose: it finds nodes in any property, including ones that carry
 * no `kind` themselves (`sortBy: { field }`, `range: { from, to }`), so new node types need no walker change.
 */
export function walk(root: unknown, visit: (node: AnyNode, parent: AnyNode | undefined, path: string) => void): void {
  const go = (value: unknown, parent: AnyNode | undefined, path: string): void => {
    if (Array.isArray(value)) {
      value.forEach((v, i) => go(v, parent, `${path}[${i}]`));
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    let nextParent = parent;
    if (isNode(value)) {
      visit(value, parent, path);
      nextParent = value;
    }
    for (const [key, v] of Object.entries(value)) {
      if (key === 'span' || key === 'keySpan') continue;
      go(v, nextParent, path ? `${path}.${key}` : key);
    }
  };
  go(root, undefined, '');
}

export function nodesOf(root: unknown): AnyNode[] {
  const out: AnyNode[] = [];
  walk(root, (n) => out.push(n));
  return out;
}

/** Every span-like property in the tree (`span`, `keySpan`), with the path where it was found. */
export function spansOf(root: unknown): { path: string; span: Span }[] {
  const out: { path: string; span: Span }[] = [];
  const go = (value: unknown, path: string): void => {
    if (Array.isArray(value)) return value.forEach((v, i) => go(v, `${path}[${i}]`));
    if (typeof value !== 'object' || value === null) return;
    for (const [key, v] of Object.entries(value)) {
      if ((key === 'span' || key === 'keySpan') && typeof v === 'object' && v !== null) out.push({ path: `${path}.${key}`, span: v as Span });
      else go(v, `${path}.${key}`);
    }
  };
  go(root, '');
  return out;
}

/**
 * Problems with the spans of a tree: a span outside the text, reversed, or not inside the span of its parent
 * node. An empty list means the tree is well formed.
 */
export function spanProblems(program: Program | Node, textLength: number): string[] {
  const problems: string[] = [];
  for (const { path, span } of spansOf(program)) {
    if (!Number.isInteger(span.start) || !Number.isInteger(span.end)) problems.push(`${path}: non-integer span ${JSON.stringify(span)}`);
    else if (span.start < 0 || span.end > textLength || span.start > span.end) {
      problems.push(`${path}: span [${span.start},${span.end}) not within [0,${textLength}]`);
    }
  }
  walk(program, (node, parent, path) => {
    if (!parent) return;
    const inside = (s: Span) => s.start >= parent.span.start && s.end <= parent.span.end;
    if (!inside(node.span)) {
      problems.push(`${path} (${node.kind} [${node.span.start},${node.span.end})) is not inside its parent ${parent.kind} [${parent.span.start},${parent.span.end})`);
    }
    const keySpan = node['keySpan'] as Span | undefined;
    if (keySpan && !(keySpan.start >= node.span.start && keySpan.end <= node.span.end)) {
      problems.push(`${path}.keySpan is not inside its ${node.kind}`);
    }
  });
  return problems;
}

// ── Golden rendering ─────────────────────────────────────────────────────────────────────────────────────────

const SLICE_MAX = 48;

/**
 * `[start,end) source text` — the offsets are the real span; the text after them (head…tail when long) makes a
 * wrong span visible in review.
 */
export function showSpan(span: Span, text: string): string {
  let slice = text.slice(span.start, span.end).replace(/\uFEFF/g, '<BOM>');
  // Long spans keep both ends: where a span stops matters as much as where it starts.
  if (slice.length > SLICE_MAX) slice = `${slice.slice(0, SLICE_MAX - 16)}…${slice.slice(-15)}`;
  return `[${span.start},${span.end}) ${slice}`.trimEnd();
}

/**
 * The golden form of a tree: JSON of the AST as returned, with every `span`/`keySpan` written as
 * `"[start,end) text"` (see showSpan), and small objects kept on one line.
 */
export function goldenJson(value: unknown, text: string): string {
  const replaced = JSON.parse(
    JSON.stringify(value, function (this: unknown, key, v: unknown) {
      if ((key === 'span' || key === 'keySpan') && typeof v === 'object' && v !== null) return showSpan(v as Span, text);
      return v;
    }),
  ) as unknown;
  return `${pretty(replaced, '')}\n`;
}

const LINE_MAX = 110;

function pretty(value: unknown, indent: string): string {
  const flat = JSON.stringify(value);
  if (typeof value !== 'object' || value === null) return flat;
  if (flat.length + indent.length <= LINE_MAX && !containsNode(value, true)) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + pretty(v, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${pretty(v, inner)}`).join(',\n')}\n${indent}}`;
}

/** Whether `value` holds a node below it (a node with child nodes is always expanded: one node per line). */
function containsNode(value: unknown, top: boolean): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (!top && typeof (value as { kind?: unknown }).kind === 'string') return true;
  return Object.values(value).some((v) => containsNode(v, false));
}

// ── Expression shapes ────────────────────────────────────────────────────────────────────────────────────────

/**
 * A Lisp-like rendering of an expression's tree, for precedence tables: `(|| a (&& b c))`. Leaves print as
 * written; calls as `(call callee args…)`; members as `object.property`; parentheses as `(paren x)`.
 */
export function shape(expr: Expr | Argument): string {
  const e = expr as Expr;
  switch (e.kind) {
    case 'Identifier':
      return e.name || '<missing>';
    case 'StringLiteral':
    case 'NumberLiteral':
    case 'BooleanLiteral':
    case 'NullLiteral':
      return e.raw;
    case 'BinaryExpr':
      return `(${e.op} ${shape(e.left)} ${shape(e.right)})`;
    case 'UnaryExpr':
      return `(${e.op} ${shape(e.operand)})`;
    case 'ParenExpr':
      return `(paren ${shape(e.expr)})`;
    case 'MemberExpr':
      return `${shape(e.object)}.${e.property.name}`;
    case 'CallExpr':
      return `(call ${shape(e.callee)}${e.args.map((a) => ` ${shape(a)}`).join('')})`;
    case 'ListLiteral':
      return `{${e.elements.map(shape).join(' ')}}`;
    case 'MapLiteral':
      return `{${e.entries.map((en) => `${shape(en.key)}: ${shape(en.value)}`).join(', ')}}`;
    case 'ConditionalExpr':
      return `(if ${shape(e.condition)} ${shape(e.then)} ${shape(e.else)})`;
    case 'IndexExpr':
      return `(query ${shape(e.object)}${e.criteria ? ` ${shape(e.criteria)}` : ''})`;
    case 'UiExpr':
      return `${shape(e.object)}:ui`;
    default: {
      const other = expr as { kind: string; key?: Expr; value?: Expr };
      if (other.kind === 'KeyValueArg' && other.key && other.value) return `${shape(other.key)} : ${shape(other.value)}`;
      return `<${other.kind}>`;
    }
  }
}
