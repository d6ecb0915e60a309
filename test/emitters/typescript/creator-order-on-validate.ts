// creator-order-on-validate.ts: examples/creator-order-on-validate.dg as a standalone TypeScript program, by deluge-kit (deluge emit --to typescript).
// It does what `deluge run` does with the script: the same requests, the same info lines on stdout.
//
// Run it with Node.js 20 or later:  npx tsx creator-order-on-validate.ts
//   with Node.js 22.6 or later:    node --experimental-strip-types creator-order-on-validate.ts (no flag from Node.js 23.6)
//   or compile it with tsc first:  npm i -D typescript @types/node && npx tsc --strict --target es2022 --module nodenext creator-order-on-validate.ts && node creator-order-on-validate.js
// It needs no package at run time: requests go through the global fetch.
// Arguments: name=value on the command line (text), name:=JSON for a map or list;
//   the script reads them as variables (as Zoho passes them) and as input.name.
// The clock: zoho.currenttime, now and today show NOW_MS; date-times are shown in TIME_ZONE.
// Deluge's semantics are kept by the helpers after the program: NUMBER is a 64-bit bigint (record IDs keep every
//   digit), DECIMAL a number, maps are Maps in insertion order, `+` joins text (null as ""), info prints as Zoho does.
//
// NOTE: not converted (a warning each; the program stops with an error if it gets there):
//   line 5: a record query `Form[criteria]` is a Zoho Creator statement, which needs a Creator application around it
//   line 6: `.count(…)` is a Creator record-set function, which needs a Creator application around it
//   line 8: `alert` is a Zoho Creator statement, which needs a Creator application around it
//   line 9: `cancel submit` is a Zoho Creator statement, which needs a Creator application around it
//   line 13: `alert` is a Zoho Creator statement, which needs a Creator application around it
//   line 14: `cancel submit` is a Zoho Creator statement, which needs a Creator application around it
//   line 16: a record query `Form[criteria]` is a Zoho Creator statement, which needs a Creator application around it
//   line 16: `.count(…)` is a Creator record-set function, which needs a Creator application around it
//   line 19: `alert` is a Zoho Creator statement, which needs a Creator application around it
//   line 20: `cancel submit` is a Zoho Creator statement, which needs a Creator application around it
//   line 24: a record query `Form[criteria]` is a Zoho Creator statement, which needs a Creator application around it
//   line 33: `alert` is a Zoho Creator statement, which needs a Creator application around it
//   line 34: `cancel submit` is a Zoho Creator statement, which needs a Creator application around it
//   line 36: a record query `Form[criteria]` is a Zoho Creator statement, which needs a Creator application around it
//   line 39: `alert` is a Zoho Creator statement, which needs a Creator application around it
//   line 40: `cancel submit` is a Zoho Creator statement, which needs a Creator application around it
//   line 44: `alert` is a Zoho Creator statement, which needs a Creator application around it
//   line 45: `cancel submit` is a Zoho Creator statement, which needs a Creator application around it

/** The zone date-times are shown in (deluge emit --tz; Zoho's docs use US Pacific). */
const TIME_ZONE = "America/Los_Angeles";
/** The instant zoho.currenttime, now and today show. */
const NOW_MS = Date.parse("2020-12-10T01:25:24.000Z"); // deluge emit --now
/** What each builtin the program uses applies to, named in the error of a function applied to another type. */
const APPLIES_TO: Readonly<Record<string, string>> = { addday: "DATE-TIME, TEXT" };
/** The parameters of the builtins this program uses, as deluge run declares them: an argument of another type stops it. */
const PARAMETERS: Readonly<Record<string, BuiltinParameters>> = {
  addday: { name: "addDay", overloads: [{ on: ["DATE-TIME", "TEXT"], params: [["numberOfDays", "NUMBER"]] }] },
};

// Creator: check and lint only.
// Zoho Creator - form workflow on the "Order" form, event "On Validate" (runs when the form is submitted,
// before the record is saved). Fetches related records with Form[criteria], walks the customer's latest
// orders with `sort by ... range from ... to ...`, and stops the submission with `alert` + `cancel submit`.
/** The script: its top-level statements, in order. */
export async function main(): Promise<Value> {
  // NOTE: not converted: a record query `Form[criteria]` is a Zoho Creator statement, which needs a Creator application around it
  const customer: Value = notConverted("DLG6050", "a record query `Form[criteria]` is a Zoho Creator statement, which needs a Creator application around it (line 5)");
  // NOTE: not converted: `.count(…)` is a Creator record-set function, which needs a Creator application around it
  if (isEqual(notConverted("DLG6051", "`.count(…)` is a Creator record-set function, which needs a Creator application around it (line 6)", customer), 0n)) {
    // NOTE: not converted: alert "Pick a customer from the list."; — `alert` is a Zoho Creator statement, which needs a Creator application around it
    void notConverted("DLG6050", "`alert` is a Zoho Creator statement, which needs a Creator application around it (line 8)");
    // NOTE: not converted: cancel submit; — `cancel submit` is a Zoho Creator statement, which needs a Creator application around it
    void notConverted("DLG6050", "`cancel submit` is a Zoho Creator statement, which needs a Creator application around it (line 9)");
  }
  if (field(customer, "Status") === "Blocked") {
    // NOTE: not converted: alert "Orders for " + customer.Name + " are on hold. Please contact accounts."; — `alert` is a Zoho Creator statement, which needs a Creator application around it
    void notConverted("DLG6050", "`alert` is a Zoho Creator statement, which needs a Creator application around it (line 13)", customer);
    // NOTE: not converted: cancel submit; — `cancel submit` is a Zoho Creator statement, which needs a Creator application around it
    void notConverted("DLG6050", "`cancel submit` is a Zoho Creator statement, which needs a Creator application around it (line 14)");
  }
  // NOTE: not converted: a record query `Form[criteria]` is a Zoho Creator statement, which needs a Creator application around it
  // NOTE: not converted: `.count(…)` is a Creator record-set function, which needs a Creator application around it
  const openOrders: Value = notConverted("DLG6051", "`.count(…)` is a Creator record-set function, which needs a Creator application around it (line 16)", notConverted("DLG6050", "a record query `Form[criteria]` is a Zoho Creator statement, which needs a Creator application around it (line 16)"));
  if (compare(openOrders, '>=', 5n)) {
    // NOTE: not converted: alert "This customer already has " + openOrders + " open orders."; — `alert` is a Zoho Creator statement, which needs a Creator application around it
    void notConverted("DLG6050", "`alert` is a Zoho Creator statement, which needs a Creator application around it (line 19)", openOrders);
    // NOTE: not converted: cancel submit; — `cancel submit` is a Zoho Creator statement, which needs a Creator application around it
    void notConverted("DLG6050", "`cancel submit` is a Zoho Creator statement, which needs a Creator application around it (line 20)");
  }
  // The three most recent orders of this customer must not all be unpaid.
  let unpaid: Value = 0n;
  // NOTE: not converted: a record query `Form[criteria]` is a Zoho Creator statement, which needs a Creator application around it
  for (const previous of eachOf(notConverted("DLG6050", "a record query `Form[criteria]` is a Zoho Creator statement, which needs a Creator application around it (line 24)"))) {
    if (field(previous, "Payment_Status") === "Unpaid") {
      unpaid = plus(unpaid, 1n);
    }
  }
  if (isEqual(unpaid, 3n)) {
    // NOTE: not converted: alert "The last three orders of " + customer.Name + " are unpaid."; — `alert` is a Zoho Creator statement, which needs a Creator application around it
    void notConverted("DLG6050", "`alert` is a Zoho Creator statement, which needs a Creator application around it (line 33)", customer);
    // NOTE: not converted: cancel submit; — `cancel submit` is a Zoho Creator statement, which needs a Creator application around it
    void notConverted("DLG6050", "`cancel submit` is a Zoho Creator statement, which needs a Creator application around it (line 34)");
  }
  // NOTE: not converted: a record query `Form[criteria]` is a Zoho Creator statement, which needs a Creator application around it
  const product: Value = notConverted("DLG6050", "a record query `Form[criteria]` is a Zoho Creator statement, which needs a Creator application around it (line 36)");
  if (compare(field(input, "Quantity"), '>', field(product, "Stock_On_Hand"))) {
    // NOTE: not converted: alert "Only " + product.Stock_On_Hand + " x " + product.Name + " in stock."; — `alert` is a Zoho Creator statement, which needs a Creator application around it
    void notConverted("DLG6050", "`alert` is a Zoho Creator statement, which needs a Creator application around it (line 39)", product);
    // NOTE: not converted: cancel submit; — `cancel submit` is a Zoho Creator statement, which needs a Creator application around it
    void notConverted("DLG6050", "`cancel submit` is a Zoho Creator statement, which needs a Creator application around it (line 40)");
  }
  if (field(input, "Delivery_Date") !== null && compare(field(input, "Delivery_Date"), '<', addDay(today(), 2n))) {
    // NOTE: not converted: alert "Deliveries need at least two days' notice."; — `alert` is a Zoho Creator statement, which needs a Creator application around it
    void notConverted("DLG6050", "`alert` is a Zoho Creator statement, which needs a Creator application around it (line 44)");
    // NOTE: not converted: cancel submit; — `cancel submit` is a Zoho Creator statement, which needs a Creator application around it
    void notConverted("DLG6050", "`cancel submit` is a Zoho Creator statement, which needs a Creator application around it (line 45)");
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
  | DateTime
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

/** A date-time: an instant and the zone it is shown in; `dateOnly` values (`today`, `'01-Jan-2024'`) print without a time. */
class DateTime {
  readonly epochMs: number;
  readonly zone: string;
  readonly dateOnly: boolean;
  constructor(epochMs: number, zone: string, dateOnly = false) {
    this.epochMs = epochMs;
    this.zone = zone;
    this.dateOnly = dateOnly;
  }
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
      if (value instanceof DateTime) return 'DATE-TIME';
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

/** A value as text: maps as compact JSON in insertion order, lists comma-joined, DECIMALs without a trailing `.0`. */
function textForm(value: Value): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'bigint':
      return value.toString();
    case 'number':
      return formatDecimal(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      if (value === null) return 'null';
      if (Array.isArray(value)) return value.map(elementText).join(',');
      if (value instanceof Map) return jsonText(value);
      if (value instanceof DateTime) return formatDateTime(value);
      return String(value);
  }
}

/** A value as `+` concatenates it: null is the empty text (`"a" + null` is `"a"`). */
function asText(value: Value): string {
  return value === null ? '' : textForm(value);
}

/** An element of a printed list: scalars as text, nested lists and maps as JSON. */
function elementText(value: Value): string {
  if (Array.isArray(value) || value instanceof Map) return jsonText(value);
  return textForm(value);
}

/** A DECIMAL as Zoho prints it: the shortest text that reads back, no trailing `.0`, Java's `1.0E17` from 2^53 up. */
function formatDecimal(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  if (Object.is(n, -0)) return '0';
  // Past 2^53 the digits of String(n) would be made up: the exponent form shows only those the double holds.
  const plain = Math.abs(n) >= 2 ** 53 ? n.toExponential() : String(n);
  const exponent = /^(-?)(\d)(?:\.(\d+))?e([+-])(\d+)$/.exec(plain);
  if (!exponent) return plain;
  const [, sign, lead, fraction, expSign, digits] = exponent;
  return `${sign}${lead}.${fraction ?? '0'}E${expSign === '-' ? '-' : ''}${digits}`;
}

/** Compact JSON of a value, NUMBERs written in full (never through a double). */
function jsonText(value: Value): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'bigint':
      return value.toString();
    case 'number':
      return Number.isFinite(value) ? formatDecimal(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      if (value === null) return 'null';
      if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
      if (value instanceof Map) return jsonOfEntries(value);
      return JSON.stringify(textForm(value));
  }
}

function jsonOfEntries(entries: DelugeMap): string {
  const parts: string[] = [];
  for (const [key, item] of entries) parts.push(`${JSON.stringify(keyText(key))}:${jsonText(item)}`);
  return `{${parts.join(',')}}`;
}

/** A map key as text (JSON keys, headers, form fields). */
function keyText(key: MapKey): string {
  return key === null ? 'null' : textForm(key);
}

/** Zoho's words for types in operator errors ("Left expression is of type BIGINT …"). */
function operatorTypeWord(value: Value): string {
  const name = typeName(value);
  return name === 'TEXT' || name === 'ERROR' ? 'STRING' : name === 'NUMBER' ? 'BIGINT' : name === 'DATE-TIME' ? 'TIMESTAMP' : name;
}

function invalidOperands(op: string, left: Value, right: Value): never {
  return fail('DLG4001', `Left expression is of type ${operatorTypeWord(left)} and right expression is of type ${operatorTypeWord(right)} and operator ${op} is not valid`);
}

/** A NUMBER result, checked against the 64-bit range: Deluge stops rather than wrap around. */
function checkedNumber(n: bigint): bigint {
  if (n > NUMBER_MAX || n < NUMBER_MIN) fail('DLG4017', `The result ${n} does not fit in a NUMBER (64-bit integer)`);
  return n;
}

/** `a + b`: text when either side is text (null counts as ""), else NUMBER or DECIMAL addition. */
function plus(left: Value, right: Value): Value {
  if (typeof left === 'string' || typeof right === 'string') return asText(left) + asText(right);
  if (typeof left === 'bigint' && typeof right === 'bigint') return checkedNumber(left + right);
  if (isNumeric(left) && isNumeric(right)) return Number(left) + Number(right);
  return invalidOperands('+', left, right);
}

function isNumeric(value: Value): value is bigint | number {
  return typeof value === 'bigint' || typeof value === 'number';
}

/** `a == b`: NUMBER and DECIMAL by value, text case-sensitively, lists and maps element by element. */
function isEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (isNumeric(a) && isNumeric(b)) return a == b; // eslint-disable-line eqeqeq -- 1n == 1.0 compares numerically
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (a instanceof DateTime && b instanceof DateTime) return a.epochMs === b.epochMs;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => isEqual(item, b[i] ?? null));
  if (a instanceof Map && b instanceof Map) return mapsEqual(a, b);
  return false;
}

function mapsEqual(a: DelugeMap, b: DelugeMap): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of a) {
    if (!b.has(key) || !isEqual(value, b.get(key) ?? null)) return false;
  }
  return true;
}

/** The order of two values (numbers, texts, date-times, booleans), or undefined when they cannot be ordered. */
function sortOrder(a: Value, b: Value): number | undefined {
  if (isNumeric(a) && isNumeric(b)) return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof DateTime && b instanceof DateTime) return Math.sign(a.epochMs - b.epochMs);
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

/**
 * A builtin's parameters as deluge run declares them: its name, and for each declaration (in deluge run's order) the
 * types of value it applies to (`on`; none for a function of no such value) and its parameters, [name, ...types] each.
 */
interface BuiltinParameters {
  readonly name: string;
  readonly overloads: readonly { readonly on?: readonly string[]; readonly params: readonly (readonly string[])[] }[];
}

/**
 * A builtin's arguments, refused as deluge run refuses them before the function runs: each of a type its parameter
 * takes, with deluge run's error; null passes, for the function to decide. Each builtin's helper calls it first, with
 * its entry of PARAMETERS, the value the function applies to (when it has one) and the arguments: five values at
 * most, named rather than gathered in an array, as this runs at every call.
 */
function checkArguments(builtin: BuiltinParameters | undefined, a: Value, b?: Value, c?: Value, d?: Value, e?: Value): void {
  if (builtin === undefined) return;
  for (let k = 0; k < builtin.overloads.length; k++) {
    const { on, params } = builtin.overloads[k]!;
    // The declaration for the value the function applies to; none for null or another type: the helper refuses it.
    if (on !== undefined && (a === null || !takes(on, 0, a))) continue;
    const first = on === undefined ? 0 : 1;
    for (let i = first; i < 5 && params.length > 0; i++) {
      const value = i === 0 ? a : i === 1 ? b : i === 2 ? c : i === 3 ? d : e;
      if (value === undefined) break;
      const param = params[Math.min(i - first, params.length - 1)]!;
      // `{}` is an empty list too where a list is taken, as scripts write it (`addBusinessDay(1, {"Sunday"}, {})`).
      if (value !== null && !takes(param, 1, value) && !(value instanceof Map && value.size === 0 && param.includes('LIST'))) {
        fail('DLG4007', `Argument type mismatch - Found '${typeName(value)}' but Expected '${param.slice(1).join(' or ')}' for the argument '${param[0]}' of '${builtin.name}'`);
      }
    }
    return;
  }
}

/** Whether a value is of one of `types` (from index `from`): NUMERIC is NUMBER or DECIMAL, ANY anything. */
function takes(types: readonly string[], from: number, value: Value): boolean {
  const type = typeName(value);
  for (let i = from; i < types.length; i++) {
    const t = types[i];
    if (t === type || t === 'ANY' || (t === 'NUMERIC' && (type === 'NUMBER' || type === 'DECIMAL'))) return true;
  }
  return false;
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

interface CalendarFields {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
  /** 1 = Sunday … 7 = Saturday (Zoho's `weekday` numbering). */
  readonly weekday: number;
}

interface LocalFields {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  millisecond?: number;
}

const MS_PER_DAY = 86_400_000;

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** `GMT+05:30`, `UTC-8`, `+0530`: Java's custom zone ids (plus a bare offset). */
const FIXED_OFFSET = /^(?:GMT|UTC)?([+-])(\d{1,2})(?::?(\d{2}))?$/i;

function fixedOffsetMs(zone: string): number | undefined {
  if (/^(?:GMT|UTC|Z)$/i.test(zone)) return 0;
  const m = FIXED_OFFSET.exec(zone);
  if (!m) return undefined;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? 0);
  if (hours > 23 || minutes > 59) return undefined;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes) * 60_000;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** `+05:30` / `-0800` (with `separator` between hours and minutes). */
function offsetText(offsetMs: number, separator: string): string {
  const total = Math.round(Math.abs(offsetMs) / 60_000);
  return `${offsetMs < 0 ? '-' : '+'}${pad(Math.floor(total / 60))}${separator}${pad(total % 60)}`;
}

/** Milliseconds since the epoch of a proleptic-Gregorian UTC date and time (years 0–99 included, unlike `Date.UTC`). */
function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, millisecond = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millisecond);
  return date.getTime();
}

/** The calendar fields of an instant in a zone. */
function fieldsOf(epochMs: number, zone: string): CalendarFields {
  const fixed = fixedOffsetMs(zone);
  if (fixed !== undefined) {
    const d = new Date(epochMs + fixed);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      millisecond: d.getUTCMilliseconds(),
      weekday: d.getUTCDay() + 1,
    };
  }
  const parts: Record<string, string> = {};
  for (const p of formatterFor(zone).formatToParts(new Date(epochMs))) parts[p.type] = p.value;
  const yearOfEra = Number(parts.year);
  const year = parts.era === 'BC' || parts.era === 'B' ? 1 - yearOfEra : yearOfEra;
  const month = Number(parts.month);
  const day = Number(parts.day);
  return {
    year,
    month,
    day,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: ((epochMs % 1000) + 1000) % 1000,
    weekday: weekdayOfDayNumber(dayNumber(year, month, day)),
  };
}

/** The offset of `zone` from UTC at an instant, in milliseconds. */
function zoneOffsetMs(epochMs: number, zone: string): number {
  const fixed = fixedOffsetMs(zone);
  if (fixed !== undefined) return fixed;
  const f = fieldsOf(epochMs, zone);
  return utcMs(f.year, f.month, f.day, f.hour, f.minute, f.second, f.millisecond) - epochMs;
}

/**
 * The instant of local calendar fields in a zone, as `java.time` resolves them: a repeated local time (the autumn
 * change) takes the earlier offset, a skipped one (the spring change) is read with the offset before the change,
 * which moves it forward by the gap (02:30 becomes 03:30).
 */
function instantOf(fields: LocalFields, zone: string): number {
  const local = utcMs(fields.year, fields.month, fields.day, fields.hour ?? 0, fields.minute ?? 0, fields.second ?? 0, fields.millisecond ?? 0);
  const fixed = fixedOffsetMs(zone);
  if (fixed !== undefined || !Number.isFinite(local)) return local - (fixed ?? 0);
  const before = zoneOffsetMs(local - MS_PER_DAY, zone);
  const after = zoneOffsetMs(local + MS_PER_DAY, zone);
  const early = local - before;
  if (zoneOffsetMs(early, zone) === before) return early;
  const late = local - after;
  if (zoneOffsetMs(late, zone) === after) return late;
  return early;
}

/**
 * The zone's name as Java's `z` pattern shows it: `PST`, `IST`, `CET` (short) or `Pacific Standard Time` (long),
 * `GMT+05:30` where the zone has no name.
 */
function zoneName(epochMs: number, zone: string, long: boolean): string {
  if (/^(?:GMT|UTC)$/i.test(zone)) return long ? (zone.toUpperCase() === 'UTC' ? 'Coordinated Universal Time' : 'Greenwich Mean Time') : zone.toUpperCase();
  const offset = `GMT${offsetText(zoneOffsetMs(epochMs, zone), ':')}`;
  if (fixedOffsetMs(zone) !== undefined) return offset;
  // English names: US English knows the American abbreviations, British the European ones, Indian `IST`.
  for (const locale of long ? ['en-US'] : ['en-US', 'en-GB', 'en-IN']) {
    const name = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: long ? 'long' : 'short' })
      .formatToParts(new Date(epochMs))
      .find((p) => p.type === 'timeZoneName')?.value;
    if (name && !/^GMT[+-]/.test(name)) return name;
  }
  return offset;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days since 1970-01-01 of a local date. */
function dayNumber(year: number, month: number, day: number): number {
  return Math.round(utcMs(year, month, day) / MS_PER_DAY);
}

function dateOfDayNumber(n: number): { year: number; month: number; day: number } {
  const d = new Date(n * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 1 = Sunday … 7 = Saturday (1970-01-01 was a Thursday). */
function weekdayOfDayNumber(n: number): number {
  return ((((n + 4) % 7) + 7) % 7) + 1;
}

/** The day of the year of a local date, 1–366. */
function dayOfYear(f: { year: number; month: number; day: number }): number {
  return dayNumber(f.year, f.month, f.day) - dayNumber(f.year, 1, 1) + 1;
}

/**
 * Java's `WEEK_OF_YEAR` with minimal days 1: week 1 holds 1 January; late-December days in the week of the next
 * 1 January belong to week 1 of the next year (`weekYear`). `firstDay` is 1 = Sunday … 7 = Saturday.
 */
function weekOfYear(f: { year: number; month: number; day: number }, firstDay = 1): { week: number; weekYear: number } {
  const n = dayNumber(f.year, f.month, f.day);
  const weekStart = n - ((weekdayOfDayNumber(n) - firstDay + 7) % 7);
  const nextNewYear = dayNumber(f.year + 1, 1, 1);
  if (weekStart + 6 >= nextNewYear) return { week: 1, weekYear: f.year + 1 };
  const newYear = dayNumber(f.year, 1, 1);
  const firstWeekStart = newYear - ((weekdayOfDayNumber(newYear) - firstDay + 7) % 7);
  return { week: Math.floor((weekStart - firstWeekStart) / 7) + 1, weekYear: f.year };
}

/** Java's `WEEK_OF_MONTH` (weeks start on Sunday, week 1 holds the 1st). */
function weekOfMonth(f: { year: number; month: number; day: number }): number {
  const first = dayNumber(f.year, f.month, 1);
  const offset = (weekdayOfDayNumber(first) - 1 + 7) % 7;
  return Math.floor((f.day - 1 + offset) / 7) + 1;
}

/** `n` with at least `width` digits (a minus sign before them). */
function pad(n: number, width = 2): string {
  return n < 0 ? '-' + String(-n).padStart(width, '0') : String(n).padStart(width, '0');
}

/** A month's or weekday's short name (`Jan`, `Mon`). */
const shortName = (name: string): string => name.slice(0, 3);

type PatternToken = { readonly kind: 'field'; readonly letter: string; readonly count: number } | { readonly kind: 'text'; readonly text: string };

const PATTERN_LETTERS = 'GyYMLwWDdFEuaHkKhmsSzZX';

/** Letters whose value is a number (when `M`/`L` are 1–2 letters long). */
const NUMERIC_LETTERS = 'yYwWDdFuHkKhmsS';

const compiledPatterns = new Map<string, PatternToken[] | string>();

/** The tokens of a pattern, or the reason it is not one (Java rejects unknown letters and unclosed quotes). */
function compilePattern(pattern: string): PatternToken[] | string {
  const cached = compiledPatterns.get(pattern);
  if (cached !== undefined) return cached;
  const tokens: PatternToken[] = [];
  let error: string | undefined;
  let literal = '';
  let i = 0;
  while (i < pattern.length && error === undefined) {
    const c = pattern[i]!;
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        literal += "'";
        i += 2;
        continue;
      }
      const end = closingQuote(pattern, i + 1);
      if (end < 0) {
        error = 'it has an unterminated quote';
        break;
      }
      literal += pattern.slice(i + 1, end).replaceAll("''", "'");
      i = end + 1;
    } else if (/[A-Za-z]/.test(c)) {
      if (!PATTERN_LETTERS.includes(c)) {
        error = `it has the unknown pattern letter '${c}'`;
        break;
      }
      let count = 1;
      while (pattern[i + count] === c) count++;
      if (c === 'X' && count > 3) {
        error = 'X may be repeated at most 3 times';
        break;
      }
      if (literal) tokens.push({ kind: 'text', text: literal });
      literal = '';
      tokens.push({ kind: 'field', letter: c, count });
      i += count;
    } else {
      literal += c;
      i++;
    }
  }
  if (literal) tokens.push({ kind: 'text', text: literal });
  const result = error ?? tokens;
  compiledPatterns.set(pattern, result);
  return result;
}

/** The index of the quote closing a quoted run starting at `from` (a doubled quote is an escaped one). */
function closingQuote(pattern: string, from: number): number {
  for (let i = from; i < pattern.length; i++) {
    if (pattern[i] !== "'") continue;
    if (pattern[i + 1] === "'") i++;
    else return i;
  }
  return -1;
}

/**
 * The instant shown in `zone` with a pattern's tokens ({@link compilePattern}). Letters: G y Y M L w W D d F E u a H
 * k K h m s S z Z X; text in single quotes is copied, `''` is a quote.
 */
function formatInstant(epochMs: number, zone: string, tokens: readonly PatternToken[]): string {
  const f = fieldsOf(epochMs, zone);
  const yearOfEra = f.year > 0 ? f.year : 1 - f.year;
  let out = '';
  for (const t of tokens) {
    if (t.kind === 'text') {
      out += t.text;
      continue;
    }
    const n = t.count;
    switch (t.letter) {
      case 'G': out += f.year > 0 ? 'AD' : 'BC'; break;
      case 'y': out += n === 2 ? pad(yearOfEra % 100) : pad(yearOfEra, n); break;
      case 'Y': { const weekYear = weekOfYear(f).weekYear; out += n === 2 ? pad(weekYear % 100) : pad(weekYear, n); break; }
      case 'M': case 'L': { const name = MONTH_NAMES[f.month - 1]!; out += n >= 4 ? name : n === 3 ? shortName(name) : pad(f.month, n); break; }
      case 'w': out += pad(weekOfYear(f).week, n); break;
      case 'W': out += pad(weekOfMonth(f), n); break;
      case 'D': out += pad(dayOfYear(f), n); break;
      case 'd': out += pad(f.day, n); break;
      case 'F': out += pad(Math.floor((f.day - 1) / 7) + 1, n); break;
      case 'E': { const name = WEEKDAY_NAMES[f.weekday - 1]!; out += n >= 4 ? name : shortName(name); break; }
      case 'u': out += pad(f.weekday === 1 ? 7 : f.weekday - 1, n); break;
      case 'a': out += f.hour < 12 ? 'AM' : 'PM'; break;
      case 'H': out += pad(f.hour, n); break;
      case 'k': out += pad(f.hour === 0 ? 24 : f.hour, n); break;
      case 'K': out += pad(f.hour % 12, n); break;
      case 'h': out += pad(f.hour % 12 === 0 ? 12 : f.hour % 12, n); break;
      case 'm': out += pad(f.minute, n); break;
      case 's': out += pad(f.second, n); break;
      case 'S': out += pad(f.millisecond, n); break;
      case 'z': out += zoneName(epochMs, zone, n >= 4); break;
      case 'Z': out += offsetText(zoneOffsetMs(epochMs, zone), ''); break;
      case 'X': {
        const offset = zoneOffsetMs(epochMs, zone);
        out += offset === 0 ? 'Z' : n === 1 ? offsetText(offset, '').slice(0, 3) : offsetText(offset, n === 3 ? ':' : '');
        break;
      }
    }
  }
  return out;
}

/** Why a parse failed: the text does not have the pattern's shape, or it has it with impossible values (31 Feb). */
type ParseFailure = 'syntax' | 'range';

/**
 * Why text read as a date-time without a pattern failed: a {@link ParseFailure}, or `'malformed'` when a part is too
 * long (a day, month, hour, minute or second of more than 2 digits, a year of more than 4), which Zoho's pages treat
 * apart: https://www.zoho.com/deluge/help/functions/datetime/getweekofyear.html returns null for it, while
 * https://www.zoho.com/deluge/help/functions/datetime/daysbetween.html calls a 5-digit year a runtime error.
 */
type LiteralFailure = ParseFailure | 'malformed';

interface ParsedFields {
  era?: number;
  year?: number;
  month?: number;
  day?: number;
  dayOfYear?: number;
  weekday?: number;
  hour24?: number;
  hour1to24?: number;
  hour12?: number;
  hour0to11?: number;
  pm?: boolean;
  minute?: number;
  second?: number;
  millisecond?: number;
  offsetMs?: number;
  /** The year came from two digits: Java moves it a century on when the date falls before its window. */
  twoDigitYear?: boolean;
  hasTime: boolean;
}

interface ParseResult {
  readonly epochMs: number;
  /** Where parsing stopped: Java ignores what follows the pattern. */
  readonly end: number;
  /** The text gave an hour, minute, second or AM/PM. */
  readonly hasTime: boolean;
}

/** Well-known zone abbreviations a `z` field may read (Java knows more; offsets are always read). */
const ZONE_ABBREVIATIONS: Readonly<Record<string, number>> = {
  UTC: 0, GMT: 0, UT: 0, Z: 0, EST: -5, EDT: -4, CST: -6, CDT: -5, MST: -7, MDT: -6, PST: -8, PDT: -7, AKST: -9, AKDT: -8,
  HST: -10, IST: 5.5, BST: 1, CET: 1, CEST: 2, EET: 2, EEST: 3, WET: 0, WEST: 1, JST: 9, AEST: 10, AEDT: 11, SGT: 8,
};

/**
 * Reads `text` with a pattern's tokens, not leniently (a 31 February fails), in `zone` unless the text names its
 * offset. As Java does, spaces before a field are skipped, a field abutting another numeric field takes exactly its
 * letter count of digits, a two-digit `yy` year lands within 80 years before and 20 after `now`, fields the pattern
 * lacks default to 1970-01-01 00:00:00, and text after the pattern is ignored (`end` says where it stopped).
 * `literal` limits numeric fields to Zoho's literal lengths (year 4 digits, others 2).
 */
function parseTokens(text: string, tokens: readonly PatternToken[], zone: string, now: number, literal: boolean): ParseResult | LiteralFailure {
  const fields: ParsedFields = { hasTime: false };
  let pos = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'text') {
      if (!text.startsWith(t.text, pos)) return 'syntax';
      pos += t.text.length;
      continue;
    }
    while (text[pos] === ' ' || text[pos] === '\t') pos++;
    const next = tokens[i + 1];
    const abutting = next !== undefined && next.kind === 'field' && isNumericField(next);
    const read = readField(text, pos, t, abutting, fields, now);
    if (read === undefined) return 'syntax';
    if (literal && isNumericField(t) && read - pos > (t.letter === 'y' ? 4 : 2)) return 'malformed';
    pos = read;
  }
  if (!literal && !fields.hasTime) pos = readTrailingTime(text, pos, fields);
  let epochMs = resolveFields(fields, zone);
  // In the window's first year a date before the window's start day belongs a century later.
  if (typeof epochMs === 'number' && fields.twoDigitYear && epochMs < centuryStart(now)) {
    epochMs = resolveFields({ ...fields, year: fields.year! + 100 }, zone);
  }
  return typeof epochMs === 'string' ? epochMs : { epochMs, end: pos, hasTime: fields.hasTime };
}

/** A time of day after a date read with a pattern that has no time fields: `13:30`, `13:30:00`, `1:30 PM`. */
const TRAILING_TIME = /^[ \t]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[ \t]*([AaPp][Mm])(?![A-Za-z]))?/;

/**
 * Zoho reads the time that follows a date the pattern does not cover (the toDateTime page: `"01-11-2019 13:30:00"`
 * with `"MM-d-yy"` is `'11-Jan-2019 13:30:00'`), where Java's parser would stop at the date; other text after the
 * pattern is still ignored. Returns where the reading ends.
 */
function readTrailingTime(text: string, pos: number, fields: ParsedFields): number {
  const match = TRAILING_TIME.exec(text.slice(pos));
  if (!match) return pos;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  const second = match[3] === undefined ? 0 : Number(match[3]);
  const meridiem = match[4]?.toUpperCase();
  if (minute > 59 || second > 59 || (meridiem === undefined ? hour > 23 : hour < 1 || hour > 12)) return pos;
  if (meridiem === undefined) fields.hour24 = hour;
  else {
    fields.hour12 = hour;
    fields.pm = meridiem === 'PM';
  }
  fields.minute = minute;
  fields.second = second;
  fields.hasTime = true;
  return pos + match[0].length;
}

function isNumericField(t: { letter: string; count: number }): boolean {
  return NUMERIC_LETTERS.includes(t.letter) || ((t.letter === 'M' || t.letter === 'L') && t.count <= 2);
}

/** Reads one field at `pos` into `fields`; returns the position after it, or undefined when it is not there. */
function readField(text: string, pos: number, t: { letter: string; count: number }, abutting: boolean, fields: ParsedFields, now: number): number | undefined {
  if (isNumericField(t)) {
    let end = pos;
    const limit = abutting ? pos + t.count : text.length;
    while (end < limit && end < text.length && text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) end++;
    if (end === pos) return undefined;
    const value = Number(text.slice(pos, end));
    storeNumber(fields, t, value, end - pos, now);
    return end;
  }
  switch (t.letter) {
    case 'M':
    case 'L': {
      const match = matchName(text, pos, MONTH_NAMES);
      if (!match) return undefined;
      fields.month = match.index + 1;
      return match.end;
    }
    case 'E': {
      const match = matchName(text, pos, WEEKDAY_NAMES);
      if (!match) return undefined;
      fields.weekday = match.index + 1;
      return match.end;
    }
    case 'a': {
      const match = matchWord(text, pos, ['AM', 'PM']);
      if (!match) return undefined;
      fields.pm = match.index === 1;
      fields.hasTime = true;
      return match.end;
    }
    case 'G': {
      const match = matchWord(text, pos, ['AD', 'BC']);
      if (!match) return undefined;
      fields.era = match.index;
      return match.end;
    }
    default: {
      // z, Z, X: an offset or a zone abbreviation.
      const zone = readZone(text, pos, t.letter === 'X');
      if (!zone) return undefined;
      fields.offsetMs = zone.offsetMs;
      return zone.end;
    }
  }
}

function storeNumber(fields: ParsedFields, t: { letter: string; count: number }, value: number, digits: number, now: number): void {
  switch (t.letter) {
    case 'y': case 'Y':
      fields.twoDigitYear = t.count <= 2 && digits === 2;
      fields.year = fields.twoDigitYear ? twoDigitYear(value, now) : value;
      return;
    case 'M': case 'L': fields.month = value; return;
    case 'd': fields.day = value; return;
    case 'D': fields.dayOfYear = value; return;
    case 'H': fields.hour24 = value; break;
    case 'k': fields.hour1to24 = value; break;
    case 'h': fields.hour12 = value; break;
    case 'K': fields.hour0to11 = value; break;
    case 'm': fields.minute = value; break;
    case 's': fields.second = value; break;
    case 'S': fields.millisecond = value; break;
    // w, W, F, u: read and ignored (Java resolves them only without a day of month).
    default: return;
  }
  fields.hasTime = true;
}

/** Java's two-digit-year rule: the year within 80 years before and 20 years after `now`. */
function twoDigitYear(value: number, now: number): number {
  const startYear = new Date(now).getUTCFullYear() - 80;
  const year = Math.floor(startYear / 100) * 100 + value;
  return year < startYear ? year + 100 : year;
}

/** The start of the two-digit-year window: `now` 80 years back. */
function centuryStart(now: number): number {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() - 80);
  return d.getTime();
}

function matchName(text: string, pos: number, names: readonly string[]): { index: number; end: number } | undefined {
  return matchWord(text, pos, names) ?? matchWord(text, pos, names.map(shortName));
}

function matchWord(text: string, pos: number, words: readonly string[]): { index: number; end: number } | undefined {
  const rest = text.slice(pos).toLowerCase();
  let best: { index: number; end: number } | undefined;
  words.forEach((word, index) => {
    if (rest.startsWith(word.toLowerCase()) && (!best || pos + word.length > best.end)) best = { index, end: pos + word.length };
  });
  return best;
}

function readZone(text: string, pos: number, isoZ: boolean): { offsetMs: number; end: number } | undefined {
  const rest = text.slice(pos);
  const offset = /^(?:GMT|UTC)?([+-])(\d{2}):?(\d{2})?/.exec(rest) ?? /^(?:GMT|UTC)([+-])(\d{1,2})(?::(\d{2}))?/.exec(rest);
  if (offset) {
    const ms = (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3] ?? 0)) * 60_000;
    return { offsetMs: ms, end: pos + offset[0].length };
  }
  if (isoZ) return rest.startsWith('Z') ? { offsetMs: 0, end: pos + 1 } : undefined;
  const word = /^[A-Za-z]+/.exec(rest)?.[0];
  const hours = word === undefined ? undefined : ZONE_ABBREVIATIONS[word.toUpperCase()];
  return hours === undefined ? undefined : { offsetMs: hours * 3_600_000, end: pos + word!.length };
}

/** Checks the fields as a non-lenient Java calendar would and gives the instant. */
function resolveFields(p: ParsedFields, zone: string): number | ParseFailure {
  let year = p.year ?? 1970;
  if (year < 1) return 'range';
  if (p.era === 1) year = 1 - year;
  let month = p.month ?? 1;
  let day = p.day ?? 1;
  if (p.dayOfYear !== undefined && p.month === undefined && p.day === undefined) {
    if (p.dayOfYear < 1 || p.dayOfYear > (isLeapYear(year) ? 366 : 365)) return 'range';
    ({ month, day } = dateOfDayNumber(dayNumber(year, 1, 1) + p.dayOfYear - 1));
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return 'range';
  if (p.weekday !== undefined && weekdayOfDayNumber(dayNumber(year, month, day)) !== p.weekday) return 'range';
  const hour = resolveHour(p);
  if (hour === undefined) return 'range';
  const minute = p.minute ?? 0;
  const second = p.second ?? 0;
  const millisecond = p.millisecond ?? 0;
  if (minute > 59 || second > 59 || millisecond > 999) return 'range';
  const fields = { year, month, day, hour, minute, second, millisecond };
  if (p.offsetMs !== undefined) return utcMs(year, month, day, hour, minute, second, millisecond) - p.offsetMs;
  return instantOf(fields, zone);
}

function resolveHour(p: ParsedFields): number | undefined {
  const afternoon = p.pm ? 12 : 0;
  if (p.hour24 !== undefined) return p.hour24 <= 23 ? p.hour24 : undefined;
  if (p.hour1to24 !== undefined) return p.hour1to24 >= 1 && p.hour1to24 <= 24 ? p.hour1to24 % 24 : undefined;
  if (p.hour12 !== undefined) return p.hour12 >= 1 && p.hour12 <= 12 ? (p.hour12 % 12) + afternoon : undefined;
  if (p.hour0to11 !== undefined) return p.hour0to11 <= 11 ? p.hour0to11 + afternoon : undefined;
  return afternoon;
}

/** The date formats Zoho accepts, in the order of its page (https://zoho.com/deluge/help/datatypes/date-time.html). */
const LITERAL_DATE_FORMATS: readonly string[] = [
  'dd-MMM-yy', 'dd-MMM-yyyy', 'dd-MMMM-yy', 'dd-MMMM-yyyy', 'MM-dd-yy', 'yy-MM-dd', 'dd-MM-yy', 'dd-MM-yyyy',
  'MM-dd-yyyy', 'yyyy-MM-dd', 'yy/MM/dd', 'dd/MM/yy', 'MM/dd/yy', 'yyyy/MM/dd', 'MM/dd/yyyy', 'dd/MM/yyyy',
  'dd MMM,yy', 'MMM dd,yy', 'dd MMM,yyyy', 'MMM dd,yyyy', 'dd MMMM,yy', 'MMMM dd,yy', 'dd MMMM,yyyy',
  'MMMM dd,yyyy', 'E,MMMM dd,yyyy', 'E,MMM dd,yyyy', 'MMM dd yy', 'dd MMM yy', 'MMM dd yyyy', 'dd MMM yyyy',
  'MMMM dd yy', 'dd MMMM yy', 'dd MMMM yyyy', 'MMMM dd yyyy', 'dd.MM.yy', 'MM.dd.yy', 'yy.MM.dd', 'dd MM yyyy',
  'dd.MM.yyyy', 'MM.dd.yyyy', 'yyyy.MM.dd',
];

/** A time after the date: `19:00:00`, `7:00 PM`; each part is read in full so that over-long parts can be refused. */
const TIME_SUFFIX = /\s+(\d+):(\d+)(?::(\d+))?(?:\s*([AaPp][Mm]))?$/;

/**
 * Text read as a date-time without a pattern (single-quoted literals, `toDate()`, `toTime()`, date-time functions
 * given text): one of Zoho's date formats, tried in the order of its page, optionally followed by a time. A value
 * that has a format's shape but impossible parts (31 February, a 3-digit hour) is `'range'`; text that has no date
 * shape at all is `'syntax'`. Zoho's time rules: an hour of 24 or more resets the time to 00:00:00, minutes of 60
 * or more reset minutes and seconds, seconds of 60 or more reset the seconds
 * (https://www.zoho.com/deluge/help/functions/datetime/addday.html). `dateOnly`: the text had no time.
 */
function readLiteralInstant(text: string, zone: string, now: number): { epochMs: number; dateOnly: boolean } | LiteralFailure {
  const trimmed = text.trim();
  if (!/\d/.test(trimmed)) return 'syntax';
  const time = TIME_SUFFIX.exec(trimmed);
  const datePart = time ? trimmed.slice(0, time.index) : trimmed;
  let failure: LiteralFailure = 'syntax';
  let date: number | undefined;
  for (const format of LITERAL_DATE_FORMATS) {
    const result = parseTokens(datePart, compilePattern(format) as PatternToken[], 'UTC', now, true);
    if (typeof result === 'string') {
      if (result === 'malformed' || (result === 'range' && failure === 'syntax')) failure = result;
      continue;
    }
    if (result.end !== datePart.length) continue;
    date = result.epochMs;
    break;
  }
  if (date === undefined) return failure;
  const d = new Date(date);
  const fields: LocalFields = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
  if (time) {
    const clock = readClock(time);
    if (typeof clock === 'string') return clock;
    Object.assign(fields, clock);
  }
  return { epochMs: instantOf(fields, zone), dateOnly: time === null };
}

function readClock(m: RegExpExecArray): { hour: number; minute: number; second: number } | 'malformed' | 'range' {
  const [, h, mi, s, meridiem] = m;
  if (h!.length > 2 || mi!.length > 2 || (s !== undefined && s.length > 2)) return 'malformed';
  let hour = Number(h);
  let minute = Number(mi);
  let second = Number(s ?? 0);
  if (meridiem) {
    if (hour < 1 || hour > 12) return 'range';
    hour = (hour % 12) + (meridiem.toUpperCase() === 'PM' ? 12 : 0);
  }
  if (hour >= 24) return { hour: 0, minute: 0, second: 0 };
  if (minute >= 60) minute = second = 0;
  if (second >= 60) second = 0;
  return { hour, minute, second };
}

/** `zoho.currentdate` / `today`: the start of the current day, without a time. */
function today(): DateTime {
  const f = fieldsOf(NOW_MS, TIME_ZONE);
  return new DateTime(instantOf({ year: f.year, month: f.month, day: f.day }, TIME_ZONE), TIME_ZONE, true);
}

/** A value of the same zone at other local fields; dates beyond ±275,000 years are an error. */
function atLocal(value: DateTime, fields: LocalFields, dateOnly = value.dateOnly): DateTime {
  return checkedDateTime(instantOf(fields, value.zone), value.zone, dateOnly);
}

/** JavaScript dates reach ±8.64e15 ms (about 275,000 years); past that the date is unusable, an error as in deluge run. */
function checkedDateTime(epochMs: number, zone: string, dateOnly = false): DateTime {
  if (!Number.isFinite(epochMs) || Math.abs(epochMs) > 8.64e15) fail('DLG4015', 'The date is out of the supported range');
  return new DateTime(epochMs, zone, dateOnly);
}

/** Moves a date-time by calendar units, keeping the wall-clock time; months clamp the day (31 Jan + 1 month = 28/29 Feb). */
function shiftCalendar(value: DateTime, unit: 'year' | 'month' | 'day', amount: number): DateTime {
  const f = fieldsOf(value.epochMs, value.zone);
  let { year, month, day } = f;
  if (unit === 'day') {
    ({ year, month, day } = dateOfDayNumber(dayNumber(year, month, day) + amount));
  } else {
    const index = year * 12 + (month - 1) + (unit === 'year' ? amount * 12 : amount);
    year = Math.floor(index / 12);
    month = (((index % 12) + 12) % 12) + 1;
    day = Math.min(day, daysInMonth(year, month));
  }
  return atLocal(value, { year, month, day, hour: f.hour, minute: f.minute, second: f.second, millisecond: f.millisecond });
}

/** Zoho's default display: `09-Dec-2020 17:25:24`, or `09-Dec-2020` for a date without time. */
function formatDateTime(value: DateTime): string {
  return formatPattern(value, value.dateOnly ? 'dd-MMM-yyyy' : 'dd-MMM-yyyy HH:mm:ss');
}

/** A date-time shown with a SimpleDateFormat pattern, in `zone` (default: the value's own). */
function formatPattern(value: DateTime, pattern: string, zone: string = value.zone): string {
  const tokens = compilePattern(pattern);
  if (typeof tokens === 'string') return fail('DLG4015', `toString: "${pattern}" is not a date-time pattern: ${tokens}`);
  return formatInstant(value.epochMs, zone, tokens);
}

/**
 * Text read as a date-time without a pattern (`'15-Aug-1947'`, `toDate()`): one of Zoho's date formats, optionally
 * followed by a time (`19:00:00`, `7:00 PM`); undefined when it is not one.
 */
function parseDateTimeText(text: string, zone: string, nowMs: number = NOW_MS): DateTime | undefined {
  const read = readDateTimeText(text, zone, nowMs);
  return typeof read === 'string' ? undefined : read;
}

/** As parseDateTimeText, with why the text is not a date-time. */
function readDateTimeText(text: string, zone: string, nowMs: number = NOW_MS): DateTime | LiteralFailure {
  const read = readLiteralInstant(text, zone, nowMs);
  return typeof read === 'string' ? read : new DateTime(read.epochMs, zone, read.dateOnly);
}

/**
 * A date-time argument: a DATE-TIME as is, a text read as Zoho reads date literals. Null is the value the function
 * applies to being empty, or, for another argument (`what`), that argument being null.
 */
function dateOf(value: Value, fn: string, what?: string): DateTime {
  if (value instanceof DateTime) return value;
  if (value === null) return fail('DLG4005', what === undefined ? `Value is empty and '${fn}' function cannot be applied` : `${fn}: the ${what} is null`);
  if (typeof value === 'string') return parseDateTimeText(value, TIME_ZONE, NOW_MS) ?? fail('DLG4015', `${fn}: "${value}" is not a valid date-time`);
  // The value the function applies to, of another type: deluge run's "cannot be applied" (with the types it takes).
  if (what === undefined) return cannotApply(fn, value);
  return fail('DLG4001', `${fn}: the ${what} must be a DATE-TIME, not ${typeName(value)}`);
}

/** A whole number of units (`what`: "number of days"); anything past ±2^53 is far outside the calendar anyway. */
function countOf(value: Value, fn: string, what: string): number {
  if (value === null) return fail('DLG4005', `${fn}: the ${what} is null`);
  if (typeof value === 'bigint') {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) return fail('DLG4015', `${fn}: ${value} ${what} is out of the supported date range`);
    return Number(value);
  }
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return fail('DLG4001', `${fn}: the ${what} must be a NUMBER, not ${typeName(value)}`);
}

/** `d.addDay(n)`, `d.subHour(n)`, …: the date-time read first, then the number, as deluge run reads them. */
function shiftBy(value: Value, unit: 'year' | 'month' | 'week' | 'day' | 'hour' | 'minute' | 'second', sign: 1 | -1, amount: Value, fn: string): DateTime {
  const date = dateOf(value, fn);
  const n = sign * countOf(amount, fn, `number of ${unit}s`);
  if (unit === 'week') return shiftCalendar(date, 'day', n * 7);
  if (unit === 'year' || unit === 'month' || unit === 'day') return shiftCalendar(date, unit, n);
  const ms = { hour: 3_600_000, minute: 60_000, second: 1_000 }[unit];
  return checkedDateTime(date.epochMs + n * ms, date.zone);
}

/** @builtin addDay — `d.addDay(n)`. */
function addDay(value: Value, n: Value): Value {
  checkArguments(PARAMETERS.addday, value, n);
  return shiftBy(value, 'day', 1, n, 'addDay');
}

// ── Run ──────────────────────────────────────────────────────────────────────────────────────

/** The arguments: the defaults given to deluge emit, then `name=value` (text) and `name:=JSON` from the command line. */
const input: DelugeMap = scriptArguments(mapOf());
run(main);
