import { resolutionOf } from '../analysis/resolver.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import { closest } from '../edit-distance.js';
import type { SourceFile } from '../source/source-file.js';
import type { Span } from '../source/span.js';
import type {
  AssignStmt,
  Block,
  CallExpr,
  Expr,
  ForEachStmt,
  FunctionDecl,
  MemberExpr,
  NumberLiteral,
  Param,
  Program,
  Stmt,
  TaskExpr,
  TryStmt,
  TypeRef,
  UnaryExpr,
} from '../syntax/ast.js';
import { DOCUMENTED_NOT_RUN } from './builtins/documented.js';
import { BUILTINS } from './builtins/index.js';
import { newCollection } from './builtins/collection.js';
import { typedElement } from './builtins/list.js';
import { runInterruptibly, TIMED_OUT } from './interruptible.js';
import { adaptArguments, checkArguments, wrongFormMessage, type BuiltinContext, type BuiltinSpec } from './builtins/registry.js';
import { Compiler, Completion, CREATOR_ONLY, dottedName, fieldOf } from './compile.js';
import { startOfDay } from './calendar.js';
import { parseJson } from './json.js';
import { missingMailKeys } from './mail-keys.js';
import { asCalled, checkedResult, DelugeError, fail } from './errors.js';
import { add, arithmetic } from './operators.js';
import type { RecordedMail, RunDiagnostic, RunOptions, RunResult } from './run.js';
import { SEMANTICS } from './semantics.js';
import { coerceArgument, listElementType } from './types.js';
import {
  CollectionValue,
  DateTimeValue,
  ErrorValue,
  ListValue,
  MapValue,
  typeName,
  type Value,
} from './values.js';

/** Statements a Zoho CRM function may execute; `deluge run`'s default limit. */
export const ZOHO_CRM_STATEMENT_LIMIT = 200_000;

export { applyBinary, applyUnary, Completion, fieldOf, isInputField } from './compile.js';

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
  /** What to say of a call `call` did not answer, when the host knows more than "give it a stub" (a misspelt task). */
  advice?(name: string): string | undefined;
  /**
   * True for a host that answers with promises (the HTTP runner's): `runScript` refuses it before the script starts,
   * where a synchronous run would have sent the first request and only then found its answer was a promise.
   */
  readonly asynchronous?: boolean;
}

export interface InterpreterOptions extends RunOptions {
  readonly timeZone: string | (() => string);
  readonly maxStatements: number;
  readonly maxCallDepth: number;
  readonly timeoutMs: number;
  readonly clock: () => number;
  readonly random: (bytes: Uint8Array) => Uint8Array;
}

/** Where a call goes, given which names are variables (see `resolveCall`). */
export type CallResolver = (vars: ReadonlyMap<string, Value>) => CallTarget;

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
  /** In a function: its parameters and their values as the call gave them (converted), of which `input` is made. */
  readonly call?: { readonly params: readonly Param[]; readonly values: readonly Value[] };
  /** What `input` is in a function, made when first read (most functions never read it). */
  input?: MapValue;
}

/**
 * System values readable as `zoho.<name>` (`zoho.device.type` under `device.type`; see README "Running scripts" for
 * the defaults); the TypeScript emitter writes the same ones.
 */
export const DEFAULT_SYSTEM: Readonly<Record<string, string>> = {
  loginuser: 'Demo User',
  loginuserid: 'demo.user@example.com',
  adminuser: 'Demo Admin',
  adminuserid: 'admin@example.com',
  appname: 'deluge-kit',
  appuri: '/deluge-kit/',
  ipaddress: '127.0.0.1',
  // Creator's device the form was used on: "web", "phone" or "tablet" (Zoho: "web" where no device is involved).
  'device.type': 'web',
};

/**
 * The interpreter of Deluge: the state of a run (variables, limits, output) and the operations of the language
 * (calls, assignments, tasks, limits …). Its code runs as closures compiled from the AST (`compile.ts`), which call
 * these operations; the members they use are public for that, though the class is internal to `runScript`.
 * Synchronous: tasks that need the outside world go through the injected {@link TaskHost}, which blocks until it
 * has an answer (see README "Architecture"); `interpreter-async.ts` adds the waiting.
 */
export class Interpreter {
  statements = 0;
  protected depth = 0;
  protected startedAt = 0;
  returnValue: Value = null;
  frame!: Frame;
  readonly info: string[] = [];
  protected readonly mails: RecordedMail[] = [];
  protected readonly functions = new Map<string, UserFunction>();
  protected readonly functionsByShortName = new Map<string, UserFunction>();
  private readonly numberLiterals = new WeakMap<NumberLiteral, bigint | number>();
  private readonly callResolvers = new Map<CallExpr, CallResolver>();
  protected readonly input: MapValue;
  private readonly system: Readonly<Record<string, Value>>;
  readonly context: BuiltinContext;
  protected readonly compiler = new Compiler(this);
  /** Each loaded file's syntax tree, for what an error says about the code around it. */
  private readonly programs = new Map<SourceFile, Program>();

  constructor(readonly options: InterpreterOptions) {
    const now = options.now;
    const interpreter = this;
    this.context = {
      now: now === undefined ? options.clock : () => now,
      get timeZone() {
        return interpreter.timeZone;
      },
      random: options.random,
      withinTimeLimit: (fn, work) => this.withinTimeLimit(fn, work),
    };
    this.input = new MapValue(new Map(Object.entries(options.args ?? {})));
    this.system = { ...DEFAULT_SYSTEM, ...lowerCaseKeys(options.system ?? {}) };
  }

  private zone: string | undefined;

  /** The zone date-times are shown in: the option's, asked of it the first time when it is a function. */
  get timeZone(): string {
    const { timeZone } = this.options;
    return (this.zone ??= typeof timeZone === 'function' ? timeZone() : timeZone);
  }

  /** How many `--functions` files the run has (the error of a function found nowhere names them). */
  protected libraryFiles = 0;

  /** Declares the functions of the script and of its `--functions` files, before either runs. */
  protected declareAll(main: LoadedProgram, libraries: readonly LoadedProgram[]): void {
    this.libraryFiles = libraries.length;
    for (const loaded of [main, ...libraries]) this.declareFunctions(loaded);
  }

  run(main: LoadedProgram, libraries: readonly LoadedProgram[]): RunResult {
    this.declareAll(main, libraries);
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
      missingArguments: this.missingArguments,
    };
  }

  protected toDiagnostic(error: unknown, mainFile: SourceFile): RunDiagnostic {
    if (error instanceof DelugeError) {
      const file = error.file ?? mainFile;
      const span = error.span ?? { start: 0, end: 0 };
      // Where the script's functions it came up through were called (those in the same file: a note has no file).
      const related = (error.calledFrom ?? [])
        .filter((call) => call.file === file)
        .slice(0, 3)
        .map((call) => ({ span: call.span, message: `in '${call.name}', called here` }));
      return { file, diagnostic: diagnostic(error.code, span, error.message, { ruleId: 'runtime', ...(related.length > 0 ? { related } : {}) }) };
    }
    // What the size limits did not catch in time (a builtin that built the text itself): the same error.
    if (error instanceof RangeError && /^Invalid (string|array) length$/.test(error.message)) {
      const span = this.lastStatement?.span ?? { start: 0, end: 0 };
      const what = error.message.includes('string') ? 'a text' : 'a list';
      return { file: this.frame?.file ?? mainFile, diagnostic: diagnostic('DLG4027', span, `The script built ${what} larger than a run may hold`, { ruleId: 'runtime' }) };
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
    this.programs.set(file, program);
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
    if (!entry) {
      // A usage error (exit 2): the function to run was named wrong, nothing in the script is.
      const names = declared.map((d) => d.name.map((n) => n.name).join('.')).join(', ');
      throw new DelugeError('DLG0002', `entry '${this.options.entry}': there is no function of that name in this file (it declares ${names})`, { start: 0, end: 0 }, false);
    }
    return entry;
  }

  /** The entry function's parameters and the `input.<name>` read that no argument was given for (they run as null, as Zoho's Execute with a field left empty). */
  protected readonly missingArguments: string[] = [];

  /** An argument of the entry function given by name (`--arg leadId=…`): exact name first, then ignoring case. */
  protected argumentFor(name: string): Value {
    const exact = this.input.entries.get(name);
    if (exact !== undefined) return exact;
    for (const [key, value] of this.input.entries) {
      if (typeof key === 'string' && key.toLowerCase() === name.toLowerCase()) return value;
    }
    this.missingArguments.push(name);
    return null;
  }

  /**
   * `input.<name>`: a field of the run's arguments. One not given is null, as in Zoho; it is listed with the parameters
   * not given, so that the "Value is empty…" it leads to comes with the `--arg` that gives it.
   */
  inputField(e: MemberExpr, object: Value): Value {
    const name = e.property.name;
    const value = fieldOf(object, name);
    const isInput = object === this.currentInput();
    if (value === null && isInput && this.input.lookup(name) === undefined && !this.missingArguments.includes(name)) this.missingArguments.push(name);
    return value;
  }

  // ── Statements ─────────────────────────────────────────────────────────────────────────────────────────

  protected lastStatement: Stmt | undefined;

  /** Counts a statement against the limits, before it runs. */
  tick(statement: Stmt): void {
    this.lastStatement = statement;
    const stop = this.options.stop;
    if (stop !== undefined && stop.signal.aborted) throw stop.error(statement.span);
    if (++this.statements > this.options.maxStatements) {
      throw new DelugeError(
        'DLG4010',
        `The script executed more than ${this.options.maxStatements.toLocaleString('en-US')} statements (${
          this.options.maxStatements === ZOHO_CRM_STATEMENT_LIMIT ? 'the limit of a Zoho CRM function' : 'the limit this run was given'
        }); stopped here`,
        statement.span,
        false,
      );
    }
    if ((this.statements & 1023) === 0) {
      this.options.onComputing?.();
      if (this.timeLeft() < 0) throw this.timedOut('; stopped here', statement.span);
    }
  }

  /**
   * After a builtin on a large value (a list of 10,000 items or more, a text of 100,000 characters or more): the time
   * limit is checked then too, not only every 1,024 statements, which such calls can take minutes to reach (a loop of
   * `l.contains(x)` over 5 million items overran a 3 s limit to 88 s).
   */
  afterWorkOn(receiver: Value): void {
    const large = typeof receiver === 'string' ? receiver.length >= 100_000 : receiver instanceof ListValue && receiver.items.length >= 10_000;
    if (large && this.timeLeft() < 0) throw this.timedOut('; stopped after a call on a large value', this.lastStatement?.span);
  }

  /** `work` stopped at the run's time limit, which it could otherwise outlast (see BuiltinContext.withinTimeLimit). */
  private withinTimeLimit<T>(fn: string, work: () => T): T {
    const left = this.timeLeft();
    const result = left > 0 ? runInterruptibly(work, left) : TIMED_OUT;
    if (result === TIMED_OUT) throw this.timedOut(`; stopped in '${fn}', whose regular expression was still searching the text`);
    return result;
  }

  /** Milliseconds before the run's time limit (`--timeout`); below 0 once it has passed. */
  private timeLeft(): number {
    return this.options.timeoutMs - (this.options.clock() - this.startedAt);
  }

  /** DLG4012, the run's time limit passed (not catchable): `where` follows the limit, saying where it stopped. */
  private timedOut(where: string, span?: Span): DelugeError {
    return new DelugeError('DLG4012', `The script ran longer than ${this.options.timeoutMs / 1000} s${where}`, span, false);
  }

  protected execBlock(block: Block): Completion {
    return this.compiler.block(block)();
  }

  protected execStatements(statements: readonly Stmt[]): Completion {
    for (const statement of statements) {
      const completion = this.exec(statement);
      if (completion !== Completion.Normal) return completion;
    }
    return Completion.Normal;
  }

  protected exec(s: Stmt): Completion {
    return this.compiler.statement(s)();
  }

  /** A statement already counted against the limit. */
  protected execCounted(s: Stmt): Completion {
    return this.compiler.counted(s)();
  }

  unsupported(span: Span, message: string): never {
    throw new DelugeError('DLG4013', message, this.firstLine(span), false);
  }

  /** The part of a span on its first line: a diagnostic about a whole task block points at its head. */
  firstLine(span: Span): Span {
    const text = this.frame.file.text;
    let end = span.start;
    while (end < span.end && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    while (end > span.start + 1 && /\s|\\/.test(text[end - 1]!)) end--;
    return { start: span.start, end };
  }

  /** Stores an assignment's evaluated right side (combined with the current value for `+=` and friends). */
  assignValue(s: AssignStmt, value: Value): void {
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

  applyCompound(op: AssignStmt['op'], current: Value, value: Value, s: AssignStmt): Value {
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

  /** What `for each` walks: a list's own items (live), a text's comma-separated parts, a collection's items or keys. */
  iterationItems(iterable: Value, s: ForEachStmt): Value[] {
    if (iterable instanceof ListValue) return iterable.items;
    if (typeof iterable === 'string') return iterable === '' ? [] : iterable.split(',');
    if (iterable instanceof CollectionValue) return iterable.mode === 'map' ? [...iterable.map.keys()] : iterable.list;
    if (iterable === null && SEMANTICS.forEachOverNullIsEmpty) return [];
    const hint = iterable instanceof MapValue ? mapHint(iterable) : '';
    throw new DelugeError('DLG4022', `for each cannot iterate a value of type ${typeName(iterable)}${hint}`, s.iterable.span);
  }

  /** Gives a caught runtime error to the `catch` variable; anything else (limits, bugs) goes on up. */
  bindCaught(error: unknown, s: TryStmt): void {
    if (!(error instanceof DelugeError) || !error.catchable || this.options.uncatchable?.(error)) throw error;
    const file = error.file ?? this.frame.file;
    const line = file.position((error.span ?? s.span).start).line;
    this.frame.vars.set(s.param.name, new ErrorValue(error.message, line));
  }

  // ── Expressions ────────────────────────────────────────────────────────────────────────────────────────

  /** Evaluates an expression; a runtime error from inside gets the span of the innermost expression it came from. */
  evaluate(e: Expr): Value {
    return this.compiler.expression(e)();
  }

  /**
   * Where an error of a task block points: at the parameter it is about (the last of that key: the one whose value
   * counts), else at the block's first line.
   */
  protected taskErrorSpan(e: TaskExpr, key: string | undefined): Span {
    const param = key === undefined ? undefined : e.params.findLast((p) => p.key.toLowerCase() === key);
    return param?.span ?? this.firstLine(e.span);
  }

  /**
   * A runtime error leaving the evaluation of `e`: one without a span yet came from `e` itself, so it gets `e`'s
   * span (a task block's first line: a task spans many lines) and the current frame's file.
   */
  located(error: unknown, e: Expr): unknown {
    if (error instanceof DelugeError && error.span === undefined) {
      error.span = e.kind === 'TaskExpr' ? this.taskErrorSpan(e, error.key) : e.span;
      error.file = this.frame.file;
    }
    return error;
  }

  /**
   * `-9223372036854775808`, the least NUMBER, written as a literal: the minus and the digits together, since the digits
   * alone do not fit in a NUMBER. Undefined for any other expression.
   */
  leastNumberLiteral(e: UnaryExpr): bigint | undefined {
    const operand = e.operand;
    return e.op === '-' && operand.kind === 'NumberLiteral' && !operand.decimal && /^0*9223372036854775808$/.test(operand.raw) ? -(2n ** 63n) : undefined;
  }

  numberLiteral(e: NumberLiteral): bigint | number {
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

  /**
   * What `input` is here: the run's arguments; in a function, with the function's own over them as the call gave them.
   * Zoho's functions read their arguments as `input.<name>` too ("accessible inside the script via the input map",
   * https://www.zoho.com/crm/developer/docs/functions/deluge-editor.html): `input.contact_id > 0` compares the int.
   */
  protected currentInput(): MapValue {
    const { call } = this.frame;
    if (call === undefined) return this.input;
    return (this.frame.input ??= new MapValue(new Map([...this.input.entries, ...call.params.map((p, i) => [p.name.name, call.values[i]!] as const)])));
  }

  readVariable(name: string, span: Span): Value {
    const value = this.frame.vars.get(name);
    if (value !== undefined) return value;
    switch (name.toLowerCase()) {
      case 'input':
        return this.currentInput();
      case 'today':
        return this.today();
      case 'now':
        return new DateTimeValue(this.context.now(), this.timeZone);
    }
    // `console.log(x)`: JavaScript's way to show a value.
    if (name === 'console') throw new DelugeError('DLG4008', "Deluge has no 'console': show a value with info <value>;", span);
    const assignedOn = this.skippedAssignmentLine(name, span);
    throw new DelugeError(
      'DLG4008',
      assignedOn !== undefined
        ? `Variable '${name}' is not defined: its assignment on line ${assignedOn} did not run (it is in a branch or loop that was not taken)`
        : `Variable '${name}' is not defined${this.nameLike(name)} (if Zoho passes it to the script, give it with --arg ${name}=…)`,
      span,
    );
  }

  /**
   * The line of an assignment to `name` that comes before the read at `span` in the same function (or script) but has
   * not run — it is in an `if` branch or a loop that was not taken — or undefined when the text assigns it nowhere
   * before: then the name is a value Zoho would pass in, or a misspelling.
   */
  private skippedAssignmentLine(name: string, span: Span): number | undefined {
    const file = this.frame.file;
    const program = this.programs.get(file);
    if (!program) return undefined;
    const earlier = resolutionOf(program)
      .scopeOf({ span })
      .variables
      .get(name)
      ?.definitions.find((d) => d.kind !== 'parameter' && d.id.span.end <= span.start && !(d.node.span.start <= span.start && span.end <= d.node.span.end));
    return earlier && file.position(earlier.id.span.start).line;
  }

  protected today(): DateTimeValue {
    const zone = this.timeZone;
    return new DateTimeValue(startOfDay(this.context.now(), zone), zone, true);
  }

  /** `zoho.currenttime` and the other system values, unless `zoho` is a variable. */
  protected systemMember(e: MemberExpr): Value | undefined {
    const dotted = dottedName(e);
    return dotted && !this.frame.vars.has(dotted.root) ? this.systemValue(dotted.parts) : undefined;
  }

  /** The system value `zoho.<name>` or `zoho.<a>.<b>` names, if any. */
  systemValue(parts: readonly string[]): Value | undefined {
    if (parts.length < 2 || parts.length > 3 || parts[0]!.toLowerCase() !== 'zoho') return undefined;
    const name = parts.slice(1).join('.').toLowerCase();
    if (name === 'currenttime') return new DateTimeValue(this.context.now(), this.timeZone);
    if (name === 'currentdate') return this.today();
    return Object.hasOwn(this.system, name) ? this.system[name] : undefined;
  }

  /**
   * Where a call goes, decided from its callee before anything is evaluated (`vars` tells which names are
   * variables; the async analysis passes none, as it looks at the code before it runs).
   */
  protected resolveCall(e: CallExpr, vars: ReadonlyMap<string, Value> = this.frame.vars): CallTarget {
    return this.callResolver(e)(vars);
  }

  /** {@link resolveCall} for one call: what does not depend on the variables is worked out once. */
  callResolver(e: CallExpr): CallResolver {
    let resolver = this.callResolvers.get(e);
    if (resolver === undefined) {
      resolver = this.newCallResolver(e);
      this.callResolvers.set(e, resolver);
    }
    return resolver;
  }

  private newCallResolver(e: CallExpr): CallResolver {
    const callee = e.callee;
    if (callee.kind === 'Identifier') {
      const target = this.targetOfName(callee.name);
      return () => target;
    }
    const method: CallTarget = { kind: 'method', object: callee.object, name: callee.property.name };
    const dotted = dottedName(callee);
    if (!dotted || dotted.root.toLowerCase() === 'input') return () => method;
    const named = this.targetOfDottedName(dotted.parts);
    // A dotted name that names nothing is a method call whatever the variables are (and reading a system value
    // of another root than `zoho` has no effect).
    if (named === undefined) return () => method;
    const { root } = dotted;
    // `zoho.currenttime.toString()`: a method of a system value, not a task named `zoho.currenttime.toString`.
    const systemRoot = dotted.parts.length === 3 ? dotted.parts.slice(0, 2) : undefined;
    // `list.get(0)` on a variable is the common case: decide it before looking at system values.
    return (vars) => (!vars.has(root) && !(systemRoot && this.systemValue(systemRoot) !== undefined) ? named : method);
  }

  /** A call by a bare name: a function of the script, a request function, or a builtin or constructor (`len(s)`, `Map()`). */
  private targetOfName(name: string): CallTarget {
    const lower = name.toLowerCase();
    const user = this.functionsByShortName.get(lower);
    // A function of the script called by its bare name; a builtin of that name wins over `standalone.len`.
    if (user && (user.decl.name.length === 1 || (BUILTINS.named(name).length === 0 && !CONSTRUCTORS.has(lower)))) {
      return { kind: 'user', fn: user };
    }
    if (REQUEST_FUNCTIONS.has(lower)) return { kind: 'host', name, request: true };
    return { kind: 'named', name };
  }

  /** A call by a dotted name whose root is not a variable (`zoho.crm.getRecords`, `standalone.f`), or undefined. */
  private targetOfDottedName(parts: readonly string[]): CallTarget | undefined {
    const name = parts.join('.');
    const builtin = BUILTINS.named(name)[0];
    if (builtin) return { kind: 'builtin', spec: builtin, name };
    const user = this.functions.get(name.toLowerCase());
    if (user) return { kind: 'user', fn: user };
    const root = parts[0]!.toLowerCase();
    if (root === 'zoho' || root === 'invokeconnector') return { kind: 'host', name, request: false };
    if (root === 'thisapp') {
      // Creator calls a function of its own application as `thisapp.Namespace.f(…)` (or `thisapp.f(…)`): the function
      // declared `Namespace.f` (or `f`) in this file or a --functions folder.
      const own = this.functions.get(parts.slice(1).join('.').toLowerCase());
      return own ? { kind: 'user', fn: own } : { kind: 'missing', name };
    }
    if (parts.length === 2 && FUNCTION_CATEGORIES.has(root)) return { kind: 'missing', name };
    return undefined;
  }

  /** `: did you mean 'total'?` for a name one or two edits from a variable of this scope or true, false, null. */
  private nameLike(name: string): string {
    const meant = closest(name, [...this.frame.vars.keys(), 'true', 'false', 'null']);
    return meant !== undefined && meant !== name ? `: did you mean '${meant}'?` : '';
  }

  missingFunction(name: string, e: CallExpr): never {
    const where =
      this.libraryFiles === 0
        ? 'in this file; put the file that defines it in a folder given with --functions'
        : `in this file or the ${this.libraryFiles === 1 ? 'file' : `${this.libraryFiles} files`} of --functions; put the file that defines it among them`;
    throw new DelugeError(
      'DLG4019',
      `There is no function '${name}' ${where}`,
      e.span,
      false,
    );
  }

  /** What a task host answered for a call: its value, or DLG4014 when nothing performs the task. */
  hostAnswer(target: { name: string; request: boolean }, answer: HostAnswer, e: CallExpr | TaskExpr): Value {
    if (answer instanceof Promise) {
      throw new Error(`internal: '${target.name}' answered asynchronously in a synchronous run (use runScriptAsync)`);
    }
    // The run's time limit counts the waits for answers too (`deluge run`'s task host itself ends a request in flight at
    // the limit; one that answered in time is reported, and the run stops after it).
    if (this.timeLeft() < 0) throw this.timedOut(' (waiting for answers included); stopped after this call', this.firstLine(e.span));
    if (answer !== undefined) return answer;
    const message = !this.options.tasks
      ? `'${target.name}' needs the outside world, and this run has no task host (deluge run sends requests; --sandbox tries them offline)`
      : target.request
        ? `'${target.name}' is a request this runner does not perform: give it a canned answer with --stub`
        : (this.options.tasks.advice?.(target.name) ??
          `'${target.name}' is an integration task with no local implementation: give it a canned answer with --stub`);
    throw new DelugeError('DLG4014', message, this.firstLine(e.span), false);
  }

  /** `value.name(args)`: the builtin that applies to the value's type. */
  callMethod(name: string, receiver: Value, args: readonly Value[]): Value {
    const spec = BUILTINS.method(name, receiver);
    if (spec) return this.callBuiltin(spec, name, receiver, args);
    if (receiver === null && BUILTINS.named(name).length > 0) {
      return fail('DLG4005', `Value is empty and '${name}' function cannot be applied`);
    }
    return this.noSuchFunction(name, receiver, 'method');
  }

  protected noSuchFunction(name: string, receiver: Value, calledAs: 'method' | 'function'): never {
    const specs = BUILTINS.named(name);
    const wrongForm = wrongFormMessage(specs, calledAs);
    if (wrongForm) fail('DLG4006', wrongForm);
    const others = specs
      .filter((s) => (calledAs === 'method' ? s.form !== 'function' : s.form !== 'method'))
      .map((s) => s.receiver)
      .filter((r) => r !== undefined)
      .flatMap((r) => (typeof r === 'string' ? [r] : r));
    if (others.length > 0) {
      fail('DLG4006', `'${name}' cannot be applied to a value of type ${typeName(receiver)} (it applies to ${[...new Set(others)].join(', ')})`);
    }
    if (DOCUMENTED_NOT_RUN.has(name.toLowerCase())) notRun(name);
    return fail('DLG4006', `There is no function '${name}' in Deluge${builtinLike(name, calledAs)}`);
  }

  /** `receiverWritten`: called in function form, the receiver written as the first argument (see checkArguments). */
  callBuiltin(spec: BuiltinSpec, calledAs: string, receiver: Value, args: readonly Value[], receiverWritten = false): Value {
    const adapted = adaptArguments(spec, args);
    checkArguments(spec, calledAs, adapted, receiverWritten);
    try {
      const result = spec.impl(this.context, receiver, adapted);
      this.afterWorkOn(receiver);
      const observe = this.options.builtinResult;
      return checkedResult(observe === undefined ? result : observe({ spec, calledAs, receiver, args: adapted, result }), calledAs);
    } catch (error) {
      throw asCalled(error, spec.name, calledAs);
    }
  }

  /** `f(args)`: a constructor, or a builtin in function form (`len(s)`). */
  callNamed(name: string, args: readonly Value[], e: CallExpr): Value {
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
        : this.callBuiltin(spec, name, args[0]!, args.slice(1), true);
    }
    if (BUILTINS.named(name).length > 0) {
      if (args[0] === null) fail('DLG4005', `Value is empty and '${name}' function cannot be applied`);
      if (args.length === 0) fail('DLG4007', `'${name}' needs the value it applies to as its first argument`);
      return this.noSuchFunction(name, args[0]!, 'function');
    }
    if (CREATOR_FUNCTIONS.has(name.toLowerCase())) {
      return this.unsupported(e.span, `\`${name}\` is ${CREATOR_ONLY}`);
    }
    if (DOCUMENTED_NOT_RUN.has(name.toLowerCase())) notRun(name);
    return fail('DLG4006', `There is no function '${name}' in Deluge or in this script${builtinLike(name, 'function')}`);
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
    } catch (error) {
      throw withCallSite(error, fn, span, saved.file);
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
    const values = decl.params.map((param, i) => coerceParameter(args[i]!, param.type, name, this.context));
    const vars = new Map<string, Value>();
    decl.params.forEach((param, i) => vars.set(param.name.name, values[i]!));
    const saved = this.frame;
    this.frame = { vars, file: fn.file, call: { params: decl.params, values } };
    this.depth++;
    return saved;
  }

  protected leaveFunction(saved: Frame): void {
    this.depth--;
    this.frame = saved;
  }

  // ── Tasks ──────────────────────────────────────────────────────────────────────────────────────────────

  task(e: TaskExpr): Value {
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

  /** A sendmail, recorded; without `from` or `to` it stops the run where Zoho would not even save the script. */
  protected recordMail(params: MapValue): null {
    const missing = missingMailKeys((key) => params.entries.has(key));
    if (missing !== undefined) fail('DLG4018', missing);
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

/** A function's argument converted to its parameter's declared type (text from `--arg` becomes an Int …). */
/** System values as given (`loginUserId`), keyed as looked up: in lower case. */
function lowerCaseKeys(values: Readonly<Record<string, Value>>): Record<string, Value> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name.toLowerCase(), value]));
}

function coerceParameter(value: Value, type: TypeRef, functionName: string, context: BuiltinContext): Value {
  if (value === null) return value;
  const target = listElementType(type.name);
  if (target !== undefined) return coerceArgument(value, target, functionName, context.timeZone, context.now());
  const container = type.name.toLowerCase();
  if (typeof value === 'string' && (container === 'map' || container === 'list')) {
    // `--arg record={"id": "1"}`: a Map or List parameter given as JSON text.
    const parsed = parseJson(value);
    if (container === 'map' ? parsed instanceof MapValue : parsed instanceof ListValue) return parsed;
    // The type as one word (the script may write map or Map), as the emitted program's error names it.
    fail('DLG4001', `${functionName}: the ${container === 'map' ? 'Map' : 'List'} parameter was given JSON that is not a ${container === 'map' ? 'map' : 'list'}`);
  }
  return value;
}

/**
 * Why `for each` cannot walk this map: Zoho's error answer (`{"code","details","message","status":"error"}`, what a
 * `zoho.crm.*` task or `invokeurl` gives for an unknown module, a bad token, …) is named as such, since the list the
 * loop expected is not there; any other map gets the hint to walk its keys.
 */
function mapHint(map: MapValue): string {
  // Walked, not looked up: a placeholder map that `deluge emit` records with answers every key, and counts the read.
  let status: Value | undefined, code: Value | undefined, message: Value | undefined;
  for (const [key, value] of map.entries) {
    if (key === 'status') status = value;
    else if (key === 'code') code = value;
    else if (key === 'message') message = value;
  }
  if (status !== 'error' || typeof code !== 'string') return ': iterate its keys with `for each k in m.keys()`';
  return `: it is an error answer (${code}${typeof message === 'string' ? `: ${message}` : ''}), not a list: check its "status" before the loop`;
}

/** A function Zoho documents that this runner does not implement: said as such, not as one that does not exist. */
function notRun(name: string): never {
  return fail('DLG4014', `'${name}' is a Deluge function (Zoho's help documents it) that deluge run does not implement yet`);
}

/** The builtins' names by how they are called, for "did you mean" (worked out at the first unknown name). */
let builtinNames: { readonly method: readonly string[]; readonly function: readonly string[] } | undefined;

/** ` (did you mean 'length'?)` for a name one or two edits from a builtin's that is called that way. */
function builtinLike(name: string, calledAs: 'method' | 'function'): string {
  builtinNames ??= {
    method: [...new Set(BUILTINS.all.filter((s) => s.form !== 'function' && !s.name.includes('.')).map((s) => s.name))],
    function: [...new Set(BUILTINS.all.filter((s) => s.form !== 'method' && !s.name.includes('.')).map((s) => s.name))],
  };
  const meant = closest(name, builtinNames[calledAs]);
  return meant !== undefined && meant.toLowerCase() !== name.toLowerCase() ? ` (did you mean '${meant}'?)` : '';
}

/**
 * An error that came up through a call of one of the script's functions, with that call noted (`callFunction` of the
 * entry function, at its own header, is no call of the script's).
 */
export function withCallSite(error: unknown, fn: UserFunction, span: Span, callerFile: SourceFile): unknown {
  if (!(error instanceof DelugeError) || span === fn.decl.span) return error;
  (error.calledFrom ??= []).push({ file: callerFile, span, name: fn.decl.name.map((n) => n.name).join('.') });
  return error;
}
