// creator-order-on-success.ts: examples/creator-order-on-success.dg as a standalone TypeScript program, by deluge-kit (deluge emit --to typescript).
// It does what `deluge run` does with the script: the same requests, the same info lines on stdout.
//
// Run it with Node.js 20 or later:  npx tsx creator-order-on-success.ts
//   with Node.js 22.6 or later:    node --experimental-strip-types creator-order-on-success.ts (no flag from Node.js 23.6)
//   or compile it with tsc first:  npm i -D typescript @types/node && npx tsc --strict --target es2022 --module nodenext creator-order-on-success.ts && node creator-order-on-success.js
// It needs no package at run time: requests go through the global fetch.
// Arguments: name=value on the command line (text), name:=JSON for a map or list;
//   the script reads them as variables (as Zoho passes them) and as input.name.
// Deluge's semantics are kept by the helpers after the program: NUMBER is a 64-bit bigint (record IDs keep every
//   digit), DECIMAL a number, maps are Maps in insertion order, `+` joins text (null as ""), info prints as Zoho does.
//
// NOTE: not converted (a warning each; the program stops with an error if it gets there):
//   line 6: `insert into Form [ … ]` is a Zoho Creator statement, which needs a Creator application around it
//   line 13: a record query `Form[criteria]` is a Zoho Creator statement, which needs a Creator application around it
//   line 17: `insert into Form [ … ]` is a Zoho Creator statement, which needs a Creator application around it
//   line 26: sendmail is not sent; the mail is described on stderr, as deluge run does
//   line 33: `openUrl` is a Zoho Creator statement, which needs a Creator application around it

// Creator: check and lint only.
// Zoho Creator - form workflow on the "Order" form, event "On Success" (after the record is saved).
// Writes a history row with `insert into`, updates the product's stock through a fetched record, sends a
// confirmation with sendmail (in the editor's style, without ';') and opens the customer's order report
// with openUrl.
/** The script: its top-level statements, in order. */
export async function main(): Promise<Value> {
  // NOTE: not converted: `insert into Form [ … ]` is a Zoho Creator statement, which needs a Creator application around it
  notConverted("DLG6050", "`insert into Form [ … ]` is a Zoho Creator statement, which needs a Creator application around it (line 6)");
  // NOTE: not converted: a record query `Form[criteria]` is a Zoho Creator statement, which needs a Creator application around it
  const product: Value = notConverted("DLG6050", "a record query `Form[criteria]` is a Zoho Creator statement, which needs a Creator application around it (line 13)");
  setField(product, "Stock_On_Hand", minus(field(product, "Stock_On_Hand"), field(input, "Quantity")));
  if (compare(field(product, "Stock_On_Hand"), '<', field(product, "Reorder_Level"))) {
    // NOTE: not converted: `insert into Form [ … ]` is a Zoho Creator statement, which needs a Creator application around it
    void notConverted("DLG6050", "`insert into Form [ … ]` is a Zoho Creator statement, which needs a Creator application around it (line 17)", product);
  }
  // Written the way Creator's editor writes the task: a space before each ':' and no ';' after the ']'.
  // NOTE: not converted: sendmail is not sent; the mail is described on stderr, as deluge run does
  sendMail({ "from": "admin@example.com" /* zoho.adminuserid, as deluge run shows it */, "to": field(input, "Email"), "subject": `Order ${asText(field(input, "Order_No"))} received`, "message": `<p>Hello ${asText(field(field(input, "Customer"), "Name"))},</p><p>We have received your order for ${asText(field(input, "Quantity"))} x ${asText(field(field(input, "Product"), "Name"))}.</p>` });
  // NOTE: not converted: `openUrl` is a Zoho Creator statement, which needs a Creator application around it
  void notConverted("DLG6050", "`openUrl` is a Zoho Creator statement, which needs a Creator application around it (line 33)", `#Report:Order_Report?Customer=${asText(field(input, "Customer"))}`, "same window");
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

function isNumeric(value: Value): value is bigint | number {
  return typeof value === 'bigint' || typeof value === 'number';
}

/** `a - b`. */
function minus(left: Value, right: Value): Value {
  return arithmetic('-', left, right);
}

function arithmetic(op: '-' | '*' | '/' | '%', left: Value, right: Value): Value {
  if (!isNumeric(left) || !isNumeric(right)) return invalidOperands(op, left, right);
  if ((op === '/' || op === '%') && (right === 0n || right === 0)) fail('DLG4002', 'Division by zero');
  if (typeof left === 'bigint' && typeof right === 'bigint') {
    if (op === '-') return checkedNumber(left - right);
    if (op === '*') return checkedNumber(left * right);
    return op === '/' ? checkedNumber(left / right) : left % right;
  }
  const l = Number(left);
  const r = Number(right);
  return op === '-' ? l - r : op === '*' ? l * r : op === '/' ? l / r : l % r;
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

/** What each mandatory key holds, as messages name it. */
const SENDMAIL_REQUIRED_KEYS: Readonly<Record<string, string>> = {
  from: 'the sender, such as zoho.adminuserid',
  to: 'the address the mail goes to',
};

/** Why a sendmail whose keys (lower case) `has` tells cannot be sent, or undefined when it has from and to. */
function missingMailKeys(has: (key: string) => boolean): string | undefined {
  const missing = Object.keys(SENDMAIL_REQUIRED_KEYS).filter((key) => !has(key));
  if (missing.length === 0) return undefined;
  return `sendmail: no ${mailKeysNamed(missing)}; Zoho does not save a sendmail without 'from' and 'to'`;
}

/** `'from' (the sender, …) and no 'to' (…)`: the missing keys, each with what it holds. */
function mailKeysNamed(missing: readonly string[]): string {
  return missing.map((key) => `'${key}' (${SENDMAIL_REQUIRED_KEYS[key]})`).join(' and no ');
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

/** `sendmail [ … ]`: never sent, as with `deluge run`; the mail is described on stderr. Without `from` or `to`, it stops there as the run does. */
function sendMail(mail: Record<string, Value>): void {
  const missing = missingMailKeys((key) => Object.hasOwn(mail, key));
  if (missing !== undefined) fail('DLG4018', missing);
  const to = mail['to'] ?? null;
  const subject = mail['subject'] ?? null;
  process.stderr.write(`sendmail (not sent): to ${to === null ? '?' : textForm(to)}, subject ${subject === null ? '?' : JSON.stringify(textForm(subject))}\n`);
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
const input: DelugeMap = scriptArguments(mapOf());
run(main);
