import { fail } from './errors.js';
import { ListValue, MapValue, NUMBER_MAX, NUMBER_MIN, type Value } from './values.js';

/**
 * JSON text → runtime values, for `toMap`, `getJSON`, `toJSONList` and for HTTP responses.
 *
 * A hand-written parser rather than `JSON.parse`, for three reasons:
 * - objects must become maps in the order written, and JS objects move integer-like keys (`"10"`, `"2"`) first;
 * - whole numbers must become NUMBERs (bigint) digit for digit: `JSON.parse` reads 18–19-digit record IDs
 *   (`4876876000000624001`) through a double and loses their last digits;
 * - Deluge's own JSON reading is lenient where Zoho's docs rely on it (`"{company:Zoho}".toMap()` on the toMap page,
 *   single-quoted strings on the toJSONList page), which the `lenient` option allows.
 *
 * It scans with `charCodeAt` and keeps its own stack instead of recursing, so deeply nested input cannot overflow the
 * JS call stack; nesting deeper than {@link MAX_DEPTH} is reported as invalid JSON, because the printers and
 * comparisons that later walk the value do recurse.
 */

export interface ParseJsonOptions {
  /**
   * Also accept what Deluge's JSON reader accepts beyond RFC 8259: unquoted keys and values (`{a:b, n:1}`,
   * read as text, number, true/false/null by their look) and single-quoted strings.
   */
  readonly lenient?: boolean;
  /** Who is reading, for the error message: `toMap`, `getJSON`, … */
  readonly source?: string;
}

/** Nesting deeper than this is reported as an error rather than parsed. */
export const MAX_DEPTH = 1000;

type Frame = { readonly map: MapValue; key: string | undefined } | { readonly list: ListValue };

const enum Ch {
  Tab = 9,
  LineFeed = 10,
  Return = 13,
  Space = 32,
  Quote = 34,
  Apostrophe = 39,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Slash = 47,
  Zero = 48,
  Nine = 57,
  Colon = 58,
  UpperE = 69,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  LowerE = 101,
  OpenBrace = 123,
  CloseBrace = 125,
}

/** Parses JSON text into a runtime value; invalid JSON fails with DLG4016 naming the line and column. */
export function parseJson(text: string, options: ParseJsonOptions = {}): Value {
  if (!options.lenient) {
    const fast = parseWithoutNumbers(text);
    if (fast !== undefined) return fast;
  }
  return new JsonReader(text, options).read();
}

/** A number where a value starts (after `:`, `[` or `,`), or a key of digits (which a JS object would move first). */
const NEEDS_OWN_READER = /(?:^|[:[,])\s*-?\d|"\d+"\s*:/;

/**
 * Responses such as Delete Records' hold only text, booleans and nulls. For those, V8's `JSON.parse` gives the same
 * values as our reader, faster: no number has to keep its digits or its NUMBER/DECIMAL kind, and no key is a digit
 * string that a JS object would reorder. Anything else (or invalid JSON, for the reader's message) takes the reader.
 */
function parseWithoutNumbers(text: string): Value | undefined {
  if (NEEDS_OWN_READER.test(text)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  return fromPlainJson(parsed, 0);
}

/** The parsed value as runtime values; undefined past MAX_DEPTH (the reader then reports it). */
function fromPlainJson(value: unknown, depth: number): Value | undefined {
  if (value === null || typeof value !== 'object') return value as Value;
  if (depth >= MAX_DEPTH) return undefined;
  if (Array.isArray(value)) {
    const items: Value[] = [];
    for (const item of value) {
      const converted = fromPlainJson(item, depth + 1);
      if (converted === undefined) return undefined;
      items.push(converted);
    }
    return new ListValue(items);
  }
  const entries = new Map<string, Value>();
  for (const key of Object.keys(value)) {
    const converted = fromPlainJson((value as Record<string, unknown>)[key], depth + 1);
    if (converted === undefined) return undefined;
    entries.set(key, converted);
  }
  return new MapValue(entries);
}

class JsonReader {
  private pos = 0;
  private readonly lenient: boolean;

  constructor(
    private readonly text: string,
    private readonly options: ParseJsonOptions,
  ) {
    this.lenient = options.lenient ?? false;
  }

  read(): Value {
    const stack: Frame[] = [];
    let value: Value;
    // Each turn reads one value (opening containers as it goes), then closes every container it completes.
    for (;;) {
      this.skipSpace();
      const c = this.text.charCodeAt(this.pos);
      if (c === Ch.OpenBrace || c === Ch.OpenBracket) {
        if (stack.length >= MAX_DEPTH) this.error(`nesting deeper than ${MAX_DEPTH} levels`);
        this.pos++;
        this.skipSpace();
        if (c === Ch.OpenBrace) {
          const map = new MapValue();
          if (this.text.charCodeAt(this.pos) !== Ch.CloseBrace) {
            stack.push({ map, key: this.readKey() });
            continue;
          }
          this.pos++;
          value = map;
        } else {
          const list = new ListValue();
          if (this.text.charCodeAt(this.pos) !== Ch.CloseBracket) {
            stack.push({ list });
            continue;
          }
          this.pos++;
          value = list;
        }
      } else {
        value = this.readScalar();
      }
      // Attach the value to its container; close containers that end here.
      for (;;) {
        const top = stack[stack.length - 1];
        if (top === undefined) {
          this.skipSpace();
          if (this.pos < this.text.length) this.error('unexpected text after the JSON value');
          return value;
        }
        if ('map' in top) top.map.entries.set(top.key!, value);
        else top.list.items.push(value);
        this.skipSpace();
        const next = this.text.charCodeAt(this.pos);
        if (next === Ch.Comma) {
          this.pos++;
          if ('map' in top) top.key = this.readKey();
          break;
        }
        if ('map' in top ? next === Ch.CloseBrace : next === Ch.CloseBracket) {
          this.pos++;
          stack.pop();
          value = 'map' in top ? top.map : top.list;
          continue;
        }
        this.error('map' in top ? "expected ',' or '}'" : "expected ',' or ']'");
      }
    }
  }

  /** A key and the `:` after it. */
  private readKey(): string {
    this.skipSpace();
    const c = this.text.charCodeAt(this.pos);
    let key: string;
    if (c === Ch.Quote || (this.lenient && c === Ch.Apostrophe)) key = this.readString(c);
    else if (this.lenient && this.isBareStart(c)) key = this.readBare();
    else this.error(Number.isNaN(c) ? "expected a key in quotes but the text ended" : 'expected a key in quotes');
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) !== Ch.Colon) this.error("expected ':' after the key");
    this.pos++;
    return key;
  }

  private readScalar(): Value {
    const c = this.text.charCodeAt(this.pos);
    if (c === Ch.Quote || (this.lenient && c === Ch.Apostrophe)) return this.readString(c);
    if (c === Ch.Minus || (c >= Ch.Zero && c <= Ch.Nine)) {
      const start = this.pos;
      const number = this.readNumber();
      if (number !== undefined) return number;
      this.pos = start;
    }
    if (Number.isNaN(c)) this.error('expected a value but the text ended');
    if (this.lenient && this.isBareStart(c)) return bareValue(this.readBare());
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return value;
      }
    }
    return this.error('expected a value');
  }

  /** A number in JSON's syntax; in lenient mode undefined when the text is not one (it is then read as a word). */
  private readNumber(): Value | undefined {
    const text = this.text;
    const start = this.pos;
    let i = start;
    if (text.charCodeAt(i) === Ch.Minus) i++;
    const intStart = i;
    while (isDigit(text.charCodeAt(i))) i++;
    const intDigits = i - intStart;
    if (intDigits === 0 || (intDigits > 1 && text.charCodeAt(intStart) === Ch.Zero)) return this.numberError(start);
    let whole = true;
    if (text.charCodeAt(i) === Ch.Dot) {
      whole = false;
      i++;
      const fracStart = i;
      while (isDigit(text.charCodeAt(i))) i++;
      if (i === fracStart) return this.numberError(start);
    }
    const e = text.charCodeAt(i);
    if (e === Ch.LowerE || e === Ch.UpperE) {
      whole = false;
      i++;
      const sign = text.charCodeAt(i);
      if (sign === Ch.Plus || sign === Ch.Minus) i++;
      const expStart = i;
      while (isDigit(text.charCodeAt(i))) i++;
      if (i === expStart) return this.numberError(start);
    }
    // In lenient mode `12ab` is the bare text "12ab", as Deluge's reader takes it.
    if (this.lenient && this.isBareStart(text.charCodeAt(i))) return undefined;
    this.pos = i;
    return numberValue(text.slice(start, i), whole);
  }

  private numberError(start: number): undefined {
    if (this.lenient) return undefined;
    this.pos = start;
    return this.error('invalid number');
  }

  private readString(quote: number): string {
    const text = this.text;
    // Fast path: most strings have no escape; slice up to the closing quote.
    const close = text.indexOf(quote === Ch.Quote ? '"' : "'", this.pos + 1);
    if (close !== -1) {
      const raw = text.slice(this.pos + 1, close);
      if (!SLOW_STRING.test(raw)) {
        this.pos = close + 1;
        return raw;
      }
    }
    let i = this.pos + 1;
    let out = '';
    let chunkStart = i;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === quote) {
        out += text.slice(chunkStart, i);
        this.pos = i + 1;
        return out;
      }
      if (c === Ch.Backslash) {
        out += text.slice(chunkStart, i);
        const esc = text.charCodeAt(i + 1);
        switch (esc) {
          case Ch.Quote:
          case Ch.Backslash:
          case Ch.Slash:
          case Ch.Apostrophe:
            if (esc === Ch.Apostrophe && !this.lenient) this.errorAt(i, 'invalid escape in a string');
            out += String.fromCharCode(esc);
            break;
          case 98: // b
            out += '\b';
            break;
          case 102: // f
            out += '\f';
            break;
          case 110: // n
            out += '\n';
            break;
          case 114: // r
            out += '\r';
            break;
          case 116: // t
            out += '\t';
            break;
          case 117: {
            // u
            const hex = text.slice(i + 2, i + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.errorAt(i, 'invalid \\u escape in a string');
            out += String.fromCharCode(parseInt(hex, 16));
            i += 4;
            break;
          }
          default:
            this.errorAt(i, Number.isNaN(esc) ? 'the text ended inside a string' : 'invalid escape in a string');
        }
        i += 2;
        chunkStart = i;
        continue;
      }
      if (Number.isNaN(c)) this.errorAt(this.pos, 'a string is not closed');
      if (c < Ch.Space && !this.lenient) this.errorAt(i, 'a control character inside a string must be escaped');
      i++;
    }
  }

  /** Lenient mode: an unquoted word runs to the next delimiter and is trimmed, like Deluge's reader does. */
  private isBareStart(c: number): boolean {
    return !Number.isNaN(c) && !isDelimiter(c) && c !== Ch.Quote && c !== Ch.Apostrophe && c > Ch.Space;
  }

  private readBare(): string {
    const start = this.pos;
    let i = start;
    while (i < this.text.length && !isDelimiter(this.text.charCodeAt(i))) i++;
    this.pos = i;
    return this.text.slice(start, i).trim();
  }

  private skipSpace(): void {
    const text = this.text;
    let i = this.pos;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === Ch.Space || c === Ch.LineFeed || c === Ch.Return || c === Ch.Tab) i++;
      else break;
    }
    this.pos = i;
  }

  private error(what: string): never {
    return this.errorAt(this.pos, what);
  }

  private errorAt(offset: number, what: string): never {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset && i < this.text.length; i++) {
      if (this.text.charCodeAt(i) === Ch.LineFeed) {
        line++;
        lineStart = i + 1;
      }
    }
    const who = this.options.source ? `${this.options.source}: the` : 'The';
    return fail('DLG4016', `${who} text is not valid JSON: ${what} at line ${line}, column ${offset - lineStart + 1}`);
  }
}

function isDigit(c: number): boolean {
  return c >= Ch.Zero && c <= Ch.Nine;
}

/** Where an unquoted word ends. */
function isDelimiter(c: number): boolean {
  return (
    c === Ch.Comma ||
    c === Ch.Colon ||
    c === Ch.CloseBrace ||
    c === Ch.CloseBracket ||
    c === Ch.OpenBrace ||
    c === Ch.OpenBracket ||
    c === Ch.Quote
  );
}

/** A whole number is a NUMBER when it fits in 64 bits, else a DECIMAL; any fraction or exponent makes a DECIMAL. */
function numberValue(text: string, whole: boolean): Value {
  if (whole) {
    // Up to 15 characters a double holds the value exactly and converts fastest; up to 18 it always fits.
    if (text.length <= 15) return BigInt(Number(text));
    if (text.length <= 18) return BigInt(text);
    const n = BigInt(text);
    if (n >= NUMBER_MIN && n <= NUMBER_MAX) return n;
  }
  return Number(text);
}

const BARE_NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** An unquoted word in lenient mode: true/false/null and numbers by their look, anything else text. */
function bareValue(word: string): Value {
  const lower = word.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  if (BARE_NUMBER.test(word)) return numberValue(word, /^-?\d+$/.test(word));
  return word;
}

/** A backslash (an escape to resolve) or a raw control character (an error to report): the slow path's business. */
const SLOW_STRING = /[\\\u0000-\u001f]/;
