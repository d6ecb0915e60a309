/** JSON text → values (src/runtime/json.ts): objects become Maps in the order written, whole numbers exact NUMBERs. */
import { fail, NUMBER_MAX, NUMBER_MIN, type DelugeMap, type Value } from './values.js';

/**
 * Parses JSON (not `JSON.parse`: it would move integer-like keys first and read 19-digit record IDs through a
 * double). `lenient` also takes what Deluge's `toMap` takes: unquoted keys and values, single-quoted strings.
 */
export function parseJson(text: string, source: string, lenient = false): Value {
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
export function numberValue(digits: string, whole: boolean): Value {
  if (whole) {
    const n = BigInt(digits);
    if (n >= NUMBER_MIN && n <= NUMBER_MAX) return n;
  }
  return Number(digits);
}

/** An unquoted word in lenient JSON: true/false/null and numbers by their look, anything else text. */
export function bareValue(word: string): Value {
  const lower = word.toLowerCase();
  if (lower === 'true' || lower === 'false') return lower === 'true';
  if (lower === 'null') return null;
  if (/^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(word)) return numberValue(word, /^-?\d+$/.test(word));
  return word;
}
