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

/**
 * Performs what the interpreter cannot do by itself: tasks that reach outside the script. The runner gives one
 * that speaks HTTP; `--dry-run` and the emitters give recording ones. Returning `undefined` means "not mine".
 */
export interface TaskHost {
  /** A task block (`invokeurl [ … ]`, …) with its parameters evaluated, by lower-case key. */
  task?(name: string, params: MapValue, node: TaskExpr): Value | undefined;
  /** A namespaced integration call (`zoho.crm.getRecordById("Leads", id)`), by its dotted name as written. */
  call?(name: string, args: readonly Value[], node: CallExpr): Value | undefined;
}

export interface InterpreterOptions extends RunOptions {
  readonly timeZone: string;
  readonly maxStatements: number;
  readonly maxCallDepth: number;
  readonly timeoutMs: number;
  readonly clock: () => number;
}

interface LoadedProgram {
  readonly file: SourceFile;
  readonly program: Program;
}

interface UserFunction {
  readonly decl: FunctionDecl;
  readonly file: SourceFile;
}

interface Frame {
  readonly vars: Map<string, Value>;
  readonly file: SourceFile;
}

/** How a statement ended: normally, or by `break`, `continue`, `return`. */
const enum Completion {
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
  private statements = 0;
  private depth = 0;
  private startedAt = 0;
  private returnValue: Value = null;
  private frame!: Frame;
  private readonly info: string[] = [];
  private readonly mails: RecordedMail[] = [];
  private readonly functions = new Map<string, UserFunction>();
  private readonly functionsByShortName = new Map<string, UserFunction>();
  private readonly numberLiterals = new WeakMap<NumberLiteral, bigint | number>();
  private readonly input: MapValue;
  private readonly system: Readonly<Record<string, Value>>;
  readonly context: BuiltinContext;

  constructor(private readonly options: InterpreterOptions) {
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

  private toDiagnostic(error: unknown, mainFile: SourceFile): RunDiagnostic {
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

  private declareFunctions({ file, program }: LoadedProgram): void {
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
    const declared = main.program.body.filter((n): n is FunctionDecl => n.kind === 'FunctionDecl');
    const entryName = this.options.entry?.toLowerCase();
    const entry = entryName
      ? declared.find((d) => {
          const names = d.name.map((n) => n.name.toLowerCase());
          return names.join('.') === entryName || names[names.length - 1] === entryName;
        })
      : declared[0];
    if (!entry) {
      if (entryName) throw new DelugeError('DLG4019', `There is no function '${this.options.entry}' in this file`, { start: 0, end: 0 }, false);
      return undefined;
    }
    this.frame = { vars: new Map(), file: main.file };
    const args = entry.params.map((p) => this.argumentFor(p.name.name));
    const result = this.callFunction({ decl: entry, file: main.file }, args, entry.span);
    return entry.returnType.name.toLowerCase() === 'void' ? undefined : result;
  }

  /** An argument given by name (`--arg leadId=…`): exact name first, then ignoring case. */
  private argumentFor(name: string): Value {
    const exact = this.input.entries.get(name);
    if (exact !== undefined) return exact;
    for (const [key, value] of this.input.entries) {
      if (typeof key === 'string' && key.toLowerCase() === name.toLowerCase()) return value;
    }
    return null;
  }

  // ── Statements ─────────────────────────────────────────────────────────────────────────────────────────

  private lastStatement: Stmt | undefined;

  private tick(statement: Stmt): void {
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

  private execBlock(block: Block): Completion {
    return this.execStatements(block.body);
  }

  private execStatements(statements: readonly Stmt[]): Completion {
    for (const statement of statements) {
      const completion = this.exec(statement);
      if (completion !== Completion.Normal) return completion;
    }
    return Completion.Normal;
  }

  private exec(s: Stmt): Completion {
    if (s.kind === 'EmptyStmt') return Completion.Normal;
    this.tick(s);
    switch (s.kind) {
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

  private unsupported(span: Span, message: string): never {
    throw new DelugeError('DLG4013', message, this.firstLine(span), false);
  }

  /** The part of a span on its first line: a diagnostic about a whole task block points at its head. */
  private firstLine(span: Span): Span {
    const text = this.frame.file.text;
    let end = span.start;
    while (end < span.end && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    while (end > span.start + 1 && /\s|\\/.test(text[end - 1]!)) end--;
    return { start: span.start, end };
  }

  private condition(expr: Expr, what: string): boolean {
    const value = this.evaluate(expr);
    try {
      return truth(value, what);
    } catch (error) {
      if (error instanceof DelugeError) error.span ??= expr.span;
      throw error;
    }
  }

  private assign(s: AssignStmt): void {
    const target = s.target;
    if (s.op === '=' && target.kind === 'Identifier') {
      this.frame.vars.set(target.name, this.evaluate(s.value));
      return;
    }
    const computed = (current: () => Value): Value => {
      const value = this.evaluate(s.value);
      if (s.op === '=') return value;
      return this.applyCompound(s.op, current(), value, s);
    };
    if (target.kind === 'Identifier') {
      const value = computed(() => this.readVariable(target.name, target.span));
      this.frame.vars.set(target.name, value);
      return;
    }
    if (target.kind === 'MemberExpr') {
      const object = this.evaluate(target.object);
      if (object instanceof MapValue) {
        const key = target.property.name;
        const value = computed(() => object.entries.get(key) ?? null);
        object.entries.set(key, value);
        return;
      }
      this.unsupported(target.span, 'Assigning to a field (`input.Field = …`) of a form record is ' + CREATOR_ONLY);
    }
    this.unsupported(target.span, 'Assigning to a record query (`Form[…].Field = …`) is ' + CREATOR_ONLY);
  }

  private applyCompound(op: AssignStmt['op'], current: Value, value: Value, s: AssignStmt): Value {
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

  private forEach(s: ForEachStmt): Completion {
    const iterable = this.evaluate(s.iterable);
    const vars = this.frame.vars;
    const name = s.variable.name;
    let items: Value[];
    if (iterable instanceof ListValue) items = iterable.items;
    else if (typeof iterable === 'string') items = iterable === '' ? [] : iterable.split(',');
    else if (iterable instanceof CollectionValue) items = iterable.mode === 'map' ? [...iterable.map.keys()] : iterable.list;
    else if (iterable === null && SEMANTICS.forEachOverNullIsEmpty) items = [];
    else {
      const hint = iterable instanceof MapValue ? ': iterate its keys with `for each k in m.keys()`' : '';
      throw new DelugeError('DLG4022', `for each cannot iterate a value of type ${typeName(iterable)}${hint}`, s.iterable.span);
    }
    // The list is read live, as Zoho does: adding to it inside the loop extends the loop (until the statement limit).
    for (let i = 0; i < items.length; i++) {
      vars.set(name, s.index ? BigInt(i) : items[i]!);
      const completion = this.execBlock(s.body);
      if (completion === Completion.Break) break;
      if (completion === Completion.Return) return completion;
    }
    return Completion.Normal;
  }

  private tryCatch(s: TryStmt): Completion {
    try {
      return this.execBlock(s.body);
    } catch (error) {
      if (!(error instanceof DelugeError) || !error.catchable) throw error;
      const file = error.file ?? this.frame.file;
      const line = file.position((error.span ?? s.span).start).line;
      this.frame.vars.set(s.param.name, new ErrorValue(error.message, line));
      return this.execBlock(s.handler);
    }
  }

  // ── Expressions ────────────────────────────────────────────────────────────────────────────────────────

  /** Evaluates an expression; a runtime error from inside gets the span of the innermost expression it came from. */
  evaluate(e: Expr): Value {
    try {
      return this.evaluateUnchecked(e);
    } catch (error) {
      if (error instanceof DelugeError && error.span === undefined) {
        error.span = e.span;
        error.file = this.frame.file;
      }
      throw error;
    }
  }

  private evaluateUnchecked(e: Expr): Value {
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
          const key = entry.key.kind === 'Identifier' && !this.frame.vars.has(entry.key.name) ? entry.key.name : this.evaluate(entry.key);
          entries.set(toMapKey(key), this.evaluate(entry.value));
        }
        return new MapValue(entries);
      }
      case 'ParenExpr':
        return this.evaluate(e.expr);
      case 'UnaryExpr': {
        const operand = this.evaluate(e.operand);
        if (e.op === '!') return !truth(operand, 'The operand of !');
        if (e.op === '-') return negate(operand);
        if (typeof operand !== 'bigint' && typeof operand !== 'number') {
          fail('DLG4001', `The operator + cannot be applied to a value of type ${typeName(operand)}`);
        }
        return operand;
      }
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

  private listElement(list: ListValue, index: bigint): Value {
    if (index < 0n || index >= BigInt(list.items.length)) {
      fail('DLG4003', `The index ${index} is out of range for a list of size ${list.items.length}`);
    }
    return list.items[Number(index)]!;
  }

  private numberLiteral(e: NumberLiteral): bigint | number {
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

  private readVariable(name: string, span: Span): Value {
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

  private today(): DateTimeValue {
    const zone = this.options.timeZone;
    return new DateTimeValue(startOfDay(this.context.now(), zone), zone, true);
  }

  private binary(e: BinaryExpr): Value {
    switch (e.op) {
      case '&&':
        return this.condition(e.left, 'The left side of &&') && this.condition(e.right, 'The right side of &&');
      case '||':
        return this.condition(e.left, 'The left side of ||') || this.condition(e.right, 'The right side of ||');
    }
    const left = this.evaluate(e.left);
    const right = this.evaluate(e.right);
    switch (e.op) {
      case '==':
      case '=':
        return valuesEqual(left, right);
      case '!=':
        return !valuesEqual(left, right);
      case '<':
      case '<=':
      case '>':
      case '>=':
        return relational(e.op, left, right);
      case '+':
        return add(left, right);
      case '-':
      case '*':
      case '/':
      case '%':
        return arithmetic(e.op, left, right);
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

  /** `a.b` — a system value (`zoho.currenttime`), a field of `input` or of a map, or a caught error's details. */
  private member(e: MemberExpr): Value {
    const dotted = dottedName(e);
    if (dotted && !this.frame.vars.has(dotted.root)) {
      const system = this.systemValue(dotted.parts);
      if (system !== undefined) return system;
    }
    const object = this.evaluate(e.object);
    const property = e.property.name;
    if (object instanceof MapValue) return object.entries.get(property) ?? null;
    if (object instanceof ErrorValue) {
      if (property.toLowerCase() === 'message') return object.message;
      if (property.toLowerCase() === 'lineno') return BigInt(object.lineNo);
    }
    if (object === null) fail('DLG4005', `Value is empty and the field '${property}' cannot be read`);
    return fail('DLG4001', `A value of type ${typeName(object)} has no field '${property}'`);
  }

  private systemValue(parts: readonly string[]): Value | undefined {
    if (parts.length !== 2 || parts[0]!.toLowerCase() !== 'zoho') return undefined;
    const name = parts[1]!.toLowerCase();
    if (name === 'currenttime') return new DateTimeValue(this.context.now(), this.options.timeZone);
    if (name === 'currentdate') return this.today();
    return this.system[name];
  }

  private evaluateArguments(args: readonly Argument[]): Value[] {
    return args.map((arg) => {
      if (arg.kind !== 'KeyValueArg') return this.evaluate(arg);
      const pair = new KeyValuePair();
      pair.entries.set(toMapKey(this.evaluate(arg.key)), this.evaluate(arg.value));
      return pair;
    });
  }

  private call(e: CallExpr): Value {
    const callee = e.callee;
    if (callee.kind === 'Identifier') return this.callByName(callee.name, e);
    const dotted = dottedName(callee);
    const onSystemValue = dotted !== undefined && this.systemValue(dotted.parts.slice(0, -1)) !== undefined;
    if (dotted && !onSystemValue && !this.frame.vars.has(dotted.root) && dotted.root.toLowerCase() !== 'input') {
      const name = dotted.parts.join('.');
      const builtin = BUILTINS.named(name)[0];
      if (builtin && name.includes('.')) return this.callBuiltin(builtin, name, null, this.evaluateArguments(e.args));
      const user = this.functions.get(name.toLowerCase());
      if (user) return this.callFunction(user, this.evaluateArguments(e.args), e.span);
      if (this.options.tasks?.call) {
        const args = this.evaluateArguments(e.args);
        const answer = this.options.tasks.call(name, args, e);
        if (answer !== undefined) return answer;
      }
      if (dotted.root.toLowerCase() === 'zoho' || dotted.root.toLowerCase() === 'invokeconnector') {
        throw new DelugeError(
          'DLG4014',
          `'${name}' is an integration task with no local implementation; this version of deluge run performs no requests`,
          e.span,
          false,
        );
      }
      if (dotted.parts.length === 2 && !this.frame.vars.has(dotted.root) && FUNCTION_CATEGORIES.has(dotted.root.toLowerCase())) {
        throw new DelugeError(
          'DLG4019',
          `There is no function '${name}' in this file; put the file that defines it in a folder given with --functions`,
          e.span,
          false,
        );
      }
    }
    // A method call: `value.name(args)`.
    const receiver = this.evaluate(callee.object);
    const name = callee.property.name;
    const args = this.evaluateArguments(e.args);
    const spec = BUILTINS.method(name, receiver);
    if (spec) return this.callBuiltin(spec, name, receiver, args);
    if (receiver === null && BUILTINS.named(name).length > 0) {
      return fail('DLG4005', `Value is empty and '${name}' function cannot be applied`);
    }
    return this.noSuchFunction(name, receiver);
  }

  private noSuchFunction(name: string, receiver: Value): never {
    const others = BUILTINS.named(name)
      .map((s) => s.receiver)
      .filter((r) => r !== undefined)
      .flatMap((r) => (typeof r === 'string' ? [r] : r));
    if (others.length > 0) {
      fail('DLG4006', `'${name}' cannot be applied to a value of type ${typeName(receiver)} (it applies to ${[...new Set(others)].join(', ')})`);
    }
    return fail('DLG4006', `There is no function '${name}' in Deluge`);
  }

  private callBuiltin(spec: BuiltinSpec, calledAs: string, receiver: Value, args: readonly Value[]): Value {
    const adapted = adaptArguments(spec, args);
    checkArguments(spec, calledAs, adapted);
    return spec.impl(this.context, receiver, adapted);
  }

  /** `f(args)`: a function of the script, a constructor, or a builtin in function form (`len(s)`). */
  private callByName(name: string, e: CallExpr): Value {
    const user = this.functionsByShortName.get(name.toLowerCase());
    if (user && user.decl.name.length === 1) return this.callFunction(user, this.evaluateArguments(e.args), e.span);
    const args = this.evaluateArguments(e.args);
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
    const candidates = BUILTINS.named(name);
    if (candidates.length > 0) {
      if (args[0] === null) fail('DLG4005', `Value is empty and '${name}' function cannot be applied`);
      if (args.length === 0) fail('DLG4007', `'${name}' needs the value it applies to as its first argument`);
      return this.noSuchFunction(name, args[0]!);
    }
    if (user) return this.callFunction(user, args, e.span);
    if (REQUEST_FUNCTIONS.has(name.toLowerCase())) {
      const answer = this.options.tasks?.call?.(name, args, e);
      if (answer !== undefined) return answer;
      throw new DelugeError('DLG4014', `'${name}' performs a request; this version of deluge run performs no requests`, e.span, false);
    }
    if (CREATOR_FUNCTIONS.has(name.toLowerCase())) {
      return this.unsupported(e.span, `\`${name}\` is ${CREATOR_ONLY}`);
    }
    return fail('DLG4006', `There is no function '${name}' in Deluge or in this script`);
  }

  private newList(args: readonly Value[], e: CallExpr): ListValue {
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
    try {
      const completion = this.execBlock(decl.body);
      return completion === Completion.Return ? this.returnValue : null;
    } finally {
      this.depth--;
      this.frame = saved;
    }
  }

  // ── Tasks ──────────────────────────────────────────────────────────────────────────────────────────────

  private task(e: TaskExpr): Value {
    const params = new MapValue();
    for (const p of e.params) {
      // Bare words are the values of some keys (`type: GET`, `response-format: FILE`): a name that is not a variable is its text.
      const value = p.value.kind === 'Identifier' && !this.frame.vars.has(p.value.name) ? p.value.name : this.evaluate(p.value);
      params.entries.set(p.key.toLowerCase(), value);
    }
    if (e.task === 'sendmail') {
      const mail: Record<string, Value> = {};
      for (const [key, value] of params.entries) mail[String(key)] = value;
      this.mails.push(mail);
      return null;
    }
    const answer = this.options.tasks?.task?.(e.task, params, e);
    if (answer !== undefined) return answer;
    throw new DelugeError(
      'DLG4014',
      `'${e.rawName}' performs a request; this version of deluge run performs no requests`,
      this.firstLine(e.span),
      false,
    );
  }
}

/** Functions that make HTTP requests (the older forms of `invokeurl`). */
const REQUEST_FUNCTIONS = new Set(['geturl', 'posturl', 'puturl', 'deleteurl', 'patchurl', 'invokeurl']);

/** Creator client functions, which act on a browser page. */
const CREATOR_FUNCTIONS = new Set(['openurl', 'reloadpage', 'setsubformfield']);

/** Categories of CRM functions, as in `standalone.f(…)`: a dotted call on one of these names a function. */
const FUNCTION_CATEGORIES = new Set(['standalone', 'automation', 'button', 'schedule', 'validation', 'thisapp', 'related', 'custom', 'workflow']);

function isNullish(value: Value): boolean {
  return value === null || value === '';
}

/** `zoho.crm.getRecords` → parts `['zoho', 'crm', 'getRecords']`, when the expression is a chain of names. */
function dottedName(e: Expr): { root: string; parts: string[] } | undefined {
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

