import type { Span } from '../source/span.js';
import { firstAtOrAfter } from '../sorted.js';
import type { Node, NodeKind, Program } from '../syntax/ast.js';
import { appendChildNodes } from '../syntax/walk.js';
import { NodeMemo } from './memo.js';

/**
 * A program's nodes flattened once, in the order `walk` visits them (depth-first, source order), with each node's
 * parent and the positions of each kind of node. The linter builds it with its one traversal of the tree and hands
 * the nodes to the rules' visitors from it; a rule that needs to look over the whole program or a function (what
 * a variable is assigned, where a name is read) loops over the nodes of one kind instead of walking the tree
 * again. A side table: the tree is never changed.
 */
export interface TreeIndex {
  readonly root: Node;
  /** Every node, the root first, in the order `walk` enters them. */
  readonly nodes: readonly Node[];
  /** The position in `nodes` of each node's parent; -1 for the root. */
  readonly parent: readonly number[];
  /**
   * The positions of the nodes of each kind, in order, for the kinds the rules look up (BUCKETED); `positionsOf`
   * finds those of the other kinds when first asked.
   */
  readonly byKind: Map<string, readonly number[]>;
}

/** The kinds whose positions the build sorts out as it goes (the others are looked for on demand). */
const BUCKETED = Object.keys(newKindLists()) as NodeKind[];

/** The positions of the nodes of a kind, in walk order. */
export function positionsOf(index: TreeIndex, kind: NodeKind): readonly number[] {
  let found = index.byKind.get(kind);
  if (found === undefined) {
    const list: number[] = [];
    for (let i = 0; i < index.nodes.length; i++) if (index.nodes[i]!.kind === kind) list.push(i);
    index.byKind.set(kind, (found = list));
  }
  return found;
}

/** The positions of a kind that lie inside the subtree at `root` (itself excluded). */
export function positionsWithin(index: TreeIndex, kind: NodeKind, root: number): readonly number[] {
  const all = positionsOf(index, kind);
  const from = firstAtOrAfter(all, root + 1);
  const to = firstAtOrAfter(all, subtreeEnds(index)[root]!);
  return from === 0 && to === all.length ? all : all.slice(from, to);
}

const ends = new NodeMemo<TreeIndex, number[]>();

/**
 * The position just after each node's subtree (`nodes[i + 1 .. end[i])` lie inside `nodes[i]`), worked out when
 * first asked: a subtree ends where the last of its descendants does, and children come after their parent, so one
 * backward pass over the parent links gives all of them.
 */
function subtreeEnds(index: TreeIndex): readonly number[] {
  return ends.get(index, ({ parent }) => {
    const end = new Array<number>(parent.length);
    for (let i = 0; i < parent.length; i++) end[i] = i + 1;
    for (let i = parent.length - 1; i > 0; i--) {
      const up = parent[i]!;
      if (end[i]! > end[up]!) end[up] = end[i]!;
    }
    return end;
  });
}

const indexes = new NodeMemo<Program, TreeIndex>();

/** The index of a program, built once per tree (the linter and every rule share it). */
export function treeIndexOf(program: Program): TreeIndex {
  return indexes.get(program, buildTreeIndex);
}

/**
 * A list for each bucketed kind (BUCKETED), as one object literal: an object of a fixed shape, where looking a kind
 * up costs one property load (a kind that is not bucketed is simply absent).
 */
// (buildByKind fills the lists of the kinds it has a case for in that case: a kind added here needs a push there.)
function newKindLists(): Record<string, number[] | undefined> {
  return { Program: [], FunctionDecl: [], Param: [], Identifier: [], AssignStmt: [], VarDeclStmt: [], ForEachStmt: [], TryStmt: [], CallExpr: [] };
}

/**
 * Flattens the tree under `root` (one traversal). The children of the common kinds are read straight from their
 * properties, one case per kind, so that each read sees nodes of one shape; the order is checked as the build
 * goes (siblings in strictly increasing source order, what `walk` relies on too), and a tree that breaks it (a
 * recovered or hand-built one) is flattened again the generic way, in the order `walk` gives.
 */
export function buildTreeIndex(root: Node): TreeIndex {
  return buildByKind(root) ?? buildGeneric(root);
}

function buildByKind(root: Node): TreeIndex | undefined {
  const nodes: Node[] = [];
  const parent: number[] = [];
  const lists = newKindLists();
  const identifiers = lists.Identifier!;
  const calls = lists.CallExpr!;
  const assignments = lists.AssignStmt!;
  // The start of the sibling entered last at the current depth (-1 before the first): what the next must exceed.
  let previous = -1;
  let ordered = true;
  const stack: Node[] = [];
  const visit = (node: Node | undefined, up: number): void => {
    if (node === undefined || node === null) return;
    const span = node.span as Span | undefined;
    if (span === undefined || span.start <= previous || node.kind === undefined) {
      ordered = false;
      return;
    }
    const start = span.start;
    const at = nodes.length;
    nodes.push(node);
    parent.push(up);
    previous = -1;
    // The kinds' lists are filled case by case: a look-up by the kind's name costs more than the whole case.
    switch (node.kind) {
      case 'Identifier':
        identifiers.push(at);
        break;
      case 'StringLiteral':
      case 'NumberLiteral':
      case 'BooleanLiteral':
      case 'NullLiteral':
      case 'TypeRef':
        break;
      case 'MemberExpr':
        visit(node.object, at);
        visit(node.property, at);
        break;
      case 'CallExpr': {
        calls.push(at);
        visit(node.callee, at);
        const args = node.args;
        for (let i = 0; i < args.length; i++) visit(args[i], at);
        break;
      }
      case 'BinaryExpr':
        visit(node.left, at);
        visit(node.right, at);
        break;
      case 'AssignStmt':
        assignments.push(at);
        visit(node.target, at);
        visit(node.value, at);
        break;
      case 'ExprStmt':
        visit(node.expr, at);
        break;
      case 'InfoStmt':
      case 'ReturnStmt':
      case 'TaskParam':
        visit(node.value, at);
        break;
      case 'MapEntry':
      case 'KeyValueArg':
        visit(node.key, at);
        visit(node.value, at);
        break;
      case 'IfStmt':
      case 'ConditionalExpr':
        visit(node.condition, at);
        visit(node.then, at);
        visit(node.else, at);
        break;
      case 'Block': {
        const body = node.body;
        for (let i = 0; i < body.length; i++) visit(body[i], at);
        break;
      }
      case 'TaskExpr': {
        const params = node.params;
        for (let i = 0; i < params.length; i++) visit(params[i], at);
        break;
      }
      case 'MapLiteral': {
        const entries = node.entries;
        for (let i = 0; i < entries.length; i++) visit(entries[i], at);
        break;
      }
      default: {
        // The rarer kinds, and the program (whose statements and comments interleave): their children as `walk`
        // reads them, through the same order check.
        lists[node.kind]?.push(at);
        const from = stack.length;
        appendChildNodes(node, stack);
        const to = stack.length;
        for (let i = from; i < to; i++) visit(stack[i], at);
        stack.length = from;
      }
    }
    previous = start;
  };
  visit(root, -1);
  return ordered ? indexFrom(root, nodes, parent, lists) : undefined;
}

/** The generic flattening: each node's children as `walk` reads them (sorted by position where need be). */
function buildGeneric(root: Node): TreeIndex {
  const nodes: Node[] = [];
  const parent: number[] = [];
  const lists = newKindLists();
  // The children of the nodes being visited, on one array used as a stack: no array per node.
  const stack: Node[] = [];
  const visit = (node: Node, up: number): void => {
    const at = nodes.length;
    nodes.push(node);
    parent.push(up);
    const same = lists[node.kind];
    if (same) same.push(at);
    const from = stack.length;
    appendChildNodes(node, stack);
    const to = stack.length;
    for (let i = from; i < to; i++) visit(stack[i]!, at);
    for (let i = from; i < to; i++) stack.pop();
  };
  visit(root, -1);
  return indexFrom(root, nodes, parent, lists);
}

function indexFrom(root: Node, nodes: Node[], parent: number[], lists: Record<string, number[] | undefined>): TreeIndex {
  const byKind = new Map<string, number[]>();
  for (const kind of BUCKETED) byKind.set(kind, lists[kind]!);
  return { root, nodes, parent, byKind };
}

const positions = new NodeMemo<TreeIndex, Map<Node, number>>();

/**
 * Where a node of the tree is in `nodes` (-1 when it is not in the tree). The nodes of one kind come in source
 * order (comments, which the program lists after the statement they sit in, are the only nodes out of order, and
 * they are of kinds of their own), so a binary search among the nodes of the same kind finds it; a tree whose spans
 * are not ordered (a recovered or remapped one) falls back to a table built once.
 */
export function positionOf(index: TreeIndex, node: Node): number {
  const { nodes } = index;
  const same = positionsOf(index, node.kind);
  const start = node.span.start;
  let lo = 0;
  let hi = same.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (nodes[same[mid]!]!.span.start < start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < same.length && nodes[same[i]!]!.span.start === start; i++) if (nodes[same[i]!] === node) return same[i]!;
  return positions.get(index, () => new Map(nodes.map((n, i) => [n, i]))).get(node) ?? -1;
}
