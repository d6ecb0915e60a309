import type { Span } from '../source/span.js';
import type { Node, NodeKind } from './ast.js';

/** What a node-holding property holds: a node (comments included), a list of them, or an object with nodes one level down. */
type NodeLike = { readonly kind: string; readonly span: Span };
type HoldsNodes<V> = [NonNullable<V>] extends [NodeLike | readonly NodeLike[]]
  ? true
  : [NonNullable<V>] extends [object]
    ? { [K in keyof NonNullable<V>]-?: [NonNullable<NonNullable<V>[K]>] extends [NodeLike] ? true : never }[keyof NonNullable<V>] extends never
      ? false
      : true
    : false;
/** The properties of a node that hold other nodes. */
type ChildKey<N> = { [K in keyof N]-?: K extends 'span' | 'keySpan' ? never : HoldsNodes<N[K]> extends true ? K : never }[keyof N];

/**
 * The properties holding child nodes, per node kind, in the order they appear in the source: checked against the
 * AST types (a property missing here or extra does not compile). `declaredChildren` reads exactly these (a test
 * holds the two together), so a child is found by reading a few known properties instead of enumerating every
 * property of every node.
 */
export const CHILD_PROPERTIES: { readonly [K in NodeKind]: { readonly [P in ChildKey<Extract<Node, { kind: K }>>]: true } } = {
  Program: { body: true, comments: true },
  FunctionDecl: { returnType: true, name: true, params: true, body: true },
  TypeRef: {},
  Param: { type: true, name: true },
  Block: { body: true },
  ExprStmt: { expr: true },
  AssignStmt: { target: true, value: true },
  VarDeclStmt: { type: true, name: true, init: true },
  IfStmt: { condition: true, then: true, else: true },
  ForEachStmt: { variable: true, iterable: true, body: true },
  WhileStmt: { condition: true, body: true },
  CStyleForStmt: { body: true },
  TryStmt: { body: true, param: true, handler: true },
  ThrowStmt: { value: true },
  ReturnStmt: { value: true },
  BreakStmt: {},
  ContinueStmt: {},
  InfoStmt: { value: true },
  EmptyStmt: {},
  DeleteFromStmt: { query: true },
  FieldActionStmt: { target: true },
  AlertStmt: { field: true, message: true },
  CancelStmt: { what: true },
  TemplateStmt: { body: true },
  HtmlStmt: { output: true },
  Identifier: {},
  StringLiteral: {},
  NumberLiteral: {},
  BooleanLiteral: {},
  NullLiteral: {},
  ListLiteral: { elements: true },
  MapLiteral: { entries: true },
  MapEntry: { key: true, value: true },
  ParenExpr: { expr: true },
  UnaryExpr: { operand: true },
  BinaryExpr: { left: true, right: true },
  MemberExpr: { object: true, property: true },
  CallExpr: { callee: true, args: true },
  KeyValueArg: { key: true, value: true },
  IndexExpr: { object: true, criteria: true, sortBy: true, range: true },
  UiExpr: { object: true },
  ConditionalExpr: { condition: true, then: true, else: true },
  TaskExpr: { params: true },
  TaskParam: { value: true },
  QualifiedExpr: { value: true, form: true, record: true, format: true },
  InsertExpr: { form: true, fields: true },
  InsertField: { name: true, value: true },
};

/**
 * The children of a node from its declared properties (CHILD_PROPERTIES, in that order: test/syntax/walk.test.ts
 * holds the two together), appended to `out`. False when two of them are not in strictly increasing source order (a
 * recovered tree, a hand-built node, comments among the statements of a program) or the kind is unknown: then only the
 * generic reading below gives the exact order (by start, ties in property order), and the caller falls back to it.
 * One switch, the most frequent kinds first: the engine compares kinds by identity, where a table of functions
 * would make a call it cannot predict for every node.
 */
function declaredChildren(node: Node, out: Node[], base: number): boolean {
  switch (node.kind) {
    case 'Identifier':
      return true;
    case 'StringLiteral':
      return true;
    case 'MemberExpr':
      return one(out, base, node.object) && one(out, base, node.property);
    case 'CallExpr':
      return one(out, base, node.callee) && all(out, base, node.args);
    case 'BinaryExpr':
      return one(out, base, node.left) && one(out, base, node.right);
    case 'NumberLiteral':
      return true;
    case 'AssignStmt':
      return one(out, base, node.target) && one(out, base, node.value);
    case 'Block':
      return all(out, base, node.body);
    case 'InfoStmt':
      return one(out, base, node.value);
    case 'TaskParam':
      return one(out, base, node.value);
    case 'ExprStmt':
      return one(out, base, node.expr);
    case 'IfStmt':
      return one(out, base, node.condition) && one(out, base, node.then) && one(out, base, node.else);
    case 'MapEntry':
      return one(out, base, node.key) && one(out, base, node.value);
    case 'MapLiteral':
      return all(out, base, node.entries);
    case 'ListLiteral':
      return all(out, base, node.elements);
    case 'ParenExpr':
      return one(out, base, node.expr);
    case 'TaskExpr':
      return all(out, base, node.params);
    case 'ForEachStmt':
      return one(out, base, node.variable) && one(out, base, node.iterable) && one(out, base, node.body);
    case 'ReturnStmt':
      return one(out, base, node.value);
    case 'BooleanLiteral':
      return true;
    case 'NullLiteral':
      return true;
    case 'UnaryExpr':
      return one(out, base, node.operand);
    case 'ConditionalExpr':
      return one(out, base, node.condition) && one(out, base, node.then) && one(out, base, node.else);
    case 'KeyValueArg':
      return one(out, base, node.key) && one(out, base, node.value);
    case 'IndexExpr':
      return one(out, base, node.object) && one(out, base, node.criteria) && one(out, base, node.sortBy?.field) && one(out, base, node.range?.from) && one(out, base, node.range?.to);
    case 'FunctionDecl':
      return one(out, base, node.returnType) && all(out, base, node.name) && all(out, base, node.params) && one(out, base, node.body);
    case 'Param':
      return one(out, base, node.type) && one(out, base, node.name);
    case 'TypeRef':
      return true;
    case 'VarDeclStmt':
      return one(out, base, node.type) && one(out, base, node.name) && one(out, base, node.init);
    case 'TryStmt':
      return one(out, base, node.body) && one(out, base, node.param) && one(out, base, node.handler);
    case 'Program':
      return merged(out, base, node.body, node.comments as unknown as readonly Node[]);
    case 'WhileStmt':
      return one(out, base, node.condition) && one(out, base, node.body);
    case 'CStyleForStmt':
      return one(out, base, node.body);
    case 'ThrowStmt':
      return one(out, base, node.value);
    case 'BreakStmt':
      return true;
    case 'ContinueStmt':
      return true;
    case 'EmptyStmt':
      return true;
    case 'DeleteFromStmt':
      return one(out, base, node.query);
    case 'FieldActionStmt':
      return one(out, base, node.target);
    case 'AlertStmt':
      return one(out, base, node.field) && one(out, base, node.message);
    case 'CancelStmt':
      return one(out, base, node.what);
    case 'TemplateStmt':
      return one(out, base, node.body);
    case 'HtmlStmt':
      return one(out, base, node.output);
    case 'UiExpr':
      return one(out, base, node.object);
    case 'QualifiedExpr':
      return one(out, base, node.value) && one(out, base, node.form) && one(out, base, node.record) && one(out, base, node.format);
    case 'InsertExpr':
      return one(out, base, node.form) && all(out, base, node.fields);
    case 'InsertField':
      return one(out, base, node.name) && one(out, base, node.value);
    default: {
      // Comments (a program lists them among its children) hold only their text.
      const kind: string = (node as { kind: string }).kind;
      return kind === 'LineComment' || kind === 'BlockComment';
    }
  }
}

/** The start of the child `one` appended last (valid while `out.length > base`). */
let lastStart = 0;

/** Appends a child (if present) unless it does not come after the previous one (`out[base]` on are this node's). */
function one(out: Node[], base: number, child: Node | undefined): boolean {
  if (child === undefined || child === null) return true;
  // Not a node (a tree built by hand with something else there): the generic reading decides.
  const span = (child as { span?: Span }).span;
  if (span === undefined || child.kind === undefined) return false;
  const start = span.start;
  if (out.length > base && start <= lastStart) return false;
  lastStart = start;
  out.push(child);
  return true;
}

/** The statements and comments of a program, each list in order, merged by position. */
function merged(out: Node[], base: number, first: readonly Node[], second: readonly Node[]): boolean {
  if (!Array.isArray(first) || !Array.isArray(second)) return false;
  let i = 0;
  let j = 0;
  while (i < first.length && j < second.length) {
    const a = first[i] as { span?: Span } | null | undefined;
    const b = second[j] as { span?: Span } | null | undefined;
    const aStart = a?.span?.start;
    const bStart = b?.span?.start;
    // Something else than nodes, or equal starts: the generic reading decides (its sort keeps ties in property order).
    if (aStart === undefined || bStart === undefined || aStart === bStart) return false;
    const next = aStart < bStart ? first[i++] : second[j++];
    if (!one(out, base, next)) return false;
  }
  while (i < first.length) if (!one(out, base, first[i++])) return false;
  while (j < second.length) if (!one(out, base, second[j++])) return false;
  return true;
}

function all(out: Node[], base: number, children: readonly Node[]): boolean {
  if (!Array.isArray(children)) return false;
  for (let i = 0; i < children.length; i++) if (!one(out, base, children[i])) return false;
  return true;
}

/** Every property read, sorted by start (a stable sort: ties keep property order). */
function anyChildren(node: Node): Node[] {
  const children: Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'span' || key === 'keySpan' || value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (const item of value) if (item && typeof item === 'object' && 'kind' in item) children.push(item as Node);
    } else if ('kind' in value) children.push(value as Node);
    else {
      for (const inner of Object.values(value)) if (inner && typeof inner === 'object' && 'kind' in inner) children.push(inner as Node);
    }
  }
  return children.sort((a, b) => a.span.start - b.span.start);
}

/** The AST nodes directly inside a node, in source order (spans and plain values skipped). */
export function childNodes(node: Node): Node[] {
  const children: Node[] = [];
  return declaredChildren(node, children, 0) ? children : anyChildren(node);
}

/**
 * `childNodes`, appended to an array the caller reuses as a stack (a traversal of a whole tree then allocates no
 * array per node).
 */
export function appendChildNodes(node: Node, out: Node[]): void {
  const base = out.length;
  if (declaredChildren(node, out, base)) return;
  out.length = base;
  for (const child of anyChildren(node)) out.push(child);
}

/**
 * Visits every node depth-first in source order: `enter` before its children, `leave` after. `parents` is the
 * chain from the root to the node's parent (the same array, mutated as the walk goes: copy it to keep it).
 */
export function walk(
  root: Node,
  visitor: { enter?(node: Node, parents: readonly Node[]): void; leave?(node: Node, parents: readonly Node[]): void },
): void {
  const parents: Node[] = [];
  const visit = (node: Node): void => {
    visitor.enter?.(node, parents);
    parents.push(node);
    for (const child of childNodes(node)) visit(child);
    parents.pop();
    visitor.leave?.(node, parents);
  };
  visit(root);
}
