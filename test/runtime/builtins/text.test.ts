import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { BUILTINS } from '../../../src/runtime/builtins/index.js';
import { mayBacktrackLong, TEXT_BUILTINS } from '../../../src/runtime/builtins/text.js';
import { translateJavaRegex } from '../../../src/runtime/java-regex.js';
import { DelugeError } from '../../../src/runtime/errors.js';
import { ListValue, type Value } from '../../../src/runtime/values.js';
import { call, TEST_CONTEXT as ctx } from '../../helpers/builtins.js';

/** The error code a call fails with. */
function failure(name: string, receiver: Value, ...args: Value[]): string {
  try {
    call(name, receiver, ...args);
  } catch (e) {
    if (e instanceof DelugeError) return e.code;
    throw e;
  }
  throw new Error(`${name} did not fail`);
}

const items = (v: Value): Value[] => {
  if (!(v instanceof ListValue)) throw new Error('not a list');
  return v.items;
};

/** Well-formed Unicode text (no lone surrogates), including supplementary characters. */
const text = fc.string({ unit: 'grapheme', maxLength: 30 });
const asciiText = fc.string({ unit: 'grapheme-ascii', maxLength: 30 });

describe('declarations', () => {
  test('every text builtin applies to TEXT (reverse, documented to take any value as its text, to ANY), has docs and a summary', () => {
    for (const spec of TEXT_BUILTINS) {
      expect(spec.area).toBe('text');
      expect(spec.receiver).toBe(spec.name === 'reverse' ? 'ANY' : 'TEXT');
      expect(spec.docs).toMatch(/^https:\/\/(www\.)?zoho\.com\//);
      expect(spec.summary.length).toBeGreaterThan(10);
    }
  });

  test('names and aliases are declared once within the area', () => {
    const names = TEXT_BUILTINS.flatMap((s) => [s.name, ...(s.aliases ?? [])].map((n) => n.toLowerCase()));
    expect(new Set(names).size).toBe(names.length);
  });

  test('the documented aliases resolve to the same declaration', () => {
    const same = (a: string, b: string) => expect(BUILTINS.method(a, 'x')).toBe(BUILTINS.method(b, 'x'));
    same('indexOf', 'find');
    same('subString', 'subText');
    same('subString', 'mid');
    same('toLowerCase', 'lower');
    same('toUpperCase', 'upper');
    same('length', 'len');
    same('getOccurenceCount', 'getOccurrenceCount');
  });

  test('the function form takes the text as first argument', () => {
    const spec = BUILTINS.function('getPrefix', ['a,b', ','])!;
    expect(spec.impl(ctx, 'a,b', [','])).toBe('a');
  });
});

describe('results', () => {
  test('NUMBER results are bigints', () => {
    expect(call('length', 'abc')).toBe(3n);
    expect(call('indexOf', 'abc', 'z')).toBe(-1n);
    expect(call('lastIndexOf', 'abca', 'a')).toBe(3n);
    expect(call('getOccurenceCount', 'a,b,c', ',')).toBe(2n);
  });

  test('getPrefix and getSuffix give null when absent', () => {
    expect(call('getPrefix', 'abc', 'x')).toBeNull();
    expect(call('getSuffix', 'abc', 'x')).toBeNull();
    expect(call('getPrefixIgnoreCase', 'abc', 'X')).toBeNull();
    expect(call('getSuffixIgnoreCase', 'abc', 'X')).toBeNull();
  });

  test('case-insensitive search keeps the original indexes', () => {
    expect(call('getPrefixIgnoreCase', 'Straße AND more', 'and')).toBe('Straße ');
    expect(call('getSuffixIgnoreCase', 'Straße AND more', 'and')).toBe(' more');
    expect(call('equalsIgnoreCase', 'İ', 'i')).toBe(false);
  });

  test('toListString gives a text-typed list; toList a plain one', () => {
    const typed = call('toListString', '1,2');
    expect(typed instanceof ListValue && typed.elementType).toBe('TEXT');
    expect(items(typed)).toEqual(['1', '2']);
    expect(items(call('toList', 'a//b', '/'))).toEqual(['a', '', 'b']);
    expect(items(call('toList', 'a,b'))).toEqual(['a,b']);
    expect(items(call('toList', 'a,b', null))).toEqual(['a,b']);
  });

  test('trim removes control characters like Java, but not a no-break space', () => {
    expect(call('trim', '\u0000\t a \r\n')).toBe('a');
    expect(call('trim', '\u00a0a\u00a0')).toBe('\u00a0a\u00a0');
  });

  test('hexadecimal round trip and errors', () => {
    expect(call('textToHex', 'Zoho Creator')).toBe('5a6f686f2043726561746f72');
    expect(call('hexToText', '')).toBe('');
    expect(failure('hexToText', 'abc')).toBe('DLG4004');
    expect(failure('hexToText', 'zz')).toBe('DLG4004');
  });

  test('argument errors', () => {
    expect(failure('subString', 'abc', 1n, 5n)).toBe('DLG4003');
    expect(failure('subString', 'abc', null)).toBe('DLG4005');
    expect(failure('contains', 'abc', null)).toBe('DLG4005');
    expect(failure('left', 'abc', 4n)).toBe('DLG4003');
    expect(failure('right', 'abc', -1n)).toBe('DLG4003');
    expect(failure('repeat', 'ab', 60_000n)).toBe('DLG4018');
    expect(failure('replaceAll', 'ab', 'a', 'b', 'maybe')).toBe('DLG4018');
    expect(failure('contains', 'abc', 1n)).toBe('DLG4007');
    expect(failure('length', 'abc', 'x')).toBe('DLG4007');
  });

  test('the escape flag of the replace functions also accepts the text true/false', () => {
    expect(call('replaceAll', 'a.b', '.', '-', 'true')).toBe('a-b');
    expect(call('replaceAll', 'a.b', '.', '-', 'FALSE')).toBe('---');
  });
});

describe('Java regular expressions', () => {
  const matches = (s: string, pattern: string) => call('matches', s, pattern);

  test.each([
    ['abc', '(?i)ABC', true],
    ['a\nb', '(?s)a.b', true],
    ['a\nb', 'a.b', false],
    ['x', '\\p{Lower}', true],
    ['X', '\\p{Upper}', true],
    ['!', '\\p{Punct}', true],
    ['é', '\\p{IsAlphabetic}', true],
    ['é', '\\p{IsLatin}', true],
    ['é', '\\pL', true],
    ['a b', 'a\\hb', true],
    ['ab', '\\Aab\\z', true],
    ['\u00a0', '\\s', false], // Java's \s is ASCII only
    ['\t', '[\\s]', true],
    ['A', '\\x41', true],
    ['A', '\\u0041', true],
    ['A', '\\x{41}', true],
    ['A', '\\0101', true],
    ['😀', '.', true], // one code point, as in Java
    ['a-b', '[a\\-z]-b', true],
    ['[x]', '\\[x\\]', true],
    ['a]', 'a]', true],
    ['a}', 'a}', true],
    ['aa', '(a)\\1', true],
    ['a/b', 'a/b', true],
    ['ab', 'a(?=b)b', true],
    ['ab', '(?<=a)b', false], // a lookbehind alone cannot match the whole text
    ['x1', '[^\\d]\\d', true],
  ] as const)('%j matches %j: %s', (s, pattern, expected) => {
    expect(matches(s, pattern)).toBe(expected);
  });

  test.each([
    'a++',
    'a*+',
    'a?+',
    '(?>a)',
    'a(?i)b',
    '(?x)a b',
    '[a-z&&[^aeiou]]',
    '[[a-z]]',
    '\\G',
    '\\p{InGreek}',
    'a{',
    '[abc',
    '(a',
    '\\',
    '\\y',
    '*a',
  ])('%j is reported as DLG4021', (pattern) => {
    expect(failure('matches', 'a', pattern)).toBe('DLG4021');
  });

  test('replacement text follows Java: $n, ${name}, backslash escapes', () => {
    expect(call('replaceAll', 'ab', '(a)(b)', '$2$1')).toBe('ba');
    expect(call('replaceAll', 'ab', '(?<x>a)', '[${x}]')).toBe('[a]b');
    expect(call('replaceAll', 'ab', 'a', '\\$\\\\')).toBe('$\\b');
    // $12 with one group reads as group 1 followed by "2"
    expect(call('replaceAll', 'ab', '(a)', '$12')).toBe('a2b');
    expect(failure('replaceAll', 'ab', 'a', '$x')).toBe('DLG4021');
    expect(failure('replaceAll', 'ab', 'a', '${nope}')).toBe('DLG4021');
    expect(failure('replaceAll', 'ab', 'a', 'x\\')).toBe('DLG4021');
  });

  test('a bad replacement is not reported when nothing matches (Java never reads it)', () => {
    expect(call('replaceAll', 'ab', 'z', '$')).toBe('ab');
  });

  test('literal mode takes the replacement literally too', () => {
    expect(call('replaceAll', 'a$b', '$', '$1', true)).toBe('a$1b');
  });

  test('the IgnoreCase variants add case-insensitivity to the pattern', () => {
    expect(call('replaceAllIgnoreCase', 'aAbB', '[a]', '-')).toBe('--bB');
    expect(call('replaceFirstIgnoreCase', 'xAa', 'a', '-')).toBe('x-a');
  });

  // Which searches run under the time limit's watchdog (deluge run stops them at --timeout; see run.test.ts).
  test.each([
    ['(a+)+$', true],
    ['(\\w+\\s?)*$', true],
    ['(a|aa)*b', true],
    ['(x+x+)+y', true],
    ['(\\d{1,3}){2,}', true],
    ['.*a.*b', true],
    ['(\\w)\\1', true],
    [' ', false],
    ['[0-9]+', false],
    ['\\d{3}-\\d{4}', false],
    ['^[a-z(+*]+$', false],
    ['(?:ab)+c', false],
    ['(\\s*,)?x', false],
    ['\\p{L}+', false],
  ] as const)('%j may backtrack long: %s', (pattern, expected) => {
    expect(mayBacktrackLong(translateJavaRegex(pattern).source)).toBe(expected);
  });

  test('$ matches before a final line terminator, as in Java', () => {
    expect(call('replaceAll', 'a\r\n', '$', '!')).toBe('a!\r\n!');
    expect(call('replaceAll', 'a\nb', '(?m)$', '!')).toBe('a!\nb!');
  });
});

describe('properties', () => {
  test('length counts UTF-16 code units', () => {
    fc.assert(fc.property(text, (s) => call('length', s) === BigInt(s.length)));
  });

  test('subString(a, b) is the slice between valid indexes', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (s, x, y) => {
        const a = x % (s.length + 1);
        const b = a + (y % (s.length - a + 1));
        return call('subString', s, BigInt(a), BigInt(b)) === s.slice(a, b);
      }),
    );
  });

  test('left(n) followed by subString(n) gives the text back', () => {
    fc.assert(
      fc.property(text, fc.nat(), (s, x) => {
        const n = x % (s.length + 1);
        return (call('left', s, BigInt(n)) as string) + (call('subString', s, BigInt(n)) as string) === s;
      }),
    );
  });

  test('reverse twice is the identity and keeps the length', () => {
    fc.assert(
      fc.property(text, (s) => {
        const once = call('reverse', s) as string;
        return once.length === s.length && call('reverse', once) === s;
      }),
    );
  });

  test('hexToText undoes textToHex', () => {
    fc.assert(fc.property(text, (s) => call('hexToText', call('textToHex', s)) === s));
  });

  test('contains agrees with indexOf, and prefix + search + suffix rebuilds the text', () => {
    fc.assert(
      fc.property(text, text, (s, search) => {
        const found = call('contains', s, search) === true;
        if (found !== ((call('indexOf', s, search) as bigint) >= 0n)) return false;
        if (!found) return call('getPrefix', s, search) === null && call('getSuffix', s, search) === null;
        return (call('getPrefix', s, search) as string) + search + (call('getSuffix', s, search) as string) === s;
      }),
    );
  });

  test('ASCII text equals its upper case, ignoring case', () => {
    fc.assert(fc.property(asciiText, (s) => call('equalsIgnoreCase', s, s.toUpperCase()) === true));
  });

  test('replaceAll in literal mode replaces every occurrence', () => {
    fc.assert(
      fc.property(text, text.filter((x) => x !== ''), text, (s, search, replacement) => {
        return call('replaceAll', s, search, replacement, true) === s.split(search).join(replacement);
      }),
    );
  });

  test('a \\Q…\\E pattern matches exactly its own text', () => {
    fc.assert(
      fc.property(
        text.filter((s) => !s.includes('\\E')),
        (s) => call('matches', s, `\\Q${s}\\E`) === true,
      ),
    );
  });

  test('toList and joining with the separator give the text back', () => {
    fc.assert(
      fc.property(text, fc.constantFrom(',', '::', '|', 'ab'), (s, separator) => {
        return items(call('toList', s, separator)).join(separator) === s;
      }),
    );
  });

  test('leftpad and rightpad reach at least the requested length', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: -5, max: 60 }), (s, n) => {
        const left = call('leftpad', s, BigInt(n)) as string;
        const right = call('rightpad', s, BigInt(n)) as string;
        const expected = Math.max(n, s.length);
        return left.length === expected && right.length === expected && left.endsWith(s) && right.startsWith(s);
      }),
    );
  });

  test('trim is idempotent and equals ltrim of rtrim', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(' ', '\t', 'a', 'b', '\n'), maxLength: 20 }), (s) => {
        const trimmed = call('trim', s);
        return call('trim', trimmed) === trimmed && call('ltrim', call('rtrim', s)) === trimmed;
      }),
    );
  });

  test('getAlphaNumeric and removeAllAlphaNumeric split the characters between them', () => {
    fc.assert(
      fc.property(text, (s) => {
        const kept = call('getAlphaNumeric', s) as string;
        const removed = call('removeAllAlphaNumeric', s) as string;
        return kept.length + removed.length === s.length;
      }),
    );
  });
});

describe('index errors', () => {
  test('show a long index as given: beyond 2^53 it is not the JS number it became', () => {
    const message = (name: string, ...args: Value[]) => {
      try {
        call(name, 'abc', ...args);
      } catch (e) {
        if (e instanceof DelugeError) return e.message;
        throw e;
      }
      throw new Error(`${name} did not fail`);
    };
    expect(message('left', 9223372036854775807n)).toBe('left: 9223372036854775807 characters were asked for, but the text has 3');
    expect(message('right', 9007199254740993n)).toBe('right: 9007199254740993 characters were asked for, but the text has 3');
    expect(message('subString', 0n, 9007199254740993n)).toBe('subString: the end index 9007199254740993 is past the end of the text (length 3)');
  });
});
