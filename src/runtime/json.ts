import { fail } from './errors.js';
import { ListValue, MapShape, MapValue, NUMBER_MAX, NUMBER_MIN, type MapKey, type Value } from './values.js';

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
 * Two readers: a fast one for strict JSON of ordinary depth (every HTTP response goes through it, so it reads straight
 * into maps and lists in one pass), and the full one it falls back to, which also reads the lenient form, reports
 * errors with their line and column, and keeps its own stack instead of recursing, so deeply nested input cannot
 * overflow the JS call stack; nesting deeper than {@link MAX_DEPTH} is reported as invalid JSON, because the printers
 * and comparisons that later walk the value do recurse.
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
  LetterU = 117,
}

/** Parses JSON text into a runtime value; invalid JSON fails with DLG4016 naming the line and column. */
export function parseJson(text: string, options: ParseJsonOptions = {}): Value {
  if (!options.lenient) {
    const fast = STRICT_READER.read(text);
    if (fast !== undefined) return fast;
  }
  return new JsonReader(text, options).read();
}

/**
 * The full reader alone (lenient mode, error messages, any depth up to MAX_DEPTH): what {@link parseJson} falls back
 * to. Exported so tests can hold the fast reader to it.
 */
export function parseJsonWithFullReader(text: string, options: ParseJsonOptions = {}): Value {
  return new JsonReader(text, options).read();
}

/**
 * Where strict JSON text first goes wrong (its length when it ends too soon), or undefined when it is JSON: for the
 * code frame of a configuration file `JSON.parse` refused without naming a position.
 */
export function jsonErrorOffset(text: string): number | undefined {
  const reader = new JsonReader(text, {});
  try {
    reader.read();
    return undefined;
  } catch {
    return reader.errorOffset;
  }
}

/** An object's keys are searched for a repeat up to this many; beyond, they are also kept in a set. */
const KEYS_SEARCHED = 16;

/** The fast reader recurses; deeper documents go to the full reader, which keeps its own stack. */
const FAST_DEPTH = 64;

/**
 * Strict JSON (RFC 8259) read in one recursive pass, straight into maps and lists: the common case of `parseJson`
 * (every HTTP response) at about the cost of `JSON.parse` alone. It gives the same values as {@link JsonReader}; on
 * anything it does not read — invalid JSON, nesting deeper than FAST_DEPTH — it answers undefined and the full
 * reader reads the text again (and reports the error with its line and column).
 */
class StrictReader {
  private text = '';
  private pos = 0;
  /** Where the next backslash is at or after `pos` (text.length when there is none): strings before it have no escape. */
  private backslash = -1;
  /** Whether the text has any control character at all: only then must each string be checked for raw ones. */
  private controls = false;
  /** By depth, the keys of the last object read there (the objects of a list mostly have the same ones). */
  private readonly shapes: (MapShape | undefined)[] = [];

  /** Reads `text` whole. Not reentrant: nothing it calls reads JSON. */
  read(text: string): Value | undefined {
    this.text = text;
    this.pos = 0;
    this.backslash = -1;
    this.controls = hasControlCharacters(text);
    try {
      const value = this.value(0);
      if (value === undefined) return undefined;
      this.skipSpace();
      return this.pos === text.length ? value : undefined;
    } finally {
      // The reader outlives the read: it must not keep a response's text alive (nor its keys, which may be views of it).
      this.text = '';
      this.shapes.length = 0;
    }
  }

  /**
   * The character at `pos`, after any whitespace. Small on purpose: the engine inlines it at each of its many call
   * sites, and responses are compact JSON, where it finds none (measured: the reader 10–16 % faster than with the
   * loop in here).
   */
  private skipSpace(): number {
    const c = this.text.charCodeAt(this.pos);
    return c > Ch.Space ? c : this.skipWhitespace();
  }

  private skipWhitespace(): number {
    const text = this.text;
    let i = this.pos;
    let c = text.charCodeAt(i);
    while (c === Ch.Space || c === Ch.LineFeed || c === Ch.Return || c === Ch.Tab) c = text.charCodeAt(++i);
    this.pos = i;
    return c;
  }

  private value(depth: number): Value | undefined {
    const c = this.skipSpace();
    switch (c) {
      case Ch.Quote:
        return this.string();
      case Ch.OpenBrace:
        return depth < FAST_DEPTH ? this.object(depth + 1) : undefined;
      case Ch.OpenBracket:
        return depth < FAST_DEPTH ? this.array(depth + 1) : undefined;
      case 116: // t
        return this.word('true', true);
      case 102: // f
        return this.word('false', false);
      case 110: // n
        return this.word('null', null);
      default:
        return c === Ch.Minus || (c >= Ch.Zero && c <= Ch.Nine) ? this.number() : undefined;
    }
  }

  private word(word: string, value: boolean | null): boolean | null | undefined {
    if (!this.text.startsWith(word, this.pos)) return undefined;
    this.pos += word.length;
    return value;
  }

  private object(depth: number): MapValue | undefined {
    this.pos++;
    if (this.skipSpace() === Ch.CloseBrace) {
      this.pos++;
      return new MapValue();
    }
    // The records of a response have the same keys: while this object's keys are those of the last object read at
    // this depth, its values go into an array of that length and the keys are shared.
    const shape = this.shapes[depth];
    const expected = shape?.keys;
    const values: Value[] = expected !== undefined ? new Array<Value>(expected.length) : [];
    /** The keys, once they are not the shape's. */
    let keys: string[] | undefined;
    let seen: Set<string> | undefined;
    let count = 0;
    for (;;) {
      if (this.skipSpace() !== Ch.Quote) return undefined;
      // The key the shape has at this place is matched where it lies, without a copy of it (a response's records
      // have the same keys: most of the strings of a response are keys).
      const shapeKey = keys === undefined ? expected?.[count] : undefined;
      const key = shapeKey !== undefined && this.quotedHere(shapeKey) ? shapeKey : this.string();
      if (key === undefined || this.skipSpace() !== Ch.Colon) return undefined;
      this.pos++;
      // Most values of a response are strings: read at once, without going through `value`.
      const value = this.skipSpace() === Ch.Quote ? this.string() : this.value(depth);
      if (value === undefined) return undefined;
      if (keys === undefined && expected !== undefined && count < expected.length && expected[count] === key) {
        values[count] = value;
      } else {
        if (keys === undefined) {
          keys = expected !== undefined ? expected.slice(0, count) : [];
          values.length = count;
        }
        if (seen !== undefined ? seen.has(key) : keys.includes(key)) return this.objectWithRepeatedKey(keys, values, key, value, depth);
        keys.push(key);
        values.push(value);
        // A search of the keys so far is quicker for a few; a record of many fields is checked with a set.
        if (seen !== undefined) seen.add(key);
        else if (keys.length === KEYS_SEARCHED) seen = new Set(keys);
      }
      count++;
      const next = this.skipSpace();
      this.pos++;
      if (next === Ch.Comma) continue;
      if (next !== Ch.CloseBrace) return undefined;
      if (keys === undefined) {
        if (count === expected!.length) return MapValue.ofShape(shape!, values);
        keys = expected!.slice(0, count);
        values.length = count;
      }
      const own = new MapShape(keys);
      this.shapes[depth] = own;
      return MapValue.ofShape(own, values);
    }
  }

  /**
   * The rest of an object in which `key` comes again, read into a Map: a repeated key keeps its first place and takes
   * its last value, as with the full reader. (Such an object has no shape: shapes have each key once.)
   */
  private objectWithRepeatedKey(keys: readonly string[], values: readonly Value[], key: string, value: Value, depth: number): MapValue | undefined {
    const entries = new Map<MapKey, Value>();
    for (let i = 0; i < keys.length; i++) entries.set(keys[i]!, values[i]!);
    entries.set(key, value);
    for (;;) {
      const next = this.skipSpace();
      this.pos++;
      if (next === Ch.CloseBrace) return new MapValue(entries);
      if (next !== Ch.Comma || this.skipSpace() !== Ch.Quote) return undefined;
      const more = this.string();
      if (more === undefined || this.skipSpace() !== Ch.Colon) return undefined;
      this.pos++;
      const moreValue = this.skipSpace() === Ch.Quote ? this.string() : this.value(depth);
      if (moreValue === undefined) return undefined;
      entries.set(more, moreValue);
    }
  }

  private array(depth: number): ListValue | undefined {
    const items: Value[] = [];
    this.pos++;
    if (this.skipSpace() === Ch.CloseBracket) {
      this.pos++;
      return new ListValue(items);
    }
    for (;;) {
      const value = this.value(depth);
      if (value === undefined) return undefined;
      items.push(value);
      const next = this.skipSpace();
      this.pos++;
      if (next === Ch.Comma) continue;
      return next === Ch.CloseBracket ? new ListValue(items) : undefined;
    }
  }

  /**
   * Whether the string at `pos` (its opening quote) is `known` written without escapes; if so, `pos` moves past it.
   * Only a text with no backslash or quote (then the text's characters are the key's, and the quote after them closes
   * the string) and no control character (which a string may not hold raw) can be found so.
   */
  private quotedHere(known: string): boolean {
    const text = this.text;
    const start = this.pos + 1;
    const length = known.length;
    if (text.charCodeAt(start + length) !== Ch.Quote) return false;
    for (let i = 0; i < length; i++) {
      const c = known.charCodeAt(i);
      if (c !== text.charCodeAt(start + i) || c === Ch.Backslash || c === Ch.Quote || c < Ch.Space) return false;
    }
    this.pos = start + length + 1;
    return true;
  }

  /** A string at `pos` (its opening quote). */
  private string(): string | undefined {
    const text = this.text;
    const start = this.pos + 1;
    const close = text.indexOf('"', start);
    if (close === -1) return undefined;
    if (this.backslash < start) {
      const found = text.indexOf('\\', start);
      this.backslash = found === -1 ? text.length : found;
    }
    if (this.backslash < close) return this.escapedString(start);
    if (this.controls && hasControlCharacter(text, start, close)) return undefined;
    this.pos = close + 1;
    const length = close - start;
    if (length > SHORT_STRING) return text.slice(start, close);
    // Keys and values such as "status" and "success" come again in every record of a response: the string read
    // last time is taken again, so the maps of a response share one string per key (whose hash is then worked out
    // once) and keep no copies. Compared where it lies, character by character: as fast as a copy compared whole
    // (`startsWith(known, start)` costs more), and no copy is made to be thrown away.
    const slot = (length * 97 + text.charCodeAt(start) * 31 + text.charCodeAt(close - 1)) & (SHORT_STRINGS.length - 1);
    const known = SHORT_STRINGS[slot];
    if (known !== undefined && known.length === length) {
      let i = 0;
      while (i < length && text.charCodeAt(start + i) === known.charCodeAt(i)) i++;
      if (i === length) return known;
    }
    const fresh = text.slice(start, close);
    SHORT_STRINGS[slot] = fresh;
    return fresh;
  }

  private escapedString(start: number): string | undefined {
    const text = this.text;
    let out = '';
    let chunkStart = start;
    for (let i = start; ; ) {
      const c = text.charCodeAt(i);
      if (c === Ch.Quote) {
        this.pos = i + 1;
        return out + text.slice(chunkStart, i);
      }
      if (c === Ch.Backslash) {
        out += text.slice(chunkStart, i);
        const esc = text.charCodeAt(i + 1);
        if (esc === Ch.LetterU) {
          const hex = text.slice(i + 2, i + 6);
          if (!HEX4.test(hex)) return undefined;
          out += String.fromCharCode(parseInt(hex, 16));
          i += 4;
        } else {
          const escaped = escapedCharacter(esc);
          if (escaped === undefined) return undefined;
          out += escaped;
        }
        i += 2;
        chunkStart = i;
        continue;
      }
      // The end of the text, or a raw control character (which JSON does not allow in a string).
      if (c < Ch.Space || Number.isNaN(c)) return undefined;
      i++;
    }
  }

  /** A number in JSON's syntax, as {@link numberValue} types it. */
  private number(): Value | undefined {
    const text = this.text;
    const start = this.pos;
    let i = start;
    if (text.charCodeAt(i) === Ch.Minus) i++;
    const intStart = i;
    let c = text.charCodeAt(i);
    while (c >= Ch.Zero && c <= Ch.Nine) c = text.charCodeAt(++i);
    const intDigits = i - intStart;
    if (intDigits === 0 || (intDigits > 1 && text.charCodeAt(intStart) === Ch.Zero)) return undefined;
    let whole = true;
    if (c === Ch.Dot) {
      whole = false;
      const fracStart = ++i;
      c = text.charCodeAt(i);
      while (c >= Ch.Zero && c <= Ch.Nine) c = text.charCodeAt(++i);
      if (i === fracStart) return undefined;
    }
    if (c === Ch.LowerE || c === Ch.UpperE) {
      whole = false;
      c = text.charCodeAt(++i);
      if (c === Ch.Plus || c === Ch.Minus) c = text.charCodeAt(++i);
      const expStart = i;
      while (c >= Ch.Zero && c <= Ch.Nine) c = text.charCodeAt(++i);
      if (i === expStart) return undefined;
    }
    this.pos = i;
    return numberValue(text.slice(start, i), whole);
  }
}

/**
 * One reader for every read, rather than one per text: besides an allocation per response, V8 drops the optimized
 * code of a class's methods when the last object of its shape is collected, so a process that reads JSON run after
 * run (tests, a server, the benches) would compile the reader again after every full collection.
 */
const STRICT_READER = new StrictReader();

/** The characters JSON does not allow raw in a string (U+0000 to U+001F). */
const CONTROL_CHARACTERS = Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(code));

/** Whether the text has any control character (a search per character: `indexOf` scans far faster than a loop or a regex). */
function hasControlCharacters(text: string): boolean {
  for (const c of CONTROL_CHARACTERS) if (text.indexOf(c) !== -1) return true;
  return false;
}

/**
 * Strings this short are looked up in {@link SHORT_STRINGS} before a new one is made. V8 copies substrings this
 * short (longer ones are views of the text), so a string kept here never keeps a response's text alive.
 */
const SHORT_STRING = 12;
/** Short strings read recently, by a hash of their length, first and last character (a power of two of them). */
const SHORT_STRINGS: (string | undefined)[] = new Array<string | undefined>(512).fill(undefined);

const HEX4 = /^[0-9a-fA-F]{4}$/;

/** The character a one-letter JSON escape (`\n`, `\"`, …) stands for; undefined for `\u` and invalid ones. */
function escapedCharacter(code: number): string | undefined {
  switch (code) {
    case Ch.Quote:
    case Ch.Backslash:
    case Ch.Slash:
      return String.fromCharCode(code);
    case 98: // b
      return '\b';
    case 102: // f
      return '\f';
    case 110: // n
      return '\n';
    case 114: // r
      return '\r';
    case 116: // t
      return '\t';
    default:
      return undefined;
  }
}

function hasControlCharacter(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) < Ch.Space) return true;
  return false;
}

class JsonReader {
  private pos = 0;
  private readonly lenient: boolean;
  /** Where the text was found not to be JSON, once it was. */
  errorOffset: number | undefined;

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
        if (esc === Ch.LetterU) {
          const hex = text.slice(i + 2, i + 6);
          if (!HEX4.test(hex)) this.errorAt(i, 'invalid \\u escape in a string');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 4;
        } else if (esc === Ch.Apostrophe) {
          // \' only in lenient reading (Deluge's own single-quoted JSON); strict JSON has no such escape.
          if (!this.lenient) this.errorAt(i, 'invalid escape in a string');
          out += "'";
        } else {
          const escaped = escapedCharacter(esc);
          if (escaped === undefined) this.errorAt(i, Number.isNaN(esc) ? 'the text ended inside a string' : 'invalid escape in a string');
          out += escaped;
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
    this.errorOffset = offset;
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
