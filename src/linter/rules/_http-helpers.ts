/**
 * What the http rules share: finding an `invokeurl` block's parameters, the text a URL expression is known to start
 * with, what a variable was assigned, which header names a map holds, and "did you mean". Everything here is a
 * static reading of the tree: when a value cannot be known without running the script, the answer says so
 * (`complete: false`, `'unknown'`), and the rules then stay silent rather than guess.
 */
import { NodeMemo } from '../../analysis/memo.js';
import { positionsOf, treeIndexOf } from '../../analysis/tree-index.js';
import { editDistance } from '../../edit-distance.js';
import type { Span } from '../../source/span.js';
import type { AssignStmt, CallExpr, Expr, ForEachStmt, MemberExpr, Node, Param, Program, StringLiteral, TaskExpr, TaskParam, TryStmt, VarDeclStmt } from '../../syntax/ast.js';
import { INVOKEAPI_KEYS, isRequestTaskName, TASK_KEYS } from '../../http/invokeurl.js';

/** The keys `invokeUrlRequest` accepts: one list, the runner's. */
export const INVOKEURL_KEYS: readonly string[] = TASK_KEYS;

/** The methods `type:` takes, as Zoho lists them. */
export const METHODS: readonly string[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export function isInvokeUrl(node: Node): node is TaskExpr {
  return node.kind === 'TaskExpr' && node.task === 'invokeurl';
}

/** `invokeurl`, or `invokeapi` (the same request from a service and a path): the blocks whose type, body and headers the rules read. */
export function isRequestTask(node: Node): node is TaskExpr {
  return node.kind === 'TaskExpr' && isRequestTaskName(node.task);
}

/** The keys a request block takes, as the runner checks them. */
export function requestTaskKeys(task: TaskExpr): readonly string[] {
  return task.task === 'invokeapi' ? INVOKEAPI_KEYS : INVOKEURL_KEYS;
}

/** The parameter of a task block by key, compared as the runner does (case-insensitively). */
export function taskParam(task: TaskExpr, key: string): TaskParam | undefined {
  return task.params.find((p) => p.key.toLowerCase() === key);
}

/** The span of the task's name (`invokeurl`), for reports about the block as a whole. */
export function taskNameSpan(task: TaskExpr): Span {
  return { start: task.span.start, end: task.span.start + task.rawName.length };
}

/** `(x)` → `x`. */
export function unwrap(expr: Expr): Expr {
  let e = expr;
  while (e.kind === 'ParenExpr') e = e.expr;
  return e;
}

/** The dotted name of a callee (`zoho.crm.getRecordById`, `getUrl`), or undefined when it is not a plain name. */
export function dottedName(expr: Expr): string | undefined {
  if (expr.kind === 'Identifier') return expr.name;
  if (expr.kind === 'MemberExpr') {
    const head = dottedName(expr.object);
    return head === undefined ? undefined : `${head}.${expr.property.name}`;
  }
  return undefined;
}

/** A method call `receiver.name(…)`: its receiver and lower-case method name. */
export function methodCall(expr: Expr): { receiver: Expr; method: string; call: CallExpr } | undefined {
  const e = unwrap(expr);
  if (e.kind !== 'CallExpr' || e.callee.kind !== 'MemberExpr') return undefined;
  return { receiver: e.callee.object, method: e.callee.property.name.toLowerCase(), call: e };
}

/** The argument of a call at an index, when it is an expression (not a `key: value` pair). */
export function argument(call: CallExpr, index: number): Expr | undefined {
  const arg = call.args[index];
  return arg === undefined || arg.kind === 'KeyValueArg' ? undefined : arg;
}

/** The text of a string literal argument or key, else undefined. */
export function literalText(expr: Expr | undefined): string | undefined {
  const e = expr && unwrap(expr);
  return e?.kind === 'StringLiteral' ? e.value : undefined;
}

/**
 * Where a part of a literal's text sits in the source: the literal's raw text is searched for it (escapes would
 * shift positions, so a part that is not found verbatim gives the whole literal).
 */
export function spanInLiteral(literal: StringLiteral, part: string, from = 0): Span {
  const at = literal.raw.indexOf(part, from);
  if (at < 0 || part === '') return literal.span;
  const start = literal.span.start + at;
  return { start, end: start + part.length };
}

// ── Variables ───────────────────────────────────────────────────────────────────────────────────────────────

/**
 * The script's variables as assignments show them. Names are compared case-sensitively, as the interpreter does.
 * The whole file is one table: a name assigned in two functions counts as assigned twice, so nothing is taken
 * for certain about it (the rules are then silent, never wrong).
 */
export class Bindings {
  private static readonly memo = new NodeMemo<Program, Bindings>();

  /** The value of each name's plain `name = value` assignment or typed declaration with a value (the last one met). */
  private readonly values = new Map<string, Expr>();
  /**
   * Method calls on a variable (`headers.put(…)`), by the variable's name: made when first asked, as few rules ask
   * (the calls are most of a program's nodes); each name's list, with the methods in lower case, also when first asked.
   */
  private callSites: Map<string, CallExpr[]> | undefined;
  private readonly calls = new Map<string, readonly { method: string; call: CallExpr }[]>();
  /**
   * How many times each name is defined, parameters, loop and catch variables and compound assignments counting
   * twice (so that 1 means "assigned exactly once"); a name defined in no way is not a variable.
   */
  private readonly defs = new Map<string, number>();
  /** Names whose value is changed through a field or an index: `x.f = …`, `x[0] = …`. */
  private readonly assignedInside = new Set<string>();

  static of(program: Program): Bindings {
    return Bindings.memo.get(program, (p) => new Bindings(p));
  }

  private constructor(private readonly program: Program) {
    // From the shared index of the program, kind by kind (no traversal of its own); the values matter only when
    // there is exactly one.
    const index = treeIndexOf(program);
    const { nodes } = index;
    for (const at of positionsOf(index, 'AssignStmt')) {
      const node = nodes[at] as AssignStmt;
      if (node.target.kind !== 'Identifier') {
        const root = rootName(node.target);
        if (root !== undefined) this.assignedInside.add(root);
        continue;
      }
      this.define(node.target.name, node.op === '=' ? 1 : 2);
      if (node.op === '=') this.values.set(node.target.name, node.value);
    }
    for (const at of positionsOf(index, 'VarDeclStmt')) {
      const node = nodes[at] as VarDeclStmt;
      this.define(node.name.name, 1);
      if (node.init) this.values.set(node.name.name, node.init);
    }
    const other = (name: string): void => this.define(name, 2);
    for (const at of positionsOf(index, 'Param')) other((nodes[at] as Param).name.name);
    for (const at of positionsOf(index, 'ForEachStmt')) other((nodes[at] as ForEachStmt).variable.name);
    for (const at of positionsOf(index, 'TryStmt')) other((nodes[at] as TryStmt).param.name);
  }

  private collectCallSites(): Map<string, CallExpr[]> {
    const sites = new Map<string, CallExpr[]>();
    const index = treeIndexOf(this.program);
    for (const at of positionsOf(index, 'CallExpr')) {
      // `name.method(…)` (what `methodCall` reads).
      const node = index.nodes[at] as CallExpr;
      const callee = node.callee;
      if (callee.kind !== 'MemberExpr' || callee.object.kind !== 'Identifier') continue;
      const list = sites.get(callee.object.name);
      if (list) list.push(node);
      else sites.set(callee.object.name, [node]);
    }
    return sites;
  }

  private define(name: string, count: number): void {
    this.defs.set(name, (this.defs.get(name) ?? 0) + count);
  }

  /** Definitions of the name, parameters, loop and catch variables and compound assignments counting two. */
  definitionCount(name: string): number {
    return this.defs.get(name) ?? 0;
  }

  /** Whether a field or an element of the name is assigned (`x.f = …`, `x[0] = …`). */
  isAssignedInside(name: string): boolean {
    return this.assignedInside.has(name);
  }

  /** Whether the script gives this name a value anywhere (so a bare word of that name is a variable, not text). */
  isVariable(name: string): boolean {
    return this.defs.has(name);
  }

  /** The value of a variable assigned exactly once, and in no other way; undefined otherwise. */
  single(name: string): Expr | undefined {
    return this.defs.get(name) === 1 ? this.values.get(name) : undefined;
  }

  /** The method calls made on a variable (`name.put(…)`, `name.get(…)`), in source order. */
  callsOn(name: string): readonly { method: string; call: CallExpr }[] {
    let found = this.calls.get(name);
    if (found === undefined) {
      this.callSites ??= this.collectCallSites();
      found = (this.callSites.get(name) ?? []).map((call) => ({ method: (call.callee as MemberExpr).property.name.toLowerCase(), call }));
      this.calls.set(name, found);
    }
    return found;
  }
}

/** The variable at the root of `a.b[0].c`. */
function rootName(expr: Expr): string | undefined {
  let e: Expr = expr;
  while (e.kind === 'MemberExpr' || e.kind === 'IndexExpr') e = e.object;
  return e.kind === 'Identifier' ? e.name : undefined;
}

/** How deep variable look-ups go (`a = b; b = c; …`), against cycles. */
const MAX_DEPTH = 8;

export interface KnownPrefix {
  /** The text the value is known to start with. */
  readonly text: string;
  /** True when `text` is the whole value. */
  readonly complete: boolean;
  /** The literal the text starts in, for precise positions (absent when it comes through a variable). */
  readonly literal?: StringLiteral;
}

/** The text an expression is known to start with: string literals joined by `+`, through variables assigned once. */
export function knownPrefix(expr: Expr, bindings: Bindings, depth = 0): KnownPrefix {
  const e = unwrap(expr);
  if (depth > MAX_DEPTH) return { text: '', complete: false };
  if (e.kind === 'StringLiteral') return { text: e.value, complete: true, literal: e };
  if (e.kind === 'BinaryExpr' && e.op === '+') {
    const left = knownPrefix(e.left, bindings, depth + 1);
    if (!left.complete) return left;
    const right = knownPrefix(e.right, bindings, depth + 1);
    return { text: left.text + right.text, complete: right.complete, ...(left.literal && { literal: left.literal }) };
  }
  if (e.kind === 'Identifier') {
    const value = bindings.single(e.name);
    if (value) {
      const found = knownPrefix(value, bindings, depth + 1);
      return { text: found.text, complete: found.complete };
    }
  }
  return { text: '', complete: false };
}

/** What a URL's known start says: its scheme and, when the host is complete, the host (lower case, no port). */
export function urlParts(prefix: KnownPrefix): { scheme?: string; host?: string } {
  const m = /^\s*([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([/?#])?/i.exec(prefix.text);
  if (!m) return {};
  const scheme = m[1]!.toLowerCase();
  const hostComplete = m[3] !== undefined || prefix.complete;
  if (!hostComplete || m[2] === '') return { scheme };
  const host = m[2]!.replace(/^[^@]*@/, '').toLowerCase();
  return { scheme, host: host.startsWith('[') ? host.replace(/(\])(:\d+)?$/, '$1') : host.replace(/:\d+$/, '') };
}

export type ValueKind = 'map' | 'list' | 'text' | 'number' | 'boolean' | 'null' | 'unknown';

/** The type a value surely has, as far as the tree shows it. */
export function valueKind(expr: Expr, bindings: Bindings, depth = 0): ValueKind {
  const e = unwrap(expr);
  if (depth > MAX_DEPTH) return 'unknown';
  switch (e.kind) {
    case 'MapLiteral':
      return 'map';
    case 'ListLiteral':
      return 'list';
    case 'StringLiteral':
      return 'text';
    case 'NumberLiteral':
      return 'number';
    case 'BooleanLiteral':
      return 'boolean';
    case 'NullLiteral':
      return 'null';
    case 'BinaryExpr':
      if (e.op !== '+') return 'unknown';
      return valueKind(e.left, bindings, depth + 1) === 'text' || valueKind(e.right, bindings, depth + 1) === 'text' ? 'text' : 'unknown';
    case 'CallExpr': {
      if (e.callee.kind === 'Identifier') {
        const name = e.callee.name.toLowerCase();
        if (name === 'map') return 'map';
        if (name === 'list') return 'list';
        return 'unknown';
      }
      const method = e.callee.property.name.toLowerCase();
      if (method === 'tostring' || method === 'totext') return 'text';
      if (method === 'tomap') return 'map';
      if (method === 'tolist') return 'list';
      return 'unknown';
    }
    case 'Identifier': {
      const value = bindings.single(e.name);
      return value ? valueKind(value, bindings, depth + 1) : 'unknown';
    }
    default:
      return 'unknown';
  }
}

export interface MapEntries {
  /** The entries whose keys are literal texts, as written: key text, the key's node and the value. */
  readonly entries: readonly { key: string; keyNode: Expr; value: Expr }[];
  /** False when some entry may be missing from `entries` (a computed key, `putAll`, a value from elsewhere). */
  readonly complete: boolean;
}

/** Methods that add to a map or may change it in a way this reading cannot follow. */
const MAP_ADDERS = new Set(['put', 'putall', 'insert', 'insertall']);

/**
 * The entries a map value is known to have: a map literal's, or those of a variable assigned once to `Map()` or a
 * literal, plus its `put` calls anywhere in the script.
 */
export function mapEntries(expr: Expr, bindings: Bindings): MapEntries {
  const e = unwrap(expr);
  if (e.kind === 'MapLiteral') return literalEntries(e.entries);
  if (e.kind !== 'Identifier') return { entries: [], complete: false };
  const value = bindings.single(e.name);
  const init = value && unwrap(value);
  let base: MapEntries;
  if (init?.kind === 'MapLiteral') base = literalEntries(init.entries);
  else if (init?.kind === 'CallExpr' && init.callee.kind === 'Identifier' && init.callee.name.toLowerCase() === 'map' && init.args.length === 0) {
    base = { entries: [], complete: true };
  } else return { entries: [], complete: false };
  const entries = [...base.entries];
  let complete = base.complete;
  for (const { method, call } of bindings.callsOn(e.name)) {
    if (!MAP_ADDERS.has(method)) continue;
    const key = argument(call, 0);
    const text = literalText(key);
    const item = argument(call, 1);
    if (method === 'put' && key && text !== undefined && item) entries.push({ key: text, keyNode: key, value: item });
    else complete = false;
  }
  return { entries, complete };
}

function literalEntries(items: readonly { key: Expr; value: Expr }[]): MapEntries {
  const entries: { key: string; keyNode: Expr; value: Expr }[] = [];
  let complete = true;
  for (const item of items) {
    const text = literalText(item.key);
    if (text === undefined) complete = false;
    else entries.push({ key: text, keyNode: item.key, value: item.value });
  }
  return { entries, complete };
}

// ── Did you mean ────────────────────────────────────────────────────────────────────────────────────────────

/**
 * The closest candidate, rustc's way: within `max(length, 3) / 3` edits, compared in lower case and with `-`, `_`
 * and spaces ignored (so `contentType`, `content_type` and `content type` all find `content-type`).
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const squash = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '');
  const w = squash(word);
  let best: { candidate: string; d: number } | undefined;
  for (const candidate of candidates) {
    const d = editDistance(w, squash(candidate));
    if (d <= Math.max(w.length, 3) / 3 && (!best || d < best.d)) best = { candidate, d };
  }
  return best?.candidate;
}
