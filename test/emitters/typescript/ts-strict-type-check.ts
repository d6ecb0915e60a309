// ts-strict-type-check.ts: test/emitters/input/ts-strict-type-check.dg as a standalone TypeScript program, by deluge-kit (deluge emit --to typescript).
// It does what `deluge run` does with the script: the same requests, the same info lines on stdout.
//
// Run it with Node.js 20 or later:  npx tsx ts-strict-type-check.ts
//   with Node.js 22.6 or later:    node --experimental-strip-types ts-strict-type-check.ts (no flag from Node.js 23.6)
//   or compile it with tsc first:  npm i -D typescript @types/node && npx tsc --strict --target es2022 --module nodenext ts-strict-type-check.ts && node ts-strict-type-check.js
// It needs no package at run time: requests go through the global fetch.
// Connections: each request of a connection sends Authorization: Zoho-oauthtoken <token>, the token read from
//   $ZOHO_OAUTH_TOKEN ("zohocrm").
// zoho.crm tasks and invokeapi go to the connection's data centre, which the script does not name: this program uses
//   the US one (www.zohoapis.com); for another, emit with --base-url https://www.zohoapis.eu (or .in, .com.au, ...).
// Deluge's semantics are kept by the helpers after the program: NUMBER is a 64-bit bigint (record IDs keep every
//   digit), DECIMAL a number, maps are Maps in insertion order, `+` joins text (null as ""), info prints as Zoho does.
//
// NOTE: not converted (a warning each; the program stops with an error if it gets there):
//   line 36: `hide` is a Zoho Creator statement, which needs a Creator application around it (a form field action)
//   line 39: 'standalone.coqlQuery' is defined neither in this file nor in the --functions files

import { subscribe } from "node:diagnostics_channel";
import { setTimeout as delay } from "node:timers/promises";

/** What each builtin the program uses applies to, named in the error of a function applied to another type. */
const APPLIES_TO: Readonly<Record<string, string>> = { get: "LIST, KEY-VALUE, COLLECTION" };
/** The parameters of the builtins this program uses, as deluge run declares them: an argument of another type stops it. */
const PARAMETERS: Readonly<Record<string, BuiltinParameters>> = {
  get: { name: "get", overloads: [{ on: ["LIST"], params: [["index", "NUMBER"]] }, { on: ["KEY-VALUE"], params: [] }, { on: ["COLLECTION"], params: [] }] },
};
/** Connections that are not Zoho OAuth (deluge.connections.json): the header each sends, and where its credential is read from. */
const CONNECTION_AUTH: Readonly<Record<string, { kind: 'bearer' | 'basic' | 'header'; header: string; variables: readonly string[] }>> = {};
/** The API domain of each connection whose data centre deluge.connections.json names: where its zoho.crm tasks and invokeapi go. */
const API_DOMAINS: Readonly<Record<string, string>> = {};
/** Where each connection's OAuth access token is read from (the environment; never this file). */
const TOKEN_VARIABLES: Readonly<Record<string, string>> = { zohocrm: "ZOHO_OAUTH_TOKEN" };

// TypeScript emitter: what real scripts do that an emitted program must still type-check with (--strict,
// noUnusedLocals): a catch variable read in one handler only, a loop variable read in one loop only, a Creator
// statement (not converted) before a zoho.crm task in the same block, a variable given a map and then compared
// with "" (TypeScript narrows it to a map after the assignment), and a variable read only by the arguments of a
// function defined elsewhere (not converted: its arguments are not evaluated).
/** The script: its top-level statements, in order. */
export async function main(): Promise<Value> {
  const leadId: Value = 410405000002264040n;
  let lead: Value = mapOf();
  try {
    lead = await zohoCrm.getRecordById("Leads", leadId);
  } catch (error) {
    caught(error, 10);
    info("lookup failed");
  }
  try {
    delugeLine = 18;
    info(get(lead, "Last_Name"));
  } catch (error_2) {
    const e = caught(error_2, delugeLine);
    info(`no name: ${asText(e)}`);
  }
  let count: Value = 0n;
  for (const _id of eachOf(["410405000002264040", "410405000002264025"])) {
    count = plus(count, 1n);
  }
  for (const id of eachOf(["410405000002264025"])) {
    info(`also ${asText(id)}`);
  }
  info(count);
  if (isEqual(count, 0n)) {
    // NOTE: not converted: hide Last_Name; — `hide` is a Zoho Creator statement, which needs a Creator application around it (a form field action)
    void notConverted("DLG6050", "`hide` is a Zoho Creator statement, which needs a Creator application around it (a form field action) (line 36)");
    lead = await zohoCrm.getRecordById("Leads", leadId);
    const query: Value = `select Last_Name from Leads where id = ${asText(leadId)}`;
    // NOTE: not converted: 'standalone.coqlQuery' is defined neither in this file nor in the --functions files
    lead = notConverted("DLG6054", "'standalone.coqlQuery' is defined neither in this file nor in the --functions files (line 39)", query);
  }
  let request: Value = "";
  request = mapOf(["body", mapOf(["email", "a@example.com"])]);
  if (request !== null && !isEqual(request, "")) {
    info(get(get(request, "body"), "email"));
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
  | DelugeFile
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

/** A file (a multipart upload, or `invokeurl` with `response-format: FILE`). */
class DelugeFile {
  /** The multipart part name it is sent under in `invokeurl`'s `files` (default `file`). */
  paramName: string | undefined;
  /** Changed by `setFileName` and `setFileType`. */
  name: string;
  contentType: string;
  readonly bytes: Uint8Array;
  constructor(name: string, contentType: string, bytes: Uint8Array) {
    this.name = name;
    this.contentType = contentType;
    this.bytes = bytes;
  }
}

/** The value a `catch (e)` receives: the error's message and the Deluge line where it happened. */
class CaughtError {
  readonly message: string;
  readonly lineNo: number;
  constructor(message: string, lineNo: number) {
    this.message = message;
    this.lineNo = lineNo;
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
      if (value instanceof DelugeFile) return 'FILE';
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
  return jsonText(value);
}

/**
 * `info value;`: one line on stdout, the value as Zoho's execution log shows it; in a program that sends requests,
 * with what looks like a credential masked, as `deluge run` prints it (a server may echo the token it was sent).
 */
function info(value: Value): void {
  if (stdout.closed) return;
  let line = textForm(value);
  line = redactShownText(line);
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
  stopForClosedStdout();
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
      if (value instanceof DelugeFile) return value.name;
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

/** The Deluge line being run, kept where a `catch` shows it (`e.lineNo`, or `e` printed). */
let delugeLine = 0;

/** The `catch (e)` variable for what was thrown: a runtime error of the script; anything else goes on up. */
function caught(error: unknown, line: number): CaughtError {
  if (error instanceof DelugeError && error.catchable) return new CaughtError(error.message, line);
  throw error;
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
    exitIfStopped(error);
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

/** A NUMBER argument as an index, checked against a size. */
function checkedIndex(fn: string, index: Value, size: number): number {
  if (index === null) return fail('DLG4005', `${fn}: the index is null`);
  if (typeof index !== 'bigint') return fail('DLG4007', `Argument type mismatch - Found '${typeName(index)}' but Expected 'NUMBER' for the argument 'index' of '${fn}'`);
  if (index >= BigInt(size)) fail('DLG4003', `Given index ${index} is greater than the list size`);
  if (index < 0n) fail('DLG4003', `${fn}: the index ${index} is out of range for a list of size ${size}`);
  return Number(index);
}

/** The stored key equal to `key` (NUMBER 1 and DECIMAL 1.0 meet), or the key itself. */
function storedKey(map: DelugeMap, key: Value): MapKey {
  const direct = mapKey(key);
  if (map.has(direct) || !isNumeric(key)) return direct;
  for (const existing of map.keys()) if (isEqual(existing, key)) return existing;
  return direct;
}

/** @builtin get — a list's element at an index, a map's value for a key (null when absent), a collection's either. */
function get(receiver: Value, key: Value): Value {
  checkArguments(PARAMETERS.get, receiver, key);
  if (Array.isArray(receiver)) return receiver[checkedIndex('get', key, receiver.length)] ?? null;
  if (receiver instanceof Map) return receiver.get(storedKey(receiver, key)) ?? null;
  return cannotApply('get', receiver);
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

/** A part as the request IR and emitted programs hold it: a text field, or a file sent as its bytes. */
type FormPart =
  | { readonly name: string; readonly value: string }
  | { readonly name: string; readonly file: { readonly name: string; readonly contentType: string; readonly bytes: Uint8Array } };

/** 24 dashes (curl's) and 24 random hex digits: 96 bits, so no content the script sends can be expected to hold it. */
function newBoundary(): string {
  const random = crypto.getRandomValues(new Uint8Array(12));
  return `${'-'.repeat(24)}${Array.from(random, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

/** The body of `parts` under `boundary`: texts as UTF-8, files' bytes untouched, nothing normalised. */
function multipartBody(parts: readonly FormPart[], boundary: string): Uint8Array<ArrayBuffer> {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escapedParameter(part.name)}"`;
    if ('file' in part) {
      // A file without a name is sent without `filename`, as a FormData sends a nameless Blob.
      if (part.file.name !== '') head += `; filename="${escapedParameter(part.file.name)}"`;
      head += `\r\nContent-Type: ${partContentType(part.file.contentType)}`;
      chunks.push(encoder.encode(`${head}\r\n\r\n`), part.file.bytes, encoder.encode('\r\n'));
    } else {
      chunks.push(encoder.encode(`${head}\r\n\r\n${part.value}\r\n`));
    }
  }
  chunks.push(encoder.encode(`--${boundary}--\r\n`));
  const body = new Uint8Array(chunks.reduce((size, chunk) => size + chunk.byteLength, 0));
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/**
 * A part's name or file name inside its quotes: `"`, CR and LF percent-encoded, as curl (and undici) write them
 * (the HTML spec's rule); anything else as it is.
 */
function escapedParameter(text: string): string {
  return text.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * A file's content type as given (curl sends `;type=` as written); `application/octet-stream` for none, or for one
 * with characters a header line cannot hold, as a Blob of that type gets no type.
 */
function partContentType(contentType: string): string {
  return contentType !== '' && /^[\x20-\x7e]+$/.test(contentType) ? contentType : 'application/octet-stream';
}

/**
 * Why the HTTP client would refuse a request's headers, if it would: a header it manages, or a `Content-Length` that
 * is not the body's (`bodyLength`, asked only then). A multipart body's Content-Type is the transport's own, so the
 * script's is not sent and not checked.
 */
function unsendableHeaders(headers: readonly (readonly [string, string])[], multipart: boolean, bodyLength: () => number): string | undefined {
  let host: string | undefined;
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    // Map keys are case-sensitive, header names are not: `{"Host": …, "host": …}` is two Host lines, which a server
    // must refuse (RFC 9112 §3.2), and the HTTP client sent them and lost the connection.
    if (lower === 'host') {
      if (host !== undefined) return `the header Host is given twice (${host} and ${name}): a request has one Host; keep one of them`;
      host = name;
    }
    if (lower === 'content-type' && multipart) continue;
    const problem = lower === 'content-length' ? contentLengthProblem(value, bodyLength()) : unsendableHeader(name, value);
    if (problem) return problem;
  }
  return undefined;
}

/** Why a header the script gives cannot be sent, or undefined when it can. */
function unsendableHeader(name: string, value: string): string | undefined {
  const lower = name.toLowerCase();
  const reason = MANAGED_HEADERS[lower];
  if (reason !== undefined) return `the header ${name} cannot be set by a script: ${reason}`;
  if (lower === 'connection' && !value.split(',').every((option) => /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(option.trim()))) {
    return `the header ${name} names connection options (header names, separated by commas), not ${JSON.stringify(value)}`;
  }
  // Line breaks are refused where the header map is read; other control characters and anything past Latin-1 have no
  // byte in a header line.
  const bad = /[^\t\x20-\x7e\x80-\xff]/.exec(value)?.[0];
  if (bad !== undefined) {
    const shown = bad.charCodeAt(0) < 0x20 || bad === '\x7f' ? `U+${bad.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : `'${bad}'`;
    return `the value of the header ${name} contains ${shown}, which a header cannot carry (only Latin-1 characters)`;
  }
  return undefined;
}

/** Why a `Content-Length` the script gives cannot be sent with a body of `bodyLength` bytes, or undefined. */
function contentLengthProblem(value: string, bodyLength: number): string | undefined {
  // Digits only: the HTTP client refuses a value with spaces around it (" 5 ") as an invalid header.
  if (/^\d+$/.test(value) && Number(value) === bodyLength) return undefined;
  return `the header Content-Length says ${JSON.stringify(value)}, and the body is ${bodyLength} byte${bodyLength === 1 ? '' : 's'}; the HTTP client sends the body's own length, so leave the header out`;
}

const MANAGED_HEADERS: Readonly<Record<string, string>> = {
  'keep-alive': 'the HTTP client manages the connection',
  upgrade: 'the HTTP client manages the connection (it does not switch protocols)',
  'transfer-encoding': 'the HTTP client frames the body itself (with Content-Length)',
  expect: 'the HTTP client sends the body at once, without waiting for 100 Continue',
};

const MASK = '****';

/**
 * Header names whose values are credentials, beyond `Authorization` (matched anywhere in the lower-cased name); not
 * `authority` (Chrome's HTTP/2 pseudo-header, in older "Copy as cURL") nor `author`. A password goes by `pwd`, or
 * by `pass` as a word of the name (`X-Custom-Pass`, `X-Passphrase`), not inside one (`X-Bypass-Cache`, `X-Passthrough`).
 * A key goes by `access-key` or a name ending in `key` as a word (`Ocp-Apim-Subscription-Key`, `X-Functions-Key`,
 * `DD-Application-Key`, `Key`), not Stripe's `Idempotency-Key`, a request's own id.
 */
const SECRET_NAME = /(auth(?!or(?:ity)?(?![a-z]))|token|secret|passw|pwd|(?<![a-z])pass(?:phrase|code)?(?![a-z])|api-?key|apikey|cookie|session|signature|credential|access-?key|(?<!idempotency)(?:^|-)key$)/;

/**
 * The names of fields whose values are credentials (the `source` of a RegExp: an alternation, for other matchers),
 * `-` and `_` alike (`refresh-token`, `api-key`); a password by its short names too (`passwd`, `pwd`, `passphrase`).
 */
const SECRET_FIELD_NAMES = /(?:access|refresh|id)[-_]token|client[-_]secret|passw(?:or)?d|pwd|passphrase|api[-_]?key|authtoken/.source;

/**
 * Whether a form or multipart field's name says its value is a credential (`client_secret`, `password`, `zapikey`,
 * or one of the {@link REQUEST_SECRET_NAMES}: `token`, `code`, `key`, `secret`, `auth_token`, `private_key`, …).
 */
function isSecretField(name: string): boolean {
  const decoded = decodedFieldName(name);
  return SECRET_FIELD_NAME.test(decoded) || REQUEST_SECRET_NAME.test(decoded);
}

/**
 * A field's name as a server reads it, its percent-escapes decoded (`access%5Ftoken` is `access_token`), twice at
 * most: a map's key `client%5Fsecret`, sent form-encoded, is `client%255Fsecret`. A credential field whose name is
 * written so is one all the same, and is masked as its decoded name would be.
 */
function decodedFieldName(name: string): string {
  let out = name;
  for (let round = 0; round < 2 && out.includes('%'); round++) out = out.replace(/%([0-9a-f]{2})/gi, (_escape, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return out;
}

/** A percent-escape in a field's name (`api%5Fkey`): the names without one are the other patterns' (matched as written). */
const PERCENT_ESCAPE = /%[0-9a-f]{2}/i;

/**
 * The text with the value of every field whose percent-encoded name, decoded, is a credential's (`isSecret` of the
 * decoded name; `json`: written `"name": "value"`) replaced by `mask` of it. The fields are those `fieldsIn` finds.
 */
function maskEncodedNameFields(text: string, isSecret: (decoded: string, json: boolean) => boolean, mask: (secret: string) => string): string {
  if (!text.includes('%')) return text;
  let out = '';
  let at = 0;
  for (const { name, start, value, json } of fieldsIn(text)) {
    if (start < at || !PERCENT_ESCAPE.test(name) || !isSecret(decodedFieldName(name), json) || ENV_REFERENCE.test(value) || /^\*+$/.test(value)) continue;
    out += text.slice(at, start) + mask(value);
    at = start + value.length;
  }
  return at === 0 ? text : out + text.slice(at);
}

const SECRET_FIELD_NAME = new RegExp(SECRET_FIELD_NAMES, 'i');

/**
 * Whole names (`-` and `_` alike) of fields that carry a key, a token or a secret: `token`, `key`, `secret`, and
 * their prefixed forms (`auth_token`, `api-key`, `private_key`, `client_secret`, `secret_key`, …). Too common as
 * words to mask in every text: only whole names are matched (`token_count`, `keyword`, `sort_key` are not these).
 */
const CREDENTIAL_WORD_NAMES = '(?:(?:access|refresh|id|auth|bearer|session|api|app|client|consumer|private|secret)[-_]?)?(?:token|key|secret)';

/**
 * Whole names of the JSON fields that carry a credential in any text, answers included (a login's `"token": "…"`, a
 * `"session_token"`, an `"api_key"`, a `"private_key"`): `token`, `secret` and the prefixed forms of the
 * {@link CREDENTIAL_WORD_NAMES}, also as headers name them (`x-auth-token`); and the credential headers of an answer
 * that `invokeurl` with `detailed: true` gives as a map (`"set-cookie"`, `"authorization"`, a vendor's
 * `"x-amz-security-token"` or `"x-goog-api-key"`). Not a bare `key`
 * (`"key": "Lead_Status"` is data as often), not `code` (every Zoho record outcome's `"code":"SUCCESS"`), not
 * `token_count` or `sort_key`.
 */
const ANSWER_SECRET_NAMES =
  'x-[a-z0-9-]*-(?:token|secret|api-?key)|(?:x-)?(?:(?:access|refresh|id|auth|bearer|session|api|app|client|consumer|private|secret)[-_]?(?:token|key|secret)|token|secret)|(?:proxy-)?authorization|(?:set-)?cookie';

const ANSWER_SECRET_NAME = new RegExp(`^(?:${ANSWER_SECRET_NAMES})$`, 'i');

/** Such a JSON field with its text value (escaped quotes and all). */
const ANSWER_SECRET_FIELD = new RegExp(`("(?:${ANSWER_SECRET_NAMES})"\\s*:\\s*")((?:[^"\\\\]|\\\\.)+)(?=")`, 'gi');

/**
 * Any prefixed token or secret (`oauth_token`, `github_token`, `x-api-token`, `webhook_secret`), a passcode, and the
 * keys named as credentials (`license_key`, `signing_key`): a `sort_key` or a `cache_key` is data.
 */
const PREFIXED_SECRET_NAMES = '[\\w-]*[-_](?:token|secret|passcode)|passcode|(?:[\\w-]*[-_])?(?:licen[cs]e|signing|encryption|master|access|secret)[-_]?key';

/** Names a grant code goes by wherever it is sent (`grant_code`, `auth_code`, `authorization_code`). */
const GRANT_CODE_NAMES = '(?:auth(?:orization)?|grant)[-_]?code';

/**
 * Whole names under which a request carries credentials: the {@link CREDENTIAL_WORD_NAMES}, the grant codes, and
 * any `code` — Zoho's revoke endpoint takes the refresh token as `token=`, the token endpoint the grant `code=`;
 * other services take a `key=`, a `secret=`, an `auth_token`, a `private_key`. Masked where the script writes them
 * — a request's URL and body as listed ({@link redactRequestText}) — not in answers, where `"code":"SUCCESS"` is a
 * record's status. A `code` that is no credential (`?code=US`) is masked too: the safe side, which costs nothing in
 * what is only listed. The emitters, which would make a user set a variable for it, take a bare `code` only where
 * it is one ({@link isCredentialField}).
 */
const REQUEST_SECRET_NAMES = `${CREDENTIAL_WORD_NAMES}|${GRANT_CODE_NAMES}|code|${PREFIXED_SECRET_NAMES}`;

/** Pagination cursors (`page_token`, `next_page_token`, `sync_token`): named tokens, but data. */
const CURSOR_NAMES = '(?:[\\w-]*[-_])?(?:page|next|sync|continuation|pagination)[-_]?token';

const REQUEST_SECRET_NAME = new RegExp(`^(?!${CURSOR_NAMES}$)(?:${REQUEST_SECRET_NAMES})$`, 'i');

/** Such a field in a URL's query (or fragment) or a form body (`token=…`), or a JSON body's (`"code": "…"`). */
const REQUEST_SECRET_FIELD = new RegExp(
  `(?<![^?&#;\\s])(?!${CURSOR_NAMES}=)((?:${REQUEST_SECRET_NAMES})=)([^&#\\s]+)|(?!"${CURSOR_NAMES}")("(?:${REQUEST_SECRET_NAMES})"\\s*:\\s*")((?:[^"\\\\]|\\\\.)+)(?=")`,
  'gi',
);

/**
 * A request's URL or body as listed (`--dry-run`, `--json`, the audit log): what {@link redactText} masks, and the
 * value of every field named as a credential of a request ({@link REQUEST_SECRET_NAMES}). The request sent, and the
 * answer the script gets, are not changed: this is only what is printed.
 */
function redactRequestText(text: string): string {
  const masked = redactText(text).replace(REQUEST_SECRET_FIELD, (_all, field: string | undefined, _value, key: string | undefined) => `${field ?? key}${MASK}`);
  return maskEncodedNameFields(masked, (decoded) => REQUEST_SECRET_NAME.test(decoded), () => MASK);
}

/**
 * Names of the URL and body fields whose values the emitters (`--to curl`, `--to typescript`) read from variables
 * instead of copying them: the {@link SECRET_FIELD_NAMES} (prefixed forms too: `x-api-key`, `user_password`), a Zoho function's
 * `zapikey`, the {@link CREDENTIAL_WORD_NAMES} (a bare `key` too: `?key=AIza…` is an API key) and the grant codes.
 * A bare `code` only in a grant request ({@link isGrantRequest}): `?code=US` is data, and a user should not have to
 * set a variable to `US` to run what was emitted.
 */
const EMITTED_OLD_NAME = new RegExp(`(?:^|[-_])(?:${SECRET_FIELD_NAMES}|zapikey)$`, 'i');

const EMITTED_WORD_NAME = new RegExp(`^(?:${CREDENTIAL_WORD_NAMES}|${GRANT_CODE_NAMES})$`, 'i');

/** Whether the emitters read a URL or body field of this name from a variable; `grant`: the request is a grant's. */
function isCredentialField(name: string, grant = false): boolean {
  const decoded = decodedFieldName(name);
  return (
    EMITTED_OLD_NAME.test(decoded) ||
    EMITTED_WORD_NAME.test(decoded) ||
    (EMITTED_SUFFIX_NAME.test(decoded) && !CURSOR_NAME.test(decoded)) ||
    (grant && /^code$/i.test(decoded))
  );
}

/**
 * Any other prefixed token or secret (`oauth_token`, `github_token`, `x-api-token`, `webhook_secret`,
 * `signing_secret`), a passcode, and the keys that are credentials by name (`license_key`, `signing_key`): read
 * from a variable too. A `sort_key` or a `cache_key` is data, so a bare `_key` is not enough.
 */
const EMITTED_SUFFIX_NAME = new RegExp(`^(?:${PREFIXED_SECRET_NAMES})$`, 'i');

/** Pagination cursors, which are named tokens but are data: `page_token`, `next_page_token`, `sync_token`. */
const CURSOR_NAME = new RegExp(`^${CURSOR_NAMES}$`, 'i');

/**
 * Whether a request exchanges a grant code (its bare `code` field is then a credential): one to an OAuth token
 * endpoint — a path ending in `/oauth/v2/token`, Zoho's on every accounts host (and a sandbox's) — or one whose URL or
 * body says `grant_type=authorization_code`.
 */
function isGrantRequest(...texts: readonly string[]): boolean {
  // (A case-insensitive pattern is searched for slowly: each is run only over a text with characters it must have. A
  // DELETE's URL of ids has neither.)
  return texts.some((t) => ((t.includes('/v2/') || t.includes('/V2/')) && /\/oauth\/v2\/token(?:[?#"\s]|$)/i.test(t)) || (t.includes('_') && /grant_type(?:=|"\s*:\s*")authorization_code\b/i.test(t)));
}

/**
 * A field with its value is found by its separator: `=` in a URL's query or a form's text (`name=value`), this at a
 * quote in a JSON text (`"name": "value"`). The next is looked for from the value's start, so that a field inside
 * another's value (`"next": "/x?token=…"`) is found too.
 */
const JSON_SEPARATOR = /"\s*:\s*"/y;

/** A field's value after its separator (read from there: `lastIndex`), in a form or URL, and in JSON. */
const FORM_VALUE = /[^"&#\s]+/y;

const JSON_VALUE = /(?:[^"\\]|\\.)+(?=")/y;

/** A character of a field's name: `[\w%-]`. */
const isNameCharacter = (code: number) =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 37 || code === 45;

/**
 * Each field of a text (`name=value`, `"name": "value"`) whose name `wanted` takes (default: every one): its name,
 * where its value starts, the value, and whether it is JSON. Found from its separator, the name read backwards from
 * there: a regex looking for names at every position took 30 µs on a request's 2 KB list of ids, each request. A value
 * is read only for a name wanted (reading the 2 KB `ids=` value of every DELETE was most of the search's cost).
 */
function* fieldsIn(text: string, wanted?: (name: string) => boolean): Generator<{ name: string; start: number; value: string; json: boolean }> {
  // The separators are found with `indexOf`, one search per character, which scans a DELETE's 2 KB URL of ids
  // several times faster than a regex of the two alternatives did (2.8 µs a request).
  let equals = text.indexOf('=');
  let quote = text.indexOf('"');
  while (equals >= 0 || quote >= 0) {
    let at: number;
    let end: number;
    if (quote >= 0 && (equals < 0 || quote < equals)) {
      JSON_SEPARATOR.lastIndex = quote;
      const m = JSON_SEPARATOR.exec(text);
      if (m === null) {
        quote = text.indexOf('"', quote + 1);
        continue;
      }
      at = quote;
      end = quote + m[0].length;
    } else {
      at = equals;
      end = equals + 1;
    }
    // The next separator starts after this one, as a global regex's next match would.
    if (equals >= 0 && equals < end) equals = text.indexOf('=', end);
    if (quote >= 0 && quote < end) quote = text.indexOf('"', end);
    let from = at;
    while (from > 0 && isNameCharacter(text.charCodeAt(from - 1))) from--;
    if (from === at) continue;
    const name = text.slice(from, at);
    if (wanted !== undefined && !wanted(name)) continue;
    const json = end - at > 1;
    const pattern = json ? JSON_VALUE : FORM_VALUE;
    pattern.lastIndex = end;
    const value = pattern.exec(text)?.[0];
    if (value !== undefined) yield { name, start: end, value, json };
  }
}

/**
 * Each match of a global pattern, as `matchAll` gives them, without the copy of the pattern `matchAll` makes at each
 * call (which cost as much as the search on a DELETE's 2 KB URL). Its position is set before each search, so that
 * two searches with one pattern can go on side by side. The patterns it is used with match at least one character.
 */
function* matchesOf(pattern: RegExp, text: string): Generator<RegExpExecArray> {
  for (let from = 0; ; ) {
    pattern.lastIndex = from;
    const m = pattern.exec(text);
    if (m === null) return;
    from = m.index + m[0].length;
    yield m;
  }
}

/** One credential field's value found in a text: `text.slice(start, end)` is the value. */
interface CredentialFieldSpan {
  /** The field's name, percent-escapes decoded ({@link decodedFieldName}). */
  readonly name: string;
  readonly start: number;
  readonly end: number;
  /** Written `"name": "value"` (JSON) rather than `name=value`. */
  readonly json: boolean;
  /** Known by its form rather than its field's name (`?t=1000.…`): a Zoho OAuth token or another service's key. */
  readonly recognised?: 'Zoho OAuth token' | 'service key' | 'webhook key';
}

/**
 * The values of the credential fields ({@link isCredentialField}) in a URL or a body's text (form-encoded or JSON),
 * those worth hiding ({@link isCredentialValue}); `grant`: the request is a grant's (default: whether the text says
 * so). A Zoho token or another service's key is one under any name (`?t=1000.…`, `note=sk_live_…`), as `token` or
 * `key`.
 */
function credentialFieldsIn(text: string, grant = isGrantRequest(text)): CredentialFieldSpan[] {
  const out: CredentialFieldSpan[] = [];
  for (const { name, start, value, json } of fieldsIn(text, (name) => isCredentialField(name, grant))) {
    if (!isCredentialValue(value)) continue;
    out.push({ name: decodedFieldName(name), start, end: start + value.length, json });
  }
  // A URL's userinfo password (`https://bob:…@host`) is one too, under the name curl's `-u user:password` gives it.
  // (The patterns below are only run over a text that has what they must match: a DELETE's URL of 100 ids is 2 KB,
  // scanned at every request.)
  if (text.includes('@')) for (const m of matchesOf(URL_PASSWORD, text)) {
    const start = m.index + m[1]!.length;
    if (isCredentialValue(m[2]!)) out.push({ name: 'password', start, end: start + m[2]!.length, json: false });
  }
  const fields = [...out];
  for (const [pattern, name, recognised, mayHold] of [
    [ZOHO_TOKEN, 'token', 'Zoho OAuth token', mayHoldZohoToken],
    [KNOWN_SECRET_KEY, 'key', 'service key', mayHoldServiceKey],
    [WEBHOOK_SECRET, 'webhook_key', 'webhook key', mayHoldWebhookSecret],
  ] as const) {
    if (!mayHold(text)) continue;
    for (const m of matchesOf(pattern, text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (!fields.some((f) => f.start <= start && end <= f.end)) out.push({ name, start, end, json: false, recognised });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * A field value worth hiding: not a short one, not a placeholder as Zoho's pages write them (`<client_secret>`,
 * `{…}`, `xxxx`), and not already a shell variable (`$SECRET`, `%SECRET%`).
 */
function isCredentialValue(value: string): boolean {
  return value.length >= 4 && !/^[<{$%]/.test(value) && !/^x+$/i.test(value);
}

/**
 * Fields of token responses and query strings that carry credentials (`"access_token":"…"`, `client_secret=…`, a
 * Zoho function's `zapikey=…` — matched by its `apikey` — or the old API's `authtoken=…`).
 */
const SECRET_FIELD = new RegExp(`(${SECRET_FIELD_NAMES})("\\s*:\\s*"|=)([^"&\\s]+)`, 'gi');

/** An authorization scheme followed by a word, wherever it appears in a text; see {@link looksLikeCredential}. */
const SCHEME_VALUE = /\b(Zoho-oauthtoken|Zoho-enczapikey|Zoho-zapikey|Bearer|Basic)(\s+)([^\s",;]+)/gi;

/**
 * A URL's userinfo password (`https://user:password@host`): the user name is kept, the password masked. What follows
 * the scheme up to the `@` holds no `/`, `?` or `#`, so an `@` in a path or a query (`?to=ana@zylker.com`) is none.
 */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s/?#@:"']*:)([^\s/?#@"']+)(?=@)/gi;

/** Zoho's token shape (`1000.<hex>.<hex>`), which also appears without a scheme (refresh tokens in bodies). */
const ZOHO_TOKEN = /\b1000\.[0-9a-f]{16,}\.[0-9a-f]{16,}\b/gi;

/**
 * Whether a text may hold a {@link ZOHO_TOKEN}: every one starts `1000.`. Looked for from its dots, which are few in a
 * URL (searching for `1000.` itself stops at every `1` of a URL of ids).
 */
function mayHoldZohoToken(text: string): boolean {
  for (let dot = text.indexOf('.', 4); dot >= 0; dot = text.indexOf('.', dot + 1)) if (text.startsWith('1000', dot - 4)) return true;
  return false;
}

/**
 * Other services' secret keys, known by their prefix wherever they appear (as secret scanners know them): Stripe
 * secret and restricted keys, GitHub tokens, Slack tokens, AWS access key ids, Google API keys. A script that keeps
 * one in a variable named `key` shows it in no frame.
 */
const KNOWN_SECRET_KEY = /\b(?:(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{10,}|gh[pousr]_[0-9A-Za-z]{30,}|github_pat_[0-9A-Za-z_]{30,}|xox[abposr]-\d+-[0-9A-Za-z-]{10,}|AKIA[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{35})\b/g;

/**
 * The secret part of the webhook URLs that are credentials in their own right (whoever has one can post to the
 * channel): Slack's `hooks.slack.com/services/T…/B…/<secret>`, Discord's `discord.com/api/webhooks/<id>/<token>`,
 * Telegram's `api.telegram.org/bot<token>/…`, Microsoft Teams' `….webhook.office.com/webhookb2/…/IncomingWebhook/<key>/…`
 * and Zapier's `hooks.zapier.com/hooks/catch/<id>/<key>/`. The rest of the URL stays readable.
 */
const WEBHOOK_SECRET =
  /(?<=hooks\.slack\.com\/(?:services|workflows|triggers)\/[^\s/"'?#]+\/[^\s/"'?#]+\/)[A-Za-z0-9]{16,}|(?<=discord(?:app)?\.com\/api\/webhooks\/\d+\/)[A-Za-z0-9_-]{20,}|(?<=api\.telegram\.org\/(?:file\/)?bot)\d+:[A-Za-z0-9_-]{30,}|(?<=\.webhook\.office\.com\/webhookb2\/[^\s/"'?#]+\/IncomingWebhook\/)[0-9a-f]{32}|(?<=hooks\.zapier\.com\/hooks\/catch\/\d+\/)[A-Za-z0-9]{5,}/g;

/** Whether a text may hold a {@link WEBHOOK_SECRET}: the hosts' names, looked for before the pattern runs. */
const mayHoldWebhookSecret = (text: string) => text.includes('hooks.') || text.includes('telegram.org') || text.includes('webhook') || text.includes('discord');

/**
 * Whether a text may hold a {@link KNOWN_SECRET_KEY}: every one has `_` or `-`, or starts `AKIA` or `AIza`. (Four
 * `indexOf` cost a tenth of the pattern's search of a 2 KB URL of ids, which has none of them.)
 */
const mayHoldServiceKey = (text: string) => text.includes('_') || text.includes('-') || text.includes('AKIA') || text.includes('AIza');

/** Secrets shorter than this are not searched for in texts: masking every `a` of a text would destroy it. */
const MIN_SECRET_LENGTH = 4;

function isSecretHeader(name: string, extraNames: readonly string[] = []): boolean {
  const lower = name.toLowerCase();
  // `_` as `-`: `api_key`, `X_API_KEY` (servers behind proxies that pass underscores take such names) are `api-key`.
  return lower === 'authorization' || lower === 'proxy-authorization' || SECRET_NAME.test(lower.replaceAll('_', '-')) || extraNames.some((n) => n.toLowerCase() === lower);
}

/** A header value's credential: the part after an authorization scheme (`Bearer sk_…`), else the whole value. */
function headerCredential(value: string): string {
  return /^\s*[A-Za-z][\w.+-]*\s+(\S+)\s*$/.exec(value)?.[1] ?? value;
}

/**
 * A text (an error message, a response body for the audit log) with every known secret masked, and with what looks
 * like a credential masked even when it was not known: an authorization scheme's value, a Zoho token, a
 * `"access_token": "…"` or `client_secret=…` field, a JSON `"token"`, `"secret"`, `"session_token"`, `"api_key"`, …
 * ({@link ANSWER_SECRET_NAMES}).
 */
function redactText(text: string, secrets: readonly string[] = []): string {
  if (secrets.length > 0 || text.length > REDACTED_MEMO_MAX_LENGTH) return redactedNow(text, secrets);
  // A run prints the same short texts again and again (a bulk answer's "record deleted", once per answer): each is
  // masked once, until a secret is learned (the seven patterns cost about 1 µs even on 14 characters).
  const known = redactedMemo.get(text);
  if (known !== undefined) return known;
  if (redactedMemo.size >= REDACTED_MEMO_LIMIT) redactedMemo.clear();
  const out = redactedNow(text, secrets);
  // Kept as a copy of its own: the text read may be a view into a whole response, which the memo would keep alive.
  const own = [...text].join('');
  redactedMemo.set(own, out === text ? own : out);
  return out;
}

/** Short texts already masked with the secrets known now (emptied when one is learned). */
const redactedMemo = new Map<string, string>();

const REDACTED_MEMO_LIMIT = 256;

const REDACTED_MEMO_MAX_LENGTH = 200;

function redactedNow(text: string, secrets: readonly string[]): string {
  let out = text;
  // Longest first, so that a secret containing another is masked whole.
  const known = secrets.length === 0 ? rememberedLongestFirst() : [...new Set([...secrets.flatMap(writtenForms), ...REMEMBERED])].sort((a, b) => b.length - a.length);
  for (const secret of known) if (secret.length >= MIN_SECRET_LENGTH && out.includes(secret)) out = out.split(secret).join(MASK);
  return maskLikelyCredentials(out, () => MASK);
}

/** A URL with a query or fragment, written in a text (`info url`, an answer's `next_link`). */
const URL_WITH_QUERY = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>?#]*[?#][^\s"'<>]*/gi;

/** A request's credential field in such a URL (`?key=…`, `&token=…`, `&code=…`: {@link REQUEST_SECRET_NAMES}). */
const URL_CREDENTIAL_FIELD = new RegExp(`(?<=[?&#;])((?:${REQUEST_SECRET_NAMES})=)([^&#\\s"'<>]+)`, 'gi');

/**
 * A text of the script's own as a run prints it (an `info` line, a text of its result or of a mail): what
 * {@link redactText} masks, and the credential fields of the URLs in it as a request's URL is listed
 * ({@link redactRequestText}). An `info` of the URL a script is about to send then shows what the request's listing
 * shows, before the request has made its values known secrets, and its `code=` after. (Not in {@link redactText}:
 * the emitters ask it what in a literal is a credential, and `?code=US` is data there.)
 */
function redactShownText(text: string): string {
  return maskUrlCredentialFields(redactText(text));
}

/** The credential fields of the URLs in a text masked ({@link redactShownText}). */
function maskUrlCredentialFields(text: string): string {
  if (!text.includes('://')) return text;
  return text.replace(URL_WITH_QUERY, (url) => url.replace(URL_CREDENTIAL_FIELD, (_all, field: string) => `${field}${MASK}`));
}

/**
 * Every secret value this process has resolved or received (a connection's token, header value, password, client
 * secret or refresh token; an access token a token request returned), in each form a text may carry it: the way
 * GitHub Actions masks what `add-mask` registered. A server that echoes the credential it was sent (`"Invalid API key
 * provided: sk_live_…"`) has it masked in every message, report and log line that goes through {@link redactText}.
 */
const REMEMBERED = new Set<string>();

/** REMEMBERED sorted longest first, kept until a secret is added (every printed line of a run is masked with it). */
let rememberedSorted: readonly string[] | undefined;

function rememberedLongestFirst(): readonly string[] {
  return (rememberedSorted ??= [...REMEMBERED].sort((a, b) => b.length - a.length));
}

/** Registers a secret (and its encoded forms) to be masked wherever the toolkit prints text. */
function rememberSecret(secret: string | undefined): void {
  if (secret === undefined || secret.length < MIN_SECRET_LENGTH || REMEMBERED.has(secret)) return;
  for (const form of writtenForms(secret)) REMEMBERED.add(form);
  rememberedSorted = undefined;
  redactedMemo.clear();
  // A Basic credential (`Basic YWRtaW46…`) is written in the script as its `user:password` before it is encoded.
  const pair = basicPair(secret);
  if (pair !== undefined) {
    rememberSecret(pair);
    const password = pair.slice(pair.indexOf(':') + 1);
    if (password.length >= MIN_REMEMBERED_FIELD) rememberSecret(password);
  }
}

/** The `user:password` a Basic credential encodes (base64 of printable text with a colon); undefined for anything else. */
function basicPair(secret: string): string | undefined {
  if (secret.length < 8 || secret.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(secret)) return undefined;
  let decoded: string;
  try {
    decoded = atob(secret);
  } catch {
    return undefined;
  }
  return /^[\x20-\x7e]+$/.test(decoded) && decoded.includes(':') ? decoded : undefined;
}

/** Field values shorter than this are not remembered: a demo password (`demo1`) would be masked in every line. */
const MIN_REMEMBERED_FIELD = 8;

/**
 * A request's body as deluge run and emitted programs hold it (src/http/request.ts's `HttpBody`): a form's fields, a
 * text sent as is, multipart parts (a file part has no `value`).
 */
type SentBody =
  | { readonly kind: 'form'; readonly fields: readonly (readonly [name: string, value: string])[] }
  | { readonly kind: 'raw'; readonly text: string }
  | { readonly kind: 'multipart'; readonly parts: readonly { readonly name: string; readonly value?: unknown }[] };

/**
 * Registers the credentials a request sends ({@link rememberSecret}): a secret header's, and the value of a credential
 * field of its URL or body (`api_key=…`, `"client_secret": "…"`, a form's `password`). A server that echoes one back
 * (`"Invalid API key: …"`, the body it got as a text inside its JSON answer, `\"client_secret\":\"…\"`, which no field
 * pattern reads) has it masked wherever the toolkit prints it.
 */
function rememberRequestSecrets(request: { readonly url: string; readonly headers: readonly (readonly [name: string, value: string])[]; readonly body?: SentBody }): void {
  for (const [name, value] of request.headers) if (isSecretHeader(name)) rememberSecret(headerCredential(value));
  const field = (value: string) => {
    if (value.length < MIN_REMEMBERED_FIELD) return;
    rememberSecret(value);
    // As written in a URL or a form (`a%2Bb`, `a+b`): the server echoes it decoded.
    try {
      rememberSecret(decodeURIComponent(value.replace(/\+/g, ' ')));
    } catch {
      // Not percent-encoded text: remembered as written only.
    }
  };
  const body = request.body;
  const texts = [request.url, ...(body?.kind === 'raw' ? [body.text] : [])];
  for (const text of texts) for (const f of credentialFieldsIn(text)) field(text.slice(f.start, f.end));
  const named = body?.kind === 'form' ? body.fields : body?.kind === 'multipart' ? body.parts.flatMap((p) => (typeof p.value === 'string' ? [[p.name, p.value] as const] : [])) : [];
  for (const [name, value] of named) if (isSecretField(name)) field(value);
}

/** A secret as texts may carry it: as is, URL- and form-encoded (a token request's echoed body), JSON-escaped. */
function writtenForms(secret: string): string[] {
  return [secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2), JSON.stringify(secret).slice(1, -1)];
}

/**
 * A `${NAME}` reference is where a credential comes from, not one: a connections file's, or the advice of a message
 * that says to write one (`"password": "${BILLING_PASSWORD}"`).
 */
const ENV_REFERENCE = /^\$\{\w+\}$/;

/** What looks like a credential in a text, each replaced by `mask` of it: the patterns both maskings share. */
function maskLikelyCredentials(text: string, mask: (secret: string) => string): string {
  // (The webhook pattern starts with look-behinds, tried at every position: only run where one of its hosts is named.)
  const masked = (mayHoldWebhookSecret(text) ? text.replace(WEBHOOK_SECRET, mask) : text)
    .replace(SCHEME_VALUE, (all, scheme: string, space: string, word: string) => (looksLikeCredential(word) ? `${scheme}${space}${mask(word)}` : all))
    .replace(URL_PASSWORD, (_all, head: string, password: string) => `${head}${mask(password)}`)
    .replace(ZOHO_TOKEN, mask)
    .replace(KNOWN_SECRET_KEY, mask)
    .replace(SECRET_FIELD, (all, field: string, separator: string, value: string) => (ENV_REFERENCE.test(value) ? all : `${field}${separator}${mask(value)}`))
    .replace(ANSWER_SECRET_FIELD, (_all, field: string, value: string) => {
      // An authorization value keeps its scheme (`"authorization": "Bearer ****"`), as a header's does.
      // A scheme alone (`"Authorization": "Zoho-oauthtoken " + token`) is no credential: the token is joined on after.
      const [, scheme = '', credential = value] = /^((?:Zoho-oauthtoken|Zoho-enczapikey|Zoho-zapikey|Bearer|Basic)(?:\s+|$))(.*)$/i.exec(value) ?? [];
      return `${field}${scheme}${credential === '' || credential === MASK || /^\*+$/.test(credential) || ENV_REFERENCE.test(credential) ? credential : mask(credential)}`;
    });
  return maskEncodedNameFields(masked, (decoded, json) => SECRET_FIELD_NAME.test(decoded) || (json && ANSWER_SECRET_NAME.test(decoded)), mask);
}

/**
 * Whether the word after `Bearer`/`Basic` is a credential rather than prose ("Basic information"): tokens and
 * Base64 have digits, symbols or mixed case and are not short.
 */
function looksLikeCredential(word: string): boolean {
  if (word === MASK || word.length < 8) return false;
  const rest = word.slice(1);
  return /[0-9._~+/=-]/.test(word) || (/[a-z]/.test(rest) && /[A-Z]/.test(rest));
}

/**
 * `/crm/v7/Leads` or `/crm/v2.1/Leads/{id}`: a module of the CRM records API, and a record of it. Not the APIs of the
 * same shape that are no module's (`/crm/v7/users/{id}`, `/crm/v7/actions/watch`), whose answers name their own list
 * (`{"users":[…]}`), not `data`. Also with a stray `/` (`//crm/v7/Leads`, `/crm//v7/Leads`, `/crm/v7//Leads`,
 * `/Leads//{id}`, `/Leads/{id}/`), or `crm` and the version in capitals (`/crm/V7/Leads`): a request that still asks
 * to delete those records (the sandbox refuses it as a whole: INVALID_URL_PATTERN).
 */
const CRM_RECORDS_PATH = /^\/+[cC][rR][mM]\/+[vV]\d+(?:\.\d+)?\/+(?!(?:settings|users|org|actions|coql|files|functions|__\w+)(?:[/?]|$))[^/]+(?:\/+(?!(?:deleted|upsert|search|actions)\/*$)([^/]+))?\/*$/;

/** A query value or path segment as the server reads it (`+` a space in a query); as written when it is not valid. */
function decodedUrlPart(text: string, query: boolean): string {
  if (!text.includes('%') && !(query && text.includes('+'))) return text;
  try {
    return decodeURIComponent(query ? text.replace(/\+/g, ' ') : text);
  } catch {
    return text;
  }
}

/**
 * An id as the server reads it from the ids it was given: without the spaces, tabs, line breaks and other control
 * characters around it, as Java's `String.trim()` takes them off (Zoho is a Java service), and nothing else — a
 * no-break space or a byte-order mark pasted from a page stays, and such an id is no number (UNABLE_TO_PARSE_DATA_TYPE).
 * The sandbox, the run's account of deleted records and lint read ids alike. (A decision: Zoho documents none of it.)
 */
function trimmedId(id: string): string {
  return id.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
}

/**
 * The record ids a CRM DELETE names — the id of its path, then every `ids` of its query, split at commas — as the
 * server reads them (decoded, trimmed; repeats kept). Undefined for any other request. Read from the text of the URL:
 * a run reads this for every answer it accounts for, and most URLs need no decoding.
 */
function deletedIdsNamed(method: string, url: string): string[] | undefined {
  if (method !== 'DELETE') return undefined;
  const hash = url.indexOf('#');
  const end = hash < 0 ? url.length : hash;
  const question = url.indexOf('?');
  const queryStart = question >= 0 && question < end ? question : end;
  const scheme = url.indexOf('//');
  const pathStart = scheme < 0 ? -1 : url.indexOf('/', scheme + 2);
  if (pathStart < 0 || pathStart > queryStart) return undefined;
  const path = CRM_RECORDS_PATH.exec(url.slice(pathStart, queryStart));
  if (!path) return undefined;
  const named: string[] = [];
  const add = (id: string) => {
    const trimmed = trimmedId(id);
    if (trimmed !== '') named.push(trimmed);
  };
  if (path[1] !== undefined) add(decodedUrlPart(path[1], false));
  // Also beside a path id: the single-record route deletes only that record, so the `ids` are ones a user asked for
  // and the answer may leave out.
  if (queryStart < end) {
    for (const parameter of url.slice(queryStart + 1, end).split('&')) {
      // (The name as the server reads it too: `%69ds=` is `ids=`.)
      const equals = parameter.indexOf('=');
      if (equals < 0) continue;
      const name = parameter.slice(0, equals);
      if (name === 'ids' || (name.includes('%') && decodedUrlPart(name, true) === 'ids')) for (const id of decodedUrlPart(parameter.slice(equals + 1), true).split(',')) add(id);
    }
  }
  return named;
}

/**
 * The records a CRM DELETE names, each once as the server reads them (`ids=A,A,0A,,B,` names two: an id repeated, or
 * written with leading zeros, is one record), as first written. Undefined for any other request.
 */
function distinctIdsNamed(method: string, url: string): string[] | undefined {
  const named = deletedIdsNamed(method, url);
  if (named === undefined) return undefined;
  const seen = new Set<string>();
  return named.filter((id) => {
    const canonical = canonicalId(id);
    if (seen.has(canonical)) return false;
    seen.add(canonical);
    return true;
  });
}

/** The ids of an answer's per-record outcomes, in order (null for a record with none). */
interface AnsweredIds {
  readonly length: number;
  idAt(i: number): string | null;
}

/** How a DELETE's named ids and its answer's ids differ: each list once per id, in its own order. */
interface IdsOutOfStep {
  /**
   * Ids the request named that the answer does not mention — neither deleted nor failed, as far as the answer says (a
   * second `ids=` the server did not read, say). With no per-record outcomes (a 204, `{"data":null}`, a page of
   * HTML), every one.
   */
  readonly notInAnswer: readonly string[];
  /** Ids the per-record answer names that the request did not: the outcome of a record nobody asked about. */
  readonly notRequested: readonly string[];
}

/**
 * Compares the ids a DELETE named (`deletedIdsNamed`) with its answer's (`answered` undefined: an answer with no
 * per-record outcomes), in one pass over each. Ids compare as numbers do (`0410…` is `410…`).
 */
function compareDeletedIds(named: readonly string[], answered: AnsweredIds | undefined): IdsOutOfStep {
  const requested = new Set(named.map(canonicalId));
  const seen = new Set<string>();
  const notRequested = new Set<string>();
  for (let i = 0; i < (answered?.length ?? 0); i++) {
    const id = answered!.idAt(i);
    if (id === null) continue;
    const canonical = canonicalId(id);
    seen.add(canonical);
    if (!requested.has(canonical)) notRequested.add(id);
  }
  const notInAnswer = new Set<string>();
  for (const id of named) if (!seen.has(canonicalId(id))) notInAnswer.add(id);
  return { notInAnswer: [...notInAnswer], notRequested: [...notRequested] };
}

/** An id as compared: a number's digits without leading zeros, any other text as it is. */
function canonicalId(id: string): string {
  return /^\d+$/.test(id) ? id.replace(/^0+(?=\d)/, '') : id;
}

/** Connection failures before anything was sent: the server never saw the request, so it can be sent again. */
const NOT_SENT: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  UND_ERR_CONNECT_TIMEOUT: 'connect timeout',
  ENETUNREACH: 'network unreachable',
  EHOSTUNREACH: 'host unreachable',
  ENETDOWN: 'network down',
  EHOSTDOWN: 'host down',
};

/** Failures after the request may have been written. */
const TIMED_OUT = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** What a failed attempt means for the request. */
interface SendFailure {
  readonly kind: 'connect' | 'timeout' | 'reset';
  /** True only when the request surely did not reach the server and trying again may help. */
  readonly retry: boolean;
  readonly reason: string;
  /** Refused by the client itself before any connection (a header it cannot send): not a failure to connect. */
  readonly unsent?: boolean;
  /** Said by the proxy (it refused the tunnel): the proxy was reached. */
  readonly fromProxy?: boolean;
}

/** A failure that says it was a timeout (the client's own timer ended the wait). */
const SEND_TIMED_OUT: SendFailure = { kind: 'timeout', retry: false, reason: 'timed out' };

/** A failed exchange's error (Node's or undici's) read by its code. */
function sendFailureOf(error: unknown): SendFailure {
  const code = errorCode(error);
  const notSent = code === undefined ? undefined : NOT_SENT[code];
  if (notSent) return { kind: 'connect', retry: true, reason: notSent };
  if (code !== undefined && TIMED_OUT.has(code)) return SEND_TIMED_OUT;
  const message = error instanceof Error ? error.message : String(error);
  // TLS failures happen before the request is written, but trying again will not fix a certificate.
  if (code !== undefined && /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED)/.test(code)) {
    return { kind: 'connect', retry: false, reason: `TLS: ${message}` };
  }
  // A proxy that refused the tunnel (`Proxy response (407) !== 200 when HTTP Tunneling`): the server never had the
  // request, and the same answer would come again.
  const proxyStatus = code === 'UND_ERR_ABORTED' ? /^Proxy response \((\d+)\) !== 200/.exec(message)?.[1] : undefined;
  if (proxyStatus !== undefined) return { kind: 'connect', retry: false, reason: `the proxy answered ${proxyStatus} to its tunnel request`, fromProxy: true };
  // undici refused the request before sending it (a header value it cannot carry: a token with a line break).
  if (code === 'UND_ERR_INVALID_ARG') return { kind: 'connect', retry: false, reason: message, unsent: true };
  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE') {
    return { kind: 'reset', retry: false, reason: 'the connection was closed' };
  }
  return { kind: 'reset', retry: false, reason: message };
}

/** The error's code, also from the first error of an AggregateError (Happy Eyeballs tries several addresses). */
function errorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; errors?: readonly { code?: unknown }[]; cause?: { code?: unknown } } | null;
  const code = e?.code ?? e?.errors?.[0]?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Names the host only: paths and queries may carry ids or keys. `proxy`: the host of the proxy the request went
 * through, which a failure to connect is about (the target's host was not tried).
 */
function sendFailureMessage(failure: SendFailure, url: URL, attempts: number, timeoutMs: number, proxy?: string): string {
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  switch (failure.kind) {
    case 'connect':
      if (failure.unsent) return `the request to ${url.host} could not be sent (${failure.reason})${tries}`;
      if (proxy !== undefined && !failure.fromProxy) return `could not connect to the proxy ${proxy} on the way to ${url.host} (${failure.reason})${tries}`;
      return `could not connect to ${url.host} (${failure.reason})${tries}`;
    case 'timeout':
      return `socket timeout: no complete response from ${url.host} within ${formatSeconds(timeoutMs)}${tries}`;
    default:
      return `the connection to ${url.host} broke before the response was complete (${failure.reason})${tries}`;
  }
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

/** The numbers of the rule (docs/runtime/http.md; `deluge run --retries` changes the attempts). */
const RETRY_RULE = {
  /** Attempts in all, the first included (`deluge run --retries N`: N + 1). */
  maxAttempts: 4,
  /** First backoff; doubled on each further retry (500, 1000, 2000 ms). */
  backoffMs: 500,
  /** A 429 asking to wait longer than this is the answer, not waited for. */
  maxRetryDelayMs: 60_000,
} as const;

/** 500 ms, 1 s, 2 s, … after the first, second, third attempt. */
function backoffMs(attempt: number): number {
  return RETRY_RULE.backoffMs * 2 ** (attempt - 1);
}

/** Retry-After as delta-seconds or an HTTP-date (RFC 9110 §10.2.3), in ms from now; undefined when unreadable. */
function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * The wait before sending again a request answered 429 at attempt `attempt` (its Retry-After, else the backoff), or
 * undefined when it asks for longer than `maxRetryDelayMs`: the 429 is then the answer.
 */
function tooManyRequestsWait(retryAfter: string | undefined, attempt: number, now: number, maxRetryDelayMs: number = RETRY_RULE.maxRetryDelayMs): number | undefined {
  const wait = retryAfterMs(retryAfter, now) ?? backoffMs(attempt);
  return wait <= maxRetryDelayMs ? wait : undefined;
}

/** The answers that are followed to their `Location`. */
const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** Redirects followed before the last answer is taken as it is. */
const MAX_REDIRECTS = 5;

/** Headers that carry the script's credentials: dropped when a redirect leaves the origin. */
const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set(['authorization', 'proxy-authorization', 'cookie']);

/** Whether the request goes on as a GET without its body: after a 303 (not a HEAD), and a 301 or 302 of a POST, as browsers do. */
function redirectsToGet(method: string, status: number): boolean {
  return status === 303 ? method !== 'HEAD' : (status === 301 || status === 302) && method === 'POST';
}

/** The headers sent on: without the body's (`Content-*`) when it goes on as a GET, without the credentials when it leaves the origin. */
function redirectedHeaders<H extends readonly [string, string]>(headers: readonly H[], toGet: boolean, sameOrigin: boolean): H[] {
  return headers.filter(([name]) => {
    const lower = name.toLowerCase();
    return !(toGet && lower.startsWith('content-')) && !(!sameOrigin && CREDENTIAL_HEADERS.has(lower));
  });
}

/** What stops a run with its account: Ctrl-C, SIGTERM, and stdout closed by its reader (SIGPIPE, which Node turns into EPIPE). */
type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGPIPE';

/** The exit code of a run so stopped: 128 + the signal's number, as shells report it. */
const STOP_EXIT_CODES: Readonly<Record<StopSignal, number>> = { SIGINT: 130, SIGTERM: 143, SIGPIPE: 141 };

/** The line on stderr as the first Ctrl-C or SIGTERM is taken: the request in flight is let finish. */
function stoppingNotice(signal: 'SIGINT' | 'SIGTERM'): string {
  return signal === 'SIGINT'
    ? '\nInterrupted: letting the request in flight finish (Ctrl-C again to quit at once)\n'
    : '\nTerminated (SIGTERM): letting the request in flight finish (a second SIGTERM or Ctrl-C quits at once)\n';
}

/**
 * The line on stderr as the reader of stdout goes away (`… | head -1`). It is seen when a line is written, mostly
 * between requests: the words hold whether a request is in flight then or not.
 */
const STDOUT_CLOSED_NOTICE = '\nStopped: standard output was closed (its reader ended); a request in flight is let finish, no further one is sent\n';

/** What stopped the run, as DLG4026's messages begin (Ctrl-C when unknown). */
function stoppedBy(signal: unknown): string {
  return signal === 'SIGTERM' ? 'Terminated (SIGTERM)' : signal === 'SIGPIPE' ? 'Stopped (standard output was closed)' : 'Interrupted (Ctrl-C)';
}

/** DLG4026's message once the request in flight finished after `signal` (Ctrl-C when unknown): no further request was sent. */
function stoppedMessage(signal: unknown): string {
  return `${stoppedBy(signal)}: the request in flight finished; no further request was sent`;
}

/**
 * DLG4026's message at a request the stop came before (stdout closed while the script computed, Ctrl-C while a token
 * was fetched): nothing of it reached a server, and nothing after it.
 */
function notSentMessage(signal: unknown): string {
  return `${stoppedBy(signal)}: this request was not sent, nor any after it`;
}

/** How a second signal quit, as the messages name it: `Ctrl-C twice`, `SIGTERM after SIGINT`, … */
function quitHow(quit: StopSignal, first: StopSignal): string {
  return quit === 'SIGINT' && first === 'SIGINT' ? 'Ctrl-C twice' : `${quit} after ${first}`;
}

/** DLG4026's message after a second signal (`quitBy`: {@link quitHow}) quit without waiting for the request in flight. */
function quitMessage(quitBy: string): string {
  return `Quit (${quitBy}) without waiting for the request in flight: whether the server processed it is unknown; no further request was sent`;
}

/** The line on stderr for a request a quit did not wait for (`place`: method, host and path, its query left out). */
function notAwaitedNotice(place: string): string {
  return `\nQuit without waiting for ${place}: the server may have processed it\n`;
}

/** Why a request a quit did not wait for has no answer, on its entry and its account line. */
function notAwaitedReason(quitBy: string): string {
  return `not awaited: the run was quit (${quitBy}) before the answer came; the server may have processed it`;
}

type Header = [name: string, value: string];

type RequestBody =
  | { readonly kind: 'form'; readonly fields: Header[] }
  | { readonly kind: 'raw'; readonly text: string; readonly contentType: string }
  | { readonly kind: 'multipart'; readonly parts: ({ readonly name: string; readonly value: string } | { readonly name: string; readonly file: DelugeFile })[] };

interface HttpRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Header[];
  readonly body?: RequestBody;
  readonly connection?: string;
  /** `detailed: true`, or `false` as the last argument of getUrl/postUrl: the answer as responseText/responseHeader/responseCode. */
  readonly detailed: boolean;
  readonly format?: string;
  readonly decoding?: string;
  /** `invokeurl`, `getUrl`, `zoho.crm.getRecordById`, … */
  readonly origin: string;
}

interface HttpResponse {
  readonly status: number;
  /** Names in lower case, in the order received. */
  readonly headers: Header[];
  readonly body: Uint8Array;
  readonly url: string;
}

/**
 * What the program lists on stderr when it ends, as `deluge run`'s summary lists it: each record a per-record answer
 * (Delete Records' `data[]`) reported as failed; each id a DELETE named that its answer says nothing of, or that the
 * answer names unasked; and each request answered 400 or more without per-record outcomes (a DELETE's with the ids it
 * did not delete).
 */
const recordAccount = { failed: [] as string[], unaccounted: [] as string[], failedRequests: [] as string[], unanswered: [] as string[], notInAnswer: 0, notDeleted: 0, notRequested: 0, printed: false };

/**
 * The answer, its records accounted for as `deluge run` accounts for them (src/runner/http-host.ts), so that no failed
 * or undeleted record, and no failed request, goes unseen because the script did not look. `retryNotSent`: why the
 * request was not sent again after this answer (a 429), when its retry could not connect. Every answer the program
 * gets comes here once: when Ctrl-C or SIGTERM came while it was awaited, the program stops here (`stopping`).
 */
function noteRecords(value: Value, request: HttpRequest, status: number, retryNotSent?: string): Value {
  const body = value instanceof Map && value.has('responseCode') && value.has('responseText') ? value.get('responseText') : value;
  const data = body instanceof Map ? body.get('data') : undefined;
  // Per-record outcomes: a `data` list whose every item has a text code and Zoho's status (records with fields named
  // `code` and `status` are data).
  const outcomes = Array.isArray(data) && data.every((item) => item instanceof Map && typeof item.get('code') === 'string' && (item.get('status') === 'success' || item.get('status') === 'error')) ? (data as DelugeMap[]) : undefined;
  const ids = (outcomes ?? []).map((item) => {
    const details = item.get('details');
    const id = details instanceof Map ? details.get('id') : undefined;
    return typeof id === 'string' ? id : typeof id === 'bigint' ? String(id) : null;
  });
  const account = recordAccount;
  const where = `${request.method} ${new URL(request.url).host}`;
  (outcomes ?? []).forEach((item, i) => {
    const message = item.get('message');
    // What a server says is printed masked, as deluge run prints it: it may echo the key it was sent.
    if (item.get('status') !== 'success') account.failed.push(`  failed: ${ids[i] ?? '(no id)'} ${textForm(item.get('code')!)} ${redactText(typeof message === 'string' ? message : '')} (${where})`);
  });
  const named = deletedIdsNamed(request.method, request.url);
  // A 4xx with no per-record outcomes refused the DELETE as a whole: none of its ids was deleted. Any other answer
  // without them (a 204, a 5xx, which may have been processed) says nothing of its ids.
  const refused = outcomes === undefined && status >= 400 && status < 500;
  if (named !== undefined && !refused) {
    const { notInAnswer, notRequested } = compareDeletedIds(named, { length: ids.length, idAt: (i) => ids[i]! });
    account.notInAnswer += notInAnswer.length;
    account.notRequested += notRequested.length;
    for (const id of notInAnswer) account.unaccounted.push(`  not in the answer: ${id} (${where}: the request named it, the answer says nothing of it)`);
    for (const id of notRequested) account.unaccounted.push(`  not requested: ${id} (${where}: the answer names it, the request did not)`);
  }
  if (outcomes === undefined && status >= 400) {
    // The request-level error of the answer (`{"code":"INVALID_MODULE","message":"…"}`), not a list of records.
    const error = body instanceof Map && !Array.isArray(data) ? body : undefined;
    const code = error?.get('code');
    const message = error?.get('message');
    const why = typeof code === 'string' ? ` ${code}${typeof message === 'string' && message !== '' ? ` ${redactText(message)}` : ''}` : '';
    const notDeleted = refused ? (distinctIdsNamed(request.method, request.url) ?? []) : [];
    account.notDeleted += notDeleted.length;
    const kept = notDeleted.length > 0 ? `; none of the ids it named was deleted: ${notDeleted.join(', ')}` : '';
    const url = new URL(redactRequestText(request.url));
    const retry = retryNotSent === undefined ? '' : `; its retry was not sent (${retryNotSent})`;
    account.failedRequests.push(`  failed request: ${request.method} ${url.host}${url.pathname} → ${status}${why}${retry}${kept}`);
  }
  printAccountAtExit();
  // Taken while this request was awaited: it has finished and is accounted for, and the script goes no further (it
  // might make no other request to stop at, and compute on to its end).
  if (stopping.by !== undefined) throw interruptedError();
  return value;
}

/** Has the account printed when the program ends, once there is something in it. */
function printAccountAtExit(): void {
  const account = recordAccount;
  if (account.printed || account.failed.length + account.unaccounted.length + account.failedRequests.length + account.unanswered.length === 0) return;
  account.printed = true;
  process.once('exit', printRecordAccount);
}

/**
 * The account's lines, in the order of `deluge run`'s summary (after its count of requests, which programs do not
 * keep), headed by its count of records when it has records to count.
 */
function printRecordAccount(): void {
  const { failed, unaccounted, failedRequests, unanswered, notInAnswer, notDeleted, notRequested } = recordAccount;
  const counts = `records: ${failed.length} failed${notInAnswer ? `, ${notInAnswer} not in the answer` : ''}${notDeleted ? `, ${notDeleted} not deleted (refused with their request)` : ''}`;
  const records = failed.length + notInAnswer + notDeleted + notRequested > 0;
  process.stderr.write(`${[...(records ? [counts] : []), ...failed, ...unaccounted, ...failedRequests, ...unanswered].join('\n')}\n`);
}

/**
 * A request that got no answer (no connection, a timeout, a connection broken off): the error the script can catch
 * (DLG4024), said as `deluge run` says it, and a line of the account, as run's summary has one: the request may have
 * been processed all the same, and a script that caught the error leaves no other trace of it. A DELETE's line names
 * its ids. One that failed to connect before any server had it (`written`: a server had it, a redirect's first
 * answer too) was not sent, and deleted none of them; after a 429 (`refusal`) it is accounted for by that answer, with
 * why its retry was not sent, as run accounts for it. The failing hop's host is named.
 */
function unanswered(request: HttpRequest, failed: FailedAttempt, failure: SendFailure, attempts: number, refusal: HttpResponse | undefined): DelugeError {
  const reason = redactText(sendFailureMessage(failure, new URL(failed.url), attempts, 40_000));
  const unsent = failure.kind === 'connect' && !failed.written;
  if (unsent && refusal) noteRecords(answerValue(refusal), request, refusal.status, reason);
  else listUnanswered(request, reason, unsent);
  return new DelugeError('DLG4024', `${request.origin} ${request.method} ${new URL(request.url).host}: ${reason}`);
}

/**
 * A request without an answer on the account, with run's line: `reason` says why; a DELETE's line names its ids, as
 * not deleted when it was not sent (`unsent`), else as whether deleted or not, counted as not in the answer as run's
 * first line counts them.
 */
function listUnanswered(request: HttpRequest, reason: string, unsent: boolean): void {
  const printed = redactRequestText(request.url);
  const listed = new URL(printed);
  const ids = distinctIdsNamed(request.method, printed) ?? [];
  const named = ids.length === 0 ? '' : unsent ? `; none of the ids it named was deleted: ${ids.join(', ')}` : `; the ids it named, whether deleted or not: ${ids.join(', ')}`;
  if (!unsent) recordAccount.notInAnswer += ids.length;
  recordAccount.unanswered.push(`  ${unsent ? 'not sent' : 'no answer'}: ${request.method} ${listed.host}${listed.pathname} (${reason})${named}`);
  printAccountAtExit();
}

/**
 * Ctrl-C and SIGTERM, handled as `deluge run` handles them (src/cli/commands/run.ts): the first lets the request in
 * flight finish, accounts for it and stops the program before any further request (DLG4026, exit 130; 143 for
 * SIGTERM); a second quits at once, the request listed as not awaited (the server may have processed it), and the
 * program ends with its account. Without this, Ctrl-C during a bulk DELETE ended the program with no account of the
 * DELETEs sent. `by`: the signal that stopped it (SIGPIPE: stdout closed); `quitBy`: the second; `awaited`: the
 * request whose answer is awaited now, and how its wait ends at once; `waits`: aborted as the program stops (the first
 * signal), it ends a wait between attempts at once, so no second signal finds one (nothing is in flight then: the
 * first stops the program within its own turn).
 */
const stopping = {
  by: undefined as StopSignal | undefined,
  quitBy: undefined as StopSignal | undefined,
  awaited: undefined as { readonly request: HttpRequest; readonly quit: (error: DelugeError) => void } | undefined,
  waits: new AbortController(),
};

/**
 * The answer of a request (`answer`: its attempts), awaited with Ctrl-C and SIGTERM taken over. The handlers are
 * installed only while a request is awaited, as run installs them: while the script computes, the program could not
 * run a handler, and the signal ends it at once.
 */
async function awaitedAnswer(request: HttpRequest, answer: () => Promise<HttpResponse>): Promise<HttpResponse> {
  const quitting = new Promise<never>((_, reject) => (stopping.awaited = { request, quit: reject }));
  process.on('SIGINT', onStopSignal).on('SIGTERM', onStopSignal);
  try {
    return await Promise.race([answer(), quitting]);
  } catch (error) {
    // A request that failed after Ctrl-C (its line on the account) stops the program too, rather than going to a `catch`;
    // one the stop came before says so itself (DLG4026: not sent).
    const stopped = error instanceof DelugeError && error.code === 'DLG4026';
    throw stopping.by !== undefined && stopping.quitBy === undefined && !stopped ? interruptedError() : error;
  } finally {
    stopping.awaited = undefined;
    process.off('SIGINT', onStopSignal).off('SIGTERM', onStopSignal);
  }
}

/**
 * Ctrl-C or SIGTERM while a request is awaited: the first lets it finish (a wait before its next attempt ends at once),
 * a second quits without waiting for it.
 */
function onStopSignal(signal: NodeJS.Signals): void {
  const stop = signal === 'SIGTERM' ? 'SIGTERM' : 'SIGINT';
  if (stopping.by === undefined) {
    stopping.by = stop;
    stopping.waits.abort();
    process.stderr.write(stoppingNotice(stop));
    return;
  }
  const awaited = stopping.awaited;
  if (awaited === undefined || stopping.quitBy !== undefined) return;
  stopping.quitBy = stop;
  const how = quitHow(stop, stopping.by);
  const url = new URL(redactRequestText(awaited.request.url));
  process.stderr.write(notAwaitedNotice(`${awaited.request.method} ${url.host}${url.pathname}`));
  listUnanswered(awaited.request, notAwaitedReason(how), false);
  awaited.quit(new DelugeError('DLG4026', quitMessage(how), false));
}

/**
 * The reader of stdout went away (`… | head -1`): the program stops as on Ctrl-C, as `deluge run` stops (the request
 * in flight finishes and is accounted for, no further one is sent; DLG4026, exit 141), instead of going on with its
 * requests or dying of Node's EPIPE. A signal after it quits at once, as a second one does.
 */
function stopForClosedStdout(): void {
  if (stopping.by !== undefined) return;
  stopping.by = 'SIGPIPE';
  stopping.waits.abort();
  process.stderr.write(STDOUT_CLOSED_NOTICE);
}

/** The program stopped once the request in flight finished (no further one is sent): DLG4026, worded as run words it. */
function interruptedError(): DelugeError {
  return new DelugeError('DLG4026', stoppedMessage(stopping.by), false);
}

/** The program was stopped before this request was sent (stdout closed while it computed): none was, nor any after it. */
function notSentError(): DelugeError {
  return new DelugeError('DLG4026', notSentMessage(stopping.by), false);
}

/**
 * The exit of a program that DLG4026 stopped: 130, 143 or 141, as `deluge run` exits; after a second signal at once,
 * without waiting for the request left in flight.
 */
function exitIfStopped(error: unknown): void {
  if (!(error instanceof DelugeError && error.code === 'DLG4026')) return;
  process.exitCode = STOP_EXIT_CODES[stopping.quitBy ?? stopping.by ?? 'SIGINT'];
  if (stopping.quitBy !== undefined) process.exit();
}

/** What a failed attempt's error (fetch's, with its cause, or Node's) means for the request. */
function attemptFailure(error: unknown): SendFailure {
  if (error instanceof Error && error.name === 'TimeoutError') return SEND_TIMED_OUT;
  return sendFailureOf(error instanceof Error && error.cause instanceof Error ? error.cause : error);
}

/**
 * The answer read as JSON, so that its failed records and its error are listed as `deluge run` lists them (a
 * connector's value keeps the answer as text, a single write's only its first record, getUrl's is text); null when it
 * is not JSON.
 */
function answerValue(response: HttpResponse): Value {
  try {
    return parseJson(new TextDecoder().decode(response.body), 'the answer');
  } catch {
    return null;
  }
}

function headerValue(headers: Header[], name: string): string | undefined {
  return headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
}

/**
 * The header a connection's requests carry, its credential read from the environment (never from this file):
 * `Authorization: Zoho-oauthtoken <token>`, or what a bearer, basic or header connection of the connections file sends.
 */
function connectionHeader(connection: string): [string, string] {
  const auth = CONNECTION_AUTH[connection];
  if (!auth) return ['Authorization', authorization(connection)];
  const values = auth.variables.map((variable) => {
    const value = process.env[variable];
    if (!value) throw new DelugeError('DLG0006', `set ${variable} for the connection "${connection}" (a ${auth.kind} connection)`, false);
    rememberSecret(value);
    return value;
  });
  if (auth.kind === 'bearer') return [auth.header, `Bearer ${values[0]}`];
  if (auth.kind === 'basic') return [auth.header, `Basic ${Buffer.from(`${values[0]}:${values[1]}`).toString('base64')}`];
  return [auth.header, values[0]!];
}

/** `Zoho-oauthtoken <token>` for a connection, the token read from the environment (never from this file). */
function authorization(connection: string): string {
  const variable = TOKEN_VARIABLES[connection] ?? `ZOHO_OAUTH_TOKEN_${connection.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
  const token = process.env[variable];
  if (!token) throw new DelugeError('DLG0006', `set ${variable} to an OAuth access token of the connection "${connection}"`, false);
  rememberSecret(token);
  return `Zoho-oauthtoken ${token}`;
}

/**
 * How many requests fetch has written to a server, which its error does not say (a "connection refused" comes before
 * any server had the request; a reset after). undici, Node's fetch, publishes it on a diagnostics channel
 * (https://github.com/nodejs/undici/blob/main/docs/docs/api/DiagnosticsChannel.md).
 */
const fetchWrites = { count: 0, watched: false };

/** Watches fetch's writes from the first request on; the count so far. */
function watchFetchWrites(): number {
  if (!fetchWrites.watched) {
    fetchWrites.watched = true;
    subscribe('undici:client:sendHeaders', () => void fetchWrites.count++);
  }
  return fetchWrites.count;
}

/** An attempt that got no answer: its error, the URL of the hop that failed, and whether a server had the request. */
interface FailedAttempt {
  readonly error: unknown;
  readonly url: string;
  readonly written: boolean;
}

/**
 * Sends a request with `fetch` and reads the whole answer; no answer at all is a catchable error, as in Deluge. It is
 * sent again as `deluge run` sends it again (src/http/retry-rule.ts): after a 429 (its Retry-After, else the backoff)
 * and after a connection that failed before anything was written, at most `RETRY_RULE.maxAttempts` times in all;
 * never once a server may have had it.
 */
async function send(request: HttpRequest): Promise<HttpResponse> {
  // Stopped before this request: stdout was closed while the script computed (a signal taken while an earlier request
  // was awaited stopped the program at that request's answer or failure already). No further request is sent.
  if (stopping.by !== undefined) throw notSentError();
  const body = requestBody(request.body);
  // A header fetch would refuse (one it manages, a Content-Length that is not the body's) stops the program, as it
  // stops deluge run: a `catch` took fetch's refusal for a network failure.
  const problem = unsendableHeaders(request.headers, request.body?.kind === 'multipart', () => (body === undefined ? 0 : Buffer.byteLength(body.bytes)));
  if (problem) throw new DelugeError('DLG4018', `${request.origin}: ${problem}; nothing was sent`, false);
  // A multipart body's own content type replaces the script's, which cannot name the boundary of the body being sent.
  const headers = request.headers.filter(([name]) => {
    const lower = name.toLowerCase();
    const replaced = request.connection !== undefined && lower === (CONNECTION_AUTH[request.connection]?.header ?? 'authorization').toLowerCase();
    return !replaced && !(request.body?.kind === 'multipart' && lower === 'content-type');
  });
  // A credential the script sends in a header, the URL or the body is masked wherever a server echoes it back, as
  // deluge run masks it.
  rememberRequestSecrets({ url: request.url, headers, body: request.body });
  if (body && body.contentType !== '' && !headerValue(headers, 'content-type')) headers.push(['Content-Type', body.contentType]);
  const credential = request.connection === undefined ? undefined : connectionHeader(request.connection);
  // A URL's user name and password are not sent, as deluge run sends none (fetch refuses such a URL outright).
  let url = withoutUserinfo(request.url);
  let sendHop: HopSender = fetchHop;
  return awaitedAnswer(request, async () => {
    /** The 429 last waited after: the answer that accounts for the request if no retry reaches a server. */
    let refusal: HttpResponse | undefined;
    for (let attempt = 1; ; attempt++) {
      const outcome = await attemptWithRedirects(sendHop, { method: request.method, url, headers, body: body?.bytes }, credential);
      if ('error' in outcome) {
        const failure = attemptFailure(outcome.error);
        if (failure.retry && !outcome.written && attempt < RETRY_RULE.maxAttempts) {
          if (await waitedBetweenAttempts(backoffMs(attempt))) continue;
          throw notSentAgain(request, url, attempt, refusal);
        }
        throw unanswered(request, outcome, failure, attempt, refusal);
      }
      const wait = outcome.status === 429 && attempt < RETRY_RULE.maxAttempts ? tooManyRequestsWait(headerValue(outcome.headers, 'retry-after'), attempt, Date.now()) : undefined;
      if (wait === undefined) return outcome;
      // Ctrl-C or SIGTERM ended the wait: the 429 is the answer (the server refused the request unprocessed), as in run.
      if (!(await waitedBetweenAttempts(wait))) return outcome;
      refusal = outcome;
    }
  });
}

/**
 * Waits `ms` before the next attempt: false when Ctrl-C or SIGTERM ended the wait, at once, or came before it (during
 * the attempt): no further attempt is sent, as `deluge run` sends none (src/http/transport.ts, `pause`).
 */
async function waitedBetweenAttempts(ms: number): Promise<boolean> {
  return delay(ms, undefined, { signal: stopping.waits.signal }).then(
    () => true,
    () => false,
  );
}

/**
 * A request whose wait before its next attempt Ctrl-C or SIGTERM ended, after `attempts` (`url`: where they went),
 * accounted for as `deluge run` accounts for it: by the 429 it got, with why its retry was not sent; else, every
 * attempt having failed to connect, as not sent, a DELETE's ids not deleted. The program stops there (DLG4026).
 */
function notSentAgain(request: HttpRequest, url: string, attempts: number, refusal: HttpResponse | undefined): DelugeError {
  const reason = `the request to ${new URL(url).host} was cancelled after ${attempts} attempt${attempts > 1 ? 's' : ''}`;
  if (refusal) {
    // (noteRecords, which every answer goes through, stops the program itself: the stop was taken before this.)
    noteRecords(answerValue(refusal), request, refusal.status, reason);
    return interruptedError();
  }
  // Every attempt failed to connect: nothing of the request reached a server, as run words it.
  listUnanswered(request, reason, true);
  return notSentError();
}

/** Whether the environment's proxy was looked at (once, before the first request). */
let proxyLookedAt = false;

/**
 * Node's `fetch` and http module go through HTTP_PROXY/HTTPS_PROXY only when NODE_USE_ENV_PROXY=1 (or
 * `--use-env-proxy`) turns that on, in a Node.js that has it (not Node 20); otherwise the requests go direct, which
 * behind a proxy ends in a connect timeout with no word of why. When the environment names a proxy and nothing turns
 * it on, stderr says so once. (The variable's name only: a proxy's URL may hold a password.)
 */
function noteEnvironmentProxy(): void {
  if (proxyLookedAt) return;
  proxyLookedAt = true;
  const env = process.env;
  const named = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].find((name) => env[name]);
  if (named === undefined || env.NODE_USE_ENV_PROXY === '1' || process.execArgv.includes('--use-env-proxy')) return;
  process.stderr.write(`Note: ${named} is set, but Node.js sends through it only with NODE_USE_ENV_PROXY=1 (Node.js 22.21 or 24 and later): this program's requests go direct.\n`);
}

/** One hop with `fetch`, its redirect not followed (attemptWithRedirects follows it): the whole answer, or why there was none. */
async function fetchHop(method: string, url: string, headers: Header[], body: HopBody): Promise<HttpResponse | FailedAttempt> {
  noteEnvironmentProxy();
  const writtenBefore = watchFetchWrites();
  try {
    // `cache`: Node's fetch has no cache; 'force-cache' only stops it adding Pragma and Cache-Control headers to a
    // conditional request (If-Modified-Since, …). Not every @types/node lists the option, hence the separate object.
    // Bytes as a Blob: Node 20's fetch cannot send a Uint8Array twice (its buffer is detached), as a 307 or 308 does.
    const init = {
      method,
      headers,
      body: typeof body === 'string' || body === undefined ? body : new Blob([body]),
      redirect: 'manual' as const,
      signal: AbortSignal.timeout(40_000),
      cache: 'force-cache' as const,
    };
    const response = await fetch(url, init);
    const received: Header[] = [];
    response.headers.forEach((value, name) => received.push([name.toLowerCase(), value]));
    // The body is part of the answer: a connection broken off while it comes is no answer either.
    return { status: response.status, headers: received, body: new Uint8Array(await response.arrayBuffer()), url };
  } catch (error) {
    return { error, url, written: fetchWrites.count > writtenBefore };
  }
}

/** `https://bob:…@host/x` → `https://host/x`; a URL without a user name or password as it is. */
function withoutUserinfo(url: string): string {
  if (!url.includes('@') || !URL.canParse(url)) return url;
  const parsed = new URL(url);
  if (parsed.username === '' && parsed.password === '') return url;
  parsed.username = '';
  parsed.password = '';
  return parsed.href;
}

/** A request's body as a hop sends it. */
type HopBody = string | Uint8Array<ArrayBuffer> | undefined;

/** How one hop is sent: with fetch, or with Node's http module (a GET with a body). */
type HopSender = (method: string, url: string, headers: Header[], body: HopBody) => Promise<HttpResponse | FailedAttempt>;

/**
 * One attempt: the request, then the redirects it gets, followed as deluge run follows them (src/http/redirect-rule.ts).
 * The connection's credential goes to the request's origin only: fetch, left to follow them, sent a header
 * connection's API key on to whatever host a redirect named. A failure after a redirect comes after the first server
 * had the request: it was written.
 */
async function attemptWithRedirects(
  sendHop: HopSender,
  request: { method: string; url: string; headers: Header[]; body: HopBody },
  credential: Header | undefined,
): Promise<HttpResponse | FailedAttempt> {
  let hop = request;
  let sameOrigin = true;
  for (let redirects = 0; ; redirects++) {
    const outcome = await sendHop(hop.method, hop.url, sameOrigin && credential ? [...hop.headers, credential] : hop.headers, hop.body);
    if ('error' in outcome) return redirects > 0 ? { ...outcome, written: true } : outcome;
    const location = headerValue(outcome.headers, 'location');
    if (!REDIRECT_STATUSES.has(outcome.status) || location === undefined || redirects >= MAX_REDIRECTS) return outcome;
    const next = new URL(location, hop.url).href;
    sameOrigin &&= new URL(next).origin === new URL(request.url).origin;
    const toGet = redirectsToGet(hop.method, outcome.status);
    hop = { method: toGet ? 'GET' : hop.method, url: next, headers: redirectedHeaders(hop.headers, toGet, sameOrigin), body: toGet ? undefined : hop.body };
  }
}

/**
 * The body as sent, and its content type unless the script names one. A multipart body is written as `deluge run`
 * writes it (a FormData would turn its fields' line breaks into CRLF), under a boundary of its own.
 */
function requestBody(body: RequestBody | undefined): { readonly bytes: string | Uint8Array<ArrayBuffer>; readonly contentType: string } | undefined {
  if (!body) return undefined;
  if (body.kind === 'form') return { bytes: new URLSearchParams(body.fields).toString(), contentType: 'application/x-www-form-urlencoded' };
  // As bytes: for a text, fetch would add `text/plain;charset=UTF-8` where the script's `content-type: ""` asks for none.
  if (body.kind === 'raw') return { bytes: new TextEncoder().encode(body.text), contentType: body.contentType };
  const boundary = newBoundary();
  return { bytes: multipartBody(body.parts, boundary), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The CRM API domain of the un-routed requests (the US data centre; `--base-url` sends it elsewhere). */
const CRM_API_DOMAIN = 'https://www.zohoapis.com';

/** Where a connection's `zoho.crm.*` tasks and `invokeapi` go: its data centre's API domain, else the US one. */
function apiDomainOf(connection: string): string {
  return API_DOMAINS[connection] ?? CRM_API_DOMAIN;
}

/** The connection the tasks use when the script names none (Zoho uses the org's built-in CRM connection). */
const DEFAULT_CRM_CONNECTION = 'zohocrm';

type CrmArg = string | DelugeMap | Value[] | undefined;

type ParamKind = 'name' | 'id' | 'count' | 'text' | 'map' | 'records';

interface CrmParam {
  readonly name: string;
  readonly kind: ParamKind;
  readonly optional?: boolean;
}

interface CrmEndpoint {
  readonly method: string;
  readonly path: string[];
  readonly query?: [string, string][];
  readonly body?: DelugeMap;
}

interface CrmTaskSpec {
  readonly params: CrmParam[];
  readonly connection: boolean;
  readonly decoding: 'records' | 'record' | 'outcome' | 'outcomes' | 'connector';
  endpoint(args: CrmArg[], version: string): CrmEndpoint;
}

const MODULE: CrmParam = { name: 'module_name', kind: 'name' };

const PAGE: CrmParam = { name: 'page', kind: 'count', optional: true };

const PER_PAGE: CrmParam = { name: 'per_page', kind: 'count', optional: true };

const paging = (page: CrmArg, perPage: CrmArg): [string, string][] => [['page', (page as string | undefined) ?? '1'], ['per_page', (perPage as string | undefined) ?? '200']];

const optionalMap = (arg: CrmArg): DelugeMap | undefined => arg as DelugeMap | undefined;

/** Triggers a write runs when the script gives none; createRecord/updateRecord on V8 also run orchestrations. */
const writeTriggers = (version: string): string[] => (version === 'v2' ? ['approval', 'blueprint'] : ['approval', 'blueprint', 'orchestration']);

/** The tasks by lower-case name, as Zoho's task pages define their arguments. */
const CRM_TASKS: Readonly<Record<string, CrmTaskSpec>> = {
  getrecords: {
    params: [MODULE, PAGE, PER_PAGE, { name: 'query_value', kind: 'map', optional: true }],
    connection: true,
    decoding: 'records',
    endpoint: ([module, page, perPage, query]) => ({ method: 'GET', path: [module as string], query: queryParams(paging(page, perPage), optionalMap(query)) }),
  },
  getrecordbyid: {
    params: [MODULE, { name: 'record_ID', kind: 'id' }, { name: 'query_value', kind: 'map', optional: true }],
    connection: true,
    decoding: 'record',
    endpoint: ([module, id, query]) => ({ method: 'GET', path: [module as string, id as string], query: queryParams([], optionalMap(query)) }),
  },
  searchrecords: {
    params: [MODULE, { name: 'criteria', kind: 'text' }, PAGE, PER_PAGE, { name: 'search_value', kind: 'map', optional: true }],
    connection: true,
    decoding: 'records',
    endpoint: ([module, criteria, page, perPage, query]) => ({
      method: 'GET',
      path: [module as string, 'search'],
      query: queryParams([...(criteria === '' ? [] : [['criteria', criteria as string] as [string, string]]), ...paging(page, perPage)], optionalMap(query)),
    }),
  },
  createrecord: {
    params: [MODULE, { name: 'record_details', kind: 'map' }, { name: 'options_map', kind: 'map', optional: true }],
    connection: true,
    decoding: 'outcome',
    endpoint: ([module, record, options], version) => ({ method: 'POST', path: [module as string], body: writeBody([record as DelugeMap], optionalMap(options), writeTriggers(version)) }),
  },
  updaterecord: {
    params: [MODULE, { name: 'record_ID', kind: 'id' }, { name: 'record_value', kind: 'map' }, { name: 'options_map', kind: 'map', optional: true }],
    connection: true,
    decoding: 'outcome',
    endpoint: ([module, id, record, options], version) => ({ method: 'PUT', path: [module as string, id as string], body: writeBody([record as DelugeMap], optionalMap(options), writeTriggers(version)) }),
  },
  upsert: {
    params: [MODULE, { name: 'values', kind: 'map' }, { name: 'optional_data', kind: 'map', optional: true }],
    connection: true,
    decoding: 'outcome',
    endpoint: ([module, record, options]) => ({ method: 'POST', path: [module as string, 'upsert'], body: writeBody([record as DelugeMap], optionalMap(options), ['approval', 'blueprint']) }),
  },
  bulkcreate: {
    params: [MODULE, { name: 'records_value', kind: 'records' }, { name: 'options_map', kind: 'map', optional: true }],
    connection: true,
    decoding: 'outcomes',
    endpoint: ([module, records, options]) => ({ method: 'POST', path: [module as string], body: writeBody(records as Value[], optionalMap(options), ['approval', 'blueprint']) }),
  },
  bulkupdate: {
    params: [MODULE, { name: 'records_value', kind: 'records' }, { name: 'options_map', kind: 'map', optional: true }],
    connection: true,
    decoding: 'outcomes',
    endpoint: ([module, records, options]) => ({ method: 'PUT', path: [module as string], body: writeBody(records as Value[], optionalMap(options), ['approval', 'blueprint']) }),
  },
  getrelatedrecords: {
    params: [{ name: 'relation_name', kind: 'name' }, { name: 'parent_module_name', kind: 'name' }, { name: 'record_id', kind: 'id' }, PAGE, PER_PAGE, { name: 'query_value', kind: 'map', optional: true }],
    connection: true,
    decoding: 'records',
    endpoint: ([relation, parent, id, page, perPage, query]) => ({ method: 'GET', path: [parent as string, id as string, relation as string], query: queryParams(paging(page, perPage), optionalMap(query)) }),
  },
  invokeconnector: {
    params: [{ name: 'operation', kind: 'name' }, { name: 'parameters', kind: 'map' }],
    connection: false,
    decoding: 'connector',
    endpoint: ([operation, parameters]) => connectorEndpoint(operation as string, parameters as DelugeMap),
  },
};

/** `zoho.crm.<task>(…)` (and `zoho.crm.v8.<task>(…)`): the request, sent, and the answer as the task's value. */
async function crmTask(name: string, args: Value[]): Promise<Value> {
  const versioned = name.startsWith('v8.');
  const shortName = versioned ? name.slice(3) : name;
  const spec = CRM_TASKS[shortName.toLowerCase()];
  const task = `zoho.crm.${name}`;
  if (!spec || (versioned && !spec.connection)) return fail('DLG4014', `'${task}' is not a CRM task`);
  const version = versioned ? 'v8' : 'v2';
  const required = spec.params.filter((p) => !p.optional).length;
  const max = spec.params.length + (spec.connection ? 1 : 0);
  if (args.length < required || args.length > max) {
    const expected = required === max ? `${required}` : `${required} to ${max}`;
    fail('DLG4007', `'${task}' takes ${expected} argument${expected === '1' ? '' : 's'} but was given ${args.length}`);
  }
  const values = spec.params.map((param, i) => crmArgument(param, args[i], task, i === args.length - 1));
  const last = spec.connection ? args[spec.params.length] : undefined;
  let connection = DEFAULT_CRM_CONNECTION;
  if (last !== undefined && last !== null) {
    if (typeof last !== 'string') return crmMismatch(last, 'TEXT', 'connection', task);
    if (last.trim() === '') fail('DLG4018', `${task}: the connection name is empty`);
    connection = last;
  }
  const endpoint = spec.endpoint(values, version);
  const path = endpoint.path.map(encodeURIComponent).join('/');
  const query = (endpoint.query ?? []).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  const request: HttpRequest = {
    method: endpoint.method,
    url: `${apiDomainOf(connection)}/crm/${version}/${path}${query ? `?${query}` : ''}`,
    headers: [],
    ...(endpoint.body && { body: { kind: 'raw', text: jsonText(endpoint.body), contentType: 'application/json' } }),
    connection,
    detailed: false,
    origin: task,
  };
  const response = await send(request);
  noteRecords(answerValue(response), request, response.status);
  return crmDecode(spec.decoding, response, task);
}

/** The tasks by their Deluge names: `zohoCrm.getRecordById("Leads", id)` is `zoho.crm.getRecordById("Leads", id)`. */
const zohoCrm = {
  getRecords: (...args: Value[]) => crmTask('getRecords', args),
  getRecordById: (...args: Value[]) => crmTask('getRecordById', args),
  searchRecords: (...args: Value[]) => crmTask('searchRecords', args),
  createRecord: (...args: Value[]) => crmTask('createRecord', args),
  updateRecord: (...args: Value[]) => crmTask('updateRecord', args),
  upsert: (...args: Value[]) => crmTask('upsert', args),
  bulkCreate: (...args: Value[]) => crmTask('bulkCreate', args),
  bulkUpdate: (...args: Value[]) => crmTask('bulkUpdate', args),
  getRelatedRecords: (...args: Value[]) => crmTask('getRelatedRecords', args),
  invokeConnector: (...args: Value[]) => crmTask('invokeConnector', args),
};

function crmArgument(param: CrmParam, value: Value | undefined, task: string, isLast: boolean): CrmArg {
  if (value === undefined || (value === null && param.optional)) return undefined;
  switch (param.kind) {
    case 'name':
      if (typeof value !== 'string') return crmMismatch(value, 'TEXT', param.name, task);
      if (value.trim() === '') fail('DLG4018', `${task}: the ${param.name} is empty`);
      return value.trim();
    case 'text':
      return typeof value === 'string' ? value : crmMismatch(value, 'TEXT', param.name, task);
    case 'id':
      return recordId(value, param.name, task);
    case 'count':
      if (typeof value !== 'bigint') return crmMismatch(value, 'NUMBER', param.name, task, connectionHint(param, value, isLast));
      if (value < 1n) fail('DLG4018', `${task}: ${param.name} must be 1 or more, got ${value}`);
      return value.toString();
    case 'map':
      return asMap(value) ?? crmMismatch(value, 'KEY-VALUE', param.name, task, connectionHint(param, value, isLast));
    case 'records': {
      let records = Array.isArray(value) ? value : undefined;
      if (!records) return crmMismatch(value, 'LIST', param.name, task);
      const notMap = records.find((item) => !asMap(item));
      if (notMap !== undefined) fail('DLG4007', `${task}: every element of ${param.name} must be a KEY-VALUE, found ${typeName(notMap)}`);
      return records.map((item) => asMap(item)!);
    }
  }
}

function connectionHint(param: CrmParam, value: Value, isLast: boolean): string {
  if (!isLast || !param.optional || typeof value !== 'string') return '';
  return ` (the connection goes last: give ${param.kind === 'map' ? '{}' : 'a number'} for ${param.name} first)`;
}

/** Record IDs keep every digit: a NUMBER as it is, a TEXT when it is all digits; a DECIMAL is refused. */
function recordId(value: Value, name: string, task: string): string {
  if (typeof value === 'bigint') {
    if (value < 1n) fail('DLG4018', `${task}: the ${name} must be a positive number, got ${value}`);
    return value.toString();
  }
  if (typeof value === 'string') {
    if (!/^\d+$/.test(value.trim())) fail('DLG4018', `${task}: the ${name} must be a number, got ${JSON.stringify(value)}`);
    return value.trim();
  }
  return crmMismatch(value, 'NUMBER', name, task);
}

function crmMismatch(value: Value, expected: string, name: string, task: string, hint = ''): never {
  return fail('DLG4007', `Argument type mismatch - Found '${typeName(value)}' but Expected '${expected}' for the argument '${name}' of '${task}'${hint}`);
}

function asMap(value: Value): DelugeMap | undefined {
  if (value instanceof Map) return value;
  return undefined;
}

/** Query parameters: the task's own, then the script's map (a key it repeats takes the map's value; `""` is skipped). */
function queryParams(fixed: [string, string][], extra: DelugeMap | undefined): [string, string][] {
  const params = new Map<string, string>(fixed);
  for (const [key, value] of extra ?? []) {
    const name = keyText(key);
    if (value !== null && name !== '') params.set(name, textForm(crmValue(value)));
  }
  return [...params];
}

/** `{"data": [records], ...options}`, with the task's default `trigger` when the options name none. */
function writeBody(records: Value[], options: DelugeMap | undefined, defaultTrigger: string[]): DelugeMap {
  const body: DelugeMap = new Map([['data', records.map(crmValue)]]);
  for (const [key, value] of options ?? []) {
    const name = keyText(key);
    body.set(name, name === 'trigger' ? (typeof value === 'string' ? [value] : asMap(value)?.size === 0 ? [] : crmValue(value)) : crmValue(value));
  }
  if (!body.has('trigger')) body.set('trigger', [...defaultTrigger]);
  return body;
}

/** A value as the CRM API takes it: date-times as ISO text (`2024-03-05`, `2024-03-05T09:30:00+05:30`). */
function crmValue(value: Value): Value {
  if (Array.isArray(value)) return value.map(crmValue);
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, crmValue(v)]));
  return value;
}

/** `invokeConnector("crm.delete", {"module": …, "id": …})`: the one connector operation documented for CRM. */
function connectorEndpoint(operation: string, parameters: DelugeMap): CrmEndpoint {
  const task = 'zoho.crm.invokeConnector';
  if (operation.toLowerCase() !== 'crm.delete') fail('DLG4018', `${task}: the connector operation ${JSON.stringify(operation)} is not supported; "crm.delete" is`);
  const module = parameters.get('module');
  if (typeof module !== 'string' || module.trim() === '') return fail('DLG4018', `${task}: "crm.delete" needs the module's API name as "module" in its map`);
  const id = parameters.get('id');
  if (id === undefined || id === null) return fail('DLG4018', `${task}: "crm.delete" needs the record's ID as "id" in its map`);
  return { method: 'DELETE', path: [module.trim(), recordId(id, 'id', task)] };
}

function crmDecode(decoding: CrmTaskSpec['decoding'], response: HttpResponse, task: string): Value {
  const bodyText = new TextDecoder().decode(response.body);
  if (decoding === 'connector') return new Map<string, Value>([['status_code', BigInt(response.status)], ['response', bodyText]]);
  if (bodyText.trim() === '') return decoding === 'records' || decoding === 'outcomes' ? [] : new Map();
  const body = parseJson(bodyText, `${task} (HTTP ${response.status})`);
  const data = body instanceof Map ? body.get('data') : undefined;
  if (!Array.isArray(data)) return body;
  if (decoding === 'records' || decoding === 'outcomes') return data;
  if (decoding === 'record') return data[0] ?? new Map();
  const result = data[0];
  if (result === undefined) return new Map();
  if (result instanceof Map && result.get('status') === 'success') {
    const details = result.get('details');
    if (details instanceof Map) return details;
  }
  return result;
}

// ── Run ──────────────────────────────────────────────────────────────────────────────────────

run(main);
