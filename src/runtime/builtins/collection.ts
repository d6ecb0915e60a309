import { checkListSize, fail } from '../errors.js';
import { parseJson } from '../json.js';
import { rangeProblem } from '../index-range.js';
import { valuesEqual } from '../operators.js';
import { CollectionValue, ListValue, MapValue, typeName, type MapKey, type Value } from '../values.js';
import { ascendingFlag, checkIndex, distinctItems, indexArgument, indexOfItem, membershipIn, replaceItems, sortedItems } from './list.js';
import { hasKey, hasValue, storedKey } from './map.js';
import type { BuiltinSpec } from './registry.js';

/**
 * The collection functions of https://www.zoho.com/deluge/help/functions/collection.html. A collection is a list
 * of elements or a map of key-value pairs, decided by what first goes in (`Collection("a", "b")` vs
 * `Collection("k" : 1)`); putting the other kind in later is a DLG4020 error. Most functions do the list thing
 * on a collection of elements (an index instead of a key) and the map thing on a collection of pairs.
 */

/**
 * A `key : value` argument (`c.insert("k" : 1)`, `Collection("a" : 1, "b" : 2)`): the interpreter passes each as a
 * one-entry map of this class, so the collection functions can tell a pair from a map given as an element.
 */
export class KeyValuePair extends MapValue {}

const COLLECTION_DOCS = 'https://www.zoho.com/deluge/help/functions/collection';

const collection = (receiver: Value): CollectionValue => receiver as CollectionValue;

/** The elements of a collection of elements, or the values of a collection of pairs. */
function elementsOrValues(c: CollectionValue): Value[] {
  return c.mode === 'map' ? [...c.map.values()] : c.list;
}

/** Fixes the kind of an empty collection, or fails when the collection already holds the other kind. */
function requireMode(fn: string, c: CollectionValue, mode: 'list' | 'map'): void {
  if (c.mode === 'empty') c.mode = mode;
  else if (c.mode !== mode) {
    fail(
      'DLG4020',
      mode === 'map'
        ? `${fn}: this collection holds elements, so a key-value pair cannot be added to it`
        : `${fn}: this collection holds key-value pairs, so an element cannot be added to it`,
    );
  }
}

function insertValues(fn: string, c: CollectionValue, values: readonly Value[]): void {
  checkListSize(c.list.length + values.length, `${fn}: the collection`);
  for (const value of values) {
    if (value instanceof KeyValuePair) {
      requireMode(fn, c, 'map');
      for (const [key, item] of value.entries) c.map.set(storedKey(c.map, key), item);
    } else {
      requireMode(fn, c, 'list');
      c.list.push(value);
    }
  }
}

function insertPairs(fn: string, c: CollectionValue, pairs: Iterable<readonly [MapKey, Value]>): void {
  for (const [key, value] of [...pairs]) {
    requireMode(fn, c, 'map');
    c.map.set(storedKey(c.map, key), value);
  }
}

/** `Collection(…)` / `collection(…)`: plain arguments make a collection of elements, `k : v` arguments one of pairs. */
export function newCollection(args: readonly Value[]): CollectionValue {
  const c = new CollectionValue();
  insertValues('Collection', c, args);
  return c;
}

/** An index into a collection of elements: a NUMBER, or DLG4001 naming the type that was given. */
function elementIndex(fn: string, c: CollectionValue, key: Value | undefined): number {
  if (key !== null && key !== undefined && typeof key !== 'bigint') {
    fail('DLG4001', `${fn}: a collection of elements is indexed by a NUMBER, not by a value of type ${typeName(key)}`);
  }
  return checkIndex(fn, key, c.list.length);
}

/** True when the collection works by index for this key: it holds elements, or it is empty and the key is a NUMBER. */
function byIndex(c: CollectionValue, key: Value | undefined): boolean {
  return c.mode === 'list' || (c.mode === 'empty' && typeof key === 'bigint');
}

function listArgument(fn: string, value: Value | undefined): Value[] {
  if (value === null || value === undefined) return fail('DLG4005', `${fn}: the list argument is null`);
  return (value as ListValue).items;
}

/** Key (pairs) or index (elements) of the first or last value equal to `value`; null / -1 when absent. */
function keyOf(c: CollectionValue, value: Value, last: boolean): Value {
  if (c.mode !== 'map') return BigInt(indexOfItem(c.list, value, last));
  let found: MapKey | undefined;
  for (const [key, item] of c.map) {
    if (!valuesEqual(item, value)) continue;
    found = key;
    if (!last) break;
  }
  return found === undefined ? null : found;
}

/** Rebuilds a map in the order of `entries` (JS maps keep insertion order). */
function reorder(map: Map<MapKey, Value>, entries: readonly (readonly [MapKey, Value])[]): void {
  map.clear();
  for (const [key, value] of entries) map.set(key, value);
}

export const COLLECTION_BUILTINS: readonly BuiltinSpec[] = [
  {
    name: 'insert',
    area: 'collection',
    receiver: 'COLLECTION',
    form: 'method',
    params: [
      { name: 'element', type: 'ANY' },
      { name: 'more', type: 'ANY', rest: true },
    ],
    returns: 'VOID',
    mutates: true,
    summary: 'Adds elements (`insert(v, …)`) or key-value pairs (`insert(k : v, …)`); the other kind than the collection holds is an error.',
    docs: `${COLLECTION_DOCS}/insert.html`,
    impl: (_ctx, receiver, args) => {
      insertValues('insert', collection(receiver), args);
      return null;
    },
  },
  {
    name: 'insertAll',
    area: 'collection',
    receiver: 'COLLECTION',
    form: 'method',
    params: [{ name: 'values', type: ['LIST', 'KEY-VALUE', 'COLLECTION'] }],
    returns: 'VOID',
    mutates: true,
    summary: 'Adds every element of a list, or every pair of a map (or of another collection).',
    docs: `${COLLECTION_DOCS}/insertall.html`,
    impl: (_ctx, receiver, args) => {
      const c = collection(receiver);
      const source = args[0];
      if (source === null || source === undefined) return fail('DLG4005', 'insertAll: the argument is null');
      if (source instanceof MapValue) insertPairs('insertAll', c, source.entries);
      else if (source instanceof CollectionValue) {
        if (source.mode === 'map') insertPairs('insertAll', c, source.map);
        else insertValues('insertAll', c, [...source.list]);
      } else insertValues('insertAll', c, [...(source as ListValue).items]);
      return null;
    },
  },
  {
    name: 'get',
    area: 'collection',
    receiver: 'COLLECTION',
    params: [{ name: 'indexOrKey', type: 'ANY' }],
    returns: 'ANY',
    summary: 'The element at a 0-based index (out of range is an error), or the value of a key (null when absent).',
    docs: `${COLLECTION_DOCS}/get.html`,
    impl: (_ctx, receiver, args) => {
      const c = collection(receiver);
      const key = args[0]!;
      if (byIndex(c, key)) return c.list[elementIndex('get', c, key)]!;
      return c.map.get(storedKey(c.map, key)) ?? null;
    },
  },
  {
    name: 'update',
    area: 'collection',
    receiver: 'COLLECTION',
    form: 'method',
    params: [
      { name: 'indexOrKey', type: 'ANY' },
      { name: 'value', type: 'ANY' },
    ],
    returns: 'VOID',
    mutates: true,
    summary: 'Replaces the element at an index (which must exist), or sets the value of a key (adding it if new).',
    docs: `${COLLECTION_DOCS}/update.html`,
    impl: (_ctx, receiver, args) => {
      const c = collection(receiver);
      const key = args[0]!;
      if (byIndex(c, key)) c.list[elementIndex('update', c, key)] = args[1]!;
      else insertPairs('update', c, [[storedKey(c.map, key), args[1]!]]);
      return null;
    },
  },
  {
    name: 'containsKey',
    area: 'collection',
    receiver: 'COLLECTION',
    params: [{ name: 'keyOrIndex', type: 'ANY' }],
    returns: 'BOOLEAN',
    summary: 'True when the key is present (case-sensitive), or, for a collection of elements, when the index exists.',
    docs: `${COLLECTION_DOCS}/containskey.html`,
    impl: (_ctx, receiver, args) => {
      const c = collection(receiver);
      const key = args[0]!;
      if (c.mode === 'map') return hasKey(c.map, key);
      return typeof key === 'bigint' && key >= 0n && key < BigInt(c.list.length);
    },
  },
  {
    name: 'containsValue',
    area: 'collection',
    receiver: 'COLLECTION',
    params: [{ name: 'value', type: 'ANY' }],
    returns: 'BOOLEAN',
    summary: 'True when a value (or an element) equals the given one; text is compared case-sensitively.',
    docs: `${COLLECTION_DOCS}/containsvalue.html`,
    impl: (_ctx, receiver, args) => {
      const c = collection(receiver);
      return c.mode === 'map' ? hasValue(c.map, args[0]!) : indexOfItem(c.list, args[0]!) >= 0;
    },
  },
  {
    name: 'notContains',
    area: 'collection',
    receiver: 'COLLECTION',
    params: [{ name: 'value', type: 'ANY' }],
    returns: 'BOOLEAN',
    summary: 'True when no element equals the value (a collection of pairs: when the key is absent, as for maps).',
    docs: 'https://www.zoho.com/deluge/help/functions/string/notcontains.html',
    impl: (_ctx, receiver, args) => {
      const c = collection(receiver);
      return c.mode === 'map' ? !hasKey(c.map, args[0]!) : indexOfItem(c.list, args[0]!) < 0;
    },
  },
  {
    name: 'delete',
    area: 'collection',
    receiver: 'COLLECTION',
    form: 'method',
    params: [{ name: 'value', type: 'ANY' }],
    returns: 'VOID',
    mutates: true,
    summary: 'Deletes the first element equal to the value, or the first pair holding the value; nothing if absent.',
    docs: `${COLLECTION_DOCS}/delete.html`,
    impl: (_ctx, receiver, args) => {
      const c = collection(receiver);
      const key = keyOf(c, args[0]!, false);
      if (c.mode === 'map') {
        if (key !== null) c.map.delete(key as MapKey);
      } else if (key !== -1n) c.list.splice(Number(key), 1);
      return null;
    },
  },
  {
    name: 'deleteAll',
    area: 'collection',
    receiver: 'COLLECTION',
    form: 'method',
    params: [{ name: 'values', type: 'LIST' }],
    returns: 'VOID',
    mutates: true,
    summary: 'Deletes every element, or every pair, whose value is in the list.',
    docs: `${COLLECTION_DOCS}/deleteall.html`,
    impl: (_ctx, receiver, args) => {
      const c = collection(receiver);
      const removed = membershipIn(listArgument('deleteAll', args[0]));
      if (c.mode === 'map') {
        for (const [key, value] of [...c.map]) if (removed(value)) c.map.delete(key);
      } else {
        replaceItems(c.list, c.list.filter((item) => !removed(item)));
      }
      return null;
    },
  },
  {
    name: 'deleteKey',
    area: 'collection',
    receiver: 'COLLECTION',
    form: 'method',
    params: [{ name: 'keyOrIndex', type: 'ANY' }],
    returns: 'VOID',
    mutates: true,
    summary: 'Deletes a key and its value (nothing if absent), or the element at an index (which must exist).',
    docs: `${COLLECTION_DOCS}/deletekey.html`,
    impl: (_ctx, receiver, args) => {
      const c = collection(receiver);
      const key = args[0]!;
      if (byIndex(c, key)) c.list.splice(elementIndex('deleteKey', c, key), 1);
      else c.map.delete(storedKey(c.map, key));
      return null;
    },
  },
  {
    name: 'deleteKeys',
    area: 'collection',
    receiver: 'COLLECTION',
    form: 'method',
    params: [{ name: 'keysOrIndexes', type: 'LIST' }],
    returns: 'VOID',
    mutates: true,
    summary: 'Deletes several keys with their values, or the elements at several indexes (of the collection as it was).',
    docs: `${COLLECTION_DOCS}/deletekeys.html`,
    impl: (_ctx, receiver, args) => {
      const c = collection(receiver);
      const keys = listArgument('deleteKeys', args[0]);
      if (c.mode === 'map') {
        for (const key of keys) c.map.delete(storedKey(c.map, key));
        return null;
      }
      // Indexes refer to the collection before any deletion ({1, 2} deletes the 2nd and 3rd): delete from the back.
      const indexes = [...new Set(keys.map((key) => elementIndex('deleteKeys', c, key)))].sort((a, b) => b - a);
      for (const index of indexes) c.list.splice(index, 1);
      return null;
    },
  },
  {
    name: 'distinct',
    area: 'collection',
    receiver: 'COLLECTION',
    params: [],
    returns: 'LIST',
    summary: 'A list of the elements, or of the values, without repeats (first occurrences, in order).',
    docs: `${COLLECTION_DOCS}/distinct.html`,
    impl: (_ctx, receiver) => new ListValue(distinctItems(elementsOrValues(collection(receiver)))),
  },
  {
    name: 'duplicate',
    area: 'collection',
    receiver: 'COLLECTION',
    params: [
      { name: 'start', type: 'NUMBER', optional: true },
      { name: 'end', type: 'NUMBER', optional: true },
    ],
    returns: 'LIST',
    summary: 'A list of the elements from start (inclusive, default 0) to end (exclusive, default the end).',
    docs: `${COLLECTION_DOCS}/duplicate.html`,
    impl: (_ctx, receiver, args) => {
      const c = collection(receiver);
      if (c.mode === 'map') fail('DLG4020', 'duplicate: this collection holds key-value pairs; duplicate copies a collection of elements');
      const size = c.list.length;
      const start = args.length > 0 ? indexArgument('duplicate', args[0], 'start index') : 0;
      const end = args.length > 1 ? indexArgument('duplicate', args[1], 'end index') : size;
      const problem = rangeProblem('duplicate', start, end, size, 'collection');
      if (problem !== undefined) fail('DLG4003', problem);
      return new ListValue(c.list.slice(start, end));
    },
  },
  {
    name: 'getKey',
    area: 'collection',
    receiver: 'COLLECTION',
    params: [{ name: 'value', type: 'ANY' }],
    returns: 'ANY',
    summary: 'The key of the first pair holding the value (null if none), or the index of the first equal element (-1 if none).',
    docs: `${COLLECTION_DOCS}/getkey.html`,
    impl: (_ctx, receiver, args) => keyOf(collection(receiver), args[0]!, false),
  },
  {
    name: 'getLastKey',
    area: 'collection',
    receiver: 'COLLECTION',
    params: [{ name: 'value', type: 'ANY' }],
    returns: 'ANY',
    summary: 'The key of the last pair holding the value (null if none), or the index of the last equal element (-1 if none).',
    docs: `${COLLECTION_DOCS}/getlastkey.html`,
    impl: (_ctx, receiver, args) => keyOf(collection(receiver), args[0]!, true),
  },
  {
    name: 'intersect',
    area: 'collection',
    receiver: 'COLLECTION',
    params: [{ name: 'other', type: ['COLLECTION', 'LIST'] }],
    returns: 'LIST',
    summary: 'A list of the elements (or values) also present in the other collection or list.',
    docs: `${COLLECTION_DOCS}/intersect.html`,
    impl: (_ctx, receiver, args) => {
      const other = args[0];
      if (other === null || other === undefined) return fail('DLG4005', 'intersect: the argument is null');
      const otherItems = other instanceof CollectionValue ? elementsOrValues(other) : (other as ListValue).items;
      return new ListValue(elementsOrValues(collection(receiver)).filter(membershipIn(otherItems)));
    },
  },
  {
    name: 'keys',
    area: 'collection',
    receiver: 'COLLECTION',
    params: [],
    returns: 'LIST',
    summary: 'A list of the keys, or of the elements of a collection of elements.',
    docs: `${COLLECTION_DOCS}/keys.html`,
    impl: (_ctx, receiver) => {
      const c = collection(receiver);
      return new ListValue(c.mode === 'map' ? [...c.map.keys()] : [...c.list]);
    },
  },
  {
    name: 'values',
    area: 'collection',
    receiver: 'COLLECTION',
    params: [],
    returns: 'LIST',
    summary: 'A list of the values, or of the elements of a collection of elements.',
    docs: `${COLLECTION_DOCS}/values.html`,
    impl: (_ctx, receiver) => new ListValue([...elementsOrValues(collection(receiver))]),
  },
  {
    name: 'size',
    area: 'collection',
    receiver: 'COLLECTION',
    params: [],
    returns: 'NUMBER',
    summary: 'The number of elements or key-value pairs.',
    docs: `${COLLECTION_DOCS}/size.html`,
    impl: (_ctx, receiver) => {
      const c = collection(receiver);
      return BigInt(c.mode === 'map' ? c.map.size : c.list.length);
    },
  },
  {
    name: 'isEmpty',
    area: 'collection',
    receiver: 'COLLECTION',
    params: [],
    returns: 'BOOLEAN',
    summary: 'True when the collection has no elements or pairs.',
    docs: `${COLLECTION_DOCS}/isempty.html`,
    impl: (_ctx, receiver) => {
      const c = collection(receiver);
      return c.map.size === 0 && c.list.length === 0;
    },
  },
  {
    name: 'clear',
    area: 'collection',
    receiver: 'COLLECTION',
    form: 'method',
    params: [],
    returns: 'VOID',
    mutates: true,
    summary: 'Removes every element or pair; the collection keeps its kind.',
    docs: `${COLLECTION_DOCS}/clear.html`,
    impl: (_ctx, receiver) => {
      const c = collection(receiver);
      c.list.length = 0;
      c.map.clear();
      return null;
    },
  },
  {
    name: 'sort',
    area: 'collection',
    receiver: 'COLLECTION',
    form: 'method',
    params: [{ name: 'ascending', type: 'BOOLEAN', optional: true }],
    returns: 'VOID',
    mutates: true,
    summary: 'Sorts the elements, or the pairs by value, in place (ascending, or descending with `false`); unchanged when they cannot be ordered together.',
    docs: `${COLLECTION_DOCS}/sort.html`,
    impl: (_ctx, receiver, args) => {
      const c = collection(receiver);
      const ascending = ascendingFlag(args);
      if (c.mode === 'map') {
        const sorted = sortedItems([...c.map], ascending, ([, value]) => value);
        if (sorted) reorder(c.map, sorted);
      } else {
        const sorted = sortedItems(c.list, ascending, (item) => item);
        if (sorted) replaceItems(c.list, sorted);
      }
      return null;
    },
  },
  {
    name: 'sortKey',
    area: 'collection',
    receiver: 'COLLECTION',
    form: 'method',
    params: [{ name: 'ascending', type: 'BOOLEAN', optional: true }],
    returns: 'VOID',
    mutates: true,
    summary: 'Sorts the pairs by key in place (ascending, or descending with `false`); unchanged when the keys cannot be ordered together.',
    docs: `${COLLECTION_DOCS}/sortkey.html`,
    impl: (_ctx, receiver, args) => {
      const c = collection(receiver);
      if (c.mode === 'list') fail('DLG4020', 'sortKey: this collection holds elements, not key-value pairs; use sort()');
      const sorted = sortedItems([...c.map], ascendingFlag(args), ([key]) => key);
      if (sorted) reorder(c.map, sorted);
      return null;
    },
  },
  {
    name: 'toCollection',
    area: 'collection',
    receiver: ['LIST', 'KEY-VALUE', 'COLLECTION', 'TEXT'],
    params: [],
    returns: 'COLLECTION',
    summary: 'A new collection holding the elements of a list or the pairs of a map (or a copy of a collection); a text is read as a map or list first (`"{company:Zoho}"`, as toMap reads it).',
    docs: `${COLLECTION_DOCS}/to-collection.html`,
    impl: (_ctx, given) => {
      // The page's <expression> is "the text that needs to be converted": read leniently, as toMap and toList do.
      const receiver = typeof given === 'string' ? collectionText(given) : given;
      if (!(receiver instanceof CollectionValue || receiver instanceof MapValue || receiver instanceof ListValue)) {
        return fail('DLG4004', `toCollection: the text is not a map or a list ({…} or […])`);
      }
      const c = new CollectionValue();
      if (receiver instanceof CollectionValue) {
        c.mode = receiver.mode;
        replaceItems(c.list, receiver.list);
        for (const [key, value] of receiver.map) c.map.set(key, value);
      } else if (receiver instanceof MapValue) {
        c.mode = 'map';
        for (const [key, value] of receiver.entries) c.map.set(key, value);
      } else {
        c.mode = 'list';
        replaceItems(c.list, (receiver as ListValue).items);
      }
      return c;
    },
  },
];

/**
 * The text of `toCollection`: a map or a list as toMap and toList read them, or braces around plain values (`"{company,
 * Zoho, product, Deluge}"`), which the page says "behaves like a list" ("If the text contains values, other than
 * key-value pairs"): read as the list of those values.
 */
function collectionText(text: string): Value {
  try {
    return parseJson(text, { lenient: true, source: 'toCollection' });
  } catch (error) {
    const braced = /^\s*\{([\s\S]*)\}\s*$/.exec(text);
    if (braced === null) throw error;
    try {
      return parseJson(`[${braced[1]!}]`, { lenient: true, source: 'toCollection' });
    } catch {
      throw error;
    }
  }
}
