/**
 * The translation of a Deluge program into TypeScript statements and expressions. Deluge's meaning is kept by
 * the prelude's helpers (`plus`, `isEqual`, `get`, `invokeUrl`, …); the generator records which ones it calls,
 * and index.ts writes out those and what they use. Anything without a TypeScript form becomes a
 * `// NOTE: not converted: …` comment and a call of `notConverted(…)`, which stops the program if it gets there,
 * with a warning diagnostic.
 */
import { DOCUMENTED_NOT_RUN } from '../../runtime/builtins/documented.js';
import { dottedParts, OTHER_KNOWN_METHODS, resolutionOf, type CallTarget, type Resolution, type Scope } from '../../analysis/resolver.js';
import type { DiagnosticCode } from '../../diagnostics/codes.js';
import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { INVOKEAPI_KEYS, isRequestTaskName, TASK_KEYS } from '../../http/invokeurl.js';
import { crmTaskAdvice, crmTaskName } from '../../http/zoho-crm.js';
import { BUILTINS } from '../../runtime/builtins/index.js';
import { type BuiltinSpec, refusesArgumentTypes, wrongFormMessage } from '../../runtime/builtins/registry.js';
import { fieldsOf } from '../../runtime/calendar.js';
import { parseDateTimeText } from '../../runtime/datetime.js';
import { DEFAULT_SYSTEM } from '../../runtime/interpreter.js';
import { listElementType } from '../../runtime/types.js';
import type { SourceFile } from '../../source/source-file.js';
import type { Span } from '../../source/span.js';
import type {
  Argument,
  AssignStmt,
  BinaryExpr,
  Block,
  CallExpr,
  Comment,
  Expr,
  ForEachStmt,
  FunctionDecl,
  Identifier,
  MemberExpr,
  Program,
  Stmt,
  TaskExpr,
  TryStmt,
  VarDeclStmt,
} from '../../syntax/ast.js';
import { namesComponent } from '../../syntax/ast.js';
import { childNodes } from '../../syntax/walk.js';
import type { CredentialNode, CredentialPart, CredentialText, Credentials } from './credentials.js';
import { freeName, TakenNames } from './names.js';
import { BUILTIN_HELPERS, helper } from './prelude.js';
import { planDeclarations, type DeclarationPlan } from './scopes.js';

/** What the generator knows about an expression's value, so it can write plain TypeScript where that is exact. */
type StaticType = 'text' | 'boolean' | 'value';

interface Code {
  readonly text: string;
  readonly type: StaticType;
  /** A text literal's value, so a template literal can take it in as text. */
  readonly literal?: string;
  /** The code is a literal of this kind (its TypeScript type is that literal's type). */
  readonly literalKind?: 'text' | 'number' | 'boolean' | 'null';
  /**
   * How tightly the text binds, for parentheses inside an operator: PRIMARY for calls and literals, then
   * UNARY (`!x`, `await f()`), EQUALITY (`a === b`), AND, OR, CONDITIONAL (`c ? a : b`).
   */
  readonly prec?: number;
}

export interface LoadedFile {
  readonly file: SourceFile;
  readonly program: Program;
}

export interface GenerateOptions {
  /** `TIME_ZONE` and `NOW_MS` are not needed here; only what decides the code. */
  readonly now: number;
  readonly timeZone: string;
  readonly entry?: string;
  readonly defaultCrmConnection: string;
  /** The credentials written in the script: read from environment variables, never copied (./credentials.ts). */
  readonly credentials?: Credentials;
}

/** A function of the script (or of `--functions`) and its TypeScript name. */
interface UserFunction {
  readonly decl: FunctionDecl;
  readonly loaded: LoadedFile;
  readonly resolution: Resolution;
  tsName: string;
  async: boolean;
}

/** Per function (or the script): its names and where its variables are declared. */
interface FunctionContext {
  readonly loaded: LoadedFile;
  readonly resolution: Resolution;
  readonly scope: Scope;
  readonly plan: DeclarationPlan;
  readonly names: Map<string, string>;
  /** Names taken in the TypeScript function (the program's functions, its variables, then generated names). */
  readonly taken: TakenNames;
  /** Per base of a generated name (`error`), the number its next one tries (`error_2`, `error_3`, …). */
  readonly nextNumber: Map<string, number>;
  readonly isScript: boolean;
  /** In a function with parameters: whether it read `input` (then `functionInput`, its arguments over the run's). */
  readsOwnInput: boolean;
  /** Catch variables known to hold a CaughtError (declared in their catch block). */
  readonly caughtConsts: Set<string>;
  /** Inside a `try` whose error shows its line: statements record `delugeLine`. */
  trackLines: boolean;
  /** How many `for each` hold the statement being written (a break or continue outside all of them ends the function). */
  loops: number;
}

export interface Generated {
  /** The translated functions and `main`, as lines. */
  readonly lines: string[];
  /** Helpers the code calls (the prelude closure is taken over these). */
  readonly roots: Set<string>;
  readonly diagnostics: Diagnostic[];
  /** One line per thing not converted, for the header (like curl --libcurl's list). */
  readonly notes: string[];
  /** Connection names the requests use (statically known), in order of first use. */
  readonly connections: string[];
  /** A request's connection is computed at run time. */
  readonly dynamicConnection: boolean;
  /** Names the program's `input` map must answer: the entry function's parameters or the script's implicit reads. */
  readonly parameters: string[];
  readonly usesInput: boolean;
  /** The entry function, for a file of functions only. */
  readonly entry?: FunctionDecl;
}

const INDENT = '  ';

/** A value that is only credential reads (with text around them): a never-read variable's is not evaluated. */
const CREDENTIAL_ONLY = /^(credential\("[A-Z0-9_]+"\)|`(?:[^`$\\]|\\.|\$(?!\{)|\$\{credential\("[A-Z0-9_]+"\)\})*`)$/;

const PRIMARY = 20;
const UNARY = 15;
const EQUALITY = 10;
const AND = 6;
const OR = 5;
const CONDITIONAL = 3;

const REQUEST_FUNCTIONS = new Set(['geturl', 'posturl', 'puturl', 'deleteurl', 'patchurl', 'invokeurl']);
const CREATOR_FUNCTIONS = new Set(['openurl', 'reloadpage', 'setsubformfield']);
const CREATOR = 'a Zoho Creator statement, which needs a Creator application around it';
const CRM_TASKS = ['getRecords', 'getRecordById', 'searchRecords', 'createRecord', 'updateRecord', 'upsert', 'bulkCreate', 'bulkUpdate', 'getRelatedRecords', 'invokeConnector'];
const CRM_TASK_PARAMS: Readonly<Record<string, number>> = {
  getrecords: 4,
  getrecordbyid: 3,
  searchrecords: 5,
  createrecord: 3,
  updaterecord: 4,
  upsert: 3,
  bulkcreate: 3,
  bulkupdate: 3,
  getrelatedrecords: 6,
  invokeconnector: 2,
};

export class Generator {
  readonly roots = new Set<string>(['Value', 'run']);
  readonly diagnostics: Diagnostic[] = [];
  readonly notes: string[] = [];
  /** Notes already written as a `// NOTE` line where they happen (by index). */
  private readonly placedNotes = new Set<number>();
  readonly connections: string[] = [];
  dynamicConnection = false;
  usesInput = false;
  private readonly functions = new Map<string, UserFunction>();
  /** The reserved names and, once declared, every function's TypeScript name: no variable takes one. */
  private programNames = new Set<string>();
  private readonly functionsByShortName = new Map<string, UserFunction>();
  private readonly lines: string[] = [];
  private depth = 0;
  private ctx!: FunctionContext;
  private comments: Comment[] = [];
  private commentIndex = 0;
  /** Credential literals already warned about (DLG6059), once each. */
  private readonly warnedCredentials = new Set<CredentialNode>();

  constructor(
    private readonly main: LoadedFile,
    private readonly libraries: readonly LoadedFile[],
    private readonly options: GenerateOptions,
    /** Names the program's helpers take: variables and functions avoid them. */
    private readonly reserved: ReadonlySet<string>,
  ) {}

  generate(): Generated {
    this.declareFunctions();
    this.decideAsync();
    const scriptStatements = this.main.program.body.filter((n): n is Stmt => n.kind !== 'FunctionDecl' && n.kind !== 'EmptyStmt');
    let parameters: string[] = [];
    let entry: FunctionDecl | undefined;
    for (const fn of this.functions.values()) {
      if (!this.isCalledOrEntry(fn, scriptStatements)) continue;
      this.functionDecl(fn);
      this.line('');
    }
    if (scriptStatements.length > 0) {
      parameters = this.scriptMain();
    } else {
      entry = this.entryFunction();
      parameters = entry ? entry.params.map((p) => p.name.name) : [];
      this.entryMain(entry);
    }
    return {
      lines: this.lines,
      roots: this.roots,
      diagnostics: this.diagnostics,
      notes: this.notes,
      connections: this.connections,
      dynamicConnection: this.dynamicConnection,
      parameters,
      usesInput: this.usesInput,
      ...(entry && { entry }),
    };
  }

  // ── Functions ──────────────────────────────────────────────────────────────────────────────────────────

  private declareFunctions(): void {
    const taken = (this.programNames = new Set(this.reserved));
    for (const loaded of [this.main, ...this.libraries]) {
      const resolution = resolutionOf(loaded.program);
      for (const node of loaded.program.body) {
        if (node.kind !== 'FunctionDecl') continue;
        const full = node.name.map((n) => n.name).join('.').toLowerCase();
        if (this.functions.has(full)) continue;
        const short = node.name[node.name.length - 1]!.name;
        const tsName = freeName(this.functionsByShortName.has(short.toLowerCase()) ? node.name.map((n) => n.name).join('_') : short, taken);
        taken.add(tsName);
        const fn: UserFunction = { decl: node, loaded, resolution, tsName, async: false };
        this.functions.set(full, fn);
        if (!this.functionsByShortName.has(short.toLowerCase())) this.functionsByShortName.set(short.toLowerCase(), fn);
      }
    }
  }

  /** Functions of `--functions` files appear only when the program reaches them. */
  private isCalledOrEntry(fn: UserFunction, scriptStatements: readonly Stmt[]): boolean {
    if (fn.loaded === this.main) return true;
    const reached = new Set<UserFunction>();
    const mainResolution = resolutionOf(this.main.program);
    for (const s of scriptStatements) this.addReached(s, mainResolution, reached);
    for (const f of this.functions.values()) if (f.loaded === this.main) this.addReached(f.decl.body, f.resolution, reached);
    return reached.has(fn);
  }

  /** Adds to `reached` the functions that code under `node` calls, directly or through other functions. */
  private addReached(node: Parameters<typeof childNodes>[0], resolution: Resolution, reached: Set<UserFunction>): void {
    if (node.kind === 'CallExpr') {
      const target = this.userTarget(resolution.calls.get(node), node);
      if (target && !reached.has(target)) {
        reached.add(target);
        this.addReached(target.decl.body, target.resolution, reached);
      }
    }
    for (const child of childNodes(node)) this.addReached(child, resolution, reached);
  }

  private userTarget(target: CallTarget | undefined, call: CallExpr): UserFunction | undefined {
    if (!target) return undefined;
    if (target.kind === 'user') return this.functions.get(target.decl.name.map((n) => n.name).join('.').toLowerCase());
    if (target.kind === 'external') {
      // Creator's `thisapp.Namespace.f(…)` calls the function declared `Namespace.f`, as deluge run decides.
      const name = target.name.toLowerCase();
      return this.functions.get(name) ?? (name.startsWith('thisapp.') ? this.functions.get(name.slice('thisapp.'.length)) : undefined);
    }
    if (target.kind === 'function' && call.callee.kind === 'Identifier') {
      const user = this.functionsByShortName.get(call.callee.name.toLowerCase());
      if (user && (user.decl.name.length === 1 || BUILTINS.named(call.callee.name).length === 0)) return user;
    }
    return undefined;
  }

  /** A function is async when it makes a request, directly or through a function it calls. */
  private decideAsync(): void {
    const direct = (fn: UserFunction): boolean => this.containsRequest(fn.decl.body, fn.resolution);
    for (const fn of this.functions.values()) fn.async = direct(fn);
    for (let changed = true; changed; ) {
      changed = false;
      for (const fn of this.functions.values()) {
        if (fn.async) continue;
        if (this.callsAsync(fn.decl.body, fn.resolution)) {
          fn.async = true;
          changed = true;
        }
      }
    }
  }

  private containsRequest(node: Parameters<typeof childNodes>[0], resolution: Resolution): boolean {
    if (node.kind === 'TaskExpr' && isRequestTaskName(node.task)) return true;
    if (node.kind === 'CallExpr') {
      const target = resolution.calls.get(node);
      if (target?.kind === 'integration' && /^zoho\.crm\./i.test(target.name)) return true;
      if (target?.kind === 'function' && ['geturl', 'posturl'].includes(target.name.toLowerCase()) && !this.userTarget(target, node)) return true;
    }
    return childNodes(node).some((child) => this.containsRequest(child, resolution));
  }

  private callsAsync(node: Parameters<typeof childNodes>[0], resolution: Resolution): boolean {
    if (node.kind === 'CallExpr' && this.userTarget(resolution.calls.get(node), node)?.async) return true;
    return childNodes(node).some((child) => this.callsAsync(child, resolution));
  }

  private functionDecl(fn: UserFunction): void {
    const decl = fn.decl;
    const scope = fn.resolution.scopes.find((s) => s.node === decl)!;
    this.enterContext(fn.loaded, fn.resolution, scope, decl.body.body, decl.body.span, false);
    // An error in a function called in such a `try` shows the function's line, as with deluge run.
    this.ctx.trackLines = this.calledWhereLinesShow().has(fn);
    const params = decl.params.map((p) => this.varName(p.name.name));
    const signature = `${decl.returnType.name} ${decl.name.map((n) => n.name).join('.')}(${decl.params.map((p) => `${p.type.name}${p.type.elementType ? `:${p.type.elementType}` : ''} ${p.name.name}`).join(', ')})`;
    this.flushCommentsBefore(decl.span.start);
    this.line(`/** Deluge: \`${signature.replace(/\*\//g, '*\\/')}\` */`);
    const returns = fn.async ? 'Promise<Value>' : 'Value';
    this.line(`export ${fn.async ? 'async ' : ''}function ${fn.tsName}(${params.map((p) => `${p}: Value`).join(', ')}): ${returns} {`);
    this.depth++;
    const functionName = decl.name.map((n) => n.name).join('.');
    decl.params.forEach((p, i) => {
      const type = parameterType(p.type.name);
      if (type === undefined) return;
      this.use('typed');
      if (type === 'DATE-TIME') this.use('parseDateTimeText');
      this.line(`${params[i]} = typed(${params[i]}, ${JSON.stringify(type)}, ${JSON.stringify(functionName)});`);
    });
    // Its arguments are read as `input.<name>` too, as deluge run reads them ("accessible inside the script via the input
    // map", https://www.zoho.com/crm/developer/docs/functions/deluge-editor.html): the line goes in if the body reads it.
    const inputAt = this.lines.length;
    // A function that can call itself counts its depth: Deluge stops unbounded recursion at 75 nested calls.
    const recursive = this.isRecursive(fn);
    if (recursive) {
      this.use('nested');
      this.line(`return nested(${JSON.stringify(functionName)}, ${fn.async ? 'async ' : ''}() => {`);
      this.depth++;
    }
    this.block(decl.body.body, decl.body.span.end, true);
    if (!endsWithJump(decl.body.body)) this.line('return null;');
    if (this.ctx.readsOwnInput) {
      this.use('functionArguments');
      const own = decl.params.map((p, i) => `[${JSON.stringify(p.name.name)}, ${params[i]}]`).join(', ');
      this.lines.splice(inputAt, 0, `${INDENT.repeat(this.depth)}const functionInput = functionArguments(input, [${own}]);`);
    }
    if (recursive) {
      this.depth--;
      this.line('});');
    }
    this.depth--;
    this.line('}');
  }

  private linesShownIn?: Set<UserFunction>;

  /** The functions a `try` whose catch shows the line calls, directly or through other functions. */
  private calledWhereLinesShow(): Set<UserFunction> {
    if (this.linesShownIn) return this.linesShownIn;
    const called = new Set<UserFunction>();
    const tries = (node: Parameters<typeof childNodes>[0], resolution: Resolution): void => {
      if (node.kind === 'TryStmt' && this.catchShowsLine(node)) this.addReached(node.body, resolution, called);
      for (const child of childNodes(node)) tries(child, resolution);
    };
    const mainResolution = resolutionOf(this.main.program);
    for (const node of this.main.program.body) if (node.kind !== 'FunctionDecl') tries(node, mainResolution);
    for (const fn of this.functions.values()) tries(fn.decl.body, fn.resolution);
    this.linesShownIn = called;
    return called;
  }

  /** Whether a function can reach itself through the calls of the program. */
  private isRecursive(fn: UserFunction): boolean {
    // A walk of the call graph with a list of its own, not the JS stack: a chain of 800 functions each calling the
    // next overflowed it ("internal error: Maximum call stack size exceeded").
    const seen = new Set<UserFunction>();
    const next = [...this.calleesOf(fn)];
    for (let target = next.pop(); target !== undefined; target = next.pop()) {
      if (target === fn) return true;
      if (seen.has(target)) continue;
      seen.add(target);
      next.push(...this.calleesOf(target));
    }
    return false;
  }

  private readonly callees = new Map<UserFunction, ReadonlySet<UserFunction>>();

  /** The functions of the script (and of --functions) that `fn`'s body calls directly, found once. */
  private calleesOf(fn: UserFunction): ReadonlySet<UserFunction> {
    let found = this.callees.get(fn);
    if (found) return found;
    const calls = new Set<UserFunction>();
    const visit = (node: Parameters<typeof childNodes>[0]): void => {
      if (node.kind === 'CallExpr') {
        const target = this.userTarget(fn.resolution.calls.get(node), node);
        if (target) calls.add(target);
      }
      for (const child of childNodes(node)) visit(child);
    };
    visit(fn.decl.body);
    this.callees.set(fn, (found = calls));
    return found;
  }

  private enterContext(loaded: LoadedFile, resolution: Resolution, scope: Scope, body: readonly Stmt[], span: Span, isScript: boolean): void {
    const plan = planDeclarations(scope, body, span);
    const taken = new TakenNames(this.programNames);
    const names = new Map<string, string>();
    for (const name of scope.variables.keys()) {
      if (plan.neverDefined.has(name)) continue;
      const tsName = freeName(name, taken);
      taken.add(tsName);
      names.set(name, tsName);
    }
    this.comments = commentsOf(loaded.program, isScript ? undefined : (scope.node as FunctionDecl));
    this.commentIndex = 0;
    this.ctx = { loaded, resolution, scope, plan, names, taken, nextNumber: new Map(), isScript, readsOwnInput: false, caughtConsts: new Set(), trackLines: false, loops: 0 };
  }

  private varName(name: string): string {
    return this.ctx.names.get(name) ?? name;
  }

  /**
   * A name for generated code (`error` of a catch) that no variable of the function has: `error`, then `error_2`,
   * `error_3`, … (numbered from where the last one stopped: appending `_` until free took a function of 4,000 catches
   * 38 s, and named the last one with 4,000 of them).
   */
  private freshName(base: string): string {
    const { taken, nextNumber } = this.ctx;
    let number = nextNumber.get(base) ?? 1;
    let name = number === 1 ? freeName(base, taken) : `${base}_${number}`;
    while (taken.has(name)) name = `${base}_${++number}`;
    nextNumber.set(base, number + 1);
    taken.add(name);
    return name;
  }

  /** The script's top-level statements as `main`. */
  private scriptMain(): string[] {
    const resolution = resolutionOf(this.main.program);
    const statements = this.main.program.body.filter((n): n is Stmt => n.kind !== 'FunctionDecl');
    this.enterContext(this.main, resolution, resolution.script, statements, this.main.program.span, true);
    this.flushCommentsBefore(statements.find((st) => st.kind !== 'EmptyStmt')?.span.start ?? 0);
    this.line('/** The script: its top-level statements, in order. */');
    this.line('export async function main(): Promise<Value> {');
    this.depth++;
    this.block(statements, this.main.program.span.end, true);
    if (!endsWithJump(statements)) this.line('return null;');
    this.depth--;
    this.line('}');
    return [...new Set(resolution.script.implicitReads.map((id) => id.name))];
  }

  private entryFunction(): FunctionDecl | undefined {
    const declared = this.main.program.body.filter((n): n is FunctionDecl => n.kind === 'FunctionDecl');
    const wanted = this.options.entry?.toLowerCase();
    if (!wanted) return declared[0];
    return declared.find((d) => {
      const names = d.name.map((n) => n.name.toLowerCase());
      return names.join('.') === wanted || names[names.length - 1] === wanted;
    });
  }

  /** A file of functions: `main` runs the entry function with the arguments bound to its parameters by name. */
  private entryMain(entry: FunctionDecl | undefined): void {
    this.line('/** Runs the entry function with the arguments given by name (see the header). */');
    this.line('export async function main(): Promise<Value> {');
    this.depth++;
    if (!entry) {
      this.line('return null; // the file declares no function');
    } else {
      const fn = this.functions.get(entry.name.map((n) => n.name).join('.').toLowerCase())!;
      if (entry.params.length > 0) {
        this.use('parameter');
        this.usesInput = true;
      }
      const args = entry.params.map((p) => `parameter(input, ${JSON.stringify(p.name.name)})`);
      this.line(`return ${fn.async ? 'await ' : ''}${fn.tsName}(${args.join(', ')});`);
    }
    this.depth--;
    this.line('}');
  }

  // ── Statements ─────────────────────────────────────────────────────────────────────────────────────────

  private line(text: string): void {
    this.lines.push(text === '' ? '' : INDENT.repeat(this.depth) + text);
  }

  /** A statement list; `end` is where its block ends (comments before it are kept). */
  private block(statements: readonly Stmt[], end: number, root = false): void {
    const hoisted = this.ctx.plan.hoisted.get(statements);
    // `undefined` until assigned when a read may come first: Deluge reports that read as not defined.
    if (hoisted) for (const name of hoisted) this.line(this.mayBeUnassigned(name) ? `let ${this.varName(name)}: Value | undefined;` : `let ${this.varName(name)}: Value = null;`);
    for (const s of statements) this.statement(s);
    this.flushCommentsBefore(end);
  }

  /** Whether a read of the variable may come before any assignment (it is declared `Value | undefined`). */
  private mayBeUnassigned(name: string): boolean {
    const v = this.ctx.scope.variables.get(name);
    return v !== undefined && v.reads.some((r) => this.ctx.plan.maybeUnassigned.has(r));
  }

  /** A read of a variable that may have no value yet: `assigned(x, "x")` stops as Deluge does (or takes the script's argument). */
  private assignedRead(id: Identifier): string {
    this.use('assigned');
    // The line of an assignment before the read, which did not run when the variable has no value (as `deluge run` says).
    const before = (this.ctx.scope.variables.get(id.name)?.definitions ?? []).map((d) => d.node.span.start).filter((start) => start < id.span.start);
    const line = before.length > 0 ? `, ${this.lineOf(Math.min(...before))}` : '';
    if (!this.ctx.isScript) return `assigned(${this.varName(id.name)}, ${JSON.stringify(id.name)}${line === '' ? '' : `, undefined${line}`})`;
    this.usesInput = true;
    return `assigned(${this.varName(id.name)}, ${JSON.stringify(id.name)}, input${line})`;
  }

  private flushCommentsBefore(offset: number): void {
    while (this.commentIndex < this.comments.length && this.comments[this.commentIndex]!.span.start < offset) {
      const comment = this.comments[this.commentIndex++]!;
      for (const text of this.masked(comment.text).split(/\r?\n/)) this.line(text.trim() === '' ? '' : text.replace(/^\s+/, comment.kind === 'BlockComment' && !text.trimStart().startsWith('/*') ? ' ' : ''));
    }
  }

  /** A comment starting on the statement's last line, after it: kept at the end of that line. */
  private trailingComment(end: number): string {
    const comment = this.comments[this.commentIndex];
    if (!comment || comment.kind !== 'LineComment') return '';
    const between = this.ctx.loaded.file.text.slice(end, comment.span.start);
    if (/[\r\n]/.test(between)) return '';
    this.commentIndex++;
    return ` ${this.masked(comment.text)}`;
  }

  /** Text copied from the script (a comment) with the credentials it may hold masked. */
  private masked(text: string): string {
    return this.options.credentials?.mask(text) ?? text;
  }

  private lineOf(offset: number): number {
    return this.ctx.loaded.file.position(offset).line;
  }

  private statement(s: Stmt): void {
    if (s.kind === 'EmptyStmt') return;
    this.flushCommentsBefore(s.span.start);
    if (this.ctx.trackLines) {
      this.use('delugeLine');
      this.line(`delugeLine = ${this.lineOf(s.span.start)};`);
    }
    const before = this.lines.length;
    const notesStart = this.notes.length;
    this.statementBody(s);
    this.placeNotes(before, notesStart);
    // Comments inside a simple statement (in an expression or a task block) come out after it.
    if (!hasBlock(s)) {
      const trailing = this.trailingComment(s.span.end);
      if (trailing && this.lines.length > before) this.lines[this.lines.length - 1] += trailing;
      this.flushCommentsBefore(s.span.end);
    }
  }

  /** `// NOTE: not converted: …` lines before the statement for what its own expressions could not convert. */
  private placeNotes(at: number, from: number): void {
    const fresh: string[] = [];
    for (let i = from; i < this.notes.length; i++) {
      if (this.placedNotes.has(i)) continue;
      this.placedNotes.add(i);
      fresh.push(`${INDENT.repeat(this.depth)}// NOTE: not converted: ${this.notes[i]!.replace(/^line \d+: /, '')}`);
    }
    this.lines.splice(at, 0, ...fresh);
  }

  private statementBody(s: Stmt): void {
    switch (s.kind) {
      case 'ExprStmt':
        return this.line(`${asStatement(this.expr(s.expr).text)};`);
      case 'AssignStmt':
        return this.assign(s);
      case 'VarDeclStmt':
        return this.declare(s, s.name, s.init ? this.expr(s.init).text : 'null');
      case 'InfoStmt':
        this.use('info');
        return this.line(`info(${this.expr(s.value).text});`);
      case 'IfStmt':
        return this.ifStatement(s, 'if');
      case 'ForEachStmt':
        return this.forEach(s);
      case 'TryStmt':
        return this.tryStatement(s);
      case 'ThrowStmt':
        this.use('thrown');
        return this.line(`throw thrown(${this.expr(s.value).text});`);
      case 'ReturnStmt':
        return this.line(`return ${s.value ? this.expr(s.value).text : 'null'};`);
      // Outside any loop (Zoho's pages speak of loops only), deluge run ends the function there, with no value.
      case 'BreakStmt':
        return this.line(this.ctx.loops > 0 ? 'break;' : 'return null;');
      case 'ContinueStmt':
        return this.line(this.ctx.loops > 0 ? 'continue;' : 'return null;');
      case 'DeleteFromStmt':
        return this.notConvertedStatement(s.span, '`delete from Form[…]` is ' + CREATOR);
      case 'FieldActionStmt':
        return this.notConvertedStatement(s.span, `\`${s.action}\` is ${CREATOR} (a form field action)`);
      case 'AlertStmt':
        return this.notConvertedStatement(s.span, `\`${s.successMessage ? 'success message' : 'alert'}\` is ${CREATOR}`);
      case 'CancelStmt':
        return this.notConvertedStatement(s.span, `\`cancel ${s.what.name}\` is ${CREATOR}`);
      case 'TemplateStmt':
      case 'HtmlStmt':
        return this.notConvertedStatement(s.span, 'a page template (`<%{ … }%>`) is ' + CREATOR);
      case 'WhileStmt':
      case 'CStyleForStmt':
        return this.notConvertedStatement(s.span, 'Deluge has no such loop');
      case 'EmptyStmt':
        return;
    }
  }

  private assign(s: AssignStmt): void {
    const target = s.target;
    const value = this.expr(s.value).text;
    if (target.kind === 'Identifier') {
      if (s.op === '=') return this.declare(s, target, value);
      const name = this.varName(target.name);
      const current = this.ctx.plan.neverDefined.has(target.name) || this.ctx.plan.maybeUnassigned.has(target) ? this.readName(target) : { text: name, type: 'value' as const };
      return this.line(`${name} = ${this.compound(s.op, current.text, value)};`);
    }
    if (target.kind === 'MemberExpr') {
      this.use('setField');
      const object = this.expr(target.object).text;
      const key = JSON.stringify(target.property.name);
      if (s.op === '=') return this.line(`setField(${object}, ${key}, ${value});`);
      this.use('field');
      return this.line(`setField(${object}, ${key}, ${this.compound(s.op, `field(${object}, ${key})`, value)});`);
    }
    return this.notConvertedStatement(target.span, 'assigning to a field of a form record is ' + CREATOR);
  }

  private compound(op: AssignStmt['op'], current: string, value: string): string {
    const fn = { '+=': 'plus', '-=': 'minus', '*=': 'times', '/=': 'divide', '%=': 'remainder', '=': '' }[op];
    this.use(fn);
    return `${fn}(${current}, ${value})`;
  }

  private declare(s: AssignStmt | VarDeclStmt, id: Identifier, value: string): void {
    if (this.ctx.plan.neverRead.has(id.name)) {
      // Never read: only what computing the value does is kept (a request, an error).
      if (CREDENTIAL_ONLY.test(value) && value.includes('credential(')) {
        // Not evaluated, so no variable to set: the warning says the credential is simply left out.
        this.diagnostics.forEach((d, i) => {
          if (d.code === 'DLG6059' && d.span.start >= s.span.start && d.span.end <= s.span.end) {
            this.diagnostics[i] = diagnostic('DLG6059', d.span, `a credential is written in the script, in ${id.name}, which is never read: it is left out of the program`, { ruleId: 'emit-typescript', secret: true });
          }
        });
        return this.line(`// ${id.name} = a credential of the script, not copied (never read)`);
      }
      return this.line(/^(-?[\d.]+n?|"[^"]*"|true|false|null|\[\]|mapOf\(\))$/.test(value) ? `// ${id.name} = ${value} (never read)` : `${value};`);
    }
    const name = this.varName(id.name);
    const kind = this.ctx.plan.declareAt.get(s);
    this.line(kind ? `${kind} ${name}: Value = ${value};` : `${name} = ${value};`);
  }

  private ifStatement(s: Extract<Stmt, { kind: 'IfStmt' }>, keyword: 'if' | '} else if'): void {
    // An else-if's condition runs after the if's line was recorded: an error in it has its own line.
    const line = keyword === '} else if' && this.ctx.trackLines ? `delugeLine = ${this.lineOf(s.span.start)}, ` : '';
    if (line) this.use('delugeLine');
    this.line(`${keyword} (${line ? `(${line}${this.condition(s.condition)})` : this.condition(s.condition)}) {`);
    this.nested(s.then);
    if (s.else?.kind === 'IfStmt') {
      this.flushCommentsBefore(s.else.span.start);
      return this.ifStatement(s.else, '} else if');
    }
    if (s.else) {
      this.line('} else {');
      this.nested(s.else);
    }
    this.line('}');
  }

  private nested(b: Block): void {
    this.depth++;
    this.block(b.body, b.span.end);
    this.depth--;
  }

  private forEach(s: ForEachStmt): void {
    // Never read, or a loop of its own whose body does not use it (another loop reads it): an unused name for TypeScript.
    const unread = this.ctx.plan.neverRead.has(s.variable.name) || (this.ctx.plan.loopLocal.has(s) && !this.usedWithin(s.variable.name, s.body.span));
    const name = unread ? this.freshName(`_${s.variable.name}`) : this.varName(s.variable.name);
    const local = unread || this.ctx.plan.loopLocal.has(s);
    const iterable = this.expr(s.iterable).text;
    const helperName = s.index ? 'indexesOf' : 'eachOf';
    this.use(helperName);
    this.line(`for (${local ? 'const ' : ''}${name} of ${helperName}(${iterable})) {`);
    this.ctx.loops++;
    this.nested(s.body);
    this.ctx.loops--;
    this.line('}');
  }

  /** Whether the variable is read or assigned anywhere in the span (a loop body, a catch block). */
  private usedWithin(name: string, span: Span): boolean {
    const v = this.ctx.scope.variables.get(name);
    const inside = (id: Identifier) => id.span.start >= span.start && id.span.end <= span.end;
    return v !== undefined && (v.reads.some(inside) || v.definitions.some((d) => inside(d.id)));
  }

  private tryStatement(s: TryStmt): void {
    const name = this.varName(s.param.name);
    const local = this.ctx.plan.catchLocal.has(s);
    // `e.message` needs no line; `info e`, `"…" + e` and `e.lineNo` show the line the error happened on.
    const showsLine = this.catchShowsLine(s);
    const outer = this.ctx.trackLines;
    this.line('try {');
    this.ctx.trackLines = outer || showsLine;
    this.nested(s.body);
    this.ctx.trackLines = outer;
    const error = this.freshName('error');
    this.line(`} catch (${error}) {`);
    this.depth++;
    this.use('caught');
    const line = showsLine ? 'delugeLine' : `${this.lineOf(s.body.body[0]?.span.start ?? s.span.start)}`;
    if (showsLine) this.use('delugeLine');
    // A handler that does not use the variable binds nothing (an unused `const` fails `noUnusedLocals`).
    if (this.ctx.plan.neverRead.has(s.param.name) || (local && !this.usedWithin(s.param.name, s.handler.span))) this.line(`caught(${error}, ${line});`);
    else this.line(`${local ? 'const ' : ''}${name} = caught(${error}, ${line});`);
    if (local) this.ctx.caughtConsts.add(s.param.name);
    this.block(s.handler.body, s.handler.span.end);
    this.depth--;
    this.line('}');
  }

  private catchShowsLine(s: TryStmt): boolean {
    let shows = false;
    const visit = (node: Parameters<typeof childNodes>[0], parent?: Parameters<typeof childNodes>[0]): void => {
      if (node.kind === 'Identifier' && node.name === s.param.name && node !== s.param) {
        const isMessage = parent?.kind === 'MemberExpr' && parent.object === node && parent.property.name.toLowerCase() === 'message';
        if (!isMessage) shows = true;
      }
      for (const child of childNodes(node)) visit(child, node);
    };
    visit(s.handler);
    return shows;
  }

  /** The variables of the function read inside a node that is not converted (so they still count as read). */
  private readsIn(span: Span): string[] {
    const names = new Set<string>();
    for (const [id, ref] of this.ctx.resolution.references) {
      if (ref.scope !== this.ctx.scope || ref.access === 'write') continue;
      if (id.span.start < span.start || id.span.end > span.end || !this.ctx.names.has(id.name)) continue;
      // A variable the unconverted code defines itself is not declared in TypeScript.
      if (ref.variable.definitions.every((d) => d.id.span.start >= span.start && d.id.span.end <= span.end)) continue;
      names.add(this.varName(id.name));
    }
    return [...names];
  }

  private notConvertedStatement(span: Span, what: string): void {
    const call = this.notConverted(span, 'DLG6050', what, this.readsIn(span));
    this.placedNotes.add(this.notes.length - 1);
    this.line(`// NOTE: not converted: ${this.sourceLine(span)} — ${what}`);
    this.line(`${asStatement(call)};`);
  }

  /** The first line of a construct as written, for NOTE comments. */
  private sourceLine(span: Span): string {
    const file = this.ctx.loaded.file;
    const source = this.options.credentials?.maskSource(file, span.start, span.end) ?? file.text.slice(span.start, span.end);
    const text = source.split(/\r?\n/)[0]!.trim();
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  }

  /**
   * A warning, a note for the header, and the call that stops the program if it gets there. `values` are what the
   * unconverted code reads: a call's arguments, or the script's variables a Creator statement uses.
   */
  private notConverted(span: Span, code: DiagnosticCode, what: string, values: readonly string[] = []): string {
    const line = this.lineOf(span.start);
    this.diagnostics.push(diagnostic(code, span, `not converted to TypeScript: ${what}`, { ruleId: 'emit-typescript' }));
    this.notes.push(`line ${line}: ${what.replace(/\s+/g, ' ')}`);
    this.use('notConverted');
    return `notConverted(${[JSON.stringify(code), JSON.stringify(`${what} (line ${line})`), ...values].join(', ')})`;
  }

  // ── Expressions ────────────────────────────────────────────────────────────────────────────────────────

  private use(name: string): void {
    if (name) this.roots.add(name);
  }

  /** A condition that may not be a boolean, checked; `what` names it in the error unless it is an if statement's. */
  private condition(e: Expr, what?: string): string {
    return this.checkedCondition(this.expr(e), what);
  }

  private checkedCondition(code: Code, what?: string): string {
    if (code.type === 'boolean') return code.text;
    this.use('condition');
    return `condition(${code.text}${what === undefined ? '' : `, ${JSON.stringify(what)}`})`;
  }

  /** An operand of `&&`, `||` or `!`: parenthesised when it is itself an operator expression. */
  private operand(code: Code, above: number): string {
    return (code.prec ?? PRIMARY) <= above ? `(${code.text})` : code.text;
  }

  expr(e: Expr): Code {
    switch (e.kind) {
      case 'Identifier':
        return this.readName(e);
      case 'StringLiteral':
        return this.stringLiteral(e);
      case 'NumberLiteral':
        return this.numberLiteral(e.raw, e.decimal, e.span);
      case 'BooleanLiteral':
        return { text: String(e.value), type: 'boolean', literalKind: 'boolean' };
      case 'NullLiteral':
        return { text: 'null', type: 'value', literalKind: 'null' };
      case 'ListLiteral':
        return { text: `[${e.elements.map((el) => this.expr(el).text).join(', ')}]`, type: 'value' };
      case 'MapLiteral': {
        this.use('mapOf');
        const entries = e.entries.map((entry) => `[${this.mapKey(entry.key)}, ${this.expr(entry.value).text}]`);
        return { text: `mapOf(${entries.join(', ')})`, type: 'value' };
      }
      case 'ParenExpr':
        return this.expr(e.expr);
      case 'UnaryExpr': {
        if (e.op === '!') {
          const operand = this.expr(e.operand);
          if (operand.type === 'boolean') return { text: `!${this.operand(operand, UNARY - 1)}`, type: 'boolean', prec: UNARY };
          return { text: `!${this.checkedCondition(operand, 'The operand of !')}`, type: 'boolean', prec: UNARY };
        }
        if (e.op === '-' && e.operand.kind === 'NumberLiteral') return this.numberLiteral(`-${e.operand.raw}`, e.operand.decimal, e.span);
        if (e.op === '-') {
          this.use('negate');
          return { text: `negate(${this.expr(e.operand).text})`, type: 'value' };
        }
        this.use('plus');
        return { text: `plus(0n, ${this.expr(e.operand).text})`, type: 'value' };
      }
      case 'BinaryExpr': {
        // `"pk_" + "a1b2…"` holding a credential: read as one text, from one variable.
        const credential = this.options.credentials?.textOf(e);
        return credential ? this.credential(e, credential) : this.binary(e);
      }
      case 'ConditionalExpr': {
        const then = this.expr(e.then);
        const otherwise = this.expr(e.else);
        const type = then.type === otherwise.type ? then.type : 'value';
        // A condition that is itself `a ? b : c` in parentheses: JavaScript would read `a ? b : c ? d : e` as `a ? b : (c ? d : e)`.
        const test = this.expr(e.condition);
        const condition = test.type === 'boolean' ? this.operand(test, CONDITIONAL) : this.checkedCondition(test, 'The condition of if(…)');
        return { text: `${condition} ? ${then.text} : ${otherwise.text}`, type, prec: CONDITIONAL };
      }
      case 'MemberExpr':
        return this.member(e);
      case 'CallExpr':
        return this.call(e);
      case 'IndexExpr': {
        // A name with no assignment before it is a form, as the resolver reads it (`OAuth = OAuth[ID != 0];`).
        if (e.object.kind === 'Identifier' && this.ctx.names.has(e.object.name) && this.ctx.resolution.references.has(e.object) && e.criteria && !e.sortBy && !e.range) {
          this.use('elementAt');
          return { text: `elementAt(${this.expr(e.object).text}, ${this.expr(e.criteria).text})`, type: 'value' };
        }
        return { text: this.notConverted(e.span, 'DLG6050', 'a record query `Form[criteria]` is ' + CREATOR, this.readsIn(e.span)), type: 'value' };
      }
      case 'UiExpr':
        return { text: this.notConverted(e.span, 'DLG6050', 'a field UI handle (`input.Field:ui`) is ' + CREATOR, this.readsIn(e.span)), type: 'value' };
      case 'TaskExpr':
        return this.task(e);
      case 'QualifiedExpr': {
        if (!namesComponent(e)) return this.expr(e.value);
        // A template or report of the app, described as deluge run records it (src/runtime/attachments.ts).
        const qualifier = templateEscape(`${e.qualifier.toLowerCase()}:`);
        const name = e.value.kind === 'Identifier' ? templateEscape(e.value.name) : this.templatePart(this.expr(e.value));
        const form = e.form ? templateEscape(`:${e.form.name}`) + (e.record ? ` ${this.templatePart(this.expr(e.record))}` : '') : '';
        const format = e.format ? templateEscape(` as ${e.format.name}`) : '';
        return { text: `\`${qualifier}${name}${form}${format}\``, type: 'text' };
      }
      case 'InsertExpr':
        return { text: this.notConverted(e.span, 'DLG6050', '`insert into Form [ … ]` is ' + CREATOR, this.readsIn(e.span)), type: 'value' };
    }
  }

  private readName(e: Identifier): Code {
    const name = e.name;
    if (this.ctx.names.has(name)) return { text: this.ctx.plan.maybeUnassigned.has(e) ? this.assignedRead(e) : this.varName(name), type: 'value' };
    switch (name.toLowerCase()) {
      case 'input':
        this.usesInput = true;
        if (!this.ctx.isScript && (this.ctx.scope.node as FunctionDecl).params.length > 0) {
          this.ctx.readsOwnInput = true;
          return { text: 'functionInput', type: 'value' };
        }
        return { text: 'input', type: 'value' };
      case 'today':
        this.use('today');
        return { text: 'today()', type: 'value' };
      case 'now':
        this.use('now');
        return { text: 'now()', type: 'value' };
    }
    if (this.ctx.isScript) {
      this.use('argument');
      this.usesInput = true;
      return { text: `argument(input, ${JSON.stringify(name)})`, type: 'value' };
    }
    this.use('undefinedVariable');
    return { text: `undefinedVariable(${JSON.stringify(name)})`, type: 'value' };
  }

  private stringLiteral(e: Extract<Expr, { kind: 'StringLiteral' }>): Code {
    if (e.quote === "'") {
      // A single-quoted literal is a date-time when it reads as one (decided here, in the script's zone).
      const date = parseDateTimeText(e.value, this.options.timeZone, this.options.now);
      if (date) {
        this.use('localDate');
        const f = fieldsOf(date.epochMs, date.zone);
        const parts = date.dateOnly ? [f.year, f.month, f.day] : [f.year, f.month, f.day, f.hour, f.minute, f.second];
        return { text: `localDate(${parts.join(', ')}) /* ${e.raw.replace(/\*\//g, '*\\/')} */`, type: 'value' };
      }
    }
    const credential = this.options.credentials?.textOf(e);
    if (credential) return this.credential(e, credential);
    return { text: JSON.stringify(e.value), type: 'text', literal: e.value, literalKind: 'text' };
  }

  /**
   * A literal holding a credential: each credential piece read from its environment variable (`credential("…")`,
   * listed in the header), the rest of the text kept; a DLG6059 warning naming the variables, never the value.
   */
  private credential(e: CredentialNode, { value, parts }: CredentialText): Code {
    this.use('credential');
    const names = [...new Set(parts.map((p) => p.variable))];
    if (!this.warnedCredentials.has(e)) {
      this.warnedCredentials.add(e);
      const what = [...new Set(names.map((n) => this.options.credentials?.variable(n)?.what ?? 'a credential'))].join(' and ');
      const message = `${what} is written in the script: the program reads it from ${names.join(', ')} (listed in its header) instead of copying it`;
      this.diagnostics.push(diagnostic('DLG6059', e.span, message, { ruleId: 'emit-typescript', secret: true }));
    }
    const read = (p: CredentialPart): string => `credential(${JSON.stringify(p.variable)})`;
    const only = parts[0]!;
    if (parts.length === 1 && only.start === 0 && only.end === value.length) return { text: read(only), type: 'text' };
    let text = '';
    let at = 0;
    for (const p of parts) {
      text += `${templateEscape(value.slice(at, p.start))}\${${read(p)}}`;
      at = p.end;
    }
    return { text: `\`${text}${templateEscape(value.slice(at))}\``, type: 'text' };
  }

  private numberLiteral(raw: string, decimal: boolean, span: Span): Code {
    if (decimal) {
      const n = Number(raw);
      // As written when TypeScript reads it the same (`0.0` stays visibly a DECIMAL), else the number's shortest form.
      const text = /^-?\d+\.\d+$/.test(raw) ? raw : Number.isFinite(n) ? String(n) : 'Infinity';
      return { text, type: 'value', prec: raw.startsWith('-') ? UNARY : PRIMARY, literalKind: 'number' };
    }
    const n = BigInt(raw);
    if (n > 2n ** 63n - 1n || n < -(2n ** 63n)) {
      return { text: this.notConverted(span, 'DLG6056', `the number ${raw} does not fit in a NUMBER (64-bit integer)`), type: 'value' };
    }
    return { text: `${n}n`, type: 'value', prec: n < 0n ? UNARY : PRIMARY, literalKind: 'number' };
  }

  private mapKey(key: Expr): string {
    if (key.kind === 'Identifier' && !this.ctx.names.has(key.name)) return JSON.stringify(key.name);
    if (key.kind === 'StringLiteral' && key.quote === '"' && !this.options.credentials?.has(key)) return JSON.stringify(key.value);
    const code = this.expr(key);
    if (code.type === 'text') return code.text;
    this.use('mapKey');
    return `mapKey(${code.text})`;
  }

  private binary(e: BinaryExpr): Code {
    switch (e.op) {
      case '&&':
      case '||': {
        const left = this.expr(e.left);
        const right = this.expr(e.right);
        const prec = e.op === '&&' ? AND : OR;
        const side = (c: Code, node: Expr, which: string): string => {
          if (c.type !== 'boolean') return this.checkedCondition(c, `The ${which} side of ${e.op}`);
          // `a && b && c` needs no parentheses; `a || b` inside `&&` (or the other way round) gets them, for clarity.
          const sameOp = node.kind === 'BinaryExpr' && node.op === e.op;
          return sameOp ? c.text : this.operand(c, Math.max(AND, prec));
        };
        return { text: `${side(left, unparen(e.left), 'left')} ${e.op} ${side(right, unparen(e.right), 'right')}`, type: 'boolean', prec };
      }
      case '==':
      case '=':
      case '!=':
        return this.equality(e);
      case '<':
      case '<=':
      case '>':
      case '>=':
        this.use('compare');
        return { text: `compare(${this.expr(e.left).text}, '${e.op}', ${this.expr(e.right).text})`, type: 'boolean' };
      case '+':
        return this.plus(e);
      case '-':
      case '*':
      case '/':
      case '%': {
        const fn = { '-': 'minus', '*': 'times', '/': 'divide', '%': 'remainder' }[e.op];
        this.use(fn);
        return { text: `${fn}(${this.expr(e.left).text}, ${this.expr(e.right).text})`, type: 'value' };
      }
      case 'in':
      case 'not in': {
        this.use('isIn');
        const text = `isIn(${this.expr(e.left).text}, ${this.expr(e.right).text})`;
        return e.op === 'in' ? { text, type: 'boolean' } : { text: `!${text}`, type: 'boolean', prec: UNARY };
      }
      case 'is':
      case 'is not':
      case 'contains':
      case 'not contains':
      case 'starts with':
      case 'ends with':
        return { text: this.notConverted(e.span, 'DLG6050', `the criteria operator \`${e.op}\` belongs to ${CREATOR} record queries`, this.readsIn(e.span)), type: 'value' };
    }
  }

  /**
   * A variable assigned a literal of another kind than `literal` somewhere in its function (`x = {…}` against `""`):
   * TypeScript narrows the variable to that kind after the assignment and then rejects `x === ""` (types that
   * cannot overlap), so the comparison goes through `isEqual`. (Null is no other kind: comparing with it is allowed.)
   */
  private assignedOtherKind(operand: Expr, literal: Code): boolean {
    const u = unparen(operand);
    if (u.kind !== 'Identifier' || literal.literalKind === 'null') return false;
    const kindOf = (value: Expr | undefined): string | undefined => {
      const v = value && unparen(value);
      if (!v) return undefined;
      if (v.kind === 'MapLiteral' || v.kind === 'ListLiteral') return 'collection';
      if (v.kind === 'StringLiteral') return 'text';
      if (v.kind === 'NumberLiteral') return 'number';
      // `boolean` is the union `true | false` to TypeScript: `x = false` narrows x to `false`, and `x === true` then
      // does not compile (TS2367), so the other boolean counts as another kind.
      if (v.kind === 'BooleanLiteral') return String(v.value);
      return undefined;
    };
    const compared = literal.literalKind === 'boolean' ? literal.text : literal.literalKind;
    return (this.ctx.scope.variables.get(u.name)?.definitions ?? []).some((d) => {
      const kind = kindOf(d.node.kind === 'AssignStmt' ? d.node.value : d.node.kind === 'VarDeclStmt' ? d.node.init : undefined);
      return kind !== undefined && kind !== compared;
    });
  }

  /** `==`: plain `===` against a text, boolean or null literal (exactly Deluge's equality there), else `isEqual`. */
  private equality(e: BinaryExpr): Code {
    const negated = e.op === '!=';
    const left = this.expr(e.left);
    const right = this.expr(e.right);
    const plain = (x: Expr): boolean => {
      const u = unparen(x);
      return u.kind === 'NullLiteral' || u.kind === 'BooleanLiteral' || (u.kind === 'StringLiteral' && !(u.quote === "'" && parseDateTimeText(u.value, this.options.timeZone, this.options.now)));
    };
    // TypeScript rejects `===` between types that cannot overlap (`"1" === 1n`), so only where they can: two different
    // literals (`"ab" === "AB"`, `true === false`) are two types with no overlap too.
    const comparable = (a: Code, b: Code): boolean =>
      b.literalKind !== undefined &&
      (a.literalKind === undefined || (a.literalKind === b.literalKind && a.text === b.text)) &&
      (a.type === 'value' || (a.type === 'text' && b.literalKind === 'text') || (a.type === 'boolean' && b.literalKind === 'boolean'));
    if ((plain(e.right) && comparable(left, right) && !this.assignedOtherKind(e.left, right)) || (plain(e.left) && comparable(right, left) && !this.assignedOtherKind(e.right, left))) {
      return { text: `${this.operand(left, EQUALITY)} ${negated ? '!==' : '==='} ${this.operand(right, EQUALITY)}`, type: 'boolean', prec: EQUALITY };
    }
    this.use('isEqual');
    const text = `isEqual(${left.text}, ${right.text})`;
    return negated ? { text: `!${text}`, type: 'boolean', prec: UNARY } : { text, type: 'boolean' };
  }

  /**
   * `+`: text concatenation when either side is text — written as a template literal over the whole chain
   * (`"a" + x + "b"` → `` `a${asText(x)}b` ``, null showing as "") — else `plus(a, b)`.
   */
  private plus(e: BinaryExpr): Code {
    const left = this.expr(e.left);
    const right = this.expr(e.right);
    if (left.type !== 'text' && right.type !== 'text') {
      this.use('plus');
      return { text: `plus(${left.text}, ${right.text})`, type: 'value' };
    }
    let head = this.templatePart(left);
    const tail = this.templatePart(right);
    // A `$` ending one part and a `{` starting the next would open a placeholder: escape the `$`.
    if (tail.startsWith('{') && /(^|[^\\])(\\\\)*\$$/.test(head)) head = `${head.slice(0, -1)}\\$`;
    return { text: `\`${head}${tail}\``, type: 'text' };
  }

  private templatePart(code: Code): string {
    if (code.type === 'text') {
      if (code.text.startsWith('`') && code.text.endsWith('`')) return code.text.slice(1, -1);
      if (code.literal !== undefined) return templateEscape(code.literal);
      return `\${${code.text}}`;
    }
    this.use('asText');
    return `\${asText(${code.text})}`;
  }

  private member(e: MemberExpr): Code {
    const root = rootIdentifier(e);
    if (root && root.name.toLowerCase() === 'zoho' && !this.ctx.names.has(root.name)) {
      const written = (dottedParts(e) ?? []).slice(1).map((part) => part.name);
      const name = written.join('.').toLowerCase();
      if (name === 'currenttime') {
        this.use('now');
        return { text: 'now()', type: 'value' };
      }
      if (name === 'currentdate') {
        this.use('today');
        return { text: 'today()', type: 'value' };
      }
      if (Object.hasOwn(DEFAULT_SYSTEM, name)) {
        return { text: `${JSON.stringify(DEFAULT_SYSTEM[name])} /* zoho.${written.join('.')}, as deluge run shows it */`, type: 'text' };
      }
    }
    if (e.object.kind === 'Identifier' && this.ctx.caughtConsts.has(e.object.name)) {
      const property = e.property.name.toLowerCase();
      if (property === 'message') return { text: `${this.varName(e.object.name)}.message`, type: 'text' };
      if (property === 'lineno') return { text: `BigInt(${this.varName(e.object.name)}.lineNo)`, type: 'value' };
    }
    this.use('field');
    return { text: `field(${this.expr(e.object).text}, ${JSON.stringify(e.property.name)})`, type: 'value' };
  }

  // ── Calls ──────────────────────────────────────────────────────────────────────────────────────────────

  private args(args: readonly Argument[]): string[] {
    return args.map((arg) => {
      if (arg.kind !== 'KeyValueArg') return this.expr(arg).text;
      this.use('keyValue');
      return `keyValue(${this.expr(arg.key).text}, ${this.expr(arg.value).text})`;
    });
  }

  private call(e: CallExpr): Code {
    const target = this.ctx.resolution.calls.get(e);
    const user = this.userTarget(target, e);
    if (user) return this.userCall(user, e);
    if (!target) return { text: this.notConverted(e.span, 'DLG6051', 'a call the emitter could not resolve'), type: 'value' };
    switch (target.kind) {
      case 'function':
        return this.namedCall(target.name, e);
      case 'builtin':
        return this.builtinCall(target.name, e.args, e);
      case 'integration':
        return this.integration(target.name, e);
      case 'external':
        // deluge run finds no such function before it evaluates the arguments (DLG4019): none is evaluated here either,
        // but the variables they read are passed, so that one read only there is still read (noUnusedLocals).
        return { text: this.notConverted(e.span, 'DLG6054', `'${target.name}' is defined neither in this file nor in the --functions files`, this.readsIn(e.span)), type: 'value' };
      case 'method':
        return this.builtinCall(target.name, [target.object, ...e.args], e, true);
      case 'user':
        return this.userCall(this.functions.get(target.decl.name.map((n) => n.name).join('.').toLowerCase())!, e);
    }
  }

  private userCall(fn: UserFunction, e: CallExpr): Code {
    const name = fn.decl.name.map((n) => n.name).join('.');
    if (e.args.length !== fn.decl.params.length) {
      const expected = fn.decl.params.length;
      return { text: this.notConverted(e.span, 'DLG6055', `'${name}' takes ${expected} argument${expected === 1 ? '' : 's'} but is given ${e.args.length}`, this.args(e.args)), type: 'value' };
    }
    const call = `${fn.tsName}(${this.args(e.args).join(', ')})`;
    return fn.async ? { text: `await ${call}`, type: 'value', prec: UNARY } : { text: call, type: 'value' };
  }

  /** `name(…)`: a constructor, a request function, a builtin in function form, or a Creator function. */
  private namedCall(name: string, e: CallExpr): Code {
    const lower = name.toLowerCase();
    switch (lower) {
      case 'map': {
        const args = this.args(e.args);
        if (args.length === 0) {
          this.use('mapOf');
          return { text: 'mapOf()', type: 'value' };
        }
        this.use('newMap');
        return { text: `newMap(${args.slice(0, 1).join(', ')})`, type: 'value' };
      }
      case 'list': {
        const args = this.args(e.args);
        const type = e.elementType ? listElementType(e.elementType) : undefined;
        if (!type && args.length === 0) return { text: '[]', type: 'value' };
        this.use('newList');
        if (type) this.use('LIST_TYPES');
        if (type === 'DATE-TIME') this.use('parseDateTimeText');
        return { text: `newList(${type ? JSON.stringify(type) : 'null'}${args.map((a) => `, ${a}`).join('')})`, type: 'value' };
      }
      case 'collection':
        this.use('newCollection');
        return { text: `newCollection(${this.args(e.args).join(', ')})`, type: 'value' };
      case 'geturl':
      case 'posturl': {
        const fn = lower === 'geturl' ? 'getUrl' : 'postUrl';
        this.use(fn);
        return { text: `await ${fn}(${this.args(e.args).join(', ')})`, type: 'value', prec: UNARY };
      }
    }
    if (REQUEST_FUNCTIONS.has(lower)) {
      return { text: this.notConverted(e.span, 'DLG6052', `\`${name}(…)\` is a request function deluge run does not perform either`, this.args(e.args)), type: 'value' };
    }
    if (CREATOR_FUNCTIONS.has(lower)) return { text: this.notConverted(e.span, 'DLG6050', `\`${name}\` is ${CREATOR}`, this.args(e.args)), type: 'value' };
    return this.builtinCall(name, e.args, e);
  }

  /** A builtin, by its Deluge name: its helper with the value it applies to first (`x.trim()` → `trim(x)`). */
  private builtinCall(name: string, args: readonly Argument[], e: CallExpr, method = false): Code {
    const lower = name.toLowerCase();
    const specs = BUILTINS.named(name);
    if (specs.length === 0 && !BUILTIN_HELPERS.has(lower)) {
      const shown = method ? `.${name}(…)` : `${name}(…)`;
      const why = DOCUMENTED_NOT_RUN.has(lower)
        ? 'is a Deluge function deluge run does not implement yet'
        : OTHER_KNOWN_METHODS.has(lower)
          ? `is a Creator record-set function, which ${CREATOR.replace(/^a Zoho Creator statement, which /, '')}`
          : 'is not a Deluge function deluge run knows';
      return { text: this.notConverted(e.span, 'DLG6051', `\`${shown}\` ${why}`, this.args(args)), type: 'value' };
    }
    const helperName = BUILTIN_HELPERS.get(lower) ?? this.aliasHelper(name);
    if (!helperName) {
      return { text: this.notConverted(e.span, 'DLG6051', `the function \`${name}\` has no TypeScript helper yet`, this.args(args)), type: 'value' };
    }
    // A method Deluge only has as a function (`x.ifnull(y)`), or the other way round: Deluge's own error.
    const wrongForm = wrongFormMessage(specs, method ? 'method' : 'function');
    if (wrongForm) {
      this.use('notApplicable');
      const values = this.args(args);
      return { text: `notApplicable(${JSON.stringify(name)}, ${JSON.stringify(wrongForm)}, ${values.length > 0 ? values.join(', ') : 'null'})`, type: 'value' };
    }
    const [min = 0, max = -1] = helper(helperName).arity ?? [];
    const count = args.length;
    const spec = specs.find((s) => s.receiver === undefined) ?? specs[0];
    const accepted = spec ? deluge_arity(spec, count, method) : true;
    if (!accepted || count < min || (max >= 0 && count > max)) {
      return { text: this.notConverted(e.span, 'DLG6055', `\`${name}\` is called with ${method ? count - 1 : count} argument${count === (method ? 2 : 1) ? '' : 's'}, which ${accepted ? 'its TypeScript helper does not take' : 'Deluge does not accept'}`, this.args(args)), type: 'value' };
    }
    this.use(helperName);
    if (DATE_HELPERS.has(helperName)) this.use('parseDateTimeText');
    // `ms.toString("dd-MM-yyyy")`: with a pattern, epoch milliseconds and date-time text are formatted as date-times.
    if (helperName === 'toString' && count > 1) {
      this.use('toDateTimeString');
      this.use('parseDateTimeText');
    }
    const returns = RETURNS[helperName] ?? 'value';
    const values = this.args(args);
    // On null, deluge run names the function as the script wrote it (`toLong`, `toText`, `getJSON`), which a helper
    // of another name cannot: the receiver (the first argument of the function form, `toText(x)`) is checked first,
    // by that name.
    const onReceiver = method || specs.some((s) => s.receiver !== undefined && s.form !== 'method');
    if (onReceiver && values.length > 0 && name !== helperName && BUILTINS.method(name, null) === undefined) {
      this.use('present');
      values[0] = `present(${values[0]}, ${JSON.stringify(name)})`;
    }
    // In function form, a builtin that takes fewer types than as a method (`sort(x)`, `remove(x, y)`) refuses the
    // others as deluge run does, naming the types of the function form; the helper would take them all.
    const functionTypes = method ? undefined : functionFormTypes(specs);
    if (functionTypes !== undefined && values.length > 0) {
      this.use('inFunctionForm');
      values.splice(0, values.length, `...inFunctionForm(${JSON.stringify(name)}, ${JSON.stringify(functionTypes)}, ${values.join(', ')})`);
    }
    // Called by an alias, the helper's errors are renamed to it as deluge run renames them (src/runtime/errors.ts
    // asCalled); a helper of the alias's own (`toLong`) names itself. Called by its own name in other letters
    // (`CONTAINS`), only a refused argument is named as written (registry.ts checkArguments).
    const aliased = specs.find((s) => s.name.toLowerCase() !== lower && s.aliases?.some((a) => a.toLowerCase() === lower));
    const ownHelper = helper(helperName).builtins?.every((b) => b === lower) ?? false;
    const otherLetters = specs.find((s) => s.name !== name && s.name.toLowerCase() === lower && refusesArgumentTypes(s));
    const renamed = aliased && !ownHelper ? aliased : otherLetters;
    if (renamed) {
      this.use('asCalled');
      return { text: `asCalled(${JSON.stringify(name)}, ${JSON.stringify(renamed.name)}, ${helperName}${values.map((v) => `, ${v}`).join('')})`, type: returns };
    }
    return { text: `${helperName}(${values.join(', ')})`, type: returns };
  }

  /** A builtin called by an alias: the helper of its declaration's canonical name. */
  private aliasHelper(name: string): string | undefined {
    for (const spec of BUILTINS.named(name)) {
      const found = BUILTIN_HELPERS.get(spec.name.toLowerCase());
      if (found) return found;
    }
    return undefined;
  }

  /** `zoho.crm.*` as CRM requests; every other integration task is not converted. */
  private integration(name: string, e: CallExpr): Code {
    const parts = crmTaskName(name);
    const task = parts && CRM_TASKS.find((t) => t.toLowerCase() === parts.shortName);
    if (!parts || !task || (parts.versioned && task === 'invokeConnector')) {
      const why = crmTaskAdvice(name) ?? `the integration task \`${name}\` has no local implementation (deluge run needs a --stub for it too)`;
      return { text: this.notConverted(e.span, 'DLG6052', why, this.args(e.args)), type: 'value' };
    }
    this.noteCrmConnection(task, e.args);
    const args = this.args(e.args);
    if (parts.versioned) {
      this.use('crmTask');
      return { text: `await crmTask(${JSON.stringify(`v8.${task}`)}, [${args.join(', ')}])`, type: 'value', prec: UNARY };
    }
    this.use('zohoCrm');
    return { text: `await zohoCrm.${task}(${args.join(', ')})`, type: 'value', prec: UNARY };
  }

  private noteCrmConnection(task: string, args: readonly Argument[]): void {
    const params = CRM_TASK_PARAMS[task.toLowerCase()] ?? 0;
    if (task === 'invokeConnector') return this.noteConnection(this.options.defaultCrmConnection);
    if (args.length <= params) return this.noteConnection(this.options.defaultCrmConnection);
    const last = args[args.length - 1]!;
    if (last.kind === 'StringLiteral') this.noteConnection(last.value.trim());
    else if (last.kind === 'NullLiteral') this.noteConnection(this.options.defaultCrmConnection);
    else this.dynamicConnection = true;
  }

  private noteConnection(name: string): void {
    if (!this.connections.includes(name)) this.connections.push(name);
  }

  // ── Tasks ──────────────────────────────────────────────────────────────────────────────────────────────

  private task(e: TaskExpr): Code {
    if (e.task === 'sendmail') return this.sendmail(e);
    if (!isRequestTaskName(e.task)) {
      return { text: this.notConverted(e.span, 'DLG6052', `the task \`${e.rawName}\` has no request form (deluge run cannot perform it either)`, this.readsIn(e.span)), type: 'value' };
    }
    const keys = e.task === 'invokeapi' ? INVOKEAPI_KEYS : TASK_KEYS;
    const entries: string[] = [];
    for (const p of e.params) {
      const key = p.key.toLowerCase();
      if (!keys.includes(key)) {
        return { text: this.notConverted(p.keySpan, 'DLG6057', `${e.task} has no parameter '${p.key}' (it takes ${keys.join(', ')})`, this.readsIn(e.span)), type: 'value' };
      }
      if (key === 'connection') {
        const value = unparen(p.value);
        if (value.kind === 'StringLiteral') this.noteConnection(value.value.trim());
        else this.dynamicConnection = true;
      }
      if (key === 'files' || key === 'response-format') this.use('DelugeFile');
      entries.push(`${/^[a-z]+$/.test(key) ? key : JSON.stringify(key)}: ${this.taskValue(p.value)}`);
    }
    // invokeapi without a connection uses the CRM connection, as `deluge run` does.
    if (e.task === 'invokeapi' && !e.params.some((p) => p.key.toLowerCase() === 'connection')) this.noteConnection(this.options.defaultCrmConnection);
    const helper = e.task === 'invokeapi' ? 'invokeApi' : 'invokeUrl';
    this.use(helper);
    if (this.mayGetWithBody(e)) this.use('sendWithNodeHttp');
    return { text: `await ${helper}({ ${entries.join(', ')} })`, type: 'value', prec: UNARY };
  }

  /** A GET (or a method chosen at run time) with a `body` or a text `parameters`: `fetch` cannot send that. */
  private mayGetWithBody(e: TaskExpr): boolean {
    const param = (key: string): Expr | undefined => e.params.find((p) => p.key.toLowerCase() === key)?.value;
    const type = param('type');
    const method = type === undefined ? 'GET' : type.kind === 'Identifier' && !this.ctx.names.has(type.name) ? type.name : type.kind === 'StringLiteral' ? type.value : undefined;
    if (method !== undefined && method.trim().toUpperCase() !== 'GET') return false;
    const parameters = param('parameters');
    return param('body') !== undefined || (parameters !== undefined && parameters.kind !== 'MapLiteral' && !(parameters.kind === 'Identifier' && this.ctx.names.has(parameters.name)));
  }

  /** A task parameter's value: a name that is not a variable is a bare word (`type: GET`). */
  private taskValue(value: Expr): string {
    if (value.kind === 'Identifier' && !this.ctx.names.has(value.name)) return JSON.stringify(value.name);
    return this.expr(value).text;
  }

  private sendmail(e: TaskExpr): Code {
    this.diagnostics.push(diagnostic('DLG6053', { start: e.span.start, end: e.span.start + e.rawName.length }, 'sendmail is not sent: the program describes the mail on stderr, as deluge run does', { ruleId: 'emit-typescript' }));
    this.notes.push(`line ${this.lineOf(e.span.start)}: sendmail is not sent; the mail is described on stderr, as deluge run does`);
    this.use('sendMail');
    const entries = e.params.map((p) => `${JSON.stringify(p.key.toLowerCase())}: ${this.taskValue(p.value)}`);
    return { text: `sendMail({ ${entries.join(', ')} })`, type: 'value' };
  }
}

/** Helpers whose date-time arguments may be text to read as a date. */
const DATE_HELPERS = new Set(['addDay', 'subDay', 'addWeek', 'subWeek', 'addMonth', 'subMonth', 'addYear', 'subYear', 'addHour', 'subHour', 'addMinutes', 'subMinutes', 'addSeconds', 'subSeconds', 'addBusinessDay', 'subBusinessDay', 'daysBetween', 'hoursBetween', 'getDay', 'getMonth', 'getYear', 'getHour', 'getMinutes', 'getSeconds', 'weekday', 'toDate', 'toDateTime', 'toTime', 'toStartOfMonth', 'eomonth']);

/** Helpers whose TypeScript result is exactly a text or a boolean (so no conversion is written around them). */
const RETURNS: Readonly<Record<string, StaticType>> = {
  trim: 'text',
  toLowerCase: 'text',
  toUpperCase: 'text',
  proper: 'text',
  encodeUrl: 'text',
  leftpad: 'text',
  rightpad: 'text',
  concat: 'text',
  reverse: 'text',
  repeat: 'text',
  isEmpty: 'boolean',
  isNull: 'boolean',
  isBlank: 'boolean',
  startsWith: 'boolean',
  endsWith: 'boolean',
  equalsIgnoreCase: 'boolean',
  containsIgnoreCase: 'boolean',
  contains: 'boolean',
  notContains: 'boolean',
  containKey: 'boolean',
  containValue: 'boolean',
  matches: 'boolean',
  equals: 'boolean',
  isEven: 'boolean',
  isOdd: 'boolean',
};

/**
 * An expression as a statement. TypeScript takes a call of a function that returns `never`, written as a statement,
 * as the end of its code path: the code after `notConverted(…);` would be unreachable to it, and the names read
 * there typed `never` — a program that no longer type-checks. `void` keeps the call an expression (it still stops
 * the program when reached).
 */
function asStatement(code: string): string {
  return code.startsWith('notConverted(') ? `void ${code}` : code;
}

/**
 * The types a builtin applies to in function form, when they are not those it applies to as a method (the types the
 * helper takes and names): `sort` is LIST in function form, LIST and COLLECTION as a method. Undefined otherwise.
 */
function functionFormTypes(specs: readonly BuiltinSpec[]): string | undefined {
  const typesOf = (inForm: (s: BuiltinSpec) => boolean): string[] => [
    ...new Set(specs.filter((s) => s.receiver !== undefined && inForm(s)).flatMap((s) => (typeof s.receiver === 'string' ? [s.receiver] : s.receiver!))),
  ];
  const asFunction = typesOf((s) => s.form !== 'method');
  const asMethod = typesOf((s) => s.form !== 'function');
  if (asFunction.length === 0 || asFunction.includes('ANY')) return undefined;
  const same = asFunction.length === asMethod.length && asFunction.every((t) => asMethod.includes(t));
  return same ? undefined : asFunction.join(', ');
}

/** Whether Deluge accepts `count` arguments (the receiver included for a method call). */
function deluge_arity(spec: ReturnType<typeof BUILTINS.named>[number], count: number, method: boolean): boolean {
  const params = spec.params;
  const required = params.filter((p) => !p.optional && !p.rest).length;
  const max = params.some((p) => p.rest) ? Infinity : params.length;
  const given = spec.receiver !== undefined || method ? count - 1 : count;
  return given >= required && given <= max;
}

function parameterType(name: string): string | undefined {
  const scalar = listElementType(name);
  if (scalar) return scalar;
  const lower = name.toLowerCase();
  return lower === 'map' ? 'MAP' : lower === 'list' ? 'LIST' : undefined;
}

function unparen(e: Expr): Expr {
  while (e.kind === 'ParenExpr') e = e.expr;
  return e;
}

function rootIdentifier(e: Expr): Identifier | undefined {
  let node = e;
  while (node.kind === 'MemberExpr') node = node.object;
  return node.kind === 'Identifier' ? node : undefined;
}

/**
 * The comments of a function (inside it, or just before it with no statement of the script in between), or of the
 * script (all others).
 */
function commentsOf(program: Program, fn: FunctionDecl | undefined): Comment[] {
  const owner = (c: Comment): FunctionDecl | undefined => {
    for (const item of program.body) {
      if (item.span.end <= c.span.start) continue;
      // The first item after (or around) the comment: a function owns it, a statement leaves it to the script.
      return item.kind === 'FunctionDecl' ? item : undefined;
    }
    return undefined;
  };
  return program.comments.filter((c) => owner(c) === fn);
}

function hasBlock(s: Stmt): boolean {
  return s.kind === 'IfStmt' || s.kind === 'ForEachStmt' || s.kind === 'TryStmt' || s.kind === 'WhileStmt' || s.kind === 'CStyleForStmt' || s.kind === 'TemplateStmt';
}

function endsWithJump(statements: readonly Stmt[]): boolean {
  const last = [...statements].reverse().find((s) => s.kind !== 'EmptyStmt');
  return last?.kind === 'ReturnStmt' || last?.kind === 'ThrowStmt';
}

/** Text inside a template literal: backslashes, backticks and `${` escaped, control characters as escapes. */
export function templateEscape(text: string): string {
  return text.replace(/[\\`]|\$\{|[\u0000-\u001f\u2028\u2029]/g, (c) => {
    if (c === '\\' || c === '`') return `\\${c}`;
    if (c === '${') return '\\${';
    const escapes: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    return escapes[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
