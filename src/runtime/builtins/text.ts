import { fail } from '../errors.js';
import { textForm } from '../text-form.js';
import { ListValue, type Value } from '../values.js';
import type { BuiltinSpec, ParamSpec } from './registry.js';

/**
 * The text functions of https://www.zoho.com/deluge/help/functions/text.html (the conversions `toNumber`,
 * `toDate`, … live with their own areas). Deluge runs on Java, so lengths and indexes count UTF-16 code units,
 * exactly as JavaScript strings do; regular expressions are Java's, translated to JavaScript below.
 * The choices the docs leave open are listed in docs/runtime/text.md "Decisions".
 */

const DOCS = 'https://www.zoho.com/deluge/help/functions/string/';

/** The longest text `repeat`, `leftpad` and `rightpad` build (Zoho: outputs "up to 100K characters"). */
const MAX_BUILT_LENGTH = 100_000;

// ---------------------------------------------------------------------------------------------------------------
// Arguments

/** A TEXT argument; null is an error (Java would throw a NullPointerException). */
function textArg(fn: string, what: string, value: Value | undefined): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return fail('DLG4005', `${fn}: the ${what} is null`);
  return textForm(value);
}

/** A NUMBER argument as a JS number (huge values stay huge enough to fail the range checks). */
function intArg(fn: string, what: string, value: Value | undefined): number {
  if (typeof value === 'bigint') return Number(value);
  if (value === null || value === undefined) return fail('DLG4005', `${fn}: the ${what} is null`);
  return fail('DLG4001', `${fn}: the ${what} must be a NUMBER`);
}

/** The optional "escape the pattern" flag of the replace functions: BOOLEAN, or the text `true`/`false`. */
function literalFlag(fn: string, value: Value | undefined): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return fail('DLG4018', `${fn}: the last argument must be true or false, not "${textForm(value)}"`);
}

// ---------------------------------------------------------------------------------------------------------------
// Case-insensitive comparison, as Java's `equalsIgnoreCase`/`regionMatches(true, …)` do it: character by
// character, so lengths and indexes are those of the original text.

const foldCache = new Map<string, string>();

function foldChar(c: string): string {
  let folded = foldCache.get(c);
  if (folded === undefined) {
    const upper = c.toUpperCase();
    const u = upper.length === 1 ? upper : c; // Java maps a char to a char: 'ß' stays 'ß'
    const lower = u.toLowerCase();
    folded = lower.length === 1 ? lower : u;
    foldCache.set(c, folded);
  }
  return folded;
}

function fold(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += foldChar(s[i]!);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Small text helpers

/** Java's `String.trim()` family: strips every character up to U+0020 (spaces and control characters). */
const isTrimmed = (c: string): boolean => c.charCodeAt(0) <= 0x20;

function trimStart(s: string): string {
  let i = 0;
  while (i < s.length && isTrimmed(s[i]!)) i++;
  return s.slice(i);
}

function trimEnd(s: string): string {
  let j = s.length;
  while (j > 0 && isTrimmed(s[j - 1]!)) j--;
  return s.slice(0, j);
}

/** Non-overlapping occurrences, as Apache Commons' `countMatches`; an empty search counts 0. */
function countOccurrences(s: string, search: string): number {
  if (search === '') return 0;
  let count = 0;
  for (let i = s.indexOf(search); i >= 0; i = s.indexOf(search, i + search.length)) count++;
  return count;
}

/** Capitalises each word (words are separated by whitespace) and lower-cases the rest. */
function properCase(s: string): string {
  let out = '';
  let startOfWord = true;
  for (const ch of s) {
    if (/\s/.test(ch)) {
      out += ch;
      startOfWord = true;
    } else {
      out += startOfWord ? ch.toUpperCase() : ch.toLowerCase();
      startOfWord = false;
    }
  }
  return out;
}

function checkBuiltLength(fn: string, length: number): void {
  if (length > MAX_BUILT_LENGTH) {
    fail('DLG4018', `${fn}: the result would have ${length} characters, more than the ${MAX_BUILT_LENGTH} allowed`);
  }
}

/** `subString`/`subText`/`mid`: start inclusive, end exclusive; an end omitted or negative means "to the end". */
function subString(s: string, start: number, end: number | undefined): string {
  const fn = 'subString';
  if (start < 0) fail('DLG4003', `${fn}: the start index ${start} is negative`);
  if (start > s.length) fail('DLG4003', `${fn}: the start index ${start} is past the end of the text (length ${s.length})`);
  if (end === undefined || end < 0) return s.slice(start);
  if (end > s.length) fail('DLG4003', `${fn}: the end index ${end} is past the end of the text (length ${s.length})`);
  if (end < start) fail('DLG4003', `${fn}: the end index ${end} is before the start index ${start}`);
  return s.slice(start, end);
}

function hexToText(hex: string): string {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    fail('DLG4004', `hexToText: "${hex.length > 40 ? `${hex.slice(0, 40)}…` : hex}" is not hexadecimal text`);
  }
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return new TextDecoder('utf-8').decode(bytes);
}

function textToHex(s: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(s)) out += byte.toString(16).padStart(2, '0');
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Java regular expressions
//
// Deluge passes patterns to java.util.regex. We translate the pattern to a JavaScript RegExp in unicode mode
// (like Java, it reads the text by code points): most syntax is shared; the differences are rewritten here
// (`\s` and `$` have Java's meaning, `\A \z \Z \Q…\E \h \v \R \p{Alpha}`…), and the constructs JavaScript
// cannot express (possessive quantifiers, atomic groups, class intersections, inline flags other than at the
// start) are reported as DLG4021 rather than silently changed.

interface Translated {
  readonly source: string;
  readonly flags: string;
}

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

const patternCache = new Map<string, Translated>();

/** A Java pattern as a RegExp; `global` for replaceAll, `ignoreCase` for the IgnoreCase variants. */
function javaRegex(fn: string, pattern: string, options: { global?: boolean; ignoreCase?: boolean; whole?: boolean } = {}): RegExp {
  let translated = patternCache.get(pattern);
  try {
    if (!translated) {
      translated = translateJavaRegex(pattern);
      if (patternCache.size > 500) patternCache.clear();
      patternCache.set(pattern, translated);
    }
    let { source, flags } = translated;
    if (options.whole) source = `(?<![\\s\\S])(?:${source})(?![\\s\\S])`;
    if (options.ignoreCase && !flags.includes('i')) flags += 'i';
    if (options.global) flags += 'g';
    return new RegExp(source, flags);
  } catch (e) {
    const why = e instanceof PatternError ? e.message : 'it is not a valid regular expression';
    return fail('DLG4021', `${fn}: the pattern "${pattern}" cannot be used: ${why}`);
  }
}

function escapeForRegex(text: string): string {
  return [...text].map((ch) => literal(ch, false)).join('');
}

/**
 * Java's replacement text: `$n` and `${name}` insert groups, a backslash takes the next character literally.
 * Like Java, a group number takes as many digits as still name an existing group.
 */
function expandReplacement(fn: string, replacement: string, match: RegExpExecArray): string {
  const groupCount = match.length - 1;
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i]!;
    if (c === '\\') {
      i++;
      if (i >= replacement.length) fail('DLG4021', `${fn}: the replacement "${replacement}" ends with a lone backslash`);
      out += replacement[i];
    } else if (c === '$') {
      i++;
      if (replacement[i] === '{') {
        const close = replacement.indexOf('}', i);
        const name = close < 0 ? '' : replacement.slice(i + 1, close);
        if (!name || !match.groups || !(name in match.groups)) {
          fail('DLG4021', `${fn}: the replacement "${replacement}" names a group that the pattern does not have`);
        }
        out += match.groups[name] ?? '';
        i = close;
      } else {
        const first = replacement[i];
        if (first === undefined || first < '0' || first > '9') {
          fail('DLG4021', `${fn}: the replacement "${replacement}" has a $ that is not followed by a group number (write \\$ for a dollar sign)`);
        }
        let group = Number(first);
        if (group > groupCount) fail('DLG4021', `${fn}: the replacement "${replacement}" refers to group ${group}, but the pattern has ${groupCount}`);
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

function replacePattern(
  fn: string,
  s: string,
  args: readonly Value[],
  options: { all: boolean; ignoreCase: boolean },
): string {
  const search = textArg(fn, 'search text', args[0]);
  const replacement = textArg(fn, 'replacement text', args[1]);
  const literalMode = literalFlag(fn, args[2]);
  const regex = javaRegex(fn, literalMode ? escapeForRegex(search) : search, { global: true, ignoreCase: options.ignoreCase });
  let out = '';
  let last = 0;
  for (const match of s.matchAll(regex)) {
    out += s.slice(last, match.index) + (literalMode ? replacement : expandReplacement(fn, replacement, match));
    last = match.index + match[0].length;
    if (!options.all) break;
  }
  return out + s.slice(last);
}

// ---------------------------------------------------------------------------------------------------------------
// Declarations

const SEARCH: ParamSpec = { name: 'searchText', type: 'TEXT' };

/** A TEXT method taking one search text. */
function searchFunction(
  name: string,
  summary: string,
  docs: string,
  returns: BuiltinSpec['returns'],
  run: (s: string, search: string) => Value,
  extra: Partial<BuiltinSpec> = {},
): BuiltinSpec {
  return {
    name,
    area: 'text',
    receiver: 'TEXT',
    params: [SEARCH],
    returns,
    summary,
    docs,
    impl: (_ctx, receiver, args) => run(receiver as string, textArg(name, 'search text', args[0])),
    ...extra,
  };
}

/** A TEXT method without arguments. */
function plainFunction(
  name: string,
  summary: string,
  docs: string,
  returns: BuiltinSpec['returns'],
  run: (s: string) => Value,
  extra: Partial<BuiltinSpec> = {},
): BuiltinSpec {
  return { name, area: 'text', receiver: 'TEXT', params: [], returns, summary, docs, impl: (_ctx, receiver) => run(receiver as string), ...extra };
}

/** Index of `search` in `s`, case-insensitively (Java's character-wise folding keeps indexes aligned). */
function indexOfIgnoreCase(s: string, search: string): number {
  return fold(s).indexOf(fold(search));
}

const NOT_LETTER = /[^\p{L}]/gu;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{Nd}]/gu;
const LETTER = /\p{L}/gu;
const LETTER_OR_DIGIT = /[\p{L}\p{Nd}]/gu;

function replaceDeclaration(name: string, all: boolean, ignoreCase: boolean, summary: string, docs: string): BuiltinSpec {
  return {
    name,
    area: 'text',
    receiver: 'TEXT',
    params: [
      { name: 'searchText', type: 'TEXT' },
      { name: 'replacementText', type: 'TEXT' },
      { name: 'escapeRegex', type: ['BOOLEAN', 'TEXT'], optional: true },
    ],
    returns: 'TEXT',
    summary,
    docs,
    impl: (_ctx, receiver, args) => replacePattern(name, receiver as string, args, { all, ignoreCase }),
  };
}

/** The text functions. */
export const TEXT_BUILTINS: readonly BuiltinSpec[] = [
  // --- search -------------------------------------------------------------------------------------------------
  searchFunction(
    'contains',
    'Whether the text contains the search text (case-sensitive).',
    'https://www.zoho.com/creator/newhelp/script/built-in-functions/built-in-function-string.html',
    'BOOLEAN',
    (s, search) => s.includes(search),
  ),
  {
    name: 'notContains',
    area: 'text',
    receiver: 'TEXT',
    // Zoho documents "Any datatype" for the search value: other values are searched for in their text form.
    params: [{ name: 'searchValue', type: 'ANY' }],
    returns: 'BOOLEAN',
    summary: 'Whether the text does not contain the search value (case-sensitive).',
    docs: `${DOCS}notcontains.html`,
    impl: (_ctx, receiver, args) => !(receiver as string).includes(textArg('notContains', 'search value', args[0])),
  },
  searchFunction(
    'containsIgnoreCase',
    'Whether the text contains the search text, ignoring case.',
    `${DOCS}containsignorecase.html`,
    'BOOLEAN',
    (s, search) => indexOfIgnoreCase(s, search) >= 0,
  ),
  searchFunction(
    'startsWith',
    'Whether the text starts with the search text (case-sensitive).',
    `${DOCS}startswith.html`,
    'BOOLEAN',
    (s, search) => s.startsWith(search),
  ),
  searchFunction(
    'startsWithIgnoreCase',
    'Whether the text starts with the search text, ignoring case.',
    `${DOCS}startswithignorecase.html`,
    'BOOLEAN',
    (s, search) => search.length <= s.length && fold(s.slice(0, search.length)) === fold(search),
  ),
  searchFunction(
    'endsWith',
    'Whether the text ends with the search text (case-sensitive).',
    `${DOCS}endswith.html`,
    'BOOLEAN',
    (s, search) => s.endsWith(search),
  ),
  searchFunction(
    'endsWithIgnoreCase',
    'Whether the text ends with the search text, ignoring case.',
    'https://www.zoho.com/creator/help/script/built-in-functions/built-in-function-string-endswithignorecase.html',
    'BOOLEAN',
    (s, search) => search.length <= s.length && fold(s.slice(s.length - search.length)) === fold(search),
  ),
  {
    name: 'equalsIgnoreCase',
    area: 'text',
    receiver: 'TEXT',
    params: [{ name: 'otherText', type: 'TEXT' }],
    returns: 'BOOLEAN',
    summary: 'Whether two texts are equal, ignoring case (false for null).',
    docs: `${DOCS}equalsIgnoreCase.html`,
    impl: (_ctx, receiver, args) => {
      const other = args[0];
      return typeof other === 'string' && other.length === (receiver as string).length && fold(other) === fold(receiver as string);
    },
  },
  searchFunction(
    'indexOf',
    'The index of the first occurrence of the search text (counting from 0), or -1.',
    'https://www.zoho.com/creator/newhelp/script/built-in-functions/built-in-function-string-indexof.html',
    'NUMBER',
    (s, search) => BigInt(s.indexOf(search)),
    { aliases: ['find'] },
  ),
  searchFunction(
    'lastIndexOf',
    'The index of the last occurrence of the search text (counting from 0), or -1.',
    `${DOCS}lastindexof.html`,
    'NUMBER',
    (s, search) => BigInt(s.lastIndexOf(search)),
  ),
  searchFunction(
    'getOccurenceCount',
    'How many times the search text occurs, counting non-overlapping occurrences (case-sensitive).',
    `${DOCS}getOccurenceCount.html`,
    'NUMBER',
    (s, search) => BigInt(countOccurrences(s, search)),
    { aliases: ['getOccurrenceCount'] },
  ),
  searchFunction(
    'getPrefix',
    'The text before the first occurrence of the search text, or null when it does not occur.',
    `${DOCS}getprefix.html`,
    'TEXT',
    (s, search) => {
      const at = s.indexOf(search);
      return at < 0 ? null : s.slice(0, at);
    },
  ),
  searchFunction(
    'getPrefixIgnoreCase',
    'The text before the first occurrence of the search text, ignoring case; null when it does not occur.',
    `${DOCS}getPrefixIgnoreCase.html`,
    'TEXT',
    (s, search) => {
      const at = indexOfIgnoreCase(s, search);
      return at < 0 ? null : s.slice(0, at);
    },
  ),
  searchFunction(
    'getSuffix',
    'The text after the first occurrence of the search text, or null when it does not occur.',
    `${DOCS}getSuffix.html`,
    'TEXT',
    (s, search) => {
      const at = s.indexOf(search);
      return at < 0 ? null : s.slice(at + search.length);
    },
  ),
  searchFunction(
    'getSuffixIgnoreCase',
    'The text after the first occurrence of the search text, ignoring case; null when it does not occur.',
    `${DOCS}getsuffixignorecase.html`,
    'TEXT',
    (s, search) => {
      const at = indexOfIgnoreCase(s, search);
      return at < 0 ? null : s.slice(at + search.length);
    },
  ),
  {
    name: 'matches',
    area: 'text',
    receiver: 'TEXT',
    params: [{ name: 'regex', type: 'TEXT' }],
    returns: 'BOOLEAN',
    summary: 'Whether the whole text matches the (Java) regular expression.',
    docs: `${DOCS}matches.html`,
    impl: (_ctx, receiver, args) =>
      javaRegex('matches', textArg('matches', 'regular expression', args[0]), { whole: true }).test(receiver as string),
  },

  // --- pieces -------------------------------------------------------------------------------------------------
  {
    name: 'subString',
    aliases: ['subText', 'mid'],
    area: 'text',
    receiver: 'TEXT',
    params: [
      { name: 'startIndex', type: 'NUMBER' },
      { name: 'endIndex', type: 'NUMBER', optional: true },
    ],
    returns: 'TEXT',
    summary: 'The characters from the start index (inclusive) to the end index (exclusive, or the end of the text).',
    docs: `${DOCS}substring.html`,
    impl: (_ctx, receiver, args) =>
      subString(
        receiver as string,
        intArg('subString', 'start index', args[0]),
        args.length > 1 ? intArg('subString', 'end index', args[1]) : undefined,
      ),
  },
  {
    name: 'left',
    area: 'text',
    receiver: 'TEXT',
    params: [{ name: 'count', type: 'NUMBER' }],
    returns: 'TEXT',
    summary: 'The first n characters; a negative n gives the whole text, more than the length is an error.',
    docs: `${DOCS}left.html`,
    impl: (_ctx, receiver, args) => {
      const s = receiver as string;
      const n = intArg('left', 'count', args[0]);
      if (n < 0) return s;
      if (n > s.length) fail('DLG4003', `left: ${n} characters were asked for, but the text has ${s.length}`);
      return s.slice(0, n);
    },
  },
  {
    name: 'right',
    area: 'text',
    receiver: 'TEXT',
    params: [{ name: 'count', type: 'NUMBER' }],
    returns: 'TEXT',
    summary: 'The last n characters; a negative n or more than the length is an error.',
    docs: `${DOCS}right.html`,
    impl: (_ctx, receiver, args) => {
      const s = receiver as string;
      const n = intArg('right', 'count', args[0]);
      if (n < 0) fail('DLG4003', `right: the count ${n} is negative`);
      if (n > s.length) fail('DLG4003', `right: ${n} characters were asked for, but the text has ${s.length}`);
      return s.slice(s.length - n);
    },
  },
  {
    name: 'toList',
    area: 'text',
    receiver: 'TEXT',
    params: [{ name: 'separator', type: 'TEXT', optional: true }],
    returns: 'LIST',
    summary: 'Splits the text at each occurrence of the separator; without one, a list holding the whole text.',
    docs: 'https://zoho.com/creator/help/script/built-in-functions/built-in-function-list-tolist.html',
    impl: (_ctx, receiver, args) => {
      const s = receiver as string;
      const separator = args[0];
      if (typeof separator !== 'string' || separator === '') return new ListValue([s]);
      return new ListValue(s.split(separator));
    },
  },
  plainFunction(
    'toListString',
    'Splits comma-separated text into a list of texts.',
    'https://zoho.com/deluge/help/functions/list/to-list-string.html',
    'LIST',
    (s) => new ListValue(s === '' ? [] : s.split(','), 'TEXT'),
  ),

  // --- case ---------------------------------------------------------------------------------------------------
  plainFunction('toLowerCase', 'The text with all letters in lower case.', `${DOCS}tolowerCase.html`, 'TEXT', (s) => s.toLowerCase(), {
    aliases: ['lower'],
  }),
  plainFunction('toUpperCase', 'The text with all letters in upper case.', `${DOCS}touppercase.html`, 'TEXT', (s) => s.toUpperCase(), {
    aliases: ['upper'],
  }),
  plainFunction(
    'proper',
    'The text with the first letter of each word in upper case and the other letters in lower case.',
    `${DOCS}proper.html`,
    'TEXT',
    properCase,
  ),

  // --- padding, trimming, length --------------------------------------------------------------------------------
  {
    name: 'leftpad',
    area: 'text',
    receiver: 'TEXT',
    params: [{ name: 'length', type: 'NUMBER' }],
    returns: 'TEXT',
    summary: 'The text padded on the left with spaces to the given total length (unchanged when already as long).',
    docs: `${DOCS}leftpad.html`,
    impl: (_ctx, receiver, args) => {
      const n = intArg('leftpad', 'length', args[0]);
      checkBuiltLength('leftpad', n);
      return (receiver as string).padStart(Math.max(n, 0), ' ');
    },
  },
  {
    name: 'rightpad',
    area: 'text',
    receiver: 'TEXT',
    params: [{ name: 'length', type: 'NUMBER' }],
    returns: 'TEXT',
    summary: 'The text padded on the right with spaces to the given total length (unchanged when already as long).',
    docs: `${DOCS}rightpad.html`,
    impl: (_ctx, receiver, args) => {
      const n = intArg('rightpad', 'length', args[0]);
      checkBuiltLength('rightpad', n);
      return (receiver as string).padEnd(Math.max(n, 0), ' ');
    },
  },
  plainFunction('trim', 'The text without leading and trailing spaces.', `${DOCS}trim.html`, 'TEXT', (s) => trimEnd(trimStart(s))),
  plainFunction('ltrim', 'The text without leading spaces.', `${DOCS}ltrim.html`, 'TEXT', trimStart),
  plainFunction('rtrim', 'The text without trailing spaces.', `${DOCS}rtrim.html`, 'TEXT', trimEnd),
  plainFunction('length', 'The number of characters (UTF-16 code units, as in Java).', `${DOCS}length.html`, 'NUMBER', (s) => BigInt(s.length), {
    aliases: ['len'],
  }),
  plainFunction('isEmpty', 'Whether the text has no characters at all ("" is empty, " " is not).', 'https://zoho.com/deluge/help/functions/collection/isempty.html', 'BOOLEAN', (s) => s === ''),
  plainFunction(
    'isAscii',
    'Whether every character is ASCII (true for empty text).',
    `${DOCS}isAscii.html`,
    'BOOLEAN',
    (s) => /^[\x00-\x7F]*$/.test(s),
  ),

  // --- building and removing ----------------------------------------------------------------------------------
  {
    name: 'concat',
    area: 'text',
    receiver: 'TEXT',
    params: [{ name: 'appendText', type: 'TEXT' }],
    returns: 'TEXT',
    summary: 'The text followed by the other text (null adds nothing, as with +).',
    docs: `${DOCS}concat.html`,
    impl: (_ctx, receiver, args) => (receiver as string) + (typeof args[0] === 'string' ? args[0] : ''),
  },
  {
    name: 'repeat',
    area: 'text',
    receiver: 'TEXT',
    params: [{ name: 'repeatCount', type: 'NUMBER' }],
    returns: 'TEXT',
    summary: 'The text repeated the given number of times (empty for 0 or less).',
    docs: `${DOCS}repeat.html`,
    impl: (_ctx, receiver, args) => {
      const s = receiver as string;
      const n = intArg('repeat', 'repeat count', args[0]);
      if (n <= 0 || s === '') return '';
      checkBuiltLength('repeat', s.length * n);
      return s.repeat(n);
    },
  },
  plainFunction(
    'reverse',
    'The text with its characters in reverse order; any other value is reversed as its text (the page: "converts the input value as text").',
    `${DOCS}reverse.html`,
    'TEXT',
    // By code points, as Java's StringBuilder.reverse keeps surrogate pairs together.
    (s) => [...s].reverse().join(''),
    { receiver: 'ANY', impl: (_ctx, receiver) => [...textForm(receiver)].reverse().join('') },
  ),
  searchFunction('remove', 'The text without any occurrence of the search text (case-sensitive).', `${DOCS}remove.html`, 'TEXT', (s, search) =>
    search === '' ? s : s.split(search).join(''),
  ),
  searchFunction(
    'removeFirstOccurence',
    'The text without the first occurrence of the search text (case-sensitive).',
    `${DOCS}removefirstoccurence.html`,
    'TEXT',
    (s, search) => {
      const at = s.indexOf(search);
      return at < 0 || search === '' ? s : s.slice(0, at) + s.slice(at + search.length);
    },
    { aliases: ['removeFirstOccurrence'] },
  ),
  searchFunction(
    'removeLastOccurence',
    'The text without the last occurrence of the search text (case-sensitive).',
    `${DOCS}removelastoccurence.html`,
    'TEXT',
    (s, search) => {
      const at = s.lastIndexOf(search);
      return at < 0 || search === '' ? s : s.slice(0, at) + s.slice(at + search.length);
    },
    { aliases: ['removeLastOccurrence'] },
  ),
  plainFunction('getAlpha', 'Only the letters of the text.', `${DOCS}getalpha.html`, 'TEXT', (s) => s.replace(NOT_LETTER, '')),
  plainFunction('getAlphaNumeric', 'Only the letters and digits of the text.', `${DOCS}getalphanumeric.html`, 'TEXT', (s) =>
    s.replace(NOT_LETTER_OR_DIGIT, ''),
  ),
  plainFunction('removeAllAlpha', 'The text without its letters.', `${DOCS}removeAllAlpha.html`, 'TEXT', (s) => s.replace(LETTER, '')),
  plainFunction('removeAllAlphaNumeric', 'The text without its letters and digits.', `${DOCS}removeallalphanumeric.html`, 'TEXT', (s) =>
    s.replace(LETTER_OR_DIGIT, ''),
  ),

  // --- replacing (Java regular expressions unless the last argument is true) -----------------------------------
  replaceDeclaration(
    'replaceAll',
    true,
    false,
    'Replaces every match of the search pattern (a Java regular expression, or literal text when the last argument is true).',
    'https://zoho.com/creator/help/script/built-in-functions/built-in-function-string-replaceall.html',
  ),
  replaceDeclaration(
    'replaceAllIgnoreCase',
    true,
    true,
    'Replaces every match of the search pattern, ignoring case.',
    `${DOCS}replaceallignorecase.html`,
  ),
  replaceDeclaration(
    'replaceFirst',
    false,
    false,
    'Replaces the first match of the search pattern (a Java regular expression, or literal text when the last argument is true).',
    `${DOCS}replacefirst.html`,
  ),
  replaceDeclaration(
    'replaceFirstIgnoreCase',
    false,
    true,
    'Replaces the first match of the search pattern, ignoring case.',
    `${DOCS}replacefirstignorecase.html`,
  ),

  // --- hexadecimal ----------------------------------------------------------------------------------------------
  plainFunction('hexToText', 'Decodes hexadecimal text (UTF-8 bytes) back to text.', `${DOCS}hextotext.html`, 'TEXT', hexToText),
  plainFunction('textToHex', 'The UTF-8 bytes of the text as lower-case hexadecimal.', `${DOCS}texttohex.html`, 'TEXT', textToHex),
];
