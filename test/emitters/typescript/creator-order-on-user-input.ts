// creator-order-on-user-input.ts: examples/creator-order-on-user-input.dg as a standalone TypeScript program, by deluge-kit (deluge emit --to typescript).
// It does what `deluge run` does with the script: the same requests, the same info lines on stdout.
//
// Run it with Node.js 20 or later:  npx tsx creator-order-on-user-input.ts
//   with Node.js 22.6 or later:    node --experimental-strip-types creator-order-on-user-input.ts (no flag from Node.js 23.6)
//   or compile it with tsc first:  npm i -D typescript @types/node && npx tsc --strict --target es2022 --module nodenext creator-order-on-user-input.ts && node creator-order-on-user-input.js
// It needs no package at run time: requests go through the global fetch.
// Arguments: name=value on the command line (text), name:=JSON for a map or list;
//   the script reads them as variables (as Zoho passes them) and as input.name.
//   Defaults given to deluge emit: Delivery_Method (at the end of this file).
// Deluge's semantics are kept by the helpers after the program: NUMBER is a 64-bit bigint (record IDs keep every
//   digit), DECIMAL a number, maps are Maps in insertion order, `+` joins text (null as ""), info prints as Zoho does.
//
// NOTE: not converted (a warning each; the program stops with an error if it gets there):
//   line 7: `hide` is a Zoho Creator statement, which needs a Creator application around it (a form field action)
//   line 8: `show` is a Zoho Creator statement, which needs a Creator application around it (a form field action)
//   line 9: `clear` is a Zoho Creator statement, which needs a Creator application around it (a form field action)
//   line 10: a record query `Form[criteria]` is a Zoho Creator statement, which needs a Creator application around it
//   line 12: a field UI handle (`input.Field:ui`) is a Zoho Creator statement, which needs a Creator application around it
//   line 15: `disable` is a Zoho Creator statement, which needs a Creator application around it (a form field action)
//   line 19: `show` is a Zoho Creator statement, which needs a Creator application around it (a form field action)
//   line 20: `hide` is a Zoho Creator statement, which needs a Creator application around it (a form field action)
//   line 21: `enable` is a Zoho Creator statement, which needs a Creator application around it (a form field action)
//   line 26: `hide` is a Zoho Creator statement, which needs a Creator application around it (a form field action)
//   line 27: `hide` is a Zoho Creator statement, which needs a Creator application around it (a form field action)
//   line 29: `disable` is a Zoho Creator statement, which needs a Creator application around it (a form field action)

/** What each builtin the program uses applies to, named in the error of a function applied to another type. */
const APPLIES_TO: Readonly<Record<string, string>> = { add: "LIST" };

// Creator: check and lint only.
// Zoho Creator - form workflow on the "Order" form, event "On User Input" of the field Delivery_Method.
// Shows, hides, enables, disables and clears fields as the user picks a delivery method, and fills the
// Pickup_Store drop-down from the Store form with input.Field:ui.add(...).
/** The script: its top-level statements, in order. */
export async function main(): Promise<Value> {
  if (field(input, "Delivery_Method") === "Pickup") {
    // NOTE: not converted: hide Shipping_Address; — `hide` is a Zoho Creator statement, which needs a Creator application around it (a form field action)
    void notConverted("DLG6050", "`hide` is a Zoho Creator statement, which needs a Creator application around it (a form field action) (line 7)");
    // NOTE: not converted: show Pickup_Store; — `show` is a Zoho Creator statement, which needs a Creator application around it (a form field action)
    void notConverted("DLG6050", "`show` is a Zoho Creator statement, which needs a Creator application around it (a form field action) (line 8)");
    // NOTE: not converted: clear Pickup_Store; — `clear` is a Zoho Creator statement, which needs a Creator application around it (a form field action)
    void notConverted("DLG6050", "`clear` is a Zoho Creator statement, which needs a Creator application around it (a form field action) (line 9)");
    // NOTE: not converted: a record query `Form[criteria]` is a Zoho Creator statement, which needs a Creator application around it
    for (const store of eachOf(notConverted("DLG6050", "a record query `Form[criteria]` is a Zoho Creator statement, which needs a Creator application around it (line 10)"))) {
      // NOTE: not converted: a field UI handle (`input.Field:ui`) is a Zoho Creator statement, which needs a Creator application around it
      add(notConverted("DLG6050", "a field UI handle (`input.Field:ui`) is a Zoho Creator statement, which needs a Creator application around it (line 12)"), field(store, "Name"));
    }
    setField(input, "Shipping_Charge", 0n);
    // NOTE: not converted: disable Shipping_Charge; — `disable` is a Zoho Creator statement, which needs a Creator application around it (a form field action)
    void notConverted("DLG6050", "`disable` is a Zoho Creator statement, which needs a Creator application around it (a form field action) (line 15)");
  } else if (field(input, "Delivery_Method") === "Courier") {
    // NOTE: not converted: show Shipping_Address; — `show` is a Zoho Creator statement, which needs a Creator application around it (a form field action)
    void notConverted("DLG6050", "`show` is a Zoho Creator statement, which needs a Creator application around it (a form field action) (line 19)");
    // NOTE: not converted: hide Pickup_Store; — `hide` is a Zoho Creator statement, which needs a Creator application around it (a form field action)
    void notConverted("DLG6050", "`hide` is a Zoho Creator statement, which needs a Creator application around it (a form field action) (line 20)");
    // NOTE: not converted: enable Shipping_Charge; — `enable` is a Zoho Creator statement, which needs a Creator application around it (a form field action)
    void notConverted("DLG6050", "`enable` is a Zoho Creator statement, which needs a Creator application around it (a form field action) (line 21)");
    setField(input, "Shipping_Charge", compare(field(input, "Subtotal"), '>=', 100n) ? 0n : 7.5);
  } else {
    // NOTE: not converted: hide Shipping_Address; — `hide` is a Zoho Creator statement, which needs a Creator application around it (a form field action)
    void notConverted("DLG6050", "`hide` is a Zoho Creator statement, which needs a Creator application around it (a form field action) (line 26)");
    // NOTE: not converted: hide Pickup_Store; — `hide` is a Zoho Creator statement, which needs a Creator application around it (a form field action)
    void notConverted("DLG6050", "`hide` is a Zoho Creator statement, which needs a Creator application around it (a form field action) (line 27)");
    setField(input, "Shipping_Charge", null);
    // NOTE: not converted: disable Shipping_Charge; — `disable` is a Zoho Creator statement, which needs a Creator application around it (a form field action)
    void notConverted("DLG6050", "`disable` is a Zoho Creator statement, which needs a Creator application around it (a form field action) (line 29)");
  }
  return null;
}

// ── Deluge semantics: the helpers this program uses (from deluge-kit; see the header) ──────────────

/**
 * A Deluge value: TEXT is a string, NUMBER a 64-bit integer as a bigint (record IDs keep every digit), DECIMAL a
 * number, BOOLEAN a boolean; a LIST is an array and a KEY-VALUE map a Map, which keeps its keys in insertion order.
 */
type Value =
  | string
  | bigint
  | number
  | boolean
  | null
  | Value[]
  | DelugeMap;

/** A key of a map: text, NUMBER (bigint), DECIMAL, boolean or null; JavaScript's Map compares these by value. */
type MapKey = string | bigint | number | boolean | null;

/** A KEY-VALUE map: case-sensitive keys in insertion order (a JS object would move integer-like keys first). */
type DelugeMap = Map<MapKey, Value>;

/** A runtime error of the script, as `deluge run` reports it: a code, and whether `try/catch` can catch it. */
class DelugeError extends Error {
  readonly code: string;
  readonly catchable: boolean;
  constructor(code: string, message: string, catchable = true) {
    super(message);
    this.name = 'DelugeError';
    this.code = code;
    this.catchable = catchable;
  }
}

/** Throws a catchable runtime error. */
function fail(code: string, message: string): never {
  throw new DelugeError(code, message);
}

/** Deluge's name of a value's type, as its error messages spell it. */
function typeName(value: Value): string {
  switch (typeof value) {
    case 'string':
      return 'TEXT';
    case 'bigint':
      return 'NUMBER';
    case 'number':
      return 'DECIMAL';
    case 'boolean':
      return 'BOOLEAN';
    default:
      if (value === null) return 'NULL';
      if (Array.isArray(value)) return 'LIST';
      if (value instanceof Map) return 'KEY-VALUE';
      return 'ERROR';
  }
}

/** The smallest and largest NUMBER: Deluge's NUMBER is a 64-bit signed integer. */
const NUMBER_MIN = -(2n ** 63n);

const NUMBER_MAX = 2n ** 63n - 1n;

/** A map literal or constructor: `mapOf(["id", id], ["code", 1n])` keeps the entries in the order given. */
function mapOf(...entries: [MapKey, Value][]): DelugeMap {
  return new Map(entries);
}

/** Whether the reader of stdout went away: the script's lines go nowhere from then on, as with `deluge run`. */
const stdout = { closed: false };

/**
 * The reader of stdout went away (`… | head -1`, EPIPE): a program that sends requests stops as `deluge run` stops
 * (`stopForClosedStdout`). Node lost the line that met the closed pipe silently and ended the program with an
 * unhandled EPIPE at the next, with no account of the requests made.
 */
function stdoutClosed(): void {
  if (stdout.closed) return;
  stdout.closed = true;
}

/** Zoho's words for types in operator errors ("Left expression is of type BIGINT …"). */
function operatorTypeWord(value: Value): string {
  const name = typeName(value);
  return name === 'TEXT' || name === 'ERROR' ? 'STRING' : name === 'NUMBER' ? 'BIGINT' : name === 'DATE-TIME' ? 'TIMESTAMP' : name;
}

function invalidOperands(op: string, left: Value, right: Value): never {
  return fail('DLG4001', `Left expression is of type ${operatorTypeWord(left)} and right expression is of type ${operatorTypeWord(right)} and operator ${op} is not valid`);
}

function isNumeric(value: Value): value is bigint | number {
  return typeof value === 'bigint' || typeof value === 'number';
}

/** The order of two values (numbers, texts, date-times, booleans), or undefined when they cannot be ordered. */
function sortOrder(a: Value, b: Value): number | undefined {
  if (isNumeric(a) && isNumeric(b)) return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return undefined;
}

/** `a < b`, `a <= b`, `a > b`, `a >= b`. */
function compare(left: Value, op: '<' | '<=' | '>' | '>=', right: Value): boolean {
  const sign = sortOrder(left, right);
  if (sign === undefined) return invalidOperands(op, left, right);
  return op === '<' ? sign < 0 : op === '<=' ? sign <= 0 : op === '>' ? sign > 0 : sign >= 0;
}

/** What `for each x in value` walks: a list's own items (live: adding to it extends the loop), a text's comma-separated parts. */
function eachOf(value: Value): Value[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return value === '' ? [] : value.split(',');
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

/** `object.field`: a field of a map (null when absent), or a caught error's `message` / `lineNo`. */
function field(object: Value, name: string): Value {
  if (object instanceof Map) return object.get(name) ?? null;
  if (object === null) fail('DLG4005', `Value is empty and the field '${name}' cannot be read`);
  return fail('DLG4001', `A value of type ${typeName(object)} has no field '${name}'`);
}

/** `object.field = value` on a map. */
function setField(object: Value, name: string, value: Value): void {
  if (!(object instanceof Map)) fail('DLG4001', `A value of type ${typeName(object)} has no field '${name}' to assign`);
  object.set(name, value);
}

/**
 * What the emitter could not convert: reaching it stops the program with an error that says what and why, under the
 * code of the emitter's warning about it (DLG6050…). `values` are what the unconverted code reads (evaluated first,
 * as Deluge would).
 */
function notConverted(code: string, what: string, ...values: (Value | undefined)[]): never {
  void values;
  throw new DelugeError(code, `not converted to TypeScript: ${what}`, false);
}

/**
 * The script's arguments: given at emit time, overridden by `name=value` (text) and `name:=JSON` on the command line.
 * A bad one ends the program before it runs, as `deluge run` does with a usage error: a line on stderr, exit code 2.
 */
function scriptArguments(defaults: DelugeMap): DelugeMap {
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

/**
 * Runs the script; an uncaught error is printed on stderr as `deluge run` prints it, with exit code 1 (130 after
 * Ctrl-C, 143 after SIGTERM: `exitIfStopped`): when the program ends, after its account of requests and records
 * (printed then too), as run prints its error after its summary.
 */
function run(main: () => Promise<unknown>): void {
  // A reader of stdout that goes away is not the script's error (an EPIPE that `info` did not see at once).
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stdoutClosed();
  });
  main().catch((error: unknown) => {
    const text = error instanceof DelugeError ? `error[${error.code}] ${error.message}` : error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.once('exit', () => process.stderr.write(`${text}\n`));
    process.exitCode = 1;
  });
}

/** A function applied to a value it does not apply to (null: "Value is empty …"). */
function cannotApply(name: string, receiver: Value): never {
  if (receiver === null) return fail('DLG4005', `Value is empty and '${name}' function cannot be applied`);
  const types = APPLIES_TO[name.toLowerCase()];
  return fail('DLG4006', `'${name}' cannot be applied to a value of type ${typeName(receiver)}${types ? ` (it applies to ${types})` : ''}`);
}

/** @builtin add — appends an element to a list (a typed list converts it). */
function add(receiver: Value, element: Value): null {
  if (!Array.isArray(receiver)) return cannotApply('add', receiver);
  return append(receiver, element, 'add');
}

/** Appends an element to a list, converted when the list is typed: an error names `fn` (`add`, `addAll`). */
function append(list: Value[], element: Value, fn: string): null {
  list.push(element);
  return null;
}

/**
 * Parses JSON (not `JSON.parse`: it would move integer-like keys first and read 19-digit record IDs through a
 * double). `lenient` also takes what Deluge's `toMap` takes: unquoted keys and values, single-quoted strings.
 */
function parseJson(text: string, source: string, lenient = false): Value {
  let pos = 0;
  const error = (what: string): never => {
    const before = text.slice(0, pos);
    const line = before.split('\n').length;
    const column = pos - before.lastIndexOf('\n');
    return fail('DLG4016', `${source}: the text is not valid JSON: ${what} at line ${line}, column ${column}`);
  };
  const space = (): void => {
    while (pos < text.length && ' \t\n\r'.includes(text[pos]!)) pos++;
  };
  const delimiter = (c: string | undefined): boolean => c === undefined || ',:{}[]"'.includes(c);
  const bare = (): string => {
    const start = pos;
    while (!delimiter(text[pos])) pos++;
    return text.slice(start, pos).trim();
  };
  const quoted = (): string => {
    const quote = text[pos++];
    let out = '';
    for (;;) {
      const c = text[pos++];
      if (c === undefined) return error('a string is not closed');
      if (c === quote) return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const escape = text[pos++];
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(pos, pos + 4))) {
        out += String.fromCharCode(parseInt(text.slice(pos, pos + 4), 16));
        pos += 4;
      } else if (escape !== undefined && escape in simple) out += simple[escape];
      else if (lenient && escape === "'") out += "'";
      else return error('invalid escape in a string');
    }
  };
  const key = (): string => {
    space();
    const c = text[pos];
    const name = c === '"' || (lenient && c === "'") ? quoted() : lenient && !delimiter(c) ? bare() : error('expected a key in quotes');
    space();
    if (text[pos] !== ':') error("expected ':' after the key");
    pos++;
    return name;
  };
  const value = (depth: number): Value => {
    if (depth > 1000) error('nesting deeper than 1000 levels');
    space();
    const c = text[pos];
    if (c === '{') {
      pos++;
      const map: DelugeMap = new Map();
      space();
      if (text[pos] === '}') {
        pos++;
        return map;
      }
      for (;;) {
        const name = key();
        map.set(name, value(depth + 1));
        space();
        if (text[pos] === ',') pos++;
        else if (text[pos] === '}') {
          pos++;
          return map;
        } else return error("expected ',' or '}'");
      }
    }
    if (c === '[') {
      pos++;
      const list: Value[] = [];
      space();
      if (text[pos] === ']') {
        pos++;
        return list;
      }
      for (;;) {
        list.push(value(depth + 1));
        space();
        if (text[pos] === ',') pos++;
        else if (text[pos] === ']') {
          pos++;
          return list;
        } else return error("expected ',' or ']'");
      }
    }
    if (c === '"' || (lenient && c === "'")) return quoted();
    const number = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(pos));
    if (number && !(lenient && !delimiter(text[pos + number[0].length]) && !/\s/.test(text[pos + number[0].length] ?? ''))) {
      pos += number[0].length;
      return numberValue(number[0], number[1] === undefined && number[2] === undefined);
    }
    for (const [word, result] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, pos) && (!lenient || delimiter(text[pos + word.length]) || /\s/.test(text[pos + word.length] ?? ''))) {
        pos += word.length;
        return result;
      }
    }
    if (lenient && !delimiter(c)) return bareValue(bare());
    return error(c === undefined ? 'expected a value but the text ended' : 'expected a value');
  };
  const result = value(0);
  space();
  if (pos < text.length) error('unexpected text after the JSON value');
  return result;
}

/** A whole number is a NUMBER when it fits in 64 bits, else a DECIMAL; a fraction or exponent makes a DECIMAL. */
function numberValue(digits: string, whole: boolean): Value {
  if (whole) {
    const n = BigInt(digits);
    if (n >= NUMBER_MIN && n <= NUMBER_MAX) return n;
  }
  return Number(digits);
}

/** An unquoted word in lenient JSON: true/false/null and numbers by their look, anything else text. */
function bareValue(word: string): Value {
  const lower = word.toLowerCase();
  if (lower === 'true' || lower === 'false') return lower === 'true';
  if (lower === 'null') return null;
  if (/^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(word)) return numberValue(word, /^-?\d+$/.test(word));
  return word;
}

// ── Run ──────────────────────────────────────────────────────────────────────────────────────

/** The arguments: the defaults given to deluge emit, then `name=value` (text) and `name:=JSON` from the command line. */
const input: DelugeMap = scriptArguments(mapOf(["Delivery_Method", "Pickup"]));
run(main);
