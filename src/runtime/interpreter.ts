import { diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../source/source-file.js';
import type { Span } from '../source/span.js';
import type {
  Argument,
  AssignStmt,
  BinaryExpr,
  Block,
  CallExpr,
  Expr,
  ForEachStmt,
  FunctionDecl,
  MemberExpr,
  NumberLiteral,
  Program,
  Stmt,
  TaskExpr,
  TryStmt,
  TypeRef,
} from '../syntax/ast.js';
import { BUILTINS } from './builtins/index.js';
import { KeyValuePair, newCollection } from './builtins/collection.js';
import { typedElement } from './builtins/list.js';
import { adaptArguments, checkArguments, type BuiltinContext, type BuiltinSpec } from './builtins/registry.js';
import { parseDateTimeText, startOfDay } from './datetime.js';
import { parseJson } from './json.js';
import { DelugeError, fail } from './errors.js';
import { add, arithmetic, membership, negate, relational, truth, valuesEqual } from './operators.js';
import type { RecordedMail, RunDiagnostic, RunOptions, RunResult } from './run.js';
import { SEMANTICS } from './semantics.js';
import { textForm } from './text-form.js';
import { coerceArgument, listElementType } from './types.js';
import {
  CollectionValue,
  DateTimeValue,
  ErrorValue,
  ListValue,
  MapValue,
  toMapKey,
  typeName,
  type Value,
} from './values.js';

/** A task host's answer: a value, a value to come (runScriptAsync only), or undefined for "not mine". */
export type HostAnswer = Value | Promise<Value | undefined> | undefined;

/**
 * Performs what the interpreter cannot do by itself: tasks that reach outside the script. The runner gives one
 * that speaks HTTP; `--dry-run` and the emitters give recording ones. Returning `undefined` means "not mine".
 * A synchronous run (`runScript`) needs answers at once; `runScriptAsync` awaits promises.
 */
export interface TaskHost {
  /** A task block (`invokeurl [ … ]`, …) with its parameters evaluated, by lower-case key. */
  task?(name: string, params: MapValue, node: TaskExpr): HostAnswer;
  /** An integration call (`zoho.crm.getRecordById("Leads", id)`) or a request function (`getUrl(…)`), by its name as written. */
  call?(name: string, args: readonly Value[], node: CallExpr): HostAnswer;
}

export interface InterpreterOptions extends RunOptions {
  readonly timeZone: string;
  readonly maxStatements: number;
  readonly maxCallDepth: number;
  readonly timeoutMs: number;
  readonly clock: () => number;
}

/** Where a call goes (see `resolveCall`). */
export type CallTarget =
  | { readonly kind: 'builtin'; readonly spec: BuiltinSpec; readonly name: string }
  | { readonly kind: 'user'; readonly fn: UserFunction }
  | { readonly kind: 'host'; readonly name: string; readonly request: boolean }
  | { readonly kind: 'missing'; readonly name: string }
  | { readonly kind: 'method'; readonly object: Expr; readonly name: string }
  | { readonly kind: 'named'; readonly name: string };

export interface LoadedProgram {
  readonly file: SourceFile;
  readonly program: Program;
}

export interface UserFunction {
  readonly decl: FunctionDecl;
  readonly file: SourceFile;
}

export interface Frame {
  readonly vars: Map<string, Value>;
  readonly file: SourceFile;
}

/** How a statement ended: normally, or by `break`, `continue`, `return`. */
export const enum Completion {
  Normal,
  Break,
  Continue,
  Return,
}

/** System values readable as `zoho.<name>` (see README "Running scripts" for the defaults). */
const DEFAULT_SYSTEM: Readonly<Record<string, Value>> = {
  loginuser: 'Demo User',
  loginuserid: 'demo.user@example.com',
  adminuser: 'Demo Admin',
  adminuserid: 'admin@example.com',
  appname: 'deluge-kit',
  appuri: '/deluge-kit/',
  ipaddress: '127.0.0.1',
};

/** Tasks we name when they cannot run, grouped by what they are. */
const CREATOR_ONLY = 'a Zoho Creator statement; `deluge run` runs CRM-style scripts and cannot perform it';

/**
 * A tree-walking interpreter over the AST. Synchronous: tasks that need the outside world go through the
 * injected {@link TaskHost}, which blocks until it has an answer (see README "Architecture").
 */
export class Interpreter {
  protected statements = 0;
  protected depth = 0;
  protected startedAt = 0;
  protected returnValue: Value = null;
  protected frame!: Frame;
  protected readonly info: string[] = [];
  protected readonly mails: RecordedMail[] = [];
  protected readonly functions = new Map<string, UserFunction>();
  protected readonly functionsByShortName = new Map<string, UserFunction>();
  private readonly numberLiterals = new WeakMap<NumberLiteral, bigint | number>();
  protected readonly input: MapValue;
  private readonly system: Readonly<Record<string, Value>>;
  readonly context: BuiltinContext;

  constructor(protected readonly options: InterpreterOptions) {
    const now = options.now;
    this.context = { now: now === undefined ? options.clock : () => now, timeZone: options.timeZone };
    this.input = new MapValue(new Map(Object.entries(options.args ?? {})));
    this.system = { ...DEFAULT_SYSTEM, ...options.system };
  }

  run(main: LoadedProgram, libraries: readonly LoadedProgram[]): RunResult {
    for (const loaded of [main, ...libraries]) this.declareFunctions(loaded);
    this.startedAt = this.options.clock();
    let result: Value | undefined;
    const diagnostics: RunDiagnostic[] = [];
    let completed = false;
    try {
      result = this.runMain(main);
      completed = true;
    } catch (error) {
      diagnostics.push(this.toDiagnostic(error, main.file));
    }
    return {
      info: this.info,
      result,
      mails: this.mails,
      diagnostics,
      statements: this.statements,
      completed,
    };
  }

  protected toDiagnostic(error: unknown, mainFile: SourceFile): RunDiagnostic {
    if (error instanceof DelugeError) {
      const file = error.file ?? mainFile;
      const span = error.span ?? { start: 0, end: 0 };
      return { file, diagnostic: diagnostic(error.code, span, error.message, { ruleId: 'runtime' }) };
    }
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      const span = this.lastStatement?.span ?? { start: 0, end: 0 };
      return {
        file: this.frame?.file ?? mainFile,
        diagnostic: diagnostic('DLG4011', span, 'The script nests too deeply for this machine (expressions or calls)', { ruleId: 'runtime' }),
      };
    }
    throw error;
  }

  protected declareFunctions({ file, program }: LoadedProgram): void {
    for (const node of program.body) {
      if (node.kind !== 'FunctionDecl') continue;
      const fn = { decl: node, file };
      const full = node.name.map((n) => n.name).join('.').toLowerCase();
      if (!this.functions.has(full)) this.functions.set(full, fn);
      const short = node.name[node.name.length - 1]!.name.toLowerCase();
      if (!this.functionsByShortName.has(short)) this.functionsByShortName.set(short, fn);
    }
  }

  /** Top-level statements run as the script; a file of only functions runs its entry function with the args. */
  private runMain(main: LoadedProgram): Value | undefined {
    const statements = main.program.body.filter((n): n is Stmt => n.kind !== 'FunctionDecl' && n.kind !== 'EmptyStmt');
    if (statements.length > 0) {
      this.frame = { vars: new Map(), file: main.file };
      for (const [name, value] of this.input.entries) this.frame.vars.set(String(name), value);
      const completion = this.execStatements(statements);
      return completion === Completion.Return ? this.returnValue : undefined;
    }
    const entry = this.entryFunction(main);
    if (!entry) return undefined;
    this.frame = { vars: new Map(), file: main.file };
    const args = entry.params.map((p) => this.argumentFor(p.name.name));
    const result = this.callFunction({ decl: entry, file: main.file }, args, entry.span);
    return entry.returnType.name.toLowerCase() === 'void' ? undefined : result;
  }

  /** The function a file of functions runs: the one named by `entry`, else the first. */
  protected entryFunction(main: LoadedProgram): FunctionDecl | undefined {
    const declared = main.program.body.filter((n): n is FunctionDecl => n.kind === 'FunctionDecl');
    const entryName = this.options.entry?.toLowerCase();
    if (!entryName) return declared[0];
    const entry = declared.find((d) => {
      const names = d.name.map((n) => n.name.toLowerCase());
      return names.join('.') === entryName || names[names.length - 1] === entryName;
    });
    if (!entry) throw new DelugeError('DLG4019', `There is no function '${this.options.entry}' in this file`, { start: 0, end: 0 }, false);
    return entry;
  }

  /** An argument given by name (`--arg leadId=…`): exact name first, then ignoring case. */
  protected argumentFor(name: string): Value {
    const exact = this.input.entries.get(name);
    if (exact !== undefined) return exact;
    for (const [key, value] of this.input.entries) {
      if (typeof key === 'string' && key.toLowerCase() === name.toLowerCase()) return value;
    }
    return null;
  }

  // ── Statements ─────────────────────────────────────────────────────────────────────────────────────────

  protected lastStatement: Stmt | undefined;

  protected tick(statement: Stmt): void {
    this.lastStatement = statement;
    if (++this.statements > this.options.maxStatements) {
      throw new DelugeError(
        'DLG4010',
        `The script executed more than ${this.options.maxStatements.toLocaleString('en-US')} statements (the limit of a Zoho CRM function); stopped here`,
        statement.span,
        false,
      );
    }
    if ((this.statements & 1023) === 0 && this.options.clock() - this.startedAt > this.options.timeoutMs) {
      throw new DelugeError(
        'DLG4012',
        `The script ran longer than ${this.options.timeoutMs / 1000} s; stopped here`,
        statement.span,
        false,
      );
    }
  }

  protected execBlock(block: Block): Completion {
    return this.execStatements(block.body);
  }

  protected execStatements(statements: readonly Stmt[]): Completion {
    for (const statement of statements) {
      const completion = this.exec(statement);
      if (completion !== Completion.Normal) return completion;
    }
    return Completion.Normal;
  }

  protected exec(s: Stmt): Completion {
    if (s.kind === 'EmptyStmt') return Completion.Normal;
    this.tick(s);
    return this.execCounted(s);
  }

  /** A statement already counted against the limit. */
  protected execCounted(s: Stmt): Completion {
    switch (s.kind) {
      case 'EmptyStmt':
        return Completion.Normal;
      case 'ExprStmt':
        this.evaluate(s.expr);
        return Completion.Normal;
      case 'AssignStmt':
        this.assign(s);
        return Completion.Normal;
      case 'VarDeclStmt':
        this.frame.vars.set(s.name.name, s.init ? this.evaluate(s.init) : null);
        return Completion.Normal;
      case 'InfoStmt': {
        const line = textForm(this.evaluate(s.value));
        this.info.push(line);
        this.options.onInfo?.(line);
        return Completion.Normal;
      }
      case 'IfStmt': {
        if (this.condition(s.condition, 'An if condition')) return this.execBlock(s.then);
        if (s.else === undefined) return Completion.Normal;
        return s.else.kind === 'IfStmt' ? this.exec(s.else) : this.execBlock(s.else);
      }
      case 'ForEachStmt':
        return this.forEach(s);
      case 'TryStmt':
        return this.tryCatch(s);
      case 'ThrowStmt': {
        const value = this.evaluate(s.value);
        throw new DelugeError('DLG4009', value instanceof ErrorValue ? value.message : textForm(value), s.span, true, value);
      }
      case 'ReturnStmt':
        this.returnValue = s.value ? this.evaluate(s.value) : null;
        return Completion.Return;
      case 'BreakStmt':
        return Completion.Break;
      case 'ContinueStmt':
        return Completion.Continue;
      case 'DeleteFromStmt':
        return this.unsupported(s.span, '`delete from Form[…]` is ' + CREATOR_ONLY);
      case 'FieldActionStmt':
        return this.unsupported(s.span, `\`${s.action}\` is ${CREATOR_ONLY} (a form field action)`);
      case 'AlertStmt':
        return this.unsupported(s.span, '`alert` is ' + CREATOR_ONLY);
      case 'CancelStmt':
        return this.unsupported(s.span, `\`cancel ${s.what.name}\` is ${CREATOR_ONLY}`);
      case 'TemplateStmt':
      case 'HtmlStmt':
        return this.unsupported(s.span, 'A page template (`<%{ … }%>`) is ' + CREATOR_ONLY);
      case 'WhileStmt':
      case 'CStyleForStmt':
        // The parser reports these (DLG2005, DLG2006), so a run never gets here.
        return this.unsupported(s.span, 'Deluge has no such loop');
    }
  }

  protected unsupported(span: Span, message: string): never {
    throw new DelugeError('DLG4013', message, this.firstLine(span), false);
  }

  /** The part of a span on its first line: a diagnostic about a whole task block points at its head. */
  protected firstLine(span: Span): Span {
    const text = this.frame.file.text;
    let end = span.start;
    while (end < span.end && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    while (end > span.start + 1 && /\s|\\/.test(text[end - 1]!)) end--;
    return { start: span.start, end };
  }

  protected condition(expr: Expr, what: string): boolean {
    const value = this.evaluate(expr);
    try {
      return truth(value, what);
    } catch (error) {
      if (error instanceof DelugeError) error.span ??= expr.span;
      throw error;
    }
  }

  protected assign(s: AssignStmt): void {
    this.assignValue(s, this.evaluate(s.value));
  }

  /** Stores an assignment's evaluated right side (combined with the current value for `+=` and friends). */
  protected assignValue(s: AssignStmt, value: Value): void {
    const target = s.target;
    if (target.kind === 'Identifier') {
      const result = s.op === '=' ? value : this.applyCompound(s.op, this.readVariable(target.name, target.span), value, s);
      this.frame.vars.set(target.name, result);
      return;
    }
    if (target.kind === 'MemberExpr') {
      const object = this.evaluate(target.object);
      if (object instanceof MapValue) {
        const key = target.property.name;
        object.entries.set(key, s.op === '=' ? value : this.applyCompound(s.op, object.entries.get(key) ?? null, value, s));
        return;
      }
      this.unsupported(target.span, 'Assigning to a field (`input.Field = …`) of a form record is ' + CREATOR_ONLY);
    }
    this.unsupported(target.span, 'Assigning to a record query (`Form[…].Field = …`) is ' + CREATOR_ONLY);
  }

  protected applyCompound(op: AssignStmt['op'], current: Value, value: Value, s: AssignStmt): Value {
    try {
      switch (op) {
        case '+=':
          return add(current, value);
        case '-=':
          return arithmetic('-', current, value);
        case '*=':
          return arithmetic('*', current, value);
        case '/=':
          return arithmetic('/', current, value);
        case '%=':
          return arithmetic('%', current, value);
        default:
          return value;
      }
    } catch (error) {
      if (error instanceof DelugeError) error.span ??= s.span;
      throw error;
    }
  }

  protected forEach(s: ForEachStmt): Completion {
    const items = this.iterationItems(this.evaluate(s.iterable), s);
    const vars = this.frame.vars;
    const name = s.variable.name;
    // The list is read live, as Zoho does: adding to it inside the loop extends the loop (until the statement limit).
    for (let i = 0; i < items.length; i++) {
      vars.set(name, s.index ? BigInt(i) : items[i]!);
      const completion = this.execBlock(s.body);
      if (completion === Completion.Break) break;
      if (completion === Completion.Return) return completion;
    }
    return Completion.Normal;
  }

  /** What `for each` walks: a list's own items (live), a text's comma-separated parts, a collection's items or keys. */
  protected iterationItems(iterable: Value, s: ForEachStmt): Value[] {
    if (iterable instanceof ListValue) return iterable.items;
    if (typeof iterable === 'string') return iterable === '' ? [] : iterable.split(',');
    if (iterable instanceof CollectionValue) return iterable.mode === 'map' ? [...iterable.map.keys()] : iterable.list;
    if (iterable === null && SEMANTICS.forEachOverNullIsEmpty) return [];
    const hint = iterable instanceof MapValue ? ': iterate its keys with `for each k in m.keys()`' : '';
    throw new DelugeError('DLG4022', `for each cannot iterate a value of type ${typeName(iterable)}${hint}`, s.iterable.span);
  }

  protected tryCatch(s: TryStmt): Completion {
    try {
      return this.execBlock(s.body);
    } catch (error) {
      this.bindCaught(error, s);
      return this.execBlock(s.handler);
    }
  }

  /** Gives a caught runtime error to the `catch` variable; anything else (limits, bugs) goes on up. */
  protected bindCaught(error: unknown, s: TryStmt): void {
    if (!(error instanceof DelugeError) || !error.catchable) throw error;
    const file = error.file ?? this.frame.file;
    const line = file.position((error.span ?? s.span).start).line;
    this.frame.vars.set(s.param.name, new ErrorValue(error.message, line));
  }

  // ── Expressions ────────────────────────────────────────────────────────────────────────────────────────

  /** Evaluates an expression; a runtime error from inside gets the span of the innermost expression it came from. */
  evaluate(e: Expr): Value {
    try {
      return this.evaluateUnchecked(e);
    } catch (error) {
      if (error instanceof DelugeError && error.span === undefined) {
        // A task block spans many lines: point at its head.
        error.span = e.kind === 'TaskExpr' ? this.firstLine(e.span) : e.span;
        error.file = this.frame.file;
      }
      throw error;
    }
  }

  protected evaluateUnchecked(e: Expr): Value {
    switch (e.kind) {
      case 'Identifier':
        return this.readVariable(e.name, e.span);
      case 'StringLiteral':
        return e.quote === "'" ? (parseDateTimeText(e.value, this.options.timeZone, this.context.now()) ?? e.value) : e.value;
      case 'NumberLiteral':
        return this.numberLiteral(e);
      case 'BooleanLiteral':
        return e.value;
      case 'NullLiteral':
        return null;
      case 'ListLiteral':
        return new ListValue(e.elements.map((el) => this.evaluate(el)));
      case 'MapLiteral': {
        const entries = new Map();
        for (const entry of e.entries) {
          const key = this.bareWord(entry.key) ?? this.evaluate(entry.key);
          entries.set(toMapKey(key), this.evaluate(entry.value));
        }
        return new MapValue(entries);
      }
      case 'ParenExpr':
        return this.evaluate(e.expr);
      case 'UnaryExpr':
        return applyUnary(e.op, this.evaluate(e.operand));
      case 'BinaryExpr':
        return this.binary(e);
      case 'ConditionalExpr':
        return this.condition(e.condition, 'The condition of if(…)') ? this.evaluate(e.then) : this.evaluate(e.else);
      case 'MemberExpr':
        return this.member(e);
      case 'CallExpr':
        return this.call(e);
      case 'IndexExpr': {
        if (e.object.kind === 'Identifier' && !this.frame.vars.has(e.object.name)) {
          return this.unsupported(e.span, `\`${e.object.name}[…]\` fetches Creator form records: ${CREATOR_ONLY}`);
        }
        const object = this.evaluate(e.object);
        if (object instanceof ListValue && e.criteria && !e.sortBy && !e.range) {
          const index = this.evaluate(e.criteria);
          if (typeof index === 'bigint') return this.listElement(object, index);
        }
        return this.unsupported(e.span, 'A record query `…[criteria]` is ' + CREATOR_ONLY);
      }
      case 'UiExpr':
        return this.unsupported(e.span, 'A field UI handle (`input.Field:ui`) is ' + CREATOR_ONLY);
      case 'TaskExpr':
        return this.task(e);
      case 'QualifiedExpr':
        return this.evaluate(e.value);
      case 'InsertExpr':
        return this.unsupported(e.span, '`insert into Form [ … ]` is ' + CREATOR_ONLY);
    }
  }

  protected listElement(list: ListValue, index: bigint): Value {
    if (index < 0n || index >= BigInt(list.items.length)) {
      fail('DLG4003', `The index ${index} is out of range for a list of size ${list.items.length}`);
    }
    return list.items[Number(index)]!;
  }

  protected numberLiteral(e: NumberLiteral): bigint | number {
    let value = this.numberLiterals.get(e);
    if (value === undefined) {
      value = e.decimal ? Number(e.raw) : BigInt(e.raw);
      if (typeof value === 'bigint' && value > 2n ** 63n - 1n) {
        throw new DelugeError('DLG4017', `The number ${e.raw} does not fit in a NUMBER (64-bit integer)`, e.span);
      }
      this.numberLiterals.set(e, value);
    }
    return value;
  }

  protected readVariable(name: string, span: Span): Value {
    const value = this.frame.vars.get(name);
    if (value !== undefined) return value;
    switch (name.toLowerCase()) {
      case 'input':
        return this.input;
      case 'today':
        return this.today();
      case 'now':
        return new DateTimeValue(this.context.now(), this.options.timeZone);
    }
    throw new DelugeError(
      'DLG4008',
      `Variable '${name}' is not defined (if Zoho passes it to the script, give it with --arg ${name}=…)`,
      span,
    );
  }

  protected today(): DateTimeValue {
    const zone = this.options.timeZone;
    return new DateTimeValue(startOfDay(this.context.now(), zone), zone, true);
  }

  protected binary(e: BinaryExpr): Value {
    switch (e.op) {
      case '&&':
        return this.condition(e.left, 'The left side of &&') && this.condition(e.right, 'The right side of &&');
      case '||':
        return this.condition(e.left, 'The left side of ||') || this.condition(e.right, 'The right side of ||');
    }
    return applyBinary(e.op, this.evaluate(e.left), this.evaluate(e.right));
  }

  /** `a.b` — a system value (`zoho.currenttime`), a field of `input` or of a map, or a caught error's details. */
  protected member(e: MemberExpr): Value {
    return this.systemMember(e) ?? fieldOf(this.evaluate(e.object), e.property.name);
  }

  /** `zoho.currenttime` and the other system values, unless `zoho` is a variable. */
  protected systemMember(e: MemberExpr): Value | undefined {
    const dotted = dottedName(e);
    return dotted && dotted.parts.length === 2 && !this.frame.vars.has(dotted.root) ? this.systemValue(dotted.parts) : undefined;
  }

  protected systemValue(parts: readonly string[]): Value | undefined {
    if (parts.length !== 2 || parts[0]!.toLowerCase() !== 'zoho') return undefined;
    const name = parts[1]!.toLowerCase();
    if (name === 'currenttime') return new DateTimeValue(this.context.now(), this.options.timeZone);
    if (name === 'currentdate') return this.today();
    return this.system[name];
  }

  protected evaluateArguments(args: readonly Argument[]): Value[] {
    return args.map((arg) => {
      if (arg.kind !== 'KeyValueArg') return this.evaluate(arg);
      const pair = new KeyValuePair();
      pair.entries.set(toMapKey(this.evaluate(arg.key)), this.evaluate(arg.value));
      return pair;
    });
  }

  /**
   * Where a call goes, decided from its callee before anything is evaluated (`vars` tells which names are
   * variables; the async analysis passes none, as it looks at the code before it runs).
   */
  protected resolveCall(e: CallExpr, vars: ReadonlyMap<string, Value> = this.frame.vars): CallTarget {
    const callee = e.callee;
    if (callee.kind === 'Identifier') {
      const lower = callee.name.toLowerCase();
      const user = this.functionsByShortName.get(lower);
      // A function of the script called by its bare name; a builtin of that name wins over `standalone.len`.
      if (user && (user.decl.name.length === 1 || (BUILTINS.named(callee.name).length === 0 && !CONSTRUCTORS.has(lower)))) {
        return { kind: 'user', fn: user };
      }
      if (REQUEST_FUNCTIONS.has(lower)) return { kind: 'host', name: callee.name, request: true };
      return { kind: 'named', name: callee.name };
    }
    const dotted = dottedName(callee);
    // `list.get(0)` on a variable is the common case: decide it before looking at system values.
    if (dotted && !vars.has(dotted.root) && dotted.root.toLowerCase() !== 'input' && !(dotted.parts.length === 3 && this.systemValue(dotted.parts.slice(0, 2)) !== undefined)) {
      const name = dotted.parts.join('.');
      const builtin = BUILTINS.named(name)[0];
      if (builtin) return { kind: 'builtin', spec: builtin, name };
      const user = this.functions.get(name.toLowerCase());
      if (user) return { kind: 'user', fn: user };
      const root = dotted.root.toLowerCase();
      if (root === 'zoho' || root === 'invokeconnector') return { kind: 'host', name, request: false };
      if (dotted.parts.length === 2 && FUNCTION_CATEGORIES.has(root)) return { kind: 'missing', name };
    }
    return { kind: 'method', object: callee.object, name: callee.property.name };
  }

  protected call(e: CallExpr): Value {
    const target = this.resolveCall(e);
    switch (target.kind) {
      case 'builtin':
        return this.callBuiltin(target.spec, target.name, null, this.evaluateArguments(e.args));
      case 'user':
        return this.callFunction(target.fn, this.evaluateArguments(e.args), e.span);
      case 'host': {
        const args = this.evaluateArguments(e.args);
        return this.hostAnswer(target, this.options.tasks?.call?.(target.name, args, e), e);
      }
      case 'missing':
        return this.missingFunction(target.name, e);
      case 'method':
        return this.callMethod(target.name, this.evaluate(target.object), this.evaluateArguments(e.args));
      case 'named':
        return this.callNamed(target.name, this.evaluateArguments(e.args), e);
    }
  }

  protected missingFunction(name: string, e: CallExpr): never {
    throw new DelugeError(
      'DLG4019',
      `There is no function '${name}' in this file; put the file that defines it in a folder given with --functions`,
      e.span,
      false,
    );
  }

  /** What a task host answered for a call: its value, or DLG4014 when nothing performs the task. */
  protected hostAnswer(target: { name: string; request: boolean }, answer: HostAnswer, e: CallExpr | TaskExpr): Value {
    if (answer instanceof Promise) {
      throw new Error(`internal: '${target.name}' answered asynchronously in a synchronous run (use runScriptAsync)`);
    }
    if (answer !== undefined) return answer;
    const message = !this.options.tasks
      ? `'${target.name}' needs the outside world, and this run has no task host (deluge run sends requests; --sandbox tries them offline)`
      : target.request
        ? `'${target.name}' is a request this runner does not perform: give it a canned answer with --stub`
        : `'${target.name}' is an integration task with no local implementation: give it a canned answer with --stub`;
    throw new DelugeError('DLG4014', message, this.firstLine(e.span), false);
  }

  /** `value.name(args)`: the builtin that applies to the value's type. */
  protected callMethod(name: string, receiver: Value, args: readonly Value[]): Value {
    const spec = BUILTINS.method(name, receiver);
    if (spec) return this.callBuiltin(spec, name, receiver, args);
    if (receiver === null && BUILTINS.named(name).length > 0) {
      return fail('DLG4005', `Value is empty and '${name}' function cannot be applied`);
    }
    return this.noSuchFunction(name, receiver);
  }

  protected noSuchFunction(name: string, receiver: Value): never {
    const others = BUILTINS.named(name)
      .map((s) => s.receiver)
      .filter((r) => r !== undefined)
      .flatMap((r) => (typeof r === 'string' ? [r] : r));
    if (others.length > 0) {
      fail('DLG4006', `'${name}' cannot be applied to a value of type ${typeName(receiver)} (it applies to ${[...new Set(others)].join(', ')})`);
    }
    return fail('DLG4006', `There is no function '${name}' in Deluge`);
  }

  protected callBuiltin(spec: BuiltinSpec, calledAs: string, receiver: Value, args: readonly Value[]): Value {
    const adapted = adaptArguments(spec, args);
    checkArguments(spec, calledAs, adapted);
    return spec.impl(this.context, receiver, adapted);
  }

  /** `f(args)`: a constructor, or a builtin in function form (`len(s)`). */
  protected callNamed(name: string, args: readonly Value[], e: CallExpr): Value {
    switch (name.toLowerCase()) {
      case 'map': {
        // `Map({"k": v})` starts from a copy of the given map (zoho.com/deluge/help/functions/map/isempty.html).
        const initial = args[0];
        return new MapValue(initial instanceof MapValue ? new Map(initial.entries) : new Map());
      }
      case 'list':
        return this.newList(args, e);
      case 'collection':
        return newCollection(args);
    }
    const spec = BUILTINS.function(name, args);
    if (spec) {
      return spec.receiver === undefined
        ? this.callBuiltin(spec, name, null, args)
        : this.callBuiltin(spec, name, args[0]!, args.slice(1));
    }
    if (BUILTINS.named(name).length > 0) {
      if (args[0] === null) fail('DLG4005', `Value is empty and '${name}' function cannot be applied`);
      if (args.length === 0) fail('DLG4007', `'${name}' needs the value it applies to as its first argument`);
      return this.noSuchFunction(name, args[0]!);
    }
    if (CREATOR_FUNCTIONS.has(name.toLowerCase())) {
      return this.unsupported(e.span, `\`${name}\` is ${CREATOR_ONLY}`);
    }
    return fail('DLG4006', `There is no function '${name}' in Deluge or in this script`);
  }

  protected newList(args: readonly Value[], e: CallExpr): ListValue {
    const type = e.elementType ? listElementType(e.elementType) : undefined;
    const list = new ListValue([], type);
    for (const arg of args) {
      // `List("a,b")` splits a text on commas (zoho.com/deluge/help/create-list-datatype.html).
      const items = arg instanceof ListValue ? arg.items : typeof arg === 'string' ? arg.split(',') : [arg];
      for (const item of items) list.items.push(type ? typedElement('List', item, type, this.context) : item);
    }
    return list;
  }

  callFunction(fn: UserFunction, args: readonly Value[], span: Span): Value {
    const saved = this.enterFunction(fn, args, span);
    try {
      const completion = this.execBlock(fn.decl.body);
      return completion === Completion.Return ? this.returnValue : null;
    } finally {
      this.leaveFunction(saved);
    }
  }

  /** Checks the call, binds the arguments in a new frame and returns the caller's frame. */
  protected enterFunction(fn: UserFunction, args: readonly Value[], span: Span): Frame {
    const { decl } = fn;
    const name = decl.name.map((n) => n.name).join('.');
    if (args.length !== decl.params.length) {
      fail('DLG4007', `'${name}' takes ${decl.params.length} argument${decl.params.length === 1 ? '' : 's'} but was given ${args.length}`);
    }
    if (this.depth >= this.options.maxCallDepth) {
      throw new DelugeError(
        'DLG4011',
        `Function calls nested deeper than ${this.options.maxCallDepth} (the Deluge limit): unbounded recursion in '${name}'?`,
        span,
        false,
      );
    }
    const vars = new Map<string, Value>();
    decl.params.forEach((param, i) => vars.set(param.name.name, coerceParameter(args[i]!, param.type, name, this.context)));
    const saved = this.frame;
    this.frame = { vars, file: fn.file };
    this.depth++;
    return saved;
  }

  protected leaveFunction(saved: Frame): void {
    this.depth--;
    this.frame = saved;
  }

  // ── Tasks ──────────────────────────────────────────────────────────────────────────────────────────────

  protected task(e: TaskExpr): Value {
    const params = this.taskParams(e);
    if (e.task === 'sendmail') return this.recordMail(params);
    return this.hostAnswer({ name: e.rawName, request: true }, this.options.tasks?.task?.(e.task, params, e), e);
  }

  /** A task block's parameters, evaluated, by lower-case key. */
  protected taskParams(e: TaskExpr): MapValue {
    const params = new MapValue();
    for (const p of e.params) params.entries.set(p.key.toLowerCase(), this.bareWord(p.value) ?? this.evaluate(p.value));
    return params;
  }

  /**
   * A name that is not a variable, read as its text: the values of some task keys (`type: GET`,
   * `response-format: FILE`) and unquoted map-literal keys (`{name: "x"}`).
   */
  protected bareWord(value: Expr): string | undefined {
    return value.kind === 'Identifier' && !this.frame.vars.has(value.name) ? value.name : undefined;
  }

  protected recordMail(params: MapValue): null {
    const mail: Record<string, Value> = {};
    for (const [key, value] of params.entries) mail[String(key)] = value;
    this.mails.push(mail);
    return null;
  }
}

/** Functions that make HTTP requests (the older forms of `invokeurl`). */
const REQUEST_FUNCTIONS = new Set(['geturl', 'posturl', 'puturl', 'deleteurl', 'patchurl', 'invokeurl']);

/** Creator client functions, which act on a browser page. */
const CREATOR_FUNCTIONS = new Set(['openurl', 'reloadpage', 'setsubformfield']);

/** Calls that build values rather than call a function of the script. */
const CONSTRUCTORS = new Set(['map', 'list', 'collection']);

/** Categories of CRM functions, as in `standalone.f(…)`: a dotted call on one of these names a function. */
const FUNCTION_CATEGORIES = new Set(['standalone', 'automation', 'button', 'schedule', 'validation', 'thisapp', 'related', 'custom', 'workflow']);

/** `object.property`: a field of `input` or of a map, or a caught error's details. */
export function fieldOf(object: Value, property: string): Value {
  if (object instanceof MapValue) return object.entries.get(property) ?? null;
  if (object instanceof ErrorValue) {
    if (property.toLowerCase() === 'message') return object.message;
    if (property.toLowerCase() === 'lineno') return BigInt(object.lineNo);
  }
  if (object === null) fail('DLG4005', `Value is empty and the field '${property}' cannot be read`);
  return fail('DLG4001', `A value of type ${typeName(object)} has no field '${property}'`);
}

/** A binary operator other than `&&`/`||` (which short-circuit) applied to its two evaluated operands. */
export function applyBinary(op: Exclude<BinaryExpr['op'], '&&' | '||'>, left: Value, right: Value): Value {
  switch (op) {
    case '==':
    case '=':
      return valuesEqual(left, right);
    case '!=':
      return !valuesEqual(left, right);
    case '<':
    case '<=':
    case '>':
    case '>=':
      return relational(op, left, right);
    case '+':
      return add(left, right);
    case '-':
    case '*':
    case '/':
    case '%':
      return arithmetic(op, left, right);
    case 'in':
      return membership(left, right);
    case 'not in':
      return !membership(left, right);
    case 'is':
      return isNullish(left) === isNullish(right) && (isNullish(left) || valuesEqual(left, right));
    case 'is not':
      return !(isNullish(left) === isNullish(right) && (isNullish(left) || valuesEqual(left, right)));
    case 'contains':
      return textForm(left).includes(textForm(right));
    case 'not contains':
      return !textForm(left).includes(textForm(right));
    case 'starts with':
      return textForm(left).startsWith(textForm(right));
    case 'ends with':
      return textForm(left).endsWith(textForm(right));
  }
}

/** A unary operator applied to its evaluated operand. */
export function applyUnary(op: '!' | '-' | '+', operand: Value): Value {
  if (op === '!') return !truth(operand, 'The operand of !');
  if (op === '-') return negate(operand);
  if (typeof operand !== 'bigint' && typeof operand !== 'number') {
    fail('DLG4001', `The operator + cannot be applied to a value of type ${typeName(operand)}`);
  }
  return operand;
}

function isNullish(value: Value): boolean {
  return value === null || value === '';
}

/** `zoho.crm.getRecords` → parts `['zoho', 'crm', 'getRecords']`, when the expression is a chain of names. */
const dottedNames = new WeakMap<Expr, { root: string; parts: string[] } | null>();

function dottedName(e: Expr): { root: string; parts: string[] } | undefined {
  let known = dottedNames.get(e);
  if (known === undefined) {
    known = computeDottedName(e) ?? null;
    dottedNames.set(e, known);
  }
  return known ?? undefined;
}

function computeDottedName(e: Expr): { root: string; parts: string[] } | undefined {
  const parts: string[] = [];
  let node: Expr = e;
  while (node.kind === 'MemberExpr') {
    parts.unshift(node.property.name);
    node = node.object;
  }
  if (node.kind !== 'Identifier') return undefined;
  parts.unshift(node.name);
  return { root: node.name, parts };
}

/** A function's argument converted to its parameter's declared type (text from `--arg` becomes an Int …). */
function coerceParameter(value: Value, type: TypeRef, functionName: string, context: BuiltinContext): Value {
  if (value === null) return value;
  const target = listElementType(type.name);
  if (target !== undefined) return coerceArgument(value, target, functionName, context.timeZone, context.now());
  const container = type.name.toLowerCase();
  if (typeof value === 'string' && (container === 'map' || container === 'list')) {
    // `--arg record={"id": "1"}`: a Map or List parameter given as JSON text.
    const parsed = parseJson(value);
    if (container === 'map' ? parsed instanceof MapValue : parsed instanceof ListValue) return parsed;
    fail('DLG4001', `${functionName}: the ${type.name} parameter was given JSON that is not a ${container === 'map' ? 'map' : 'list'}`);
  }
  return value;
}

