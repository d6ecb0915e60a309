// collections-text-dates.ts: examples/collections-text-dates.dg as a standalone TypeScript program, by deluge-kit (deluge emit --to typescript).
// It does what `deluge run` does with the script: the same requests, the same info lines on stdout.
//
// Run it with Node.js 20 or later:  npx tsx collections-text-dates.ts
//   with Node.js 22.6 or later:    node --experimental-strip-types collections-text-dates.ts (no flag from Node.js 23.6)
//   or compile it with tsc first:  npm i -D typescript @types/node && npx tsc --strict --target es2022 --module nodenext collections-text-dates.ts && node collections-text-dates.js
// It needs no package at run time: requests go through the global fetch.
// The clock: zoho.currenttime, now and today show NOW_MS; date-times are shown in TIME_ZONE.
// Deluge's semantics are kept by the helpers after the program: NUMBER is a 64-bit bigint (record IDs keep every
//   digit), DECIMAL a number, maps are Maps in insertion order, `+` joins text (null as ""), info prints as Zoho does.

/** The zone date-times are shown in (deluge emit --tz; Zoho's docs use US Pacific). */
const TIME_ZONE = "America/Los_Angeles";
/** The instant zoho.currenttime, now and today show. */
const NOW_MS = Date.parse("2020-12-10T01:25:24.000Z"); // deluge emit --now
/** What each builtin the program uses applies to, named in the error of a function applied to another type. */
const APPLIES_TO: Readonly<Record<string, string>> = { add: "LIST", addday: "DATE-TIME, TEXT", contains: "TEXT, LIST", daysbetween: "DATE-TIME, TEXT", find: "TEXT", get: "LIST, KEY-VALUE, COLLECTION", getprefix: "TEXT", getsuffix: "TEXT", indexof: "TEXT, LIST", insert: "COLLECTION", keys: "KEY-VALUE, COLLECTION", largest: "LIST, COLLECTION", leftpad: "TEXT", len: "TEXT", length: "TEXT", lower: "TEXT", mid: "TEXT", proper: "TEXT", put: "KEY-VALUE", replaceall: "TEXT", round: "NUMERIC", startswith: "TEXT", substring: "TEXT", subtext: "TEXT", todate: "TEXT, NUMBER, DATE-TIME", todatetimestring: "NUMBER, DATE-TIME, TEXT", todecimal: "NUMBER, DECIMAL, TEXT", tolist: "TEXT, LIST", tolowercase: "TEXT", trim: "TEXT", values: "KEY-VALUE, COLLECTION" };
/** The parameters of the builtins this program uses, as deluge run declares them: an argument of another type stops it. */
const PARAMETERS: Readonly<Record<string, BuiltinParameters>> = {
  addday: { name: "addDay", overloads: [{ on: ["DATE-TIME", "TEXT"], params: [["numberOfDays", "NUMBER"]] }] },
  contains: { name: "contains", overloads: [{ on: ["TEXT"], params: [["searchText", "TEXT"]] }, { on: ["LIST"], params: [] }] },
  daysbetween: { name: "daysBetween", overloads: [{ on: ["DATE-TIME", "TEXT"], params: [["endDateTimeValue", "DATE-TIME", "TEXT"]] }] },
  get: { name: "get", overloads: [{ on: ["LIST"], params: [["index", "NUMBER"]] }, { on: ["KEY-VALUE"], params: [] }, { on: ["COLLECTION"], params: [] }] },
  getprefix: { name: "getPrefix", overloads: [{ on: ["TEXT"], params: [["searchText", "TEXT"]] }] },
  getsuffix: { name: "getSuffix", overloads: [{ on: ["TEXT"], params: [["searchText", "TEXT"]] }] },
  indexof: { name: "indexOf", overloads: [{ on: ["TEXT"], params: [["searchText", "TEXT"]] }, { on: ["LIST"], params: [] }] },
  leftpad: { name: "leftpad", overloads: [{ on: ["TEXT"], params: [["length", "NUMBER"]] }] },
  replaceall: { name: "replaceAll", overloads: [{ on: ["TEXT"], params: [["searchText", "TEXT"], ["replacementText", "TEXT"], ["escapeRegex", "BOOLEAN", "TEXT"]] }] },
  round: { name: "round", overloads: [{ on: ["NUMERIC"], params: [["decimalPlaces", "NUMERIC"]] }] },
  startswith: { name: "startsWith", overloads: [{ on: ["TEXT"], params: [["searchText", "TEXT"]] }] },
  substring: { name: "subString", overloads: [{ on: ["TEXT"], params: [["startIndex", "NUMBER"], ["endIndex", "NUMBER"]] }] },
  todate: { name: "toDate", overloads: [{ on: ["TEXT", "NUMBER", "DATE-TIME"], params: [["dateTimeMapping", "TEXT"]] }] },
  todatetimestring: { name: "toDateTimeString", overloads: [{ on: ["NUMBER", "DATE-TIME", "TEXT"], params: [["dateTimeFormat", "TEXT"], ["timeZone", "TEXT"]] }] },
  tolist: { name: "toList", overloads: [{ on: ["TEXT"], params: [["separator", "TEXT"]] }, { on: ["LIST"], params: [["separator", "TEXT"]] }] },
  tostring: { name: "toString", overloads: [{ on: ["DATE-TIME", "NUMBER", "TEXT"], params: [["dateTimeFormat", "TEXT"], ["timeZone", "TEXT"]] }, { on: ["ANY"], params: [] }] },
};

// Everyday Deluge: maps, lists and collections, text functions, date literals, if()/ifnull(), for each index
// and try/catch, on a small order book held in the script.
// Product: any Deluge product (CRM, Creator, Books, Desk ...): paste it into a standalone function or the
// Deluge editor; it reads and writes nothing outside the script.
/** The script: its top-level statements, in order. */
export async function main(): Promise<Value> {
  const orders: Value = [];
  add(orders, mapOf(["no", "SO-1001"], ["customer", "  acme corp "], ["amount", 1250.50], ["date", localDate(2024, 1, 3) /* '03-Jan-2024' */], ["tags", "priority,export"]));
  add(orders, mapOf(["no", "SO-1002"], ["customer", "Globex"], ["amount", 310n], ["date", localDate(2024, 2, 17) /* '17-Feb-2024' */], ["tags", ""]));
  add(orders, mapOf(["no", "SO-1003"], ["customer", "initech"], ["amount", 0n], ["date", localDate(2024, 1, 1, 9, 30, 0) /* '01-Jan-2024 09:30:00' */], ["tags", "export"]));
  add(orders, mapOf(["no", "SO-1004"], ["customer", "Acme Corp"], ["amount", 980.25], ["date", localDate(2024, 3, 29) /* '29-Mar-2024' */]));
  const quarterStart: Value = localDate(2024, 1, 1) /* '01-Jan-2024' */;
  const quarterEnd: Value = localDate(2024, 3, 31, 23, 59, 59) /* '31-Mar-2024 23:59:59' */;
  // Totals per customer, keyed by a normalised name.
  const totals: Value = mapOf();
  const tagCounts: Value = newCollection();
  const exportOrders: Value = newList("TEXT");
  for (const i of indexesOf(orders)) {
    const order: Value = get(orders, i);
    const name: Value = proper(trim(get(order, "customer")));
    const amount: Value = toDecimal(ifnull(get(order, "amount"), 0n));
    const orderDate: Value = toDate(get(order, "date"));
    if (compare(orderDate, '<', quarterStart) || compare(orderDate, '>', quarterEnd)) {
      continue;
    }
    put(totals, name, plus(ifnull(get(totals, name), 0n), amount));
    const tags: Value = ifnull(get(order, "tags"), "");
    for (const tag of eachOf(toList(tags, ","))) {
      if (!isEmpty(tag)) {
        insert(tagCounts, keyValue(tag, plus(ifnull(get(tagCounts, tag), 0n), 1n)));
      }
    }
    if (contains(tags, "export")) {
      add(exportOrders, get(order, "no"));
    }
    info(`${asText(plus(i, 1n))}. ${asText(get(order, "no"))} ${asText(name)} ${asText(compare(amount, '>', 0n) ? round(amount, 2n) : "no charge")}`);
  }
  // Text functions.
  const reference: Value = "SO-1001/ACME/2024";
  const prefix: Value = getPrefix(reference, "/");
  const suffix: Value = getSuffix(reference, "/");
  const customerCode: Value = toLowerCase(subString(suffix, 0n, indexOf(suffix, "/")));
  const padded: Value = replaceAll(leftpad("42", 6n), " ", "0");
  const label: Value = startsWith(reference, "SO-") ? "sales order" : "other";
  info(`${asText(prefix)} | ${asText(customerCode)} | ${asText(padded)} | ${asText(label)} | ${asText(length(reference))}`);
  // Dates.
  const daysInQuarter: Value = plus(daysBetween(toDate(quarterStart), toDate(quarterEnd)), 1n);
  const firstFollowUp: Value = addDay(localDate(2024, 1, 3) /* '03-Jan-2024' */, 14n);
  info(`Quarter: ${asText(daysInQuarter)} days; first follow-up ${asText(toString(firstFollowUp, "dd-MMM-yyyy"))}`);
  // Conversions that can fail at run time go in try/catch.
  const inputs: Value = ["12", "7.5", "twelve"];
  const parsed: Value = [];
  for (const value of eachOf(inputs)) {
    try {
      delugeLine = 60;
      add(parsed, toDecimal(value));
    } catch (error) {
      const e = caught(error, delugeLine);
      info(`Not a number: ${asText(value)} (${asText(e)})`);
    }
  }
  const summary: Value = mapOf();
  put(summary, "customers", keys(totals));
  put(summary, "totals", totals);
  put(summary, "tags", tagCounts);
  put(summary, "export", exportOrders);
  put(summary, "parsed", parsed);
  put(summary, "largest", isEmpty(totals) ? null : largest(values(totals)));
  info(summary);
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
  | Collection
  | CaughtError
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

/** A collection: a list or a map, decided by its first insert (`insert(v)` or `insert(k : v)`). */
class Collection {
  mode: 'empty' | 'list' | 'map' = 'empty';
  readonly list: Value[] = [];
  readonly map: DelugeMap = new Map();
}

/** A `key : value` argument (`Collection("k" : 1)`, `c.insert("k" : v)`): a one-entry map the collection functions recognise. */
class KeyValuePair extends Map<MapKey, Value> {}

/** The value a `catch (e)` receives: the error's message and the Deluge line where it happened. */
class CaughtError {
  readonly message: string;
  readonly lineNo: number;
  constructor(message: string, lineNo: number) {
    this.message = message;
    this.lineNo = lineNo;
  }
}

/** The element type of typed lists (`List:String()`), which convert what is added to them. */
const LIST_TYPES = new WeakMap<Value[], ElementType>();

type ElementType = 'TEXT' | 'NUMBER' | 'DECIMAL' | 'BOOLEAN' | 'DATE-TIME';

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
      if (value instanceof Collection) return 'COLLECTION';
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

/** A value used as a map key: scalars as they are; a date-time by its instant, a list or map by its JSON text. */
function mapKey(value: Value): MapKey {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof DateTime) return `${value.epochMs}`;
  return jsonText(value);
}

/**
 * `info value;`: one line on stdout, the value as Zoho's execution log shows it; in a program that sends requests,
 * with what looks like a credential masked, as `deluge run` prints it (a server may echo the token it was sent).
 */
function info(value: Value): void {
  if (stdout.closed) return;
  let line = textForm(value);
  console.log(line);
  // A write to a closed pipe fails at once, but its EPIPE comes later, after the next request is sent.
  if (process.stdout.errored) stdoutClosed();
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
      if (value instanceof Collection) return value.mode === 'map' ? jsonOfEntries(value.map) : value.list.map(elementText).join(',');
      if (value instanceof CaughtError) return `${value.message} (line ${value.lineNo})`;
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
  if (value instanceof Collection) return jsonText(value);
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
      if (value instanceof Collection) return value.mode === 'map' ? jsonOfEntries(value.map) : `[${value.list.map(jsonText).join(',')}]`;
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
  if (a instanceof Collection && b instanceof Collection) return a.mode === b.mode && isEqual(a.list, b.list) && mapsEqual(a.map, b.map);
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
  if (value instanceof Collection) return value.mode === 'map' ? [...value.map.keys()] : value.list;
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
function* indexesOf(value: Value): Generator<bigint> {
  const items = eachOf(value);
  for (let i = 0; i < items.length; i++) yield BigInt(i);
}

/** The Deluge line being run, kept where a `catch` shows it (`e.lineNo`, or `e` printed). */
let delugeLine = 0;

/** The `catch (e)` variable for what was thrown: a runtime error of the script; anything else goes on up. */
function caught(error: unknown, line: number): CaughtError {
  if (error instanceof DelugeError && error.catchable) return new CaughtError(error.message, line);
  throw error;
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

/** `value` converted to a declared type (a parameter, an element of a typed list), or an error naming `where`. */
function convertTo(value: Value, type: ElementType, where: string): Value {
  if (value === null) return null;
  switch (type) {
    case 'TEXT':
      return typeof value === 'string' ? value : textForm(value);
    case 'NUMBER':
      if (typeof value === 'bigint') return value;
      if (typeof value === 'number' && Number.isInteger(value)) return checkedNumber(BigInt(value));
      if (typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value)) return checkedNumber(BigInt(value.trim()));
      break;
    case 'DECIMAL':
      if (typeof value === 'number') return value;
      if (typeof value === 'bigint') return Number(value);
      if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
      break;
    case 'BOOLEAN':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      break;
    case 'DATE-TIME':
      if (value instanceof DateTime) return value;
      if (typeof value === 'bigint') return checkedDateTime(Number(value), TIME_ZONE);
      if (typeof value === 'string' && parseDateTimeText(value, TIME_ZONE, NOW_MS) !== undefined) return parseDateTimeText(value, TIME_ZONE, NOW_MS)!;
      break;
  }
  const shown = typeof value === 'string' ? ` "${value}"` : '';
  return fail('DLG4001', `${where}: a value of type ${typeName(value)}${shown} cannot be used where ${type} is expected`);
}

/** Decimal text, as Java's Double.parseDouble reads it (without its hex and NaN/Infinity forms). */
const DECIMAL_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** @builtin toDecimal — a DECIMAL; empty or non-numeric text is an error. */
function toDecimal(value: Value): Value {
  if (value === null) return fail('DLG4005', "Value is empty and 'toDecimal' function cannot be applied");
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value !== 'string') return cannotApply('toDecimal', value);
  const trimmed = value.trim();
  if (trimmed === '') fail('DLG4004', 'toDecimal: an empty text cannot be converted to a DECIMAL');
  if (!DECIMAL_TEXT.test(trimmed)) fail('DLG4004', `toDecimal: "${value}" is not a number`);
  return Number(trimmed);
}

interface Translated {
  readonly source: string;
  readonly flags: string;
}

/** Why a pattern or a replacement cannot be used. */
class PatternError extends Error {}

const SYNTAX_CHARS = new Set('^$\\.*+?()[]{}|/');

const JAVA_SPACE = '\\t\\n\\x0B\\f\\r ';

const JAVA_HSPACE = ' \\t\\xA0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000';

const JAVA_VSPACE = '\\n\\x0B\\f\\r\\x85\\u2028\\u2029';

/** A final line terminator for Java's `$` and `\Z` (never between the CR and LF of a CRLF). */
const LINE_END = '(?:\\r\\n|(?<!\\r)\\n|[\\r\\x85\\u2028\\u2029])';

/** Java's POSIX classes (US-ASCII), as the inside of a character class. */
const POSIX_CLASSES: Record<string, string> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\x00-\\x7F',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Alnum: 'a-zA-Z0-9',
  Punct: '!-\\/:-@\\[-`{-~',
  Graph: '!-~',
  Print: ' -~',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: JAVA_SPACE,
};

const UNICODE_PROPERTIES: Record<string, string> = {
  IsAlphabetic: 'Alphabetic',
  IsLetter: 'L',
  IsDigit: 'Nd',
  IsUppercase: 'Uppercase',
  IsLowercase: 'Lowercase',
  IsWhite_Space: 'White_Space',
  IsWhiteSpace: 'White_Space',
  IsPunctuation: 'P',
  IsControl: 'Cc',
};

function isValidProperty(property: string): boolean {
  try {
    new RegExp(`\\p{${property}}`, 'u');
    return true;
  } catch {
    return false;
  }
}

/** `\p{name}` / `\P{name}`: the JS text outside a class and inside one (undefined when it cannot go there). */
function translateProperty(name: string, negated: boolean): { outside: string; inside: string | undefined } {
  const posix = POSIX_CLASSES[name];
  if (posix !== undefined) {
    return { outside: `[${negated ? '^' : ''}${posix}]`, inside: negated ? undefined : posix };
  }
  let property = UNICODE_PROPERTIES[name];
  if (property === undefined) {
    const bare = name.replace(/^(Is|general_category=|gc=)/, '');
    const script = /^(?:script=|sc=)(.+)$/.exec(name)?.[1];
    if (script !== undefined) property = `Script=${script}`;
    else if (isValidProperty(bare) && /^[A-Z][a-z]?$/.test(bare)) property = bare;
    else if (name.startsWith('Is') && isValidProperty(`Script=${bare}`)) property = `Script=${bare}`;
  }
  if (property === undefined || !isValidProperty(property)) {
    throw new PatternError(`the character property \\p{${name}} is not supported`);
  }
  const text = `\\${negated ? 'P' : 'p'}{${property}}`;
  return { outside: text, inside: text };
}

function literal(ch: string, inClass: boolean): string {
  return SYNTAX_CHARS.has(ch) || (inClass && ch === '-') ? `\\${ch}` : ch;
}

/** Translates one escape starting at `p[i] === '\\'`; returns the JS text and the index after it. */
function translateEscape(p: string, i: number, inClass: boolean): [string, number] {
  const c = p[i + 1];
  if (c === undefined) throw new PatternError('it ends with a lone backslash');
  const unsupported = (what: string): never => {
    throw new PatternError(`${what} is not supported`);
  };
  switch (c) {
    case 't':
    case 'n':
    case 'r':
    case 'f':
    case 'd':
    case 'D':
    case 'w':
    case 'W':
      return [`\\${c}`, i + 2];
    case 'a':
      return ['\\x07', i + 2];
    case 'e':
      return ['\\x1B', i + 2];
    case 'b':
    case 'B':
      if (inClass) throw new PatternError(`\\${c} cannot be used inside a character class`);
      return [`\\${c}`, i + 2];
    case 's':
      return [inClass ? JAVA_SPACE : `[${JAVA_SPACE}]`, i + 2];
    case 'S':
      return [inClass ? unsupported('\\S inside a character class') : `[^${JAVA_SPACE}]`, i + 2];
    case 'h':
      return [inClass ? JAVA_HSPACE : `[${JAVA_HSPACE}]`, i + 2];
    case 'H':
      return [inClass ? unsupported('\\H inside a character class') : `[^${JAVA_HSPACE}]`, i + 2];
    case 'v':
      return [inClass ? JAVA_VSPACE : `[${JAVA_VSPACE}]`, i + 2];
    case 'V':
      return [inClass ? unsupported('\\V inside a character class') : `[^${JAVA_VSPACE}]`, i + 2];
    case 'R':
      return [inClass ? unsupported('\\R inside a character class') : `(?:\\r\\n|[${JAVA_VSPACE}])`, i + 2];
    case 'A':
      return [inClass ? unsupported('\\A inside a character class') : '(?<![\\s\\S])', i + 2];
    case 'z':
      return [inClass ? unsupported('\\z inside a character class') : '(?![\\s\\S])', i + 2];
    case 'Z':
      return [inClass ? unsupported('\\Z inside a character class') : `(?=${LINE_END}?(?![\\s\\S]))`, i + 2];
    case 'c': {
      const letter = p[i + 2];
      if (letter === undefined || !/[A-Za-z]/.test(letter)) throw new PatternError('\\c must be followed by a letter');
      return [`\\c${letter}`, i + 3];
    }
    case 'x': {
      if (p[i + 2] === '{') {
        const m = /^\{([0-9a-fA-F]+)\}/.exec(p.slice(i + 2));
        if (!m || parseInt(m[1]!, 16) > 0x10ffff) throw new PatternError('\\x{…} needs a hexadecimal code point');
        return [`\\u{${m[1]}}`, i + 2 + m[0].length];
      }
      const hex = p.slice(i + 2, i + 4);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new PatternError('\\x needs two hexadecimal digits');
      return [`\\x${hex}`, i + 4];
    }
    case 'u': {
      const hex = p.slice(i + 2, i + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new PatternError('\\u needs four hexadecimal digits');
      return [`\\u${hex}`, i + 6];
    }
    case '0': {
      const m = /^(?:[0-3][0-7]{2}|[0-7]{1,2})/.exec(p.slice(i + 2));
      if (!m) throw new PatternError('\\0 must be followed by an octal value');
      return [`\\u{${parseInt(m[0], 8).toString(16)}}`, i + 2 + m[0].length];
    }
    case 'Q': {
      const end = p.indexOf('\\E', i + 2);
      const quoted = p.slice(i + 2, end < 0 ? p.length : end);
      return [[...quoted].map((ch) => literal(ch, inClass)).join(''), end < 0 ? p.length : end + 2];
    }
    case 'p':
    case 'P': {
      let name: string;
      let next: number;
      if (p[i + 2] === '{') {
        const close = p.indexOf('}', i + 3);
        if (close < 0) throw new PatternError(`\\${c}{ is not closed`);
        name = p.slice(i + 3, close);
        next = close + 1;
      } else {
        name = p[i + 2] ?? '';
        next = i + 3;
      }
      if (name === '') throw new PatternError(`\\${c} needs a property name`);
      const translated = translateProperty(name, c === 'P');
      if (!inClass) return [translated.outside, next];
      if (translated.inside === undefined) throw new PatternError(`\\P{${name}} inside a character class is not supported`);
      return [translated.inside, next];
    }
    case 'k': {
      const m = /^<([A-Za-z][A-Za-z0-9]*)>/.exec(p.slice(i + 2));
      if (!m || inClass) throw new PatternError('\\k must be followed by a group name in <>');
      return [`\\k<${m[1]}>`, i + 2 + m[0].length];
    }
    case 'G':
    case 'X':
    case 'N':
      return unsupported(`\\${c}`);
    default:
      break;
  }
  if (c >= '1' && c <= '9') {
    if (inClass) throw new PatternError(`\\${c} cannot be used inside a character class`);
    const digits = /^\d+/.exec(p.slice(i + 1))![0];
    return [`\\${digits}`, i + 1 + digits.length];
  }
  if (/[A-Za-z]/.test(c)) throw new PatternError(`\\${c} is not a valid escape`);
  return [literal(c, inClass), i + 2];
}

function translateClass(p: string, start: number): [string, number] {
  let i = start + 1;
  let out = '[';
  if (p[i] === '^') {
    out += '^';
    i++;
  }
  if (p[i] === ']') {
    out += '\\]';
    i++;
  }
  for (;;) {
    const c = p[i];
    if (c === undefined) throw new PatternError('a character class is not closed with ]');
    if (c === ']') return [`${out}]`, i + 1];
    if (c === '[') throw new PatternError('nested character classes are not supported');
    if (c === '&' && p[i + 1] === '&') throw new PatternError('character class intersection (&&) is not supported');
    if (c === '\\') {
      const [text, next] = translateEscape(p, i, true);
      out += text;
      i = next;
    } else {
      out += c;
      i++;
    }
  }
}

/** Reads a quantifier's lazy/possessive suffix. */
function quantifierSuffix(p: string, i: number): [string, number] {
  if (p[i] === '?') return ['?', i + 1];
  if (p[i] === '+') throw new PatternError('possessive quantifiers (*+, ++, ?+) are not supported');
  return ['', i];
}

function translateJavaRegex(pattern: string): Translated {
  const flags = new Set<string>();
  let i = 0;
  // Leading inline flags, `(?i)`, `(?is)`: the only place JavaScript can take them.
  for (let m = /^\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?\)/.exec(pattern); m; m = /^\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?\)/.exec(pattern.slice(i))) {
    for (const f of m[1]!) {
      if (f === 'i' || f === 's' || f === 'm') flags.add(f);
      else if (f !== 'u' && f !== 'U' && f !== 'd') throw new PatternError(`the inline flag (?${f}) is not supported`);
    }
    for (const f of m[2] ?? '') flags.delete(f);
    i += m[0].length;
  }
  const multiline = flags.has('m');
  let out = '';
  while (i < pattern.length) {
    const c = pattern[i]!;
    switch (c) {
      case '\\': {
        const [text, next] = translateEscape(pattern, i, false);
        out += text;
        i = next;
        break;
      }
      case '[': {
        const [text, next] = translateClass(pattern, i);
        out += text;
        i = next;
        break;
      }
      case '(': {
        const rest = pattern.slice(i);
        const group = /^\((?:\?(?::|=|!|<=|<!|<[A-Za-z][A-Za-z0-9]*>))?/.exec(rest)![0];
        if (group === '(' && rest.startsWith('(?')) {
          if (rest.startsWith('(?>')) throw new PatternError('atomic groups (?>…) are not supported');
          if (/^\(\?[a-zA-Z-]*[:)]/.test(rest)) throw new PatternError('inline flags are only supported at the very start of the pattern');
          throw new PatternError('it has an unknown group construct (?');
        }
        out += group;
        i += group.length;
        break;
      }
      case '*':
      case '+':
      case '?': {
        const [suffix, next] = quantifierSuffix(pattern, i + 1);
        out += c + suffix;
        i = next;
        break;
      }
      case '{': {
        const m = /^\{\d+(?:,\d*)?\}/.exec(pattern.slice(i));
        if (!m) throw new PatternError('it has a { that does not start a repetition like {2} or {1,3}');
        const [suffix, next] = quantifierSuffix(pattern, i + m[0].length);
        out += m[0] + suffix;
        i = next;
        break;
      }
      case '}':
      case ']':
        out += `\\${c}`;
        i++;
        break;
      case '$':
        // Java's `$` also matches before a final line terminator.
        out += multiline ? '$' : `(?=${LINE_END}?(?![\\s\\S]))`;
        i++;
        break;
      default:
        out += c;
        i++;
    }
  }
  return { source: out, flags: `u${[...flags].join('')}` };
}

/** Java's `Pattern.quote` in translated form: the text matched literally. */
function escapeJavaLiteral(text: string): string {
  return [...text].map((ch) => literal(ch, false)).join('');
}

/**
 * Java's replacement text: `$n` and `${name}` insert groups, a backslash takes the next character literally.
 * Like Java, a group number takes as many digits as still name an existing group. A PatternError says what is wrong.
 */
function expandJavaReplacement(replacement: string, match: RegExpExecArray): string {
  const groupCount = match.length - 1;
  const wrong = (why: string): never => {
    throw new PatternError(`the replacement "${replacement}" ${why}`);
  };
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i]!;
    if (c === '\\') {
      i++;
      if (i >= replacement.length) wrong('ends with a lone backslash');
      out += replacement[i];
    } else if (c === '$') {
      i++;
      if (replacement[i] === '{') {
        const close = replacement.indexOf('}', i);
        const name = close < 0 ? '' : replacement.slice(i + 1, close);
        if (!name || !match.groups || !(name in match.groups)) wrong('names a group that the pattern does not have');
        out += match.groups![name] ?? '';
        i = close;
      } else {
        const first = replacement[i];
        if (first === undefined || first < '0' || first > '9') wrong('has a $ that is not followed by a group number (write \\$ for a dollar sign)');
        let group = Number(first);
        if (group > groupCount) wrong(`refers to group ${group}, but the pattern has ${groupCount}`);
        while (i + 1 < replacement.length && /\d/.test(replacement[i + 1]!)) {
          const longer = group * 10 + Number(replacement[i + 1]);
          if (longer > groupCount) break;
          group = longer;
          i++;
        }
        out += match[group] ?? '';
      }
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * A double as the decimal it prints as: `sign × digits / 10^scale` (`218.49` → 21849 / 10²). Works from the
 * shortest text that reads back as the same double, so it holds exactly the digits the user sees.
 */
interface ScaledDecimal {
  readonly negative: boolean;
  readonly digits: bigint;
  readonly scale: number;
}

function scaledOf(n: number): ScaledDecimal {
  const text = String(Math.abs(n));
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(text);
  if (!m) throw new Error(`unexpected number text ${text}`);
  const fraction = m[2] ?? '';
  const exponent = Number(m[3] ?? 0);
  let scale = fraction.length - exponent;
  let digits = BigInt(m[1]! + fraction);
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { negative: n < 0 || Object.is(n, -0), digits, scale };
}

function scaledToNumber(s: ScaledDecimal): number {
  const value = Number(`${s.negative ? '-' : ''}${s.digits}e${-s.scale}`);
  return value === 0 ? 0 : value; // no -0: it would print as 0 but compare oddly
}

/** Keeps `places` decimals (negative: rounds to tens, hundreds …); `halfUp` rounds halves away from zero, else truncates. */
function cutDecimals(s: ScaledDecimal, places: number, halfUp: boolean): ScaledDecimal {
  if (s.scale <= places) return s;
  const divisor = 10n ** BigInt(s.scale - places);
  let kept = s.digits / divisor;
  if (halfUp && (s.digits % divisor) * 2n >= divisor) kept += 1n;
  return places >= 0
    ? { negative: s.negative, digits: kept, scale: places }
    : { negative: s.negative, digits: kept * 10n ** BigInt(-places), scale: 0 };
}

/** `round`/`truncate` of a DECIMAL (infinities and NaN as they are). */
function cutDecimal(n: number, places: number, halfUp: boolean): number {
  return Number.isFinite(n) ? scaledToNumber(cutDecimals(scaledOf(n), places, halfUp)) : n;
}

/** `round`/`truncate` of a NUMBER to tens, hundreds … (`places` < 0); unchecked against the 64-bit range. */
function cutWhole(n: bigint, places: number, halfUp: boolean): bigint {
  if (places >= 0) return n;
  const cut = cutDecimals({ negative: n < 0n, digits: n < 0n ? -n : n, scale: 0 }, places, halfUp);
  return cut.negative ? -cut.digits : cut.digits;
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

/** A NUMBER argument as an index, checked against a size. */
function checkedIndex(fn: string, index: Value, size: number): number {
  if (index === null) return fail('DLG4005', `${fn}: the index is null`);
  if (typeof index !== 'bigint') return fail('DLG4007', `Argument type mismatch - Found '${typeName(index)}' but Expected 'NUMBER' for the argument 'index' of '${fn}'`);
  if (index >= BigInt(size)) fail('DLG4003', `Given index ${index} is greater than the list size`);
  if (index < 0n) fail('DLG4003', `${fn}: the index ${index} is out of range for a list of size ${size}`);
  return Number(index);
}

/** The index of a collection of elements: a NUMBER (null is refused as null). */
function collectionIndex(fn: string, collection: Collection, key: Value): number {
  if (key !== null && typeof key !== 'bigint') return fail('DLG4001', `${fn}: a collection of elements is indexed by a NUMBER, not by a value of type ${typeName(key)}`);
  return checkedIndex(fn, key, collection.list.length);
}

/** The stored key equal to `key` (NUMBER 1 and DECIMAL 1.0 meet), or the key itself. */
function storedKey(map: DelugeMap, key: Value): MapKey {
  const direct = mapKey(key);
  if (map.has(direct) || !isNumeric(key)) return direct;
  for (const existing of map.keys()) if (isEqual(existing, key)) return existing;
  return direct;
}

/** A TEXT argument, refused as deluge run refuses it: null (named by `what`) or a value of another type. */
function textArgument(fn: string, value: Value, param = 'searchText', what = 'search text'): string {
  if (typeof value === 'string') return value;
  if (value === null) return fail('DLG4005', `${fn}: the ${what} is null`);
  return fail('DLG4007', `Argument type mismatch - Found '${typeName(value)}' but Expected 'TEXT' for the argument '${param}' of '${fn}'`);
}

/** A NUMBER argument as a JS number, refused as deluge run refuses it: null (named by `what`) or a value of another type. */
function intArgument(fn: string, value: Value, param: string, what: string): number {
  if (typeof value === 'bigint') return Number(value);
  if (value === null) return fail('DLG4005', `${fn}: the ${what} is null`);
  return fail('DLG4007', `Argument type mismatch - Found '${typeName(value)}' but Expected 'NUMBER' for the argument '${param}' of '${fn}'`);
}

/** @builtin get — a list's element at an index, a map's value for a key (null when absent), a collection's either. */
function get(receiver: Value, key: Value): Value {
  checkArguments(PARAMETERS.get, receiver, key);
  if (Array.isArray(receiver)) return receiver[checkedIndex('get', key, receiver.length)] ?? null;
  if (receiver instanceof Map) return receiver.get(storedKey(receiver, key)) ?? null;
  if (receiver instanceof Collection) return receiver.mode === 'list' || (receiver.mode === 'empty' && typeof key === 'bigint') ? (receiver.list[collectionIndex('get', receiver, key)] ?? null) : (receiver.map.get(storedKey(receiver.map, key)) ?? null);
  return cannotApply('get', receiver);
}

/** @builtin put — adds a key and value to a map (an existing key keeps its position). */
function put(receiver: Value, key: Value, value: Value): null {
  if (!(receiver instanceof Map)) return cannotApply('put', receiver);
  receiver.set(storedKey(receiver, key), value);
  return null;
}

/** @builtin keys — a new list of a map's keys in insertion order. */
function keys(receiver: Value): Value {
  if (receiver instanceof Map) return [...receiver.keys()];
  if (receiver instanceof Collection) return receiver.mode === 'map' ? [...receiver.map.keys()] : [...receiver.list];
  return cannotApply('keys', receiver);
}

/** @builtin values — a new list of a map's values. */
function values(receiver: Value): Value {
  if (receiver instanceof Map) return [...receiver.values()];
  if (receiver instanceof Collection) return receiver.mode === 'map' ? [...receiver.map.values()] : [...receiver.list];
  return cannotApply('values', receiver);
}

/** @builtin isEmpty — whether a list, map or text has nothing in it (null is empty too). */
function isEmpty(receiver: Value): Value {
  if (receiver === null) return true;
  if (typeof receiver === 'string') return receiver === '';
  if (Array.isArray(receiver)) return receiver.length === 0;
  if (receiver instanceof Map) return receiver.size === 0;
  if (receiver instanceof Collection) return receiver.list.length === 0 && receiver.map.size === 0;
  return false;
}

/** @builtin add — appends an element to a list (a typed list converts it). */
function add(receiver: Value, element: Value): null {
  if (!Array.isArray(receiver)) return cannotApply('add', receiver);
  return append(receiver, element, 'add');
}

/** Appends an element to a list, converted when the list is typed: an error names `fn` (`add`, `addAll`). */
function append(list: Value[], element: Value, fn: string): null {
  const type = LIST_TYPES.get(list);
  if (type !== undefined) element = typedElement(element, type, fn);
  list.push(element);
  return null;
}

/** @builtin contains — a list holding an element, a text holding a text. */
function contains(receiver: Value, element: Value): Value {
  checkArguments(PARAMETERS.contains, receiver, element);
  if (typeof receiver === 'string') return receiver.includes(textArgument('contains', element));
  if (Array.isArray(receiver)) return receiver.some((item) => isEqual(item, element));
  return cannotApply('contains', receiver);
}

/** @builtin indexOf find — the index of an element in a list, or of a text in a text; -1 when absent. */
function indexOf(receiver: Value, element: Value): Value {
  checkArguments(PARAMETERS.indexof, receiver, element);
  if (typeof receiver === 'string') return BigInt(receiver.indexOf(textArgument('indexOf', element)));
  if (Array.isArray(receiver)) return BigInt(receiver.findIndex((item) => isEqual(item, element)));
  return cannotApply('indexOf', receiver);
}

/** The numbers of a list (numeric text counts) for the aggregates. */
function numbersOf(fn: string, receiver: Value): (bigint | number)[] {
  const items = Array.isArray(receiver) ? receiver : receiver instanceof Collection ? (receiver.mode === 'map' ? [...receiver.map.values()] : receiver.list) : cannotApply(fn, receiver);
  return items.map((item) => {
    if (isNumeric(item)) return item;
    if (typeof item === 'string' && /^[-+]?\d+$/.test(item.trim())) return BigInt(item.trim());
    if (typeof item === 'string' && item.trim() !== '' && Number.isFinite(Number(item))) return Number(item);
    if (item === null) return fail('DLG4005', `${fn}: the list holds a null element`);
    return fail('DLG4001', `${fn}: the element${typeof item === 'string' ? ` "${item}"` : ''} of type ${typeName(item)} is not a number`);
  });
}

/** @builtin largest — the largest of a list of numbers; null for an empty list. */
function largest(receiver: Value): Value {
  const numbers = numbersOf('largest', receiver);
  return numbers.reduce<bigint | number | null>((max, n) => (max === null || n > max ? n : max), null);
}

/** @builtin insert — adds elements (`insert(v)`) or key-value pairs (`insert(k : v)`) to a collection. */
function insert(receiver: Value, ...items: Value[]): null {
  if (!(receiver instanceof Collection)) return cannotApply('insert', receiver);
  insertItems('insert', receiver, items);
  return null;
}

/** Adds elements, or the pairs of `k : v` arguments, to a collection: the other kind than it holds is DLG4020. */
function insertItems(fn: string, c: Collection, items: readonly Value[]): void {
  for (const item of items) {
    if (item instanceof KeyValuePair) insertPairs(fn, c, item);
    else {
      requireMode(fn, c, 'list');
      c.list.push(item);
    }
  }
}

/** Adds key-value pairs to a collection (an existing key keeps its position). */
function insertPairs(fn: string, c: Collection, pairs: Iterable<readonly [MapKey, Value]>): void {
  for (const [key, value] of [...pairs]) {
    requireMode(fn, c, 'map');
    c.map.set(storedKey(c.map, key), value);
  }
}

/** Fixes the kind of an empty collection, or fails when the collection already holds the other kind. */
function requireMode(fn: string, c: Collection, mode: 'list' | 'map'): void {
  if (c.mode === 'empty') c.mode = mode;
  else if (c.mode !== mode) fail('DLG4020', mode === 'map' ? `${fn}: this collection holds elements, so a key-value pair cannot be added to it` : `${fn}: this collection holds key-value pairs, so an element cannot be added to it`);
}

/** `Collection(…)`: plain arguments make a collection of elements, `k : v` arguments one of pairs. */
function newCollection(...items: Value[]): Collection {
  const collection = new Collection();
  insert(collection, ...items);
  return collection;
}

/** `k : v` in `Collection(…)` and `insert(…)`. */
function keyValue(key: Value, value: Value): KeyValuePair {
  return new KeyValuePair([[mapKey(key), value]]);
}

/**
 * A value as it enters a typed list (`List:Int()`, …): converted as a declared type is, but a DECIMAL list takes a
 * date-time as its epoch milliseconds and a BOOLEAN list takes `'True'`/`'False'` in any case, as deluge run does.
 */
function typedElement(value: Value, type: ElementType, where: string): Value {
  if (type === 'DECIMAL' && value instanceof DateTime) return value.epochMs;
  if (type === 'BOOLEAN' && typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  return convertTo(value, type, where);
}

/** `List()`, `List(list)`, `List("a,b")`, `List:String()`: a new list (a typed one converts its elements). */
function newList(type: 'TEXT' | 'NUMBER' | 'DECIMAL' | 'BOOLEAN' | 'DATE-TIME' | null, ...args: Value[]): Value[] {
  const list: Value[] = [];
  if (type !== null) LIST_TYPES.set(list, type);
  for (const arg of args) {
    const items = Array.isArray(arg) ? arg : typeof arg === 'string' ? arg.split(',') : [arg];
    for (const item of items) list.push(type === null ? item : typedElement(item, type, 'List'));
  }
  return list;
}

/** The receiver of a text function. */
function textOf(fn: string, receiver: Value): string {
  return typeof receiver === 'string' ? receiver : cannotApply(fn, receiver);
}

/** @builtin trim — the text without leading and trailing spaces (and control characters, as Java's trim). */
function trim(receiver: Value): Value {
  return textOf('trim', receiver).replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
}

/** @builtin toLowerCase lower — the text in lower case. */
function toLowerCase(receiver: Value): Value {
  return textOf('toLowerCase', receiver).toLowerCase();
}

/** @builtin length len — the number of characters (UTF-16 code units, as in Java). */
function length(receiver: Value): Value {
  return BigInt(textOf('length', receiver).length);
}

/** @builtin subString subText mid — the characters from start (inclusive) to end (exclusive, or the end). */
function subString(receiver: Value, start: Value, end?: Value): Value {
  checkArguments(PARAMETERS.substring, receiver, start, end);
  const s = textOf('subString', receiver);
  const from = intArgument('subString', start, 'startIndex', 'start index');
  // Only an end left out (or negative) means the end of the text: an end given as null is refused, as deluge run refuses it.
  const to = end === undefined ? -1 : intArgument('subString', end, 'endIndex', 'end index');
  if (from < 0) fail('DLG4003', `subString: the start index ${from} is negative`);
  if (from > s.length) fail('DLG4003', `subString: the start index ${from} is past the end of the text (length ${s.length})`);
  if (to < 0) return s.slice(from);
  if (to > s.length) fail('DLG4003', `subString: the end index ${to} is past the end of the text (length ${s.length})`);
  if (to < from) fail('DLG4003', `subString: the end index ${to} is before the start index ${from}`);
  return s.slice(from, to);
}

/** @builtin getPrefix — the text before the first occurrence of the search text, or null. */
function getPrefix(receiver: Value, search: Value): Value {
  checkArguments(PARAMETERS.getprefix, receiver, search);
  const s = textOf('getPrefix', receiver);
  const at = s.indexOf(textArgument('getPrefix', search));
  return at < 0 ? null : s.slice(0, at);
}

/** @builtin getSuffix — the text after the first occurrence of the search text, or null. */
function getSuffix(receiver: Value, search: Value): Value {
  checkArguments(PARAMETERS.getsuffix, receiver, search);
  const s = textOf('getSuffix', receiver);
  const found = textArgument('getSuffix', search);
  const at = s.indexOf(found);
  return at < 0 ? null : s.slice(at + found.length);
}

/** @builtin startsWith — whether the text starts with the search text. */
function startsWith(receiver: Value, search: Value): Value {
  checkArguments(PARAMETERS.startswith, receiver, search);
  return textOf('startsWith', receiver).startsWith(textArgument('startsWith', search));
}

/** @builtin toList — splits the text at each occurrence of the separator; of a list, a new list of its elements (as deluge run decides). */
function toList(receiver: Value, separator: Value = null): Value {
  checkArguments(PARAMETERS.tolist, receiver, separator);
  if (Array.isArray(receiver)) return [...receiver];
  const s = textOf('toList', receiver);
  if (typeof separator !== 'string' || separator === '') return [s];
  return s.split(separator);
}

/** @builtin proper — the first letter of each word in upper case, the others in lower case. */
function proper(receiver: Value): Value {
  return textOf('proper', receiver).replace(/\S+/g, (word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase());
}

/** @builtin leftpad — the text padded on the left with spaces to a length. */
function leftpad(receiver: Value, n: Value): Value {
  checkArguments(PARAMETERS.leftpad, receiver, n);
  return textOf('leftpad', receiver).padStart(Math.max(intArgument('leftpad', n, 'length', 'length'), 0), ' ');
}

/** A Java regular expression as a JavaScript one, translated as deluge run does; what Java would refuse is DLG4021. */
function javaRegex(fn: string, pattern: string, flags: string, whole = false): RegExp {
  try {
    const translated = translateJavaRegex(pattern);
    const source = whole ? `(?<![\\s\\S])(?:${translated.source})(?![\\s\\S])` : translated.source;
    // `(?i)` in the pattern and an IgnoreCase function both ask for `i`: a flag given twice is a SyntaxError.
    return new RegExp(source, [...new Set(translated.flags + flags)].join(''));
  } catch (e) {
    const why = e instanceof PatternError ? e.message : 'it is not a valid regular expression';
    return fail('DLG4021', `${fn}: the pattern "${pattern}" cannot be used: ${why}`);
  }
}

/** Java's replacement text for one match: `$n`, `${name}`, a backslash taking the next character literally. */
function replacement(fn: string, text: string, match: RegExpExecArray): string {
  try {
    return expandJavaReplacement(text, match);
  } catch (e) {
    return e instanceof PatternError ? fail('DLG4021', `${fn}: ${e.message}`) : fail('DLG4021', `${fn}: ${String(e)}`);
  }
}

/** @builtin replaceAll — replaces every match of a (Java) regular expression; literal text when the last argument is true. */
function replaceAll(receiver: Value, search: Value, replaceWith: Value, literal: Value = false): Value {
  checkArguments(PARAMETERS.replaceall, receiver, search, replaceWith, literal);
  return replaceMatches('replaceAll', receiver, search, replaceWith, literal, true);
}

function replaceMatches(fn: string, receiver: Value, search: Value, replaceWith: Value, literal: Value, all: boolean, ignoreCase = false): Value {
  const s = textOf(fn, receiver);
  // In deluge run's order: the search text, the replacement, the flag, then the pattern.
  const pattern = textArgument(fn, search);
  const replaceText = textArgument(fn, replaceWith, 'replacementText', 'replacement text');
  if (typeof literal === 'string' && !/^(true|false)$/i.test(literal)) fail('DLG4018', `${fn}: the last argument must be true or false, not "${literal}"`);
  const isLiteral = literal === true || (typeof literal === 'string' && literal.toLowerCase() === 'true');
  const regex = javaRegex(fn, isLiteral ? escapeJavaLiteral(pattern) : pattern, ignoreCase ? 'gi' : 'g');
  let out = '';
  let last = 0;
  for (const match of s.matchAll(regex)) {
    out += s.slice(last, match.index) + (isLiteral ? replaceText : replacement(fn, replaceText, match));
    last = match.index + match[0].length;
    if (!all) break;
  }
  return out + s.slice(last);
}

/** @builtin toString toText — the value as text (a date-time, epoch milliseconds or date-time text with an optional pattern and zone). */
function toString(receiver: Value, pattern: Value = null, zone: Value = null): Value {
  checkArguments(PARAMETERS.tostring, receiver, pattern, zone);
  if (receiver === null) return fail('DLG4005', "Value is empty and 'toString' function cannot be applied");
  if (receiver instanceof DateTime) return formatDate(receiver, pattern, zone);
  const formatted = pattern !== null || zone !== null;
  if (formatted && (typeof receiver === 'bigint' || typeof receiver === 'string')) return toDateTimeString(typeof receiver === 'string' ? dateOf(receiver, 'toString') : receiver, pattern, zone);
  // Only date-times, epoch milliseconds and date-time text take a pattern, as deluge run says.
  if (formatted) fail('DLG4007', `'toString' takes 0 arguments but was given ${zone !== null ? 2 : 1}`);
  return textForm(receiver);
}

/** @builtin ifnull — the value, or the fallback when the value is null. */
function ifnull(value: Value, fallback: Value): Value {
  return value === null ? fallback : value;
}

/** The decimal places of round and truncate: a NUMBER (a DECIMAL is truncated); none given, or null, is 0. */
function placesOf(fn: string, places: Value): number {
  if (places === null) return 0;
  const n = Math.trunc(Number(numericArgument(fn, places, 'decimalPlaces')));
  if (!Number.isFinite(n) || Math.abs(n) > 400) fail('DLG4018', `${fn}: ${String(places)} decimal places is out of range`);
  return n;
}

/** @builtin round — rounds half away from zero to decimal places (default 0), on the decimal the value prints as. */
function round(receiver: Value, places: Value = null): Value {
  checkArguments(PARAMETERS.round, receiver, places);
  if (!isNumeric(receiver)) return cannotApply('round', receiver);
  const digits = placesOf('round', places);
  return typeof receiver === 'bigint' ? checkedNumber(cutWhole(receiver, digits, true)) : cutDecimal(receiver, digits, true);
}

/** A NUMERIC argument of a math function, refused as deluge run refuses it (null, or a value of another type). */
function numericArgument(fn: string, value: Value, param: string, what: string = param): number | bigint {
  if (value === null) return fail('DLG4005', `Value is empty and '${fn}' function cannot be applied: the ${what} is null`);
  if (!isNumeric(value)) return fail('DLG4007', `Argument type mismatch - Found '${typeName(value)}' but Expected 'NUMERIC' for the argument '${param}' of '${fn}'`);
  return value;
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

/** True for a zone this runtime can show date-times in. */
function isKnownZone(zone: string): boolean {
  if (fixedOffsetMs(zone) !== undefined) return true;
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** Java's custom zone ids: `GMT+05:30`, `GMT-8`, `GMT+0530` (`GMT` in capitals: Java compares it as written). */
const CUSTOM_ZONE_ID = /^GMT[+-]\d{1,2}(?::?\d{2})?$/;

/** The canonical zone names by their lower case: `asia/kolkata` is no zone to Java, `Asia/Kolkata` is. */
let canonicalZones: Map<string, string> | undefined;

/**
 * The zone a script names, as Java's `TimeZone.getTimeZone` takes it: a zone id as written (`Asia/Kolkata`, its
 * aliases `Asia/Calcutta` and `IST`, `UTC`), a custom id (`GMT+5:30`) normalised to `GMT+05:30`; anything else —
 * `UTC+8`, `+05:30`, `asia/kolkata`, ` Asia/Kolkata` — is GMT (Zoho: "If an invalid timezone is provided, the timezone
 * is defaulted to GMT", with `unixEpoch("UTC+8")` giving GMT's answer, https://zoho.com/deluge/help/functions/datetime/unix-epoch.html).
 */
function resolveZone(zone: string): string {
  if (zone === 'GMT' || zone === 'UTC') return zone;
  if (CUSTOM_ZONE_ID.test(zone)) {
    const offset = fixedOffsetMs(zone);
    return offset === undefined ? 'GMT' : `GMT${offsetText(offset, ':')}`;
  }
  if (fixedOffsetMs(zone) !== undefined || !isKnownZone(zone)) return 'GMT';
  // The engine takes names in any case, Java as written: a canonical name must be spelled as listed, an alias
  // (`US/Pacific`, `IST`: not listed) at least start each part with a capital.
  canonicalZones ??= new Map(Intl.supportedValuesOf('timeZone').map((name) => [name.toLowerCase(), name]));
  const canonical = canonicalZones.get(zone.toLowerCase());
  const spelled = canonical === undefined ? zone.split('/').every((part) => /^[A-Z0-9]/.test(part)) : canonical === zone;
  return spelled ? zone : 'GMT';
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

/** A date literal such as `'03-Jan-2024'` (a date) or `'01-Jan-2024 09:30:00'` (a date-time), in the script's zone. */
function localDate(year: number, month: number, day: number, hour?: number, minute?: number, second?: number): DateTime {
  const dateOnly = hour === undefined;
  return new DateTime(instantOf({ year, month, day, hour: hour ?? 0, minute: minute ?? 0, second: second ?? 0 }, TIME_ZONE), TIME_ZONE, dateOnly);
}

/** The local date of a value as a day number. */
function localDayNumber(value: DateTime): number {
  const f = fieldsOf(value.epochMs, value.zone);
  return dayNumber(f.year, f.month, f.day);
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
 * Reads text with a SimpleDateFormat pattern as deluge run does (src/runtime/date-patterns.ts parseTokens), in `zone`
 * unless the text names its offset. Undefined when it does not match.
 */
function parseWithPattern(text: string, pattern: string, zone: string, nowMs: number): { epochMs: number; end: number } | undefined {
  const tokens = compilePattern(pattern);
  if (typeof tokens === 'string') return fail('DLG4015', `"${pattern}" is not a date-time pattern: ${tokens}`);
  const read = parseTokens(text, tokens, zone, nowMs, false);
  return typeof read === 'string' ? undefined : read;
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

/** @builtin daysBetween — whole days between the local dates (times ignored). */
function daysBetween(start: Value, end: Value): Value {
  checkArguments(PARAMETERS.daysbetween, start, end);
  const from = dateOf(start, 'daysBetween');
  return BigInt(localDayNumber(dateOf(end, 'daysBetween', 'end date-time value')) - localDayNumber(from));
}

/** `toDate` / `toDateTime` / `toTime`: a DATE-TIME as is, a NUMBER as epoch milliseconds, a text read (with a pattern if given). */
function toDateTimeValue(value: Value, pattern: Value, zone: Value, fn: string): DateTime {
  if (value instanceof DateTime) return value;
  if (typeof value === 'bigint') return checkedDateTime(Number(value), TIME_ZONE);
  if (typeof value !== 'string') return cannotApply(fn, value);
  const textZone = zone === null ? TIME_ZONE : resolveZone(textForm(zone));
  if (pattern === null) {
    const read = parseDateTimeText(value, textZone, NOW_MS);
    return read ? new DateTime(read.epochMs, TIME_ZONE) : fail('DLG4015', `${fn}: "${value}" is not a valid date-time`);
  }
  const problem = compilePattern(textForm(pattern));
  if (typeof problem === 'string') fail('DLG4015', `${fn}: "${textForm(pattern)}" is not a date-time pattern: ${problem}`);
  const parsed = parseWithPattern(value, textForm(pattern), textZone, NOW_MS);
  return parsed ? checkedDateTime(parsed.epochMs, TIME_ZONE) : fail('DLG4015', `${fn}: "${value}" does not match the pattern "${textForm(pattern)}"`);
}

/** @builtin toDate — a text (read with an optional pattern), epoch milliseconds or a date-time as a date without time. */
function toDate(value: Value, pattern: Value = null): Value {
  checkArguments(PARAMETERS.todate, value, pattern);
  const date = toDateTimeValue(value, pattern, null, 'toDate');
  return atLocal(date, dateOfDayNumber(localDayNumber(date)), true);
}

/** `d.toString(pattern[, zone])` of a date-time; a pattern that is not one gives null. */
function formatDate(value: DateTime, pattern: Value, zone: Value): Value {
  const shownIn = zone === null ? value.zone : resolveZone(textForm(zone));
  if (pattern === null) return formatDateTime(new DateTime(value.epochMs, shownIn, value.dateOnly));
  if (typeof compilePattern(textForm(pattern)) === 'string') return null;
  return formatPattern(value, textForm(pattern), shownIn);
}

/** @builtin toDateTimeString — epoch milliseconds (or a date-time) as text in a pattern. */
function toDateTimeString(value: Value, pattern: Value, zone: Value = null): Value {
  checkArguments(PARAMETERS.todatetimestring, value, pattern, zone);
  const date = typeof value === 'bigint' ? checkedDateTime(Number(value), TIME_ZONE) : dateOf(value, 'toDateTimeString');
  return formatDate(date, pattern, zone);
}

// ── Run ──────────────────────────────────────────────────────────────────────────────────────

run(main);
