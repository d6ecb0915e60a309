import { namesComponent, type Argument, type Block, type CallExpr, type Expr, type ForEachStmt, type Node, type Stmt, type TaskExpr, type TryStmt } from '../syntax/ast.js';
import { childNodes } from '../syntax/walk.js';
import { componentAttachmentText } from './attachments.js';
import { KeyValuePair } from './builtins/collection.js';
import { DelugeError } from './errors.js';
import {
  applyBinary,
  applyUnary,
  Completion,
  fieldOf,
  isInputField,
  Interpreter,
  type LoadedProgram,
  type UserFunction,
  withCallSite,
} from './interpreter.js';
import { truth } from './operators.js';
import type { RunResult } from './run.js';
import { textForm } from './text-form.js';
import { ErrorValue, ListValue, MapValue, toMapKey, type Value } from './values.js';

/**
 * The asynchronous layer of the interpreter, for runs whose task host answers with promises (HTTP). Only the
 * statements and expressions that contain a task — found once by looking at the code — take this path; the
 * rest of the script runs on the synchronous interpreter at full speed, so a loop that computes stays as fast
 * as before and a loop that deletes awaits each request in turn.
 */
export class AsyncInterpreter extends Interpreter {
  private readonly asyncNodes = new WeakMap<object, boolean>();
  private readonly asyncFunctions = new Map<UserFunction['decl'], boolean>();
  private static readonly NO_VARIABLES: ReadonlyMap<string, Value> = new Map();

  async runAsync(main: LoadedProgram, libraries: readonly LoadedProgram[]): Promise<RunResult> {
    this.declareAll(main, libraries);
    this.startedAt = this.lastTurn = this.options.clock();
    let result: Value | undefined;
    let completed = false;
    const diagnostics = [];
    try {
      result = await this.runMainAsync(main);
      completed = true;
    } catch (error) {
      diagnostics.push(this.toDiagnostic(error, main.file));
    }
    return { info: this.info, result, mails: this.mails, diagnostics, statements: this.statements, completed, missingArguments: this.missingArguments };
  }

  private async runMainAsync(main: LoadedProgram): Promise<Value | undefined> {
    const statements = main.program.body.filter((n): n is Stmt => n.kind !== 'FunctionDecl' && n.kind !== 'EmptyStmt');
    if (statements.length > 0) {
      this.frame = { vars: new Map(), file: main.file };
      for (const [name, value] of this.input.entries) this.frame.vars.set(String(name), value);
      const completion = await this.execStatementsAsync(statements);
      return completion === Completion.Return ? this.returnValue : undefined;
    }
    const entry = this.entryFunction(main);
    if (!entry) return undefined;
    this.frame = { vars: new Map(), file: main.file };
    const args = entry.params.map((p) => this.argumentFor(p.name.name));
    const result = await this.callFunctionAsync({ decl: entry, file: main.file }, args, entry.span);
    return entry.returnType.name.toLowerCase() === 'void' ? undefined : result;
  }

  // ── Which code needs to wait ──────────────────────────────────────────────────────────────────────────

  /** Whether a node contains a task (or a call of a function of the script that does). */
  private needsAsync(node: Node): boolean {
    const known = this.asyncNodes.get(node);
    if (known !== undefined) return known;
    let result = false;
    if (node.kind === 'TaskExpr') result = node.task !== 'sendmail';
    // (A loop that only computes waits too when the run is to stay stoppable: it lets the event loop turn, below.)
    else if (node.kind === 'ForEachStmt' && this.options.stop?.turnEveryMs !== undefined) result = true;
    else if (node.kind === 'CallExpr') {
      const target = this.resolveCall(node, AsyncInterpreter.NO_VARIABLES);
      result = target.kind === 'host' || (target.kind === 'user' && this.functionNeedsAsync(target.fn));
    }
    if (!result) result = childNodes(node).some((child) => this.needsAsync(child));
    this.asyncNodes.set(node, result);
    return result;
  }

  private functionNeedsAsync(fn: UserFunction): boolean {
    const known = this.asyncFunctions.get(fn.decl);
    if (known !== undefined) return known;
    this.asyncFunctions.set(fn.decl, false); // recursion: a function is async through its own tasks, found below
    const result = this.needsAsync(fn.decl.body);
    this.asyncFunctions.set(fn.decl, result);
    return result;
  }

  // ── Statements ─────────────────────────────────────────────────────────────────────────────────────────

  private async execBlockAsync(block: Block): Promise<Completion> {
    return this.needsAsync(block) ? this.execStatementsAsync(block.body) : this.execBlock(block);
  }

  private async execStatementsAsync(statements: readonly Stmt[]): Promise<Completion> {
    for (const statement of statements) {
      const completion = this.needsAsync(statement) ? await this.execAsync(statement) : this.exec(statement);
      if (completion !== Completion.Normal) return completion;
    }
    return Completion.Normal;
  }

  private async execAsync(s: Stmt): Promise<Completion> {
    this.tick(s);
    switch (s.kind) {
      case 'ExprStmt':
        await this.evaluateAsync(s.expr);
        return Completion.Normal;
      case 'AssignStmt':
        this.assignValue(s, await this.evaluateAsync(s.value));
        return Completion.Normal;
      case 'VarDeclStmt':
        this.frame.vars.set(s.name.name, s.init ? await this.evaluateAsync(s.init) : null);
        return Completion.Normal;
      case 'InfoStmt': {
        const line = textForm(await this.evaluateAsync(s.value));
        this.info.push(line);
        this.options.onInfo?.(line);
        return Completion.Normal;
      }
      case 'IfStmt': {
        if (await this.conditionAsync(s.condition, 'An if condition')) return this.execBlockAsync(s.then);
        if (s.else === undefined) return Completion.Normal;
        return s.else.kind === 'IfStmt' ? this.execStatementsAsync([s.else]) : this.execBlockAsync(s.else);
      }
      case 'ForEachStmt':
        return this.forEachAsync(s);
      case 'TryStmt':
        return this.tryCatchAsync(s);
      case 'ThrowStmt': {
        const value = await this.evaluateAsync(s.value);
        throw new DelugeError('DLG4009', value instanceof ErrorValue ? value.message : textForm(value), s.span, true, value);
      }
      case 'ReturnStmt':
        this.returnValue = s.value ? await this.evaluateAsync(s.value) : null;
        return Completion.Return;
      default:
        // No other statement holds an expression that can contain a task.
        return this.execCounted(s);
    }
  }

  private async forEachAsync(s: ForEachStmt): Promise<Completion> {
    const items = this.iterationItems(await this.evaluateAsync(s.iterable), s);
    const name = s.variable.name;
    for (let i = 0; i < items.length; i++) {
      this.frame.vars.set(name, s.index ? BigInt(i) : items[i]!);
      // (A body with nothing to wait for runs at the synchronous interpreter's speed, the loop only turning the event loop.)
      const completion = this.needsAsync(s.body) ? await this.execStatementsAsync(s.body.body) : this.execBlock(s.body);
      if (completion === Completion.Break) break;
      if (completion === Completion.Return) return completion;
      if (this.options.clock() - this.lastTurn >= (this.options.stop?.turnEveryMs ?? Infinity)) await this.letEventLoopTurn();
    }
    return Completion.Normal;
  }

  /** When the event loop last turned for a loop of the script (see RunOptions.stop.turnEveryMs). */
  private lastTurn = 0;

  /**
   * Lets timers, I/O and signal handlers run (a macrotask: promise callbacks alone would not let them). A timer, which
   * browsers have too: its millisecond once every turnEveryMs costs little.
   */
  private async letEventLoopTurn(): Promise<void> {
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    this.lastTurn = this.options.clock();
  }

  private async tryCatchAsync(s: TryStmt): Promise<Completion> {
    try {
      return await this.execBlockAsync(s.body);
    } catch (error) {
      this.bindCaught(error, s);
      return this.execBlockAsync(s.handler);
    }
  }

  private async conditionAsync(expr: Expr, what: string): Promise<boolean> {
    const done = this.options.onCondition?.(expr);
    const value = await this.evaluateAsync(expr);
    done?.();
    try {
      return truth(value, what);
    } catch (error) {
      if (error instanceof DelugeError) error.span ??= expr.span;
      throw error;
    }
  }

  // ── Expressions ────────────────────────────────────────────────────────────────────────────────────────

  private async evaluateAsync(e: Expr): Promise<Value> {
    if (!this.needsAsync(e)) return this.evaluate(e);
    try {
      return await this.evaluateAsyncUnchecked(e);
    } catch (error) {
      throw this.located(error, e);
    }
  }

  private async evaluateAsyncUnchecked(e: Expr): Promise<Value> {
    switch (e.kind) {
      case 'ParenExpr':
        return this.evaluateAsync(e.expr);
      case 'QualifiedExpr':
        if (!namesComponent(e)) return this.evaluateAsync(e.value);
        return componentAttachmentText(
          e,
          e.value.kind === 'Identifier' ? undefined : await this.evaluateAsync(e.value),
          e.record && (await this.evaluateAsync(e.record)),
        );
      case 'ListLiteral': {
        const items: Value[] = [];
        for (const element of e.elements) items.push(await this.evaluateAsync(element));
        return new ListValue(items);
      }
      case 'MapLiteral': {
        const entries = new Map();
        for (const entry of e.entries) {
          const key = this.bareWord(entry.key) ?? (await this.evaluateAsync(entry.key));
          entries.set(toMapKey(key), await this.evaluateAsync(entry.value));
        }
        return new MapValue(entries);
      }
      case 'UnaryExpr':
        return this.leastNumberLiteral(e) ?? applyUnary(e.op, await this.evaluateAsync(e.operand));
      case 'BinaryExpr':
        if (e.op === '&&') return (await this.conditionAsync(e.left, 'The left side of &&')) && this.conditionAsync(e.right, 'The right side of &&');
        if (e.op === '||') return (await this.conditionAsync(e.left, 'The left side of ||')) || this.conditionAsync(e.right, 'The right side of ||');
        return applyBinary(e.op, await this.evaluateAsync(e.left), await this.evaluateAsync(e.right));
      case 'ConditionalExpr':
        return (await this.conditionAsync(e.condition, 'The condition of if(…)')) ? this.evaluateAsync(e.then) : this.evaluateAsync(e.else);
      case 'MemberExpr':
        if (isInputField(e)) return this.inputField(e, await this.evaluateAsync(e.object));
        return this.systemMember(e) ?? fieldOf(await this.evaluateAsync(e.object), e.property.name);
      case 'CallExpr':
        return this.callAsync(e);
      case 'TaskExpr':
        return this.taskAsync(e);
      default:
        // Identifiers, literals, Creator-only forms: nothing in them waits.
        return this.evaluate(e);
    }
  }

  private async evaluateArgumentsAsync(args: readonly Argument[]): Promise<Value[]> {
    const values: Value[] = [];
    for (const arg of args) {
      if (arg.kind !== 'KeyValueArg') {
        values.push(await this.evaluateAsync(arg));
        continue;
      }
      const pair = new KeyValuePair();
      pair.entries.set(toMapKey(await this.evaluateAsync(arg.key)), await this.evaluateAsync(arg.value));
      values.push(pair);
    }
    return values;
  }

  private async callAsync(e: CallExpr): Promise<Value> {
    const target = this.resolveCall(e);
    switch (target.kind) {
      case 'builtin':
        return this.callBuiltin(target.spec, target.name, null, await this.evaluateArgumentsAsync(e.args));
      case 'user': {
        const args = await this.evaluateArgumentsAsync(e.args);
        return this.functionNeedsAsync(target.fn) ? this.callFunctionAsync(target.fn, args, e.span) : this.callFunction(target.fn, args, e.span);
      }
      case 'host': {
        const args = await this.evaluateArgumentsAsync(e.args);
        return this.hostAnswer(target, await this.options.tasks?.call?.(target.name, args, e), e);
      }
      case 'missing':
        return this.missingFunction(target.name, e);
      case 'method': {
        const receiver = await this.evaluateAsync(target.object);
        return this.callMethod(target.name, receiver, await this.evaluateArgumentsAsync(e.args));
      }
      case 'named':
        return this.callNamed(target.name, await this.evaluateArgumentsAsync(e.args), e);
    }
  }

  private async taskAsync(e: TaskExpr): Promise<Value> {
    const params = new MapValue();
    for (const p of e.params) {
      const bare = this.bareWord(p.value);
      params.entries.set(p.key.toLowerCase(), bare ?? (await this.evaluateAsync(p.value)));
    }
    if (e.task === 'sendmail') return this.recordMail(params);
    return this.hostAnswer({ name: e.rawName, request: true }, await this.options.tasks?.task?.(e.task, params, e), e);
  }

  private async callFunctionAsync(fn: UserFunction, args: readonly Value[], span: UserFunction['decl']['span']): Promise<Value> {
    const frame = this.enterFunction(fn, args, span);
    try {
      const completion = await this.execBlockAsync(fn.decl.body);
      return completion === Completion.Return ? this.returnValue : null;
    } catch (error) {
      throw withCallSite(error, fn, span, frame.file);
    } finally {
      this.leaveFunction(frame);
    }
  }
}
