/** What Deluge's statements need beyond plain TypeScript: `for each`, fields, `try/catch`, arguments, the run itself. */
import { parseJson } from './json.js';
import { stdoutClosed, textForm } from './text-form.js';
import { CaughtError, Collection, DelugeError, fail, typeName, type DelugeMap, type ElementType, type Value } from './values.js';
import { convertTo } from './conversions.js';
import { missingMailKeys } from '../../../runtime/mail-keys.js';
import { exitIfStopped } from './http.js';

/** What `for each x in value` walks: a list's own items (live: adding to it extends the loop), a text's comma-separated parts. */
export function eachOf(value: Value): Value[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return value === '' ? [] : value.split(',');
  if (value instanceof Collection) return value.mode === 'map' ? [...value.map.keys()] : value.list; // when: Collection
  if (value === null) return []; // an absent field of a response is common: no iterations
  const hint = value instanceof Map ? mapHint(value) : '';
  return fail('DLG4022', `for each cannot iterate a value of type ${typeName(value)}${hint}`);
}

/** Zoho's error answer (`{"code", "message", "status": "error"}`) is named as such; another map gets the hint to walk its keys. */
function mapHint(map: DelugeMap): string {
  const code = map.get('code');
  if (map.get('status') !== 'error' || typeof code !== 'string') return ': iterate its keys with `for each k in m.keys()`';
  const message = map.get('message');
  return `: it is an error answer (${code}${typeof message === 'string' ? `: ${message}` : ''}), not a list: check its "status" before the loop`;
}

/** `for each index i in value`: the indexes 0, 1, … as NUMBERs, read live like `eachOf`. */
export function* indexesOf(value: Value): Generator<bigint> {
  const items = eachOf(value);
  for (let i = 0; i < items.length; i++) yield BigInt(i);
}

/** `object.field`: a field of a map (null when absent), or a caught error's `message` / `lineNo`. */
export function field(object: Value, name: string): Value {
  if (object instanceof Map) return object.get(name) ?? null;
  if (object instanceof CaughtError && name.toLowerCase() === 'message') return object.message; // when: CaughtError
  if (object instanceof CaughtError && name.toLowerCase() === 'lineno') return BigInt(object.lineNo); // when: CaughtError
  if (object === null) fail('DLG4005', `Value is empty and the field '${name}' cannot be read`);
  return fail('DLG4001', `A value of type ${typeName(object)} has no field '${name}'`);
}

/** `object.field = value` on a map. */
export function setField(object: Value, name: string, value: Value): void {
  if (!(object instanceof Map)) fail('DLG4001', `A value of type ${typeName(object)} has no field '${name}' to assign`);
  object.set(name, value);
}

/** `list[index]`. */
export function elementAt(list: Value, index: Value): Value {
  if (!Array.isArray(list) || typeof index !== 'bigint') return fail('DLG4001', `Only a list can be indexed with [NUMBER], not a ${typeName(list)}`);
  if (index >= BigInt(list.length)) fail('DLG4003', `Given index ${index} is greater than the list size`);
  if (index < 0n) fail('DLG4003', `The index ${index} is out of range for a list of size ${list.length}`);
  return list[Number(index)] ?? null;
}

/** The Deluge line being run, kept where a `catch` shows it (`e.lineNo`, or `e` printed). */
export let delugeLine = 0;

/** The `catch (e)` variable for what was thrown: a runtime error of the script; anything else goes on up. */
export function caught(error: unknown, line: number): CaughtError {
  if (error instanceof DelugeError && error.catchable) return new CaughtError(error.message, line);
  throw error;
}

/** How deep the calls of the script's recursive functions are nested. */
export let callDepth = 0;

/** A call of a recursive function: Deluge stops at 75 nested calls (unbounded recursion) with an error no catch takes. */
export function nested<T>(name: string, body: () => T): T {
  if (callDepth >= 75) throw new DelugeError('DLG4011', `Function calls nested deeper than 75 (the Deluge limit): unbounded recursion in '${name}'?`, false);
  callDepth++;
  try {
    const result = body();
    if (result instanceof Promise) return result.finally(() => callDepth--) as T;
    callDepth--;
    return result;
  } catch (error) {
    callDepth--;
    throw error;
  }
}

/** A variable read before any value was assigned to it. */
export function undefinedVariable(name: string): never {
  return fail('DLG4008', `Variable '${name}' is not defined`);
}

/**
 * What the emitter could not convert: reaching it stops the program with an error that says what and why, under the
 * code of the emitter's warning about it (DLG6050…). `values` are what the unconverted code reads (evaluated first,
 * as Deluge would).
 */
export function notConverted(code: string, what: string, ...values: (Value | undefined)[]): never {
  void values;
  throw new DelugeError(code, `not converted to TypeScript: ${what}`, false);
}

/**
 * What `input` is in a function with parameters: the script's arguments with the function's own (already converted to
 * their declared types) over them, as `deluge run` makes it at each call.
 */
export function functionArguments(input: DelugeMap, own: readonly [string, Value][]): DelugeMap {
  return new Map([...input, ...own]);
}

/**
 * The script's arguments: given at emit time, overridden by `name=value` (text) and `name:=JSON` on the command line.
 * A bad one ends the program before it runs, as `deluge run` does with a usage error: a line on stderr, exit code 2.
 */
export function scriptArguments(defaults: DelugeMap): DelugeMap {
  const args: DelugeMap = new Map(defaults);
  for (const pair of process.argv.slice(2)) {
    const json = /^([^=:]+):=(.*)$/s.exec(pair);
    const plain = /^([^=]+)=(.*)$/s.exec(pair);
    try {
      if (json) args.set(json[1]!, parseJson(json[2]!, 'argument ' + json[1]));
      else if (plain) args.set(plain[1]!, plain[2]!);
      else throw new DelugeError('DLG0002', `the argument '${pair}' is not name=value (text) or name:=JSON`, false);
    } catch (error) {
      if (!(error instanceof DelugeError)) throw error;
      process.stderr.write(`error[DLG0002] ${error.message}\n`);
      process.exit(2);
    }
  }
  return args;
}

/** An argument the script reads as a variable (Zoho passes it: `invoice` in Books, `arguments` in Cliq). */
export function argument(args: DelugeMap, name: string): Value {
  const value = args.get(name);
  if (value === undefined) fail('DLG4008', `Variable '${name}' is not defined (give it on the command line as ${name}=…)`);
  return value;
}

/**
 * A variable read where its assignments may not have run (they are in an `if`, a loop, a `try`): without a value it
 * is not defined, as in Deluge; a script then reads the argument of that name, as `deluge run --arg` gives it.
 * `assignedOn`: the line of an assignment before the read, which then did not run (said as `deluge run` says it).
 */
export function assigned(value: Value | undefined, name: string, args?: DelugeMap, assignedOn?: number): Value {
  if (value !== undefined) return value;
  if (assignedOn === undefined) return args === undefined ? undefinedVariable(name) : argument(args, name);
  const given = args?.get(name);
  if (given !== undefined) return given;
  return fail('DLG4008', `Variable '${name}' is not defined: its assignment on line ${assignedOn} did not run (it is in a branch or loop that was not taken)`);
}

/** The argument of the entry function's parameter `name` (exact, else ignoring case); null when not given. */
export function parameter(args: DelugeMap, name: string): Value {
  const exact = args.get(name);
  if (exact !== undefined) return exact;
  for (const [key, value] of args) if (typeof key === 'string' && key.toLowerCase() === name.toLowerCase()) return value;
  return null;
}

/** A value given to a parameter of a declared type (`Int n`, `Map m`): text becomes an Int, JSON text a Map … */
export function typed(value: Value, type: ElementType | 'MAP' | 'LIST' | undefined, functionName: string): Value {
  if (value === null || type === undefined) return value;
  if (type === 'MAP' || type === 'LIST') {
    if (typeof value !== 'string') return value;
    const parsed = parseJson(value, functionName);
    if (type === 'MAP' ? parsed instanceof Map : Array.isArray(parsed)) return parsed;
    return fail('DLG4001', `${functionName}: the ${type === 'MAP' ? 'Map' : 'List'} parameter was given JSON that is not a ${type === 'MAP' ? 'map' : 'list'}`);
  }
  return convertTo(value, type, functionName);
}

/**
 * Runs the script; an uncaught error is printed on stderr as `deluge run` prints it, with exit code 1 (130 after
 * Ctrl-C, 143 after SIGTERM: `exitIfStopped`): when the program ends, after its account of requests and records
 * (printed then too), as run prints its error after its summary.
 */
export function run(main: () => Promise<unknown>): void {
  // A reader of stdout that goes away is not the script's error (an EPIPE that `info` did not see at once).
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stdoutClosed();
  });
  main().catch((error: unknown) => {
    const text = error instanceof DelugeError ? `error[${error.code}] ${error.message}` : error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.once('exit', () => process.stderr.write(`${text}\n`));
    process.exitCode = 1;
    exitIfStopped(error); // when: send
  });
}

/** `sendmail [ … ]`: never sent, as with `deluge run`; the mail is described on stderr. Without `from` or `to`, it stops there as the run does. */
export function sendMail(mail: Record<string, Value>): void {
  const missing = missingMailKeys((key) => Object.hasOwn(mail, key));
  if (missing !== undefined) fail('DLG4018', missing);
  const to = mail['to'] ?? null;
  const subject = mail['subject'] ?? null;
  process.stderr.write(`sendmail (not sent): to ${to === null ? '?' : textForm(to)}, subject ${subject === null ? '?' : JSON.stringify(textForm(subject))}\n`);
}

