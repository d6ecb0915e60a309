import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DelugeError } from '../../../src/runtime/errors.js';
import { MAX_DEPTH, parseJson, parseJsonWithFullReader } from '../../../src/runtime/json.js';
import { valuesEqual } from '../../../src/runtime/operators.js';
import { textForm } from '../../../src/runtime/text-form.js';
import { ListValue, MapValue, NUMBER_MAX, NUMBER_MIN, type Value } from '../../../src/runtime/values.js';
import { call } from '../../helpers/builtins.js';

function failure(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (e) {
    if (e instanceof DelugeError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('did not fail');
}

const int64 = fc.bigInt({ min: NUMBER_MIN, max: NUMBER_MAX });
const text = fc.string({ unit: 'grapheme', maxLength: 12 });

/**
 * DECIMALs whose text reads back as the same number. A whole DECIMAL of 2^53 or more prints as its digits
 * (`38176705617890650`), which JSON cannot tell from a NUMBER, and the NUMBER read back is the printed digits, not the
 * double's exact value (…648) — so those are left out.
 */
const decimal = fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Number.isInteger(d) || Math.abs(d) < 2 ** 53);

/** Runtime values a JSON object can hold: text, NUMBER (often record-ID sized), DECIMAL, boolean, null, lists, maps. */
const { value: jsonish } = fc.letrec<{ value: Value; map: MapValue; list: ListValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    int64,
    fc.bigInt({ min: 10n ** 17n, max: NUMBER_MAX }),
    decimal,
    fc.boolean(),
    fc.constant(null),
    tie('list'),
    tie('map'),
  ),
  list: fc.array(tie('value'), { maxLength: 4 }).map((items) => new ListValue(items)),
  map: fc
    .uniqueArray(fc.tuple(text, tie('value')), { maxLength: 5, selector: ([k]) => k })
    .map((entries) => new MapValue(new Map(entries))),
}));
const jsonMap = jsonish.filter((v): v is MapValue => v instanceof MapValue);
const topMap = fc.uniqueArray(fc.tuple(text, jsonish), { maxLength: 6, selector: ([k]) => k }).map((e) => new MapValue(new Map(e)));

describe('parseJson', () => {
  test('objects become maps in the order written, whole numbers bigints', () => {
    const value = parseJson('{"b":1,"10":2,"2":[3.5,true,null,"x"],"id":4876876000000624001}');
    expect(value).toBeInstanceOf(MapValue);
    const entries = (value as MapValue).entries;
    expect([...entries.keys()]).toEqual(['b', '10', '2', 'id']);
    expect(entries.get('id')).toBe(4876876000000624001n);
    expect(entries.get('b')).toBe(1n);
  });
  test('whole numbers beyond 64 bits, fractions and exponents are DECIMALs', () => {
    expect(parseJson('9223372036854775808')).toBe(9223372036854775808);
    expect(parseJson('9223372036854775807')).toBe(NUMBER_MAX);
    expect(parseJson('-9223372036854775808')).toBe(NUMBER_MIN);
    expect(parseJson('1.50')).toBe(1.5);
    expect(parseJson('1e3')).toBe(1000);
  });
  test('invalid JSON fails with DLG4016 naming the line and column', () => {
    const { code, message } = failure(() => parseJson('{\n  "a": 1,\n  "b" 2\n}', { source: 'toMap' }));
    expect(code).toBe('DLG4016');
    expect(message).toBe("toMap: the text is not valid JSON: expected ':' after the key at line 3, column 7");
    for (const bad of ['', '{', '[1,]', '{"a":1,}', '01', '1.', '"a', 'tru', '{a:1}', "['x']", '[1] 2', '"\\x"']) {
      expect(failure(() => parseJson(bad)).code, bad).toBe('DLG4016');
    }
  });
  test('lenient mode reads unquoted words and single-quoted strings', () => {
    const value = parseJson("{company:Zoho, n: 12, ok: TRUE, none: null, name:'Lia Shelton', list:[a, 1.5]}", { lenient: true });
    expect(textForm(value)).toBe('{"company":"Zoho","n":12,"ok":true,"none":null,"name":"Lia Shelton","list":["a",1.5]}');
  });
  test('deep nesting is an error, not a stack overflow', () => {
    const deep = '['.repeat(MAX_DEPTH + 1) + ']'.repeat(MAX_DEPTH + 1);
    expect(failure(() => parseJson(deep)).code).toBe('DLG4016');
    const ok = '['.repeat(MAX_DEPTH) + ']'.repeat(MAX_DEPTH);
    expect(parseJson(ok)).toBeInstanceOf(ListValue);
  });
  test('the fast reader gives what the full reader gives, value or error, on JSON and on near-JSON text', () => {
    // Near-JSON: JSON texts cut, with a character changed or inserted, escapes and raw control characters.
    const tweak = fc.tuple(fc.nat(), fc.constantFrom('', '"', '\\', '\n', '\u0001', '-', '0', '.', 'e', ',', '}', ']', ' ', '1', 'x'), fc.boolean());
    const nearJson = fc.tuple(fc.json(), tweak).map(([json, [at, insert, replace]]) => {
      const i = json.length === 0 ? 0 : at % (json.length + 1);
      return json.slice(0, i) + insert + json.slice(replace ? i + 1 : i);
    });
    const samples = fc.oneof(fc.json(), nearJson, fc.constantFrom('"a\\u00e9\\n\\/b"', '{"10":1,"2":2}', '-0', '-01', '1.', '1e+', '[1,]', ' {"a" : [ true , false , null ] } ', '"\t"', '{"a":1}x'));
    fc.assert(
      fc.property(samples, (text) => {
        expect(outcome(() => parseJson(text))).toEqual(outcome(() => parseJsonWithFullReader(text)));
      }),
      { numRuns: 500 },
    );
  });
  test('objects that share keys (as the records of a response do) read the same as with the full reader', () => {
    // Lists of objects over a few keys, so that the keys of one object are often those of the one before, a part of
    // them, more, or the same key twice; nested objects at several depths; and more keys than are searched one by one.
    const key = fc.constantFrom('id', 'code', 'status', 'details', 'message', '10', '2', 'a'.repeat(20), 'a\\', 'a\\":', 'a"', 'é\n');
    const manyKeys = fc.array(fc.integer({ min: 0, max: 30 }).map((n) => `k${n}`), { minLength: 15, maxLength: 40 });
    const { object } = fc.letrec<{ object: string; value: string }>((tie) => ({
      object: fc
        .oneof(fc.array(fc.tuple(key, tie('value')), { maxLength: 6 }), manyKeys.map((keys) => keys.map((k): [string, string] => [k, '1'])))
        .map((pairs) => `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
      value: fc.oneof({ depthSize: 'small' }, fc.constantFrom('"success"', '1', 'null', '"4104050000022"'), tie('object'), fc.array(tie('object'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`)),
    }));
    const samples = fc.array(object, { maxLength: 8 }).map((items) => `[${items.join(',')}]`);
    fc.assert(
      fc.property(samples, fc.oneof(key, fc.constantFrom('k3', 'k20')), (text, wanted) => {
        const fast = parseJson(text) as ListValue;
        const full = parseJsonWithFullReader(text) as ListValue;
        // Looked up and counted as read, before anything makes the maps into Maps; then entry by entry.
        const looked = (list: ListValue) =>
          list.items.map((item) => {
            const found = (item as MapValue).lookup(wanted);
            return [found === undefined ? 'absent' : exact(found), (item as MapValue).size];
          });
        expect(looked(fast)).toEqual(looked(full));
        expect(exact(fast)).toEqual(exact(full));
      }),
      { numRuns: 300 },
    );
  });
  test('texts of every length read as written, however often one of the same length, first and last letter came before', () => {
    // Few letters, so that texts of one length that begin and end alike (the reader takes a short text read before
    // for one that looks like it) and texts that differ in one inner letter come often; lengths around SHORT_STRING (12).
    const word = fc.string({ unit: fc.constantFrom('a', 'b', '1', ' ', 'é'), minLength: 11, maxLength: 27 });
    fc.assert(
      fc.property(fc.array(word, { maxLength: 30 }), (words) => {
        const text = JSON.stringify(words);
        // Twice: the second reading finds each text kept by the first.
        for (let i = 0; i < 2; i++) expect((parseJson(text) as ListValue).items).toEqual(words);
      }),
      { numRuns: 300 },
    );
  });
  test("a key is taken for the previous record's only where the text writes it plainly: a backslash, a quote or a raw control character there is read as the text says", () => {
    // The first record's key is one backslash; the second's is the text `":` (an escaped quote, then a colon), after
    // which the object is not valid JSON. Taken as the first key, `\"` would have looked like that key and its end.
    expect(failure(() => parseJson(String.raw`[{"\\":1},{"\":"x"}]`)).code).toBe('DLG4016');
    // A raw line break is no JSON, though the key before had the same characters (written `\n`).
    expect(failure(() => parseJson('[{"a\\nb":1},{"a\nb":2}]')).code).toBe('DLG4016');
    // A key holding quotes (`k":"a","b`, written with escapes) is not found in a text that has them raw, where they
    // end strings: the second record has two keys.
    const quoted = parseJson(String.raw`[{"k\":\"a\",\"b":1},{"k":"a","b":1}]`) as ListValue;
    expect(textForm(quoted.items[1]!)).toBe('{"k":"a","b":1}');
    // Written plainly twice, it is the same key.
    expect(((parseJson(String.raw`[{"\\":1},{"\\":2}]`) as ListValue).items[1] as MapValue).lookup('\\')).toBe(2n);
  });
  test('records of the same keys, each written with escapes or raw (often not JSON), read as the full reader reads them', () => {
    // The fast reader matches a record's keys where they lie when the record before had the same: a key written raw
    // that only looks like the one before (a quote escaped, then the same quote raw) is read, or refused, as the
    // text says.
    const letter = fc.constantFrom('a', 'b', '"', '\\', ':', ',', '{', '}', '\n', 'é', ' ', '1');
    const word = fc.string({ unit: letter, maxLength: 6 });
    const value = fc.oneof(word, fc.integer(), fc.constant(null));
    const row = fc.tuple(fc.array(value, { minLength: 4, maxLength: 4 }), fc.boolean(), fc.boolean());
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), fc.array(row, { minLength: 2, maxLength: 6 }), (keys, rows) => {
        const written = (text: string, raw: boolean) => (raw ? `"${text}"` : JSON.stringify(text));
        const records = rows.map(([values, rawKeys, rawValues]) =>
          keys.map((k, i) => `${written(k, rawKeys)}:${typeof values[i] === 'string' ? written(values[i], rawValues) : JSON.stringify(values[i])}`).join(','),
        );
        const text = `[${records.map((r) => `{${r}}`).join(',')}]`;
        expect(outcome(() => parseJson(text))).toEqual(outcome(() => parseJsonWithFullReader(text)));
      }),
      { numRuns: 3000 },
    );
  });
  test('a map read from JSON changes as any map does', () => {
    const [first, second] = (parseJson('[{"id":"1","status":"success"},{"id":"2","status":"success"}]') as ListValue).items as MapValue[];
    call('put', first!, 'status', 'error');
    call('remove', first!, 'id');
    expect(textForm(first!)).toBe('{"status":"error"}');
    // The second record shares the first one's keys, not its values.
    expect(textForm(second!)).toBe('{"id":"2","status":"success"}');
    expect(call('get', second!, 'status')).toBe('success');
    expect(call('containKey', first!, 'id')).toBe(false);
    expect(call('size', first!)).toBe(1n);
  });
  test('agrees with JSON.parse on any JSON text', () => {
    fc.assert(
      fc.property(fc.json(), (json) => {
        expect(sameAsJs(parseJson(json), JSON.parse(json))).toBe(true);
      }),
    );
  });
});

/** A value with its exact types (NUMBER vs DECIMAL, map key order), or the error's code and message. */
function outcome(read: () => Value): unknown {
  try {
    return exact(read());
  } catch (e) {
    if (e instanceof DelugeError) return { error: e.code, message: e.message };
    throw e;
  }
}

function exact(value: Value): unknown {
  if (typeof value === 'bigint') return `NUMBER ${value}`;
  if (typeof value === 'number') return `DECIMAL ${Object.is(value, -0) ? '-0' : value}`;
  if (value instanceof ListValue) return value.items.map(exact);
  if (value instanceof MapValue) return [...value.entries].map(([k, v]) => [k, exact(v)]);
  return value;
}

/** A runtime value and a JS value from JSON.parse hold the same data (numbers compared as doubles). */
function sameAsJs(value: Value, js: unknown): boolean {
  if (typeof value === 'bigint') return typeof js === 'number' && Number(value) === js;
  if (typeof value === 'number') return typeof js === 'number' && (value === js || (value === 0 && js === 0));
  if (value instanceof ListValue) return Array.isArray(js) && js.length === value.items.length && value.items.every((v, i) => sameAsJs(v, js[i]));
  if (value instanceof MapValue) {
    if (typeof js !== 'object' || js === null || Array.isArray(js)) return false;
    const keys = Object.keys(js);
    return keys.length === value.entries.size && keys.every((k) => value.entries.has(k) && sameAsJs(value.entries.get(k)!, (js as Record<string, unknown>)[k]));
  }
  return value === js;
}

describe('toMap', () => {
  test('m.toString().toMap() equals m for any map of text, numbers, booleans, null, lists and maps', () => {
    fc.assert(
      fc.property(fc.oneof(topMap, jsonMap), (m) => {
        const back = call('toMap', call('toString', m));
        expect(valuesEqual(back, m)).toBe(true);
        expect(textForm(back)).toBe(textForm(m));
      }),
    );
  });
  test('18–19-digit NUMBERs survive the round trip exactly', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 10n ** 17n, max: NUMBER_MAX }), (id) => {
        const m = new MapValue(new Map([['id', id]]));
        expect((call('toMap', textForm(m)) as MapValue).entries.get('id')).toBe(id);
      }),
    );
  });
  test('text that is not a JSON object is an invalid-json error', () => {
    expect(failure(() => call('toMap', '[1]')).code).toBe('DLG4016');
    expect(failure(() => call('toMap', 'x')).code).toBe('DLG4016');
  });
});

describe('getJSON and toJSONList', () => {
  test('getJSON of a missing key is null, nested values are maps and lists', () => {
    const json = '{"a":{"b":[1,2]}}';
    expect(call('getJSON', json, 'x')).toBe(null);
    const inner = call('getJson', json, 'a'); // names are case-insensitive: Zoho writes both spellings
    expect(inner).toBeInstanceOf(MapValue);
    expect(textForm(call('getJSON', inner, 'b'))).toBe('1,2');
  });
  test('toJSONList of array text', () => {
    const value = call('toJSONList', '[343,443,577]');
    expect(value).toBeInstanceOf(ListValue);
    expect((value as ListValue).items).toEqual([343n, 443n, 577n]);
    expect(failure(() => call('toJSONList', '{}')).code).toBe('DLG4016');
  });
});
