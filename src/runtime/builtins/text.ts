import { fail } from '../errors.js';
import { htmlDecoded, htmlEncoded, xmlDecoded, xmlEncoded } from '../html-entities.js';
import { escapeJavaLiteral, expandJavaReplacement, PatternError, translateJavaRegex, type Translated } from '../java-regex.js';
import { fold, indexOfIgnoreCase } from '../text-fold.js';
import { textForm } from '../text-form.js';
import { ListValue, type Value } from '../values.js';
import { checkIndex } from './list.js';
import type { BuiltinContext, BuiltinSpec, ParamSpec } from './registry.js';

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

/**
 * `subString`/`subText`/`mid`: start inclusive, end exclusive; an end omitted or negative means "to the end". Messages
 * show the arguments as given (`given`): a long beyond 2^53 is not the number it became as a JS number.
 */
function subString(s: string, start: number, end: number | undefined, given: readonly (Value | undefined)[]): string {
  const fn = 'subString';
  const [shownStart, shownEnd] = given.map((v) => String(v));
  if (start < 0) fail('DLG4003', `${fn}: the start index ${shownStart} is negative`);
  if (start > s.length) fail('DLG4003', `${fn}: the start index ${shownStart} is past the end of the text (length ${s.length})`);
  if (end === undefined || end < 0) return s.slice(start);
  if (end > s.length) fail('DLG4003', `${fn}: the end index ${shownEnd} is past the end of the text (length ${s.length})`);
  if (end < start) fail('DLG4003', `${fn}: the end index ${shownEnd} is before the start index ${shownStart}`);
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
// Java regular expressions (translated in ../java-regex.ts)

const patternCache = new Map<string, Translated>();
const backtrackingCache = new Map<string, boolean>();

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

/** Texts longer than this are searched within the time limit whatever the pattern (a search can take n² steps). */
const LONG_TEXT = 10_000;

/**
 * Searches `text` with `regex`: within the run's time limit when the search may take very long (see
 * mayBacktrackLong), directly otherwise — stopping work at a time limit costs a watchdog thread per search.
 */
function runSearch<T>(ctx: BuiltinContext, fn: string, regex: RegExp, text: string, work: () => T): T {
  if (!ctx.withinTimeLimit || (text.length <= LONG_TEXT && !mayBacktrackLong(regex.source))) return work();
  return ctx.withinTimeLimit(fn, work);
}

/**
 * Whether a (translated) pattern can make a backtracking engine take exponential or high polynomial time: a
 * backreference, a repeated group that itself holds a quantifier or an alternative (`(a+)+`, `(a|aa)*`, `(\w+\s?)*`),
 * or two unbounded quantifiers (`.*x.*y`). A cheap, conservative reading; an unneeded guard only costs time.
 */
export function mayBacktrackLong(source: string): boolean {
  let known = backtrackingCache.get(source);
  if (known === undefined) {
    known = scanForBacktracking(source);
    if (backtrackingCache.size > 500) backtrackingCache.clear();
    backtrackingCache.set(source, known);
  }
  return known;
}

function scanForBacktracking(source: string): boolean {
  // For each open group: whether it holds a quantifier or an alternative so far.
  const groups: boolean[] = [false];
  let unbounded = 0;
  // Whether the atom just before the current position is a group holding a quantifier or an alternative.
  let afterBranchingGroup = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    const wasAfterBranchingGroup = afterBranchingGroup;
    afterBranchingGroup = false;
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (/[1-9k]/.test(next)) return true;
      i = /[pPu]/.test(next) && source[i + 2] === '{' ? source.indexOf('}', i) : i + 1;
      if (i < 0) return true;
    } else if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
    } else if (c === '(') {
      groups.push(false);
      const prefix = /^\(\?(?::|=|!|<=|<!|<[A-Za-z][A-Za-z0-9]*>)/.exec(source.slice(i, i + 40));
      if (prefix) i += prefix[0].length - 1;
    } else if (c === ')') {
      const inner = groups.pop() ?? false;
      if (groups.length === 0) groups.push(false);
      if (inner) groups[groups.length - 1] = true;
      afterBranchingGroup = inner;
    } else if (c === '|') {
      groups[groups.length - 1] = true;
    } else if (c === '*' || c === '+' || c === '?' || c === '{') {
      let repeats = c !== '?';
      let isUnbounded = c !== '?';
      if (c === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
        if (!m) continue;
        const max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
        repeats = max > 1;
        isUnbounded = max === Infinity;
        i += m[0].length - 1;
      }
      if (source[i + 1] === '?') i++; // lazy
      groups[groups.length - 1] = true;
      if (isUnbounded) unbounded++;
      if (repeats && wasAfterBranchingGroup) return true;
    }
  }
  return unbounded >= 2;
}

/** Java's replacement text expanded for one match (see expandJavaReplacement); what is wrong with it is DLG4021. */
function expandReplacement(fn: string, replacement: string, match: RegExpExecArray): string {
  try {
    return expandJavaReplacement(replacement, match);
  } catch (e) {
    if (e instanceof PatternError) return fail('DLG4021', `${fn}: ${e.message}`);
    throw e;
  }
}

function replacePattern(
  ctx: BuiltinContext,
  fn: string,
  s: string,
  args: readonly Value[],
  options: { all: boolean; ignoreCase: boolean },
): string {
  const search = textArg(fn, 'search text', args[0]);
  const replacement = textArg(fn, 'replacement text', args[1]);
  const literalMode = literalFlag(fn, args[2]);
  const regex = javaRegex(fn, literalMode ? escapeJavaLiteral(search) : search, { global: true, ignoreCase: options.ignoreCase });
  return runSearch(ctx, fn, regex, s, () => {
    let out = '';
    let last = 0;
    for (const match of s.matchAll(regex)) {
      out += s.slice(last, match.index) + (literalMode ? replacement : expandReplacement(fn, replacement, match));
      last = match.index + match[0].length;
      if (!options.all) break;
    }
    return out + s.slice(last);
  });
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
    impl: (ctx, receiver, args) => replacePattern(ctx, name, receiver as string, args, { all, ignoreCase }),
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
    impl: (ctx, receiver, args) => {
      const regex = javaRegex('matches', textArg('matches', 'regular expression', args[0]), { whole: true });
      return runSearch(ctx, 'matches', regex, receiver as string, () => regex.test(receiver as string));
    },
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
        args,
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
      if (n > s.length) fail('DLG4003', `left: ${String(args[0])} characters were asked for, but the text has ${s.length}`);
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
      if (n < 0) fail('DLG4003', `right: the count ${String(args[0])} is negative`);
      if (n > s.length) fail('DLG4003', `right: ${String(args[0])} characters were asked for, but the text has ${s.length}`);
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
    'htmlEncode',
    "The text with HTML 4's named references for `& < > \"` and for the characters HTML 4 names (`é` → `&eacute;`); an apostrophe stays, as the page's example shows.",
    'https://www.zoho.com/deluge/help/string/html-encode.html',
    'TEXT',
    htmlEncoded,
  ),
  plainFunction(
    'htmlDecode',
    'The text with HTML 4 named references (`&lt;`, `&eacute;`) and numeric ones (`&#39;`) read; anything else (`&apos;` too) stays.',
    'https://www.zoho.com/deluge/help/string/html-decode.html',
    'TEXT',
    htmlDecoded,
  ),
  plainFunction(
    'xmlEncode',
    'The text with `& < > " \'` written `&amp; &lt; &gt; &quot; &apos;`; every other character stays.',
    'https://www.zoho.com/deluge/help/string/xml-encode.html',
    'TEXT',
    xmlEncoded,
  ),
  plainFunction(
    'xmlDecode',
    "The text with XML's five named references and numeric ones read; anything else stays.",
    'https://www.zoho.com/deluge/help/string/xml-decode.html',
    'TEXT',
    xmlDecoded,
  ),
  plainFunction(
    'toListString',
    'Splits comma-separated text into a list of texts.',
    'https://zoho.com/deluge/help/functions/list/to-list-string.html',
    'LIST',
    (s) => new ListValue(s === '' ? [] : s.split(','), 'TEXT'),
  ),
  {
    // The page's only example reads a comma-separated text: "123,456,120,120.46".getAsString(2) is "120".
    name: 'getAsString',
    area: 'text',
    receiver: 'TEXT',
    params: [{ name: 'index', type: 'NUMBER' }],
    returns: 'TEXT',
    summary: 'The value at a 0-based position of a comma-separated text.',
    docs: 'https://www.zoho.com/deluge/help/functions/collection/get-as-string.html',
    impl: (_ctx, receiver, args) => {
      const values = (receiver as string).split(',');
      return values[checkIndex('getAsString', args[0], values.length)]!;
    },
  },

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
