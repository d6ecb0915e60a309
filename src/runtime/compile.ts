import { namesComponent, type BinaryExpr, type Block, type CallExpr, type Expr, type IfStmt, type IndexExpr, type MemberExpr, type Stmt } from '../syntax/ast.js';
import { componentAttachmentText } from './attachments.js';
import { KeyValuePair } from './builtins/collection.js';
import { BUILTINS } from './builtins/index.js';
import { adaptArguments, checkArguments, type BuiltinSpec } from './builtins/registry.js';
import { parseDateTimeText } from './datetime.js';
import { asCalled, checkedResult, DelugeError, fail } from './errors.js';
import type { Interpreter } from './interpreter.js';
import { add, arithmetic, membership, negate, relational, truth, valuesEqual } from './operators.js';
import { textForm } from './text-form.js';
import { ErrorValue, ListValue, MapValue, toMapKey, typeName, type MapShape, type TypeName, type Value } from './values.js';

/**
 * The interpreter's code, compiled: every node of the AST becomes a JavaScript closure once, the first time it
 * runs, and runs as that closure from then on. A closure knows its node's kind, operator, names and children
 * (their closures) from the start, so a run does not dispatch on `kind` or read the node again at every step; a
 * loop over a response's 100 records runs several times faster than on the tree walker it replaces.
 *
 * The semantics are the tree walker's, step for step, and the closures call the interpreter's own operations
 * (`tick`, `readVariable`, `callFunction`, …) for everything but dispatch: each statement is counted against the
 * limits before it runs, in the same order; a runtime error gets the span of the innermost expression it came from
 * (and the file it is in), as `Interpreter.evaluate` documents; conditions, calls and `try`/`catch` behave as before.
 * Variables stay in the frame's map, which the asynchronous layer and the call resolution also read.
 */

/** An expression's closure: its value. */
export type Evaluation = () => Value;
/** A statement's closure: how it ended. */
export type Execution = () => Completion;

/** How a statement ended: normally, or by `break`, `continue`, `return`. */
export const enum Completion {
  Normal,
  Break,
  Continue,
  Return,
}

/** Tasks we name when they cannot run, grouped by what they are. */
export const CREATOR_ONLY = 'a Zoho Creator statement; `deluge run` runs CRM-style scripts and cannot perform it';

const normal: Execution = () => Completion.Normal;
const broke: Execution = () => Completion.Break;
const continued: Execution = () => Completion.Continue;

export class Compiler {
  private readonly statements = new Map<Stmt, Execution>();
  private readonly countedStatements = new Map<Stmt, Execution>();
  private readonly blocks = new Map<Block, Execution>();
  private readonly expressions = new Map<Expr, Evaluation>();

  constructor(private readonly it: Interpreter) {}

  /** A statement: counted against the limits, then run. */
  statement(s: Stmt): Execution {
    let compiled = this.statements.get(s);
    if (compiled === undefined) {
      compiled = this.compileStatement(s);
      this.statements.set(s, compiled);
    }
    return compiled;
  }

  /** A statement already counted (the asynchronous layer counts the statements it runs itself). */
  counted(s: Stmt): Execution {
    let compiled = this.countedStatements.get(s);
    if (compiled === undefined) {
      compiled = this.compileCounted(s);
      this.countedStatements.set(s, compiled);
    }
    return compiled;
  }

  block(b: Block): Execution {
    let compiled = this.blocks.get(b);
    if (compiled === undefined) {
      compiled = this.compileStatements(b.body);
      this.blocks.set(b, compiled);
    }
    return compiled;
  }

  expression(e: Expr): Evaluation {
    let compiled = this.expressions.get(e);
    if (compiled === undefined) {
      compiled = this.compileExpression(e);
      this.expressions.set(e, compiled);
    }
    return compiled;
  }

  // ── Statements ─────────────────────────────────────────────────────────────────────────────────────────

  private compileStatement(s: Stmt): Execution {
    if (s.kind === 'EmptyStmt') return normal;
    const it = this.it;
    const run = this.counted(s);
    return () => {
      it.tick(s);
      return run();
    };
  }

  private compileStatements(statements: readonly Stmt[]): Execution {
    const steps = statements.map((s) => this.statement(s));
    if (steps.length === 0) return normal;
    if (steps.length === 1) return steps[0]!;
    return () => {
      for (let i = 0; i < steps.length; i++) {
        const completion = steps[i]!();
        if (completion !== Completion.Normal) return completion;
      }
      return Completion.Normal;
    };
  }

  private compileCounted(s: Stmt): Execution {
    const it = this.it;
    switch (s.kind) {
      case 'EmptyStmt':
        return normal;
      case 'ExprStmt': {
        const expr = this.expression(s.expr);
        return () => {
          expr();
          return Completion.Normal;
        };
      }
      case 'AssignStmt': {
        const value = this.expression(s.value);
        const target = s.target;
        if (target.kind === 'Identifier' && s.op === '=') {
          const name = target.name;
          return () => {
            const result = value();
            it.frame.vars.set(name, result);
            return Completion.Normal;
          };
        }
        return () => {
          it.assignValue(s, value());
          return Completion.Normal;
        };
      }
      case 'VarDeclStmt': {
        const name = s.name.name;
        const init = s.init ? this.expression(s.init) : undefined;
        return () => {
          const vars = it.frame.vars;
          vars.set(name, init ? init() : null);
          return Completion.Normal;
        };
      }
      case 'InfoStmt': {
        const value = this.expression(s.value);
        return () => {
          const line = textForm(value());
          it.info.push(line);
          it.options.onInfo?.(line);
          return Completion.Normal;
        };
      }
      case 'IfStmt':
        return this.compileIf(s);
      case 'ForEachStmt': {
        const iterable = this.expression(s.iterable);
        const body = this.block(s.body);
        const name = s.variable.name;
        const index = s.index;
        return () => {
          const items = it.iterationItems(iterable(), s);
          const vars = it.frame.vars;
          // The list is read live, as Zoho does: adding to it inside the loop extends the loop (until the statement limit).
          for (let i = 0; i < items.length; i++) {
            vars.set(name, index ? BigInt(i) : items[i]!);
            const completion = body();
            if (completion === Completion.Break) break;
            if (completion === Completion.Return) return completion;
          }
          return Completion.Normal;
        };
      }
      case 'TryStmt': {
        const body = this.block(s.body);
        const handler = this.block(s.handler);
        return () => {
          try {
            return body();
          } catch (error) {
            it.bindCaught(error, s);
            return handler();
          }
        };
      }
      case 'ThrowStmt': {
        const value = this.expression(s.value);
        return () => {
          const thrown = value();
          throw new DelugeError('DLG4009', thrown instanceof ErrorValue ? thrown.message : textForm(thrown), s.span, true, thrown);
        };
      }
      case 'ReturnStmt': {
        const value = s.value ? this.expression(s.value) : undefined;
        return () => {
          it.returnValue = value ? value() : null;
          return Completion.Return;
        };
      }
      case 'BreakStmt':
        return broke;
      case 'ContinueStmt':
        return continued;
      case 'DeleteFromStmt':
        return () => it.unsupported(s.span, '`delete from Form[…]` is ' + CREATOR_ONLY);
      case 'FieldActionStmt':
        return () => it.unsupported(s.span, `\`${s.action}\` is ${CREATOR_ONLY} (a form field action)`);
      case 'AlertStmt':
        return () => it.unsupported(s.span, `\`${s.successMessage ? 'success message' : 'alert'}\` is ${CREATOR_ONLY}`);
      case 'CancelStmt':
        return () => it.unsupported(s.span, `\`cancel ${s.what.name}\` is ${CREATOR_ONLY}`);
      case 'TemplateStmt':
      case 'HtmlStmt':
        return () => it.unsupported(s.span, 'A page template (`<%{ … }%>`) is ' + CREATOR_ONLY);
      case 'WhileStmt':
      case 'CStyleForStmt':
        // The parser reports these (DLG2005, DLG2006), so a run never gets here.
        return () => it.unsupported(s.span, 'Deluge has no such loop');
    }
  }

  private compileIf(s: IfStmt): Execution {
    const condition = this.condition(s.condition, 'An if condition');
    const then = this.block(s.then);
    const otherwise = s.else === undefined ? normal : s.else.kind === 'IfStmt' ? this.statement(s.else) : this.block(s.else);
    return () => (condition() ? then() : otherwise());
  }

  /** A condition: a boolean, or an error at the condition's expression. */
  condition(expr: Expr, what: string): () => boolean {
    const decide = this.decision(expr, what);
    const observe = this.it.options.onCondition;
    if (!observe) return decide;
    return () => {
      const done = observe(expr);
      const taken = decide();
      done();
      return taken;
    };
  }

  private decision(expr: Expr, what: string): () => boolean {
    const value = this.expression(expr);
    return () => {
      const result = value();
      if (typeof result === 'boolean') return result;
      try {
        return truth(result, what);
      } catch (error) {
        if (error instanceof DelugeError) error.span ??= expr.span;
        throw error;
      }
    };
  }

  // ── Expressions ────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Every expression's closure reports a runtime error that has no span yet at its own span (a task block's at
   * its first line) and in the current frame's file — so an error points at the innermost expression it came from.
   */
  private located(e: Expr, run: Evaluation): Evaluation {
    const it = this.it;
    return () => {
      try {
        return run();
      } catch (error) {
        throw it.located(error, e);
      }
    };
  }

  private compileExpression(e: Expr): Evaluation {
    const it = this.it;
    switch (e.kind) {
      case 'Identifier': {
        const name = e.name;
        const other = this.located(e, () => it.readVariable(name, e.span));
        const observe = it.options.variableRead;
        if (observe) {
          return () => {
            const value = it.frame.vars.get(name) ?? other();
            observe(value);
            return value;
          };
        }
        return () => {
          const value = it.frame.vars.get(name);
          return value !== undefined ? value : other();
        };
      }
      case 'StringLiteral': {
        const text = e.value;
        if (e.quote !== "'") return () => text;
        return this.located(e, () => parseDateTimeText(text, it.timeZone, it.context.now()) ?? text);
      }
      case 'NumberLiteral': {
        let value: bigint | number | undefined;
        try {
          value = it.numberLiteral(e);
        } catch {
          // Too large for a NUMBER: the error is raised each time the literal runs, as the tree walker did.
          return this.located(e, () => it.numberLiteral(e));
        }
        const known = value;
        return () => known;
      }
      case 'BooleanLiteral': {
        const value = e.value;
        return () => value;
      }
      case 'NullLiteral':
        return () => null;
      case 'ListLiteral': {
        const elements = e.elements.map((el) => this.expression(el));
        return this.located(e, () => {
          const items: Value[] = [];
          for (let i = 0; i < elements.length; i++) items.push(elements[i]!());
          return new ListValue(items);
        });
      }
      case 'MapLiteral': {
        const entries = e.entries.map((entry) => ({ key: this.mapKey(entry.key), value: this.expression(entry.value) }));
        return this.located(e, () => {
          const map = new Map();
          for (let i = 0; i < entries.length; i++) {
            const entry = entries[i]!;
            map.set(toMapKey(entry.key()), entry.value());
          }
          return new MapValue(map);
        });
      }
      case 'ParenExpr':
        // The inner expression locates its own errors; the parentheses add nothing.
        return this.expression(e.expr);
      case 'QualifiedExpr': {
        if (!namesComponent(e)) return this.expression(e.value);
        const name = e.value.kind === 'Identifier' ? undefined : this.expression(e.value);
        const record = e.record && this.expression(e.record);
        return () => componentAttachmentText(e, name?.(), record?.());
      }
      case 'UnaryExpr': {
        const least = it.leastNumberLiteral(e);
        if (least !== undefined) return () => least;
        const operand = this.expression(e.operand);
        const op = e.op;
        return this.located(e, () => applyUnary(op, operand()));
      }
      case 'BinaryExpr':
        return this.located(e, this.binary(e));
      case 'ConditionalExpr': {
        const condition = this.condition(e.condition, 'The condition of if(…)');
        const then = this.expression(e.then);
        const otherwise = this.expression(e.else);
        return this.located(e, () => (condition() ? then() : otherwise()));
      }
      case 'MemberExpr':
        return this.located(e, this.member(e));
      case 'CallExpr':
        return this.located(e, this.call(e));
      case 'IndexExpr':
        return this.located(e, this.index(e));
      case 'UiExpr':
        return this.located(e, () => it.unsupported(e.span, 'A field UI handle (`input.Field:ui`) is ' + CREATOR_ONLY));
      case 'TaskExpr':
        return this.located(e, () => it.task(e));
      case 'InsertExpr':
        return this.located(e, () => it.unsupported(e.span, '`insert into Form [ … ]` is ' + CREATOR_ONLY));
    }
  }

  /** A map literal's key: an unquoted name that is not a variable is its own text (`{name: "x"}`). */
  private mapKey(key: Expr): Evaluation {
    const value = this.expression(key);
    if (key.kind !== 'Identifier') return value;
    const it = this.it;
    const name = key.name;
    return () => (it.frame.vars.has(name) ? value() : name);
  }

  private binary(e: BinaryExpr): Evaluation {
    const op = e.op;
    if (op === '&&' || op === '||') {
      const left = this.condition(e.left, `The left side of ${op}`);
      const right = this.condition(e.right, `The right side of ${op}`);
      return op === '&&' ? () => left() && right() : () => left() || right();
    }
    const left = this.expression(e.left);
    const right = this.expression(e.right);
    switch (op) {
      case '==':
      case '=':
        return () => valuesEqual(left(), right());
      case '!=':
        return () => !valuesEqual(left(), right());
      case '+':
        return () => add(left(), right());
      case '-':
      case '*':
      case '/':
      case '%':
        return () => arithmetic(op, left(), right());
      case '<':
      case '<=':
      case '>':
      case '>=':
        return () => relational(op, left(), right());
      default:
        return () => applyBinary(op, left(), right());
    }
  }

  /** `a.b` — a system value (`zoho.currenttime`), a field of `input` or of a map, or a caught error's details. */
  private member(e: MemberExpr): Evaluation {
    const it = this.it;
    const object = this.expression(e.object);
    const property = e.property.name;
    if (isInputField(e)) return () => it.inputField(e, object());
    const dotted = dottedName(e);
    if (!dotted || dotted.parts.length > 3 || dotted.parts[0]!.toLowerCase() !== 'zoho') return () => fieldOf(object(), property);
    // `zoho.currenttime` and the other system values, unless `zoho` is a variable.
    const { root, parts } = dotted;
    return () => (!it.frame.vars.has(root) ? it.systemValue(parts) : undefined) ?? fieldOf(object(), property);
  }

  private index(e: IndexExpr): Evaluation {
    const it = this.it;
    const object = this.expression(e.object);
    const criteria = e.criteria ? this.expression(e.criteria) : undefined;
    const bareName = e.object.kind === 'Identifier' ? e.object.name : undefined;
    return () => {
      if (bareName !== undefined && !it.frame.vars.has(bareName)) {
        return it.unsupported(e.span, `\`${bareName}[…]\` fetches Creator form records: ${CREATOR_ONLY}`);
      }
      const list = object();
      if (list instanceof ListValue && criteria && !e.sortBy && !e.range) {
        const index = criteria();
        if (typeof index === 'bigint') return listElement(list, index);
      }
      return it.unsupported(e.span, 'A record query `…[criteria]` is ' + CREATOR_ONLY);
    };
  }

  // ── Calls ──────────────────────────────────────────────────────────────────────────────────────────────

  private call(e: CallExpr): Evaluation {
    const it = this.it;
    const resolve = it.callResolver(e);
    const args = this.arguments(e);
    const callee = e.callee;
    const method = callee.kind === 'MemberExpr' ? this.methodCall(callee, e) : undefined;
    return () => {
      const target = resolve(it.frame.vars);
      switch (target.kind) {
        case 'method':
          return method!(args);
        case 'builtin':
          return it.callBuiltin(target.spec, target.name, null, args());
        case 'user':
          return it.callFunction(target.fn, args(), e.span);
        case 'host': {
          // A task host is not ours: it gets arguments it may keep.
          const values = args();
          return it.hostAnswer(target, it.options.tasks?.call?.(target.name, values === NO_ARGUMENTS ? [] : values, e), e);
        }
        case 'missing':
          return it.missingFunction(target.name, e);
        case 'named':
          return it.callNamed(target.name, args(), e);
      }
    };
  }

  /**
   * `value.name(args)`, with what it found the last time kept at the call: which builtin applies to the
   * receiver's type, and the argument types already checked for it (arity and types depend only on those).
   */
  private methodCall(callee: MemberExpr, call: CallExpr): (args: () => Value[]) => Value {
    const it = this.it;
    const receiverOf = this.expression(callee.object);
    const name = callee.property.name;
    let receiverType: TypeName | undefined;
    let spec: BuiltinSpec | undefined;
    let checkedSpec: BuiltinSpec | undefined;
    let checkedTypes: TypeName[] = [];
    const mapGet = mapGetKey(name, call);
    // (Read once: only `deluge emit` sets it, and a run's calls then pay nothing for it. A map's `get` below needs none.)
    const observe = it.options.builtinResult;
    /** For `map.get("key")`: the shape of the maps last read here and the key's position in it. */
    let knownShape: MapShape | undefined;
    let position = -1;
    return (argsOf) => {
      // The receiver first, then the arguments, as written.
      const receiver = receiverOf();
      if (mapGet !== undefined && receiver instanceof MapValue) {
        // How scripts read a response, record by record: the builtin `get` with a text key, which every check of
        // it passes, read without making the arguments; in maps of one JSON shape the key's position is found once
        // (as the accounting's `KeyReader` does). What `get`'s own code would answer.
        const shape = receiver.keyShape;
        let found: Value | undefined;
        if (shape === undefined) found = receiver.lookup(mapGet);
        else {
          if (shape !== knownShape) {
            knownShape = shape;
            position = shape.indexOf(mapGet);
          }
          found = position < 0 ? undefined : receiver.valueAt(position);
        }
        try {
          return checkedResult(found ?? null, name);
        } catch (error) {
          throw asCalled(error, MAP_GET.name, name);
        }
      }
      const args = argsOf();
      const type = typeName(receiver);
      if (type !== receiverType) {
        spec = BUILTINS.method(name, receiver);
        receiverType = type;
      }
      if (spec === undefined) return it.callMethod(name, receiver, args);
      const adapted = adaptArguments(spec, args);
      if (spec !== checkedSpec || !sameTypes(checkedTypes, adapted)) {
        checkArguments(spec, name, adapted);
        checkedSpec = spec;
        checkedTypes = adapted.map(typeName);
      }
      try {
        const result = spec.impl(it.context, receiver, adapted);
        it.afterWorkOn(receiver);
        return checkedResult(observe === undefined ? result : observe({ spec, calledAs: name, receiver, args: adapted, result }), name);
      } catch (error) {
        throw asCalled(error, spec.name, name);
      }
    };
  }

  /** A call's arguments, evaluated left to right; `key : value` arguments become pairs. */
  private arguments(e: CallExpr): () => Value[] {
    const parts = e.args.map((arg): Evaluation => {
      if (arg.kind !== 'KeyValueArg') return this.expression(arg);
      const key = this.expression(arg.key);
      const value = this.expression(arg.value);
      return () => {
        const pair = new KeyValuePair();
        pair.entries.set(toMapKey(key()), value());
        return pair;
      };
    });
    switch (parts.length) {
      case 0:
        // Builtins take their arguments read-only, so one empty list serves every call without arguments.
        return () => NO_ARGUMENTS;
      case 1: {
        const only = parts[0]!;
        return () => [only()];
      }
      default:
        return () => {
          const values: Value[] = [];
          for (let i = 0; i < parts.length; i++) values.push(parts[i]!());
          return values;
        };
    }
  }
}

/** A map, to ask the registry which builtin a method name is on maps. */
const A_MAP = new MapValue();
/** The builtin `get` of maps. */
const MAP_GET = BUILTINS.method('get', A_MAP)!;

/**
 * The key of a call `value.get("key")` (the method written in any case, one text literal as its argument) when
 * `value.name` is that builtin on a map; undefined for any other call.
 */
function mapGetKey(name: string, call: CallExpr): string | undefined {
  const [only, more] = call.args;
  if (only === undefined || more !== undefined || only.kind !== 'StringLiteral' || only.quote === "'") return undefined;
  return BUILTINS.method(name, A_MAP) === MAP_GET ? only.value : undefined;
}

/** Frozen: a builtin that wrote to it would fail loudly rather than change every later call's arguments. */
const NO_ARGUMENTS = Object.freeze([]) as unknown as Value[];

function sameTypes(types: readonly TypeName[], args: readonly Value[]): boolean {
  if (types.length !== args.length) return false;
  for (let i = 0; i < args.length; i++) if (types[i] !== typeName(args[i]!)) return false;
  return true;
}

function listElement(list: ListValue, index: bigint): Value {
  // Past the end in Zoho's words, as `get` (src/runtime/builtins/list.ts).
  if (index >= BigInt(list.items.length)) fail('DLG4003', `Given index ${index} is greater than the list size`);
  if (index < 0n) fail('DLG4003', `The index ${index} is out of range for a list of size ${list.items.length}`);
  return list.items[Number(index)]!;
}

/**
 * `input.<name>`, written so: read through the interpreter's `inputField`, which notes a name no argument was given for
 * (when `input` is the run's arguments, not a map the script assigned to it).
 */
export function isInputField(e: MemberExpr): boolean {
  return e.object.kind === 'Identifier' && e.object.name.toLowerCase() === 'input';
}

/** `object.property`: a field of `input` or of a map, or a caught error's details. */
export function fieldOf(object: Value, property: string): Value {
  if (object instanceof MapValue) return object.lookup(property) ?? null;
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

export function dottedName(e: Expr): { root: string; parts: string[] } | undefined {
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
