import { DOCUMENTED_NOT_RUN } from '../runtime/builtins/documented.js';
import { BUILTINS } from '../runtime/builtins/index.js';
import { NodeMemo } from './memo.js';
import type {
  AssignStmt,
  Block,
  CallExpr,
  Expr,
  ForEachStmt,
  FunctionDecl,
  Identifier,
  Node,
  Param,
  Program,
  Stmt,
  TryStmt,
  VarDeclStmt,
} from '../syntax/ast.js';
import { namesComponent } from '../syntax/ast.js';

/**
 * Names and scopes, as side tables over the AST (the tree itself is never changed).
 *
 * Deluge scoping is function-level: the script (the top-level statements of a file) is one scope and every
 * function declaration another; a variable assigned anywhere in a function is visible in the rest of it, whatever
 * block it was assigned in. A name is *defined* by an assignment (`x = …`, `x += …`), a typed declaration
 * (`int x;`), a `for each` variable, a `catch` variable or a parameter. System values (`input`, `today`, `now`,
 * `zoho.*`, `thisapp`) and function names (`standalone.f`, `ifnull`) are not variables.
 *
 * A read is *undefined* when no definition of its name comes earlier in the scope by source position (a parameter
 * always comes earlier): this is the order Zoho checks when a script is saved, and it needs no control flow.
 * In the script scope a name that is never assigned at all is *implicit*: the product passes it (Books passes
 * `invoice` and `organization`, Cliq `arguments` and `user`), so it is listed apart and not called undefined.
 */

export type ScopeKind = 'script' | 'function';

export type DefinitionKind = 'parameter' | 'assignment' | 'compound-assignment' | 'declaration' | 'for-each' | 'catch';

export interface Definition {
  readonly kind: DefinitionKind;
  /** The identifier that names the variable at the definition. */
  readonly id: Identifier;
  /** The defining node: the parameter, the assignment or declaration, the loop, the try statement. */
  readonly node: Param | AssignStmt | VarDeclStmt | ForEachStmt | TryStmt;
  /**
   * The offset from which the defined value is visible: the end of an assignment (its right side still sees the
   * old value), the start of a loop body or a catch block, -1 for a parameter.
   */
  readonly visibleFrom: number;
}

export interface Variable {
  readonly name: string;
  /** In source order. */
  readonly definitions: readonly Definition[];
  /** Every identifier that reads the variable, in source order (the target of `x += 1` reads it too). */
  readonly reads: readonly Identifier[];
}

export interface Scope {
  readonly kind: ScopeKind;
  readonly node: Program | FunctionDecl;
  /** By name (case-sensitive, as the interpreter treats names). Names read but never defined are included, with no definitions. */
  readonly variables: ReadonlyMap<string, Variable>;
  /** Reads with no definition earlier in the scope, in source order. */
  readonly undefinedReads: readonly Identifier[];
  /** Script scope only: reads of names never assigned in the script — values the product passes in. */
  readonly implicitReads: readonly Identifier[];
}

/** What a call calls, decided from its callee and the names in scope (nothing is evaluated). */
export type CallTarget =
  /** `name(…)` — a builtin in function form, a constructor (`Map()`), a request function (`getUrl`) or unknown. */
  | { readonly kind: 'function'; readonly name: string; readonly id: Identifier }
  /** A function declared in this file, called by its bare or dotted name. */
  | { readonly kind: 'user'; readonly name: string; readonly decl: FunctionDecl }
  /** A builtin with a dotted name: `zoho.encryption.urlEncode(…)`. */
  | { readonly kind: 'builtin'; readonly name: string }
  /** An integration task: `zoho.crm.getRecordById(…)`, `zoho.books.updateRecord(…)`, `invokeConnector…`. */
  | { readonly kind: 'integration'; readonly name: string }
  /** A function of another file: `standalone.f(…)`, `thisapp.Orders.f(…)`, `ns.f(…)`. */
  | { readonly kind: 'external'; readonly name: string }
  /** `value.name(…)`: a builtin applied to the value of `object`. */
  | { readonly kind: 'method'; readonly object: Expr; readonly name: string; readonly id: Identifier };

export type Access = 'read' | 'write' | 'read-write';

export interface Reference {
  readonly variable: Variable;
  readonly scope: Scope;
  readonly access: Access;
}

export interface Resolution {
  /** The script scope first (possibly with no statements), then one scope per function, in source order. */
  readonly scopes: readonly Scope[];
  readonly script: Scope;
  /** The functions declared in the file, by lower-case dotted name (`standalone.sync`). */
  readonly functions: ReadonlyMap<string, FunctionDecl>;
  /** Every identifier that reads or writes a variable (made when first asked: the emitters ask, the lint rules do not). */
  readonly references: ReadonlyMap<Identifier, Reference>;
  /** Every call of the program. */
  readonly calls: ReadonlyMap<CallExpr, CallTarget>;
  /** The calls whose arguments name a form's fields: Creator's aggregates of fetched records (`Orders[…].sum(Amount)`). */
  readonly fieldArgumentCalls: ReadonlySet<CallExpr>;
  /** The scope a node (or any span of the text) lies in, by position. */
  scopeOf(node: Pick<Node, 'span'>): Scope;
}

/** Names that are system values unless the scope assigns them (compared in lower case). */
export const SYSTEM_NAMES: ReadonlySet<string> = new Set(['input', 'today', 'now', 'zoho', 'thisapp']);

/** `zoho.<name>` system values: `zoho.currentdate.addDay(1)` calls a method on one. */
export const ZOHO_SYSTEM_VALUES: ReadonlySet<string> = new Set([
  'currentdate', 'currenttime', 'loginuser', 'loginuserid', 'adminuser', 'adminuserid', 'appname', 'appuri', 'ipaddress',
]);

/** Creator's aggregates of fetched records, whose argument names a field: `Orders[…].sum(Amount)` (lower case). */
const RECORD_AGGREGATES: ReadonlySet<string> = new Set(['sum', 'count', 'average', 'avg', 'maximum', 'max', 'minimum', 'min', 'median', 'distinct']);

/** Categories of CRM functions: a dotted call on one of these names a function (`standalone.f(…)`). */
export const FUNCTION_CATEGORIES: ReadonlySet<string> = new Set([
  'standalone', 'automation', 'button', 'schedule', 'validation', 'thisapp', 'related', 'custom', 'workflow',
]);

/**
 * Function names called in function form that the builtin registry does not declare: the constructors, the request
 * functions (the older forms of `invokeurl`), Creator's client functions, and the function form of counting fetched
 * records, `count(Book[ID == input.Book_ID])` (https://www.zoho.com/creator/help/script/fetch-records.html). Compared in
 * lower case.
 */
export const OTHER_KNOWN_FUNCTIONS: ReadonlySet<string> = new Set([
  'map', 'list', 'collection',
  'geturl', 'posturl', 'puturl', 'deleteurl', 'patchurl', 'invokeurl',
  'openurl', 'reloadpage', 'setsubformfield',
  'count',
  ...DOCUMENTED_NOT_RUN,
]);

/** Method names Zoho documents that the runtime's builtins do not declare (Creator record sets, files, XML, …). */
/** `console.log(x)`, `console.error(…)`: JavaScript's way to show a value, a method call on a name Deluge has not. */
export function isConsoleCall(call: CallExpr): boolean {
  return call.callee.kind === 'MemberExpr' && call.callee.object.kind === 'Identifier' && call.callee.object.name === 'console';
}

export const OTHER_KNOWN_METHODS: ReadonlySet<string> = new Set([
  // Creator aggregate and record-set functions: Form[criteria].count(), .sum(Field), ID.getall() …
  'count', 'sum', 'avg', 'average', 'maximum', 'minimum', 'getall', 'delete',
  ...DOCUMENTED_NOT_RUN,
]);

/**
 * Task keys (letters only, lower case) whose value may be a bare word: `type: GET`, `response-format: FILE`, and
 * invokeapi's `service: zohobilling` (https://www.zoho.com/deluge/help/webhook/invokeapitask.html).
 */
const BARE_WORD_KEYS: ReadonlySet<string> = new Set(['type', 'responseformat', 'responsedecoding', 'contenttype', 'detailed', 'service']);

/** The expression inside any parentheses. */
export function unwrap(e: Expr): Expr {
  while (e.kind === 'ParenExpr') e = e.expr;
  return e;
}

/** `zoho.crm.getRecords` → its identifiers, when the expression is a chain of names. */
export function dottedParts(e: Expr): Identifier[] | undefined {
  const parts: Identifier[] = [];
  let node: Expr = e;
  while (node.kind === 'MemberExpr') {
    parts.push(node.property);
    node = node.object;
  }
  if (node.kind !== 'Identifier') return undefined;
  parts.push(node);
  return parts.reverse();
}

/** Whether a bare word is the value of this task key (`type: GET`): decided once per key as written. */
const bareWordKey = new Map<string, boolean>();
function takesBareWord(key: string): boolean {
  let found = bareWordKey.get(key);
  if (found === undefined) {
    found = BARE_WORD_KEYS.has(key.toLowerCase().replace(/[^a-z]/g, ''));
    // Keys are a handful of words; the bound only guards against a flood of made-up ones.
    if (bareWordKey.size > 1000) bareWordKey.clear();
    bareWordKey.set(key, found);
  }
  return found;
}

const CONSTANT_LIKE = /^[A-Z][A-Z0-9_]*$/;

/** Sorts by source position, unless already in order (the usual case: the reads were met in source order). */
function sortBySource<T>(items: T[], start: (item: T) => number): void {
  for (let i = 1; i < items.length; i++) {
    if (start(items[i]!) < start(items[i - 1]!)) {
      items.sort((a, b) => start(a) - start(b));
      return;
    }
  }
}

const resolutions = new NodeMemo<Program, Resolution>();

/** The resolution of a program, computed once per tree (rules share it). */
export function resolutionOf(program: Program): Resolution {
  return resolutions.get(program, resolve);
}

interface MutableVariable {
  readonly name: string;
  readonly definitions: Definition[];
  readonly reads: Identifier[];
  /**
   * (Internal) the earliest offset from which the variable has a value, set after the definitions are collected;
   * Infinity for a name with no definition. Kept on the variable so that a read costs one look-up by name.
   */
  firstVisible: number;
  /** (Internal) the references to the variable, one per access, made when first needed. */
  readReference: Reference | undefined;
  writeReference: Reference | undefined;
  readWriteReference: Reference | undefined;
}

interface MutableScope {
  readonly kind: ScopeKind;
  readonly node: Program | FunctionDecl;
  readonly variables: Map<string, MutableVariable>;
  readonly undefinedReads: Identifier[];
  readonly implicitReads: Identifier[];
}

/**
 * Resolves the names of a program: its scopes with their variables (definitions and reads), the undefined and
 * implicit reads, what every identifier refers to and what every call calls. Pure; `resolutionOf` caches it per tree.
 */
export function resolve(program: Program): Resolution {
  const functions = new Map<string, FunctionDecl>();
  const functionsByShortName = new Map<string, FunctionDecl>();
  const namespaces = new Set<string>();
  for (const item of program.body) {
    if (item.kind !== 'FunctionDecl') continue;
    const full = item.name.map((n) => n.name).join('.').toLowerCase();
    if (!functions.has(full)) functions.set(full, item);
    const short = item.name[item.name.length - 1]!.name.toLowerCase();
    if (!functionsByShortName.has(short)) functionsByShortName.set(short, item);
    if (item.name.length > 1) namespaces.add(item.name[0]!.name.toLowerCase());
  }
  // The references in the order met, as two parallel lists: the map is made from them when first asked.
  const referenceIds: Identifier[] = [];
  const referenceTargets: Reference[] = [];
  const calls = new Map<CallExpr, CallTarget>();
  const fieldArgumentCalls = new Set<CallExpr>();

  const scripts = program.body.filter((s): s is Stmt => s.kind !== 'FunctionDecl');
  const script = resolveScope('script', program, [], scripts);
  const scopes: Scope[] = [script];
  for (const item of program.body) if (item.kind === 'FunctionDecl') scopes.push(resolveScope('function', item, item.params, item.body.body));

  function resolveScope(kind: ScopeKind, node: Program | FunctionDecl, params: readonly Param[], body: readonly Stmt[]): Scope {
    const scope: MutableScope = { kind, node, variables: new Map(), undefinedReads: [], implicitReads: [] };
    const variable = (name: string): MutableVariable => {
      let v = scope.variables.get(name);
      if (!v) {
        v = { name, definitions: [], reads: [], firstVisible: Infinity, readReference: undefined, writeReference: undefined, readWriteReference: undefined };
        scope.variables.set(name, v);
      }
      return v;
    };
    const define = (d: Definition): void => {
      variable(d.id.name).definitions.push(d);
    };

    // Pass 1: every definition, so that pass 2 knows which names are variables anywhere in the scope.
    for (const p of params) define({ kind: 'parameter', id: p.name, node: p, visibleFrom: -1 });
    const collect = (s: Stmt): void => {
      switch (s.kind) {
        case 'AssignStmt':
          if (s.target.kind === 'Identifier') {
            define({ kind: s.op === '=' ? 'assignment' : 'compound-assignment', id: s.target, node: s, visibleFrom: s.span.end });
          }
          return;
        case 'VarDeclStmt':
          define({ kind: 'declaration', id: s.name, node: s, visibleFrom: s.span.end });
          return;
        case 'ForEachStmt':
          define({ kind: 'for-each', id: s.variable, node: s, visibleFrom: s.body.span.start });
          s.body.body.forEach(collect);
          return;
        case 'TryStmt':
          s.body.body.forEach(collect);
          define({ kind: 'catch', id: s.param, node: s, visibleFrom: s.handler.span.start });
          s.handler.body.forEach(collect);
          return;
        case 'IfStmt': {
          s.then.body.forEach(collect);
          if (s.else?.kind === 'Block') s.else.body.forEach(collect);
          else if (s.else) collect(s.else);
          return;
        }
        case 'WhileStmt':
        case 'CStyleForStmt':
          s.body.body.forEach(collect);
          return;
        case 'TemplateStmt':
          s.body.body.forEach(collect);
          return;
        default:
          return;
      }
    };
    body.forEach(collect);
    // The earliest offset from which each name has a value. (Every variable so far has a definition; those made
    // from here on, for reads of undefined names, keep Infinity: they are not `defined`.)
    for (const v of scope.variables.values()) v.firstVisible = v.definitions.reduce((min, d) => Math.min(min, d.visibleFrom), Infinity);
    const defined = (name: string): boolean => (scope.variables.get(name)?.firstVisible ?? Infinity) !== Infinity;
    const visibleAt = (name: string, at: number): boolean => (scope.variables.get(name)?.firstVisible ?? Infinity) <= at;

    // Pass 2: the reads, with the identifiers that are not variables told apart.
    const result: Scope = scope;
    /** A reference holds nothing of its own: one object per variable and access serves every identifier. */
    const referenceTo = (v: MutableVariable, access: Access): Reference =>
      access === 'read'
        ? (v.readReference ??= { variable: v, scope: result, access })
        : access === 'write'
          ? (v.writeReference ??= { variable: v, scope: result, access })
          : (v.readWriteReference ??= { variable: v, scope: result, access });
    const read = (id: Identifier, access: Access = 'read'): void => {
      const name = id.name;
      const known = scope.variables.get(name);
      if (known === undefined || known.firstVisible === Infinity) {
        if (SYSTEM_NAMES.has(name.toLowerCase())) return;
        const v = known ?? variable(name);
        v.reads.push(id);
        referenceIds.push(id);
        referenceTargets.push(referenceTo(v, access));
        (kind === 'script' ? scope.implicitReads : scope.undefinedReads).push(id);
        return;
      }
      known.reads.push(id);
      referenceIds.push(id);
      referenceTargets.push(referenceTo(known, access));
      if (!(known.firstVisible <= id.span.start)) scope.undefinedReads.push(id);
    };
    const write = (id: Identifier): void => {
      referenceIds.push(id);
      referenceTargets.push(referenceTo(variable(id.name), 'write'));
    };
    /** A bare word that is a variable only if the scope has one of that name (map keys, task values, criteria fields). */
    const wordOrRead = (e: Expr, visit: (e: Expr) => void): void => {
      if (e.kind === 'Identifier' && !defined(e.name)) return;
      visit(e);
    };

    const stmt = (s: Stmt): void => {
      switch (s.kind) {
        case 'ExprStmt':
          return expr(s.expr);
        case 'AssignStmt':
          if (s.target.kind === 'Identifier') {
            if (s.op === '=') write(s.target);
            else read(s.target, 'read-write');
          } else expr(s.target.kind === 'MemberExpr' ? s.target.object : s.target);
          return expr(s.value);
        case 'VarDeclStmt':
          write(s.name);
          if (s.init) expr(s.init);
          return;
        case 'IfStmt':
          expr(s.condition);
          block(s.then);
          if (s.else?.kind === 'Block') block(s.else);
          else if (s.else) stmt(s.else);
          return;
        case 'ForEachStmt':
          write(s.variable);
          expr(s.iterable);
          return block(s.body);
        case 'WhileStmt':
          expr(s.condition);
          return block(s.body);
        case 'CStyleForStmt':
          return block(s.body);
        case 'TryStmt':
          block(s.body);
          write(s.param);
          return block(s.handler);
        case 'ThrowStmt':
          return expr(s.value);
        case 'ReturnStmt':
          if (s.value) expr(s.value);
          return;
        case 'InfoStmt':
          return expr(s.value);
        case 'DeleteFromStmt':
          return expr(s.query);
        case 'AlertStmt':
          return expr(s.message);
        case 'TemplateStmt':
          return block(s.body);
        case 'HtmlStmt':
          if (s.output) expr(s.output);
          return;
        case 'FieldActionStmt': // `hide Field;` names a field of the form
        case 'CancelStmt':
        case 'BreakStmt':
        case 'ContinueStmt':
        case 'EmptyStmt':
          return;
      }
    };
    const block = (b: Block): void => b.body.forEach(stmt);

    const expr = (e: Expr): void => {
      switch (e.kind) {
        case 'Identifier':
          return read(e);
        case 'StringLiteral':
        case 'NumberLiteral':
        case 'BooleanLiteral':
        case 'NullLiteral':
          return;
        case 'ListLiteral':
          return e.elements.forEach(expr);
        case 'MapLiteral':
          for (const entry of e.entries) {
            wordOrRead(entry.key, expr);
            expr(entry.value);
          }
          return;
        case 'ParenExpr':
          return expr(e.expr);
        case 'UnaryExpr':
          return expr(e.operand);
        case 'BinaryExpr':
          expr(e.left);
          return expr(e.right);
        case 'ConditionalExpr':
          expr(e.condition);
          expr(e.then);
          return expr(e.else);
        case 'MemberExpr':
          return expr(e.object);
        case 'CallExpr':
          return call(e, expr);
        case 'IndexExpr': {
          // `Orders[Status == "Open"]` fetches records of a form; `items[0]` reads a variable. A name with no
          // definition before this point is a form (Creator scripts write `OAuth = OAuth[ID != 0];`).
          const form = e.object.kind === 'Identifier' && !visibleAt(e.object.name, e.object.span.start);
          if (!form) expr(e.object);
          // In a record query the bare names are the form's fields: only names that are variables are reads.
          const criteria = form ? (c: Expr) => fieldOrRead(c) : expr;
          if (e.criteria) criteria(e.criteria);
          if (e.range) {
            expr(e.range.from);
            expr(e.range.to);
          }
          return;
        }
        case 'UiExpr':
          return expr(e.object);
        case 'TaskExpr':
          for (const p of e.params) {
            // `type: GET`, `response-format: FILE`: a bare word is the value of these keys; elsewhere a name is read.
            if (takesBareWord(p.key) || (p.value.kind === 'Identifier' && CONSTANT_LIKE.test(p.value.name))) {
              wordOrRead(p.value, expr);
            } else expr(p.value);
          }
          return;
        case 'QualifiedExpr':
          // `template: Invoice:Orders recId`: the names are the app's template and form; only the record's ID is read.
          if (!namesComponent(e) || e.value.kind !== 'Identifier') expr(e.value);
          if (e.record) expr(e.record);
          return;
        case 'InsertExpr':
          for (const f of e.fields) expr(f.value);
          return;
      }
    };
    /**
     * A call; its receiver visited by `object` (`fieldOrRead` for `Services.contains(x)` in criteria). The argument of
     * an aggregate of fetched records (`Orders[Status == "Open"].sum(Amount)`) is a field of the form, not a read.
     */
    const call = (e: CallExpr, object: (e: Expr) => void): void => {
      const target = callTarget(e, defined);
      calls.set(e, target);
      if (target.kind === 'method') object(target.object);
      // (The form fetch first: it is seldom one, and the name is then not lower-cased for every call.)
      const fieldArguments = target.kind === 'method' && isFormFetch(target.object) && RECORD_AGGREGATES.has(target.name.toLowerCase());
      if (fieldArguments) fieldArgumentCalls.add(e);
      const argument = fieldArguments ? fieldOrRead : expr;
      for (const arg of e.args) {
        if (arg.kind === 'KeyValueArg') {
          expr(arg.key);
          expr(arg.value);
        } else argument(arg);
      }
    };
    /** `Orders[…]`, `Orders[…].ID`: records fetched from a form (a name with no definition before it). */
    const isFormFetch = (e: Expr): boolean => {
      let node = e;
      while (node.kind === 'MemberExpr') node = node.object;
      return node.kind === 'IndexExpr' && node.object.kind === 'Identifier' && !visibleAt(node.object.name, node.object.span.start);
    };
    /** Inside criteria: `Status == "Open" && Customer.City == city` — fields stay fields, variables are read. */
    const fieldOrRead = (e: Expr): void => {
      switch (e.kind) {
        case 'Identifier':
          // A variable given its value only further on is not one here yet: the name is the field.
          if (visibleAt(e.name, e.span.start) || SYSTEM_NAMES.has(e.name.toLowerCase())) read(e);
          return;
        case 'MemberExpr':
          return fieldOrRead(e.object);
        case 'BinaryExpr':
          fieldOrRead(e.left);
          return fieldOrRead(e.right);
        case 'UnaryExpr':
          return fieldOrRead(e.operand);
        case 'ParenExpr':
          return fieldOrRead(e.expr);
        case 'ListLiteral':
          return e.elements.forEach(fieldOrRead);
        case 'CallExpr':
          // `Services.contains(service)`, `Added_Time.toDate() == today`: a method of a field.
          return call(e, fieldOrRead);
        default:
          return expr(e);
      }
    };
    body.forEach(stmt);
    const idStart = (id: Identifier) => id.span.start;
    for (const v of scope.variables.values()) {
      sortBySource(v.definitions, (d) => d.id.span.start);
      sortBySource(v.reads, idStart);
    }
    sortBySource(scope.undefinedReads, idStart);
    sortBySource(scope.implicitReads, idStart);
    return result;
  }

  function callTarget(e: CallExpr, defined: (name: string) => boolean): CallTarget {
    const callee = e.callee;
    if (callee.kind === 'Identifier') {
      const user = functionsByShortName.size > 0 ? functionsByShortName.get(callee.name.toLowerCase()) : undefined;
      // As the interpreter decides: a builtin of the same name wins over a dotted function's short name.
      if (user && (user.name.length === 1 || BUILTINS.named(callee.name).length === 0)) {
        return { kind: 'user', name: callee.name, decl: user };
      }
      return { kind: 'function', name: callee.name, id: callee };
    }
    const method: CallTarget = { kind: 'method', object: callee.object, name: callee.property.name, id: callee.property };
    // Most calls are methods of a variable (`resp.get("data")`): told from the root alone, before the parts are listed.
    let head: Expr = callee.object;
    while (head.kind === 'MemberExpr') head = head.object;
    if (head.kind !== 'Identifier' || defined(head.name)) return method;
    const parts = dottedParts(callee)!;
    const root = parts[0]!;
    const rootName = root.name.toLowerCase();
    if (rootName === 'input') return method;
    let name = root.name;
    for (let i = 1; i < parts.length; i++) name += '.' + parts[i]!.name;
    if (rootName === 'zoho' && parts.length >= 3 && ZOHO_SYSTEM_VALUES.has(parts[1]!.name.toLowerCase())) return method;
    if (BUILTINS.named(name).length > 0) return { kind: 'builtin', name };
    // Creator's `thisapp.Namespace.f(…)` calls the function declared `Namespace.f`, as the interpreter decides.
    const user = functions.get((rootName === 'thisapp' ? name.slice(root.name.length + 1) : name).toLowerCase());
    if (user) return { kind: 'user', name, decl: user };
    if (rootName === 'zoho' || rootName === 'invokeconnector') return { kind: 'integration', name };
    if (FUNCTION_CATEGORIES.has(rootName) || namespaces.has(rootName)) return { kind: 'external', name };
    if (rootName === 'today' || rootName === 'now') return method;
    // `items.add(x)` with `items` never assigned is still a method call (and an undefined read); `Orders.archive(90)`
    // with a name no builtin has is a function of another file.
    const property = callee.property.name;
    if (BUILTINS.named(property).length > 0 || OTHER_KNOWN_METHODS.has(property.toLowerCase())) return method;
    return { kind: 'external', name };
  }

  return new ResolvedProgram(scopes, functions, referenceIds, referenceTargets, calls, fieldArgumentCalls);
}

/** A `Resolution`; its references map is made from the lists, in the order met, when first asked. */
class ResolvedProgram implements Resolution {
  readonly script: Scope;
  private readonly functionScopes: readonly Scope[];
  private referenceMap: Map<Identifier, Reference> | undefined;

  constructor(
    readonly scopes: readonly Scope[],
    readonly functions: ReadonlyMap<string, FunctionDecl>,
    private readonly referenceIds: readonly Identifier[],
    private readonly referenceTargets: readonly Reference[],
    readonly calls: ReadonlyMap<CallExpr, CallTarget>,
    readonly fieldArgumentCalls: ReadonlySet<CallExpr>,
  ) {
    this.script = scopes[0]!;
    this.functionScopes = scopes.slice(1);
  }

  get references(): ReadonlyMap<Identifier, Reference> {
    if (this.referenceMap === undefined) {
      this.referenceMap = new Map();
      for (let i = 0; i < this.referenceIds.length; i++) this.referenceMap.set(this.referenceIds[i]!, this.referenceTargets[i]!);
    }
    return this.referenceMap;
  }

  scopeOf(node: Pick<Node, 'span'>): Scope {
    for (const scope of this.functionScopes) {
      if (node.span.start >= scope.node.span.start && node.span.end <= scope.node.span.end) return scope;
    }
    return this.script;
  }
}

export interface StatementList {
  /** The statements, in order: a block's body, or the script's top-level statements. */
  readonly statements: readonly Stmt[];
  /** The function the list is in; undefined in the script. */
  readonly fn: FunctionDecl | undefined;
  /** The list lies (at any depth) inside the body of a `try`, where any statement may jump to the `catch`. */
  readonly insideTry: boolean;
  /** The list lies (at any depth) inside a `for each` body. */
  readonly insideLoop: boolean;
}

/** Every list of statements of the program, outermost first. */
export function statementLists(program: Program): StatementList[] {
  const out: StatementList[] = [];
  const visit = (statements: readonly Stmt[], fn: FunctionDecl | undefined, insideTry: boolean, insideLoop: boolean): void => {
    out.push({ statements, fn, insideTry, insideLoop });
    for (const s of statements) {
      switch (s.kind) {
        case 'IfStmt': {
          let branch: Stmt | undefined = s;
          while (branch?.kind === 'IfStmt') {
            visit(branch.then.body, fn, insideTry, insideLoop);
            const next: Block | Stmt | undefined = branch.else;
            if (next?.kind === 'Block') {
              visit(next.body, fn, insideTry, insideLoop);
              branch = undefined;
            } else branch = next;
          }
          break;
        }
        case 'ForEachStmt':
        case 'WhileStmt':
        case 'CStyleForStmt':
          visit(s.body.body, fn, insideTry, true);
          break;
        case 'TryStmt':
          visit(s.body.body, fn, true, insideLoop);
          visit(s.handler.body, fn, insideTry, insideLoop);
          break;
        case 'TemplateStmt':
          visit(s.body.body, fn, insideTry, insideLoop);
          break;
        default:
          break;
      }
    }
  };
  visit(program.body.filter((s): s is Stmt => s.kind !== 'FunctionDecl'), undefined, false, false);
  for (const item of program.body) if (item.kind === 'FunctionDecl') visit(item.body.body, item, false, false);
  return out;
}
