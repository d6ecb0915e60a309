import { DelugeError } from '../errors.js';
import { ListValue, MapValue, typeName, type TypeName, type Value } from '../values.js';

/**
 * The declaration of a builtin function: its documented name and aliases, what it applies to, its parameters
 * and return type, and its implementation. Every builtin is declared once, in the file of its area; arity and
 * argument types are checked here, centrally, before `impl` runs; the linter reads the same declarations.
 */

/** A parameter or receiver type: a Deluge type, `NUMERIC` (NUMBER or DECIMAL), or `ANY` (null included). */
export type ArgType = Exclude<TypeName, 'NULL' | 'ERROR'> | 'NUMERIC' | 'ANY';

export type Area = 'text' | 'list' | 'map' | 'collection' | 'number' | 'datetime' | 'common' | 'json' | 'encoding' | 'file';

export interface ParamSpec {
  readonly name: string;
  readonly type: ArgType | readonly ArgType[];
  readonly optional?: boolean;
  /** Takes all remaining arguments (each of `type`). */
  readonly rest?: boolean;
}

export interface BuiltinContext {
  /** The run's clock: milliseconds since the epoch (`--now` fixes it). */
  now(): number;
  /** The zone date-times are shown in (`--tz`). */
  readonly timeZone: string;
  /** The run's randomness (`RunOptions.random`): fills the bytes given with random values and returns them. */
  random(bytes: Uint8Array): Uint8Array;
  /**
   * Runs work that may not end by itself (a regular expression that backtracks) so that the run's time limit stops
   * it: the work's result, or DLG4012 when the limit passes first. Without it (a bare context) the work just runs.
   */
  readonly withinTimeLimit?: <T>(fn: string, work: () => T) => T;
}

export interface BuiltinSpec {
  /** As Zoho's docs spell it: `getPrefix`, `containKey`. Names are matched case-insensitively. */
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly area: Area;
  /**
   * The value the function applies to, for `value.name(args)` and `name(value, args)`. Absent for functions
   * that take no such value (`zoho.encryption.urlEncode(text)` takes its text as a parameter).
   */
  readonly receiver?: ArgType | readonly ArgType[];
  /** Which call forms Zoho accepts; default `both` with a receiver, `function` without. */
  readonly form?: 'method' | 'function' | 'both';
  /** A null receiver is passed to `impl` instead of failing with "Value is empty" (`isNull`, `ifnull`). */
  readonly acceptsNull?: boolean;
  readonly params: readonly ParamSpec[];
  /** The Deluge type returned; `NULL` may also be returned where documented (e.g. `getPrefix` not found). */
  readonly returns: ArgType | 'VOID' | readonly ArgType[];
  /** The function changes its receiver (`list.add`): the linter uses this. */
  readonly mutates?: boolean;
  /** One sentence: what it does. */
  readonly summary: string;
  /** Zoho's help page for it. */
  readonly docs: string;
  readonly impl: (ctx: BuiltinContext, receiver: Value, args: readonly Value[]) => Value;
}

function typesOf(t: ArgType | readonly ArgType[]): readonly ArgType[] {
  return typeof t === 'string' ? [t] : t;
}

export function accepts(type: ArgType | readonly ArgType[], value: Value): boolean {
  const actual = typeName(value);
  for (const t of typesOf(type)) {
    if (t === 'ANY' || t === actual) return true;
    if (t === 'NUMERIC' && (actual === 'NUMBER' || actual === 'DECIMAL')) return true;
  }
  return false;
}

/** Whether the function can refuse an argument for its type: some parameter does not take ANY. */
export function refusesArgumentTypes(spec: BuiltinSpec): boolean {
  return spec.params.some((p) => !typesOf(p.type).includes('ANY'));
}

function describeTypes(type: ArgType | readonly ArgType[]): string {
  return typesOf(type).join(' or ');
}

/** Arity and types, checked once for every builtin: errors name the function as the user wrote it. */
const arities = new WeakMap<BuiltinSpec, { readonly required: number; readonly max: number }>();

function arityOf(spec: BuiltinSpec): { readonly required: number; readonly max: number } {
  let arity = arities.get(spec);
  if (!arity) {
    const required = spec.params.filter((p) => !p.optional && !p.rest).length;
    arity = { required, max: spec.params.some((p) => p.rest) ? Infinity : spec.params.length };
    arities.set(spec, arity);
  }
  return arity;
}

/**
 * `receiverWritten`: the call is in function form (`toDateTimeString(ms, "yyyy")`), where the value it applies to is
 * the first argument written: the counts in the message include it, as the user counts them.
 */
export function checkArguments(spec: BuiltinSpec, calledAs: string, args: readonly Value[], receiverWritten = false): void {
  const { required, max } = arityOf(spec);
  if (args.length < required || args.length > max) {
    const shift = receiverWritten ? 1 : 0;
    const least = required + shift;
    const most = max + shift;
    const expected = least === most ? `${least}` : most === Infinity ? `at least ${least}` : `${least} to ${most}`;
    throw new DelugeError(
      'DLG4007',
      `'${calledAs}' takes ${expected} argument${expected === '1' ? '' : 's'} but was given ${args.length + shift}`,
    );
  }
  for (let i = 0; i < args.length; i++) {
    const param = spec.params[Math.min(i, spec.params.length - 1)]!;
    const arg = args[i]!;
    if (arg === null) continue; // null passes any parameter; the function decides what it means
    if (!accepts(param.type, arg)) {
      throw new DelugeError(
        'DLG4007',
        `Argument type mismatch - Found '${typeName(arg)}' but Expected '${describeTypes(param.type)}' for the argument '${param.name}' of '${calledAs}'`,
      );
    }
  }
}

/**
 * `{}` is an empty map (grammar/README.md §5), but scripts also write it for an empty list argument
 * (`addBusinessDay(1, {"Sunday"}, {})`): where a parameter takes a list and not a map, an empty map becomes an
 * empty list.
 */
export function adaptArguments(spec: BuiltinSpec, args: readonly Value[]): readonly Value[] {
  let adapted: Value[] | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!(arg instanceof MapValue) || arg.entries.size !== 0) continue;
    const param = spec.params[Math.min(i, spec.params.length - 1)];
    if (!param) continue;
    const types = typesOf(param.type);
    if (types.includes('LIST') && !types.includes('KEY-VALUE') && !types.includes('ANY')) {
      adapted ??= [...args];
      adapted[i] = new ListValue();
    }
  }
  return adapted ?? args;
}

/**
 * The message for a builtin called in a form it does not have at all — `x.ifnull(y)` for the function
 * `ifnull(x, y)`, `add(list, x)` for the method `list.add(x)` — or undefined when it has the form called. One text
 * for `deluge run`, the programs `deluge emit` writes and `deluge lint`.
 */
export function wrongFormMessage(specs: readonly BuiltinSpec[], calledAs: 'method' | 'function'): string | undefined {
  const inForm = (spec: BuiltinSpec) => (calledAs === 'method' ? spec.receiver !== undefined && spec.form !== 'function' : spec.form !== 'method');
  const spec = specs[0];
  if (spec === undefined || specs.some(inForm)) return undefined;
  if (calledAs === 'function') return `'${spec.name}' is a method, not a function: call it on its value, as value.${spec.name}(…)`;
  return `'${spec.name}' is a function, not a method: call it as ${spec.receiver === undefined ? `${spec.name}(…)` : `${spec.name}(value, …)`}`;
}

/** All builtins by lower-case name and alias. */
export class BuiltinRegistry {
  private readonly byName = new Map<string, BuiltinSpec[]>();
  /** Lookups by the name as scripts spell it, so the hot path does not lower-case names again and again. */
  private readonly byWrittenName = new Map<string, readonly BuiltinSpec[]>();
  private readonly methodsByType = new Map<string, Map<TypeName, BuiltinSpec | null>>();
  readonly all: BuiltinSpec[] = [];

  constructor(specs: Iterable<BuiltinSpec>) {
    for (const spec of specs) {
      this.all.push(spec);
      for (const name of [spec.name, ...(spec.aliases ?? [])]) {
        const key = name.toLowerCase();
        const list = this.byName.get(key);
        if (list) list.push(spec);
        else this.byName.set(key, [spec]);
      }
    }
  }

  /** The declarations sharing a name (case-insensitive): e.g. `get` of lists, maps and collections. */
  named(name: string): readonly BuiltinSpec[] {
    let found = this.byWrittenName.get(name);
    if (!found) {
      found = this.byName.get(name.toLowerCase()) ?? [];
      this.byWrittenName.set(name, found);
    }
    return found;
  }

  /** `value.name(…)`: the method applicable to the value's type, or undefined. */
  method(name: string, receiver: Value): BuiltinSpec | undefined {
    // Which declaration applies depends only on the receiver's type: decided once per name and type.
    const type = typeName(receiver);
    let byType = this.methodsByType.get(name);
    if (!byType) {
      byType = new Map();
      this.methodsByType.set(name, byType);
    }
    let found = byType.get(type);
    if (found === undefined) {
      found = this.findMethod(name, receiver) ?? null;
      byType.set(type, found);
    }
    return found ?? undefined;
  }

  private findMethod(name: string, receiver: Value): BuiltinSpec | undefined {
    for (const spec of this.named(name)) {
      if (spec.receiver === undefined || spec.form === 'function') continue;
      if (receiver === null ? spec.acceptsNull : accepts(spec.receiver, receiver)) return spec;
    }
    return undefined;
  }

  /** `name(a, b)`: a function without receiver, or one whose receiver type fits the first argument. */
  function(name: string, args: readonly Value[]): BuiltinSpec | undefined {
    const first = args[0];
    for (const spec of this.named(name)) {
      if (spec.form === 'method') continue;
      if (spec.receiver === undefined) return spec;
      if (first === undefined) continue;
      if (first === null ? spec.acceptsNull : accepts(spec.receiver, first)) return spec;
    }
    return undefined;
  }
}
