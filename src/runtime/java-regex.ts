/**
 * Java's regular expressions in JavaScript, for the runtime and for emitted TypeScript programs alike (the prelude
 * generator copies this file's declarations into programs that use regular expressions: it imports nothing).
 *
 * Deluge passes patterns to java.util.regex. We translate the pattern to a JavaScript RegExp in unicode mode
 * (like Java, it reads the text by code points): most syntax is shared; the differences are rewritten here
 * (`\s` and `$` have Java's meaning, `\A \z \Z \Q…\E \h \v \R \p{Alpha}`…), and the constructs JavaScript
 * cannot express (possessive quantifiers, atomic groups, class intersections, inline flags other than at the
 * start) are refused with a PatternError (DLG4021 to the script) rather than silently changed.
 */

export interface Translated {
  readonly source: string;
  readonly flags: string;
}

/** Why a pattern or a replacement cannot be used. */
export class PatternError extends Error {}

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

export function translateJavaRegex(pattern: string): Translated {
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
export function escapeJavaLiteral(text: string): string {
  return [...text].map((ch) => literal(ch, false)).join('');
}

/**
 * Java's replacement text: `$n` and `${name}` insert groups, a backslash takes the next character literally.
 * Like Java, a group number takes as many digits as still name an existing group. A PatternError says what is wrong.
 */
export function expandJavaReplacement(replacement: string, match: RegExpExecArray): string {
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
