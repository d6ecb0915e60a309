import { fail } from '../errors.js';
import { valuesEqual } from '../operators.js';
import { ListValue, MapValue, toMapKey, type MapKey, type Value } from '../values.js';
import type { BuiltinSpec } from './registry.js';

/**
 * The KEY-VALUE (map) functions of https://www.zoho.com/deluge/help/functions/map/…: keys are case-sensitive and
 * keep their insertion order; putting an existing key overwrites its value in place. (`getJSON`, `toMap` and
 * `toString` belong to the JSON and common areas.)
 */

const MAP_DOCS = 'https://www.zoho.com/deluge/help/functions/map';

const entries = (receiver: Value): Map<MapKey, Value> => (receiver as MapValue).entries;

/**
 * The stored key equal by Deluge's `==` to a NUMBER or DECIMAL key of another type — the NUMBER 1 for the DECIMAL 1.0
 * and back — or undefined. Only one value of the other type can be equal, so it is looked up directly, not searched
 * for among all the keys (which made a map of 30,000 number keys take seconds to build).
 */
function otherNumericKey(map: Map<MapKey, Value>, key: bigint | number): MapKey | undefined {
  let other: bigint | number | undefined;
  if (typeof key === 'bigint') {
    const asDouble = Number(key);
    if (BigInt(asDouble) === key) other = asDouble;
  } else if (Number.isInteger(key)) {
    other = BigInt(key);
  }
  return other !== undefined && map.has(other) ? other : undefined;
}

/** Whether a key is present, by Deluge's `==` (so the NUMBER key 1 is found by the DECIMAL 1.0). */
export function hasKey(map: Map<MapKey, Value>, key: Value): boolean {
  if (map.has(toMapKey(key))) return true;
  return (typeof key === 'bigint' || typeof key === 'number') && otherNumericKey(map, key) !== undefined;
}

/** The stored key equal to `key` (NUMBER 1 and DECIMAL 1.0 meet), or `key` itself as a map key. */
export function storedKey(map: Map<MapKey, Value>, key: Value): MapKey {
  const direct = toMapKey(key);
  if (map.has(direct) || (typeof key !== 'bigint' && typeof key !== 'number')) return direct;
  return otherNumericKey(map, key) ?? direct;
}

/** `hasKey` of a map as it is: a text key is looked up without making a map read from JSON into a Map. */
function containsKey(map: MapValue, key: Value): boolean {
  return map.has(toMapKey(key)) || ((typeof key === 'bigint' || typeof key === 'number') && hasKey(map.entries, key));
}

export function hasValue(map: Map<MapKey, Value>, value: Value): boolean {
  for (const existing of map.values()) if (valuesEqual(existing, value)) return true;
  return false;
}

export const MAP_BUILTINS: readonly BuiltinSpec[] = [
  {
    name: 'put',
    area: 'map',
    receiver: 'KEY-VALUE',
    form: 'method',
    params: [
      { name: 'key', type: 'ANY' },
      { name: 'value', type: 'ANY' },
    ],
    returns: 'VOID',
    mutates: true,
    summary: 'Adds a key-value pair; an existing key gets the new value and keeps its position.',
    docs: `${MAP_DOCS}/put.html`,
    impl: (_ctx, receiver, args) => {
      const map = entries(receiver);
      map.set(storedKey(map, args[0]!), args[1]!);
      return null;
    },
  },
  {
    name: 'putAll',
    area: 'map',
    receiver: 'KEY-VALUE',
    form: 'method',
    params: [{ name: 'map', type: 'KEY-VALUE' }],
    returns: 'VOID',
    mutates: true,
    summary: 'Adds every pair of another map; existing keys get the new values and keep their positions.',
    docs: `${MAP_DOCS}/putall.html`,
    impl: (_ctx, receiver, args) => {
      const other = args[0];
      if (other === null || other === undefined) return fail('DLG4005', 'putAll: the map argument is null');
      const map = entries(receiver);
      for (const [key, value] of [...(other as MapValue).entries]) map.set(storedKey(map, key), value);
      return null;
    },
  },
  {
    name: 'get',
    area: 'map',
    receiver: 'KEY-VALUE',
    params: [{ name: 'key', type: 'ANY' }],
    returns: 'ANY',
    summary: 'The value of a key (case-sensitive), or null when the key is absent.',
    docs: `${MAP_DOCS}/get.html`,
    impl: (_ctx, receiver, args) => {
      const key = args[0]!;
      // One lookup for the common case (a text key, as every response's fields are read); map values are never undefined.
      const found = (receiver as MapValue).lookup(toMapKey(key));
      if (found !== undefined || (typeof key !== 'bigint' && typeof key !== 'number')) return found ?? null;
      const map = entries(receiver);
      return map.get(storedKey(map, key)) ?? null;
    },
  },
  {
    name: 'keys',
    area: 'map',
    receiver: 'KEY-VALUE',
    params: [],
    returns: 'LIST',
    summary: 'A new list of the keys, in insertion order.',
    docs: `${MAP_DOCS}/keys.html`,
    impl: (_ctx, receiver) => new ListValue([...entries(receiver).keys()]),
  },
  {
    name: 'values',
    area: 'map',
    receiver: 'KEY-VALUE',
    params: [],
    returns: 'LIST',
    summary: 'A new list of the values, in key insertion order.',
    // No map page for values() was found; the collection page documents the same function.
    docs: 'https://www.zoho.com/deluge/help/functions/collection/values.html',
    impl: (_ctx, receiver) => new ListValue([...entries(receiver).values()]),
  },
  {
    name: 'containKey',
    aliases: ['containsKey'],
    area: 'map',
    receiver: 'KEY-VALUE',
    params: [{ name: 'key', type: 'ANY' }],
    returns: 'BOOLEAN',
    summary: 'True when the map has the key (case-sensitive).',
    docs: `${MAP_DOCS}/containkey.html`,
    impl: (_ctx, receiver, args) => containsKey(receiver as MapValue, args[0]!),
  },
  {
    name: 'containValue',
    aliases: ['containsValue'],
    area: 'map',
    receiver: 'KEY-VALUE',
    params: [{ name: 'value', type: 'ANY' }],
    returns: 'BOOLEAN',
    summary: 'True when some key has the value (text compared case-sensitively).',
    docs: `${MAP_DOCS}/containvalue.html`,
    impl: (_ctx, receiver, args) => hasValue(entries(receiver), args[0]!),
  },
  {
    name: 'notContains',
    area: 'map',
    receiver: 'KEY-VALUE',
    params: [{ name: 'key', type: 'ANY' }],
    returns: 'BOOLEAN',
    summary: 'True when the map does not have the key.',
    docs: 'https://www.zoho.com/deluge/help/functions/string/notcontains.html',
    impl: (_ctx, receiver, args) => !containsKey(receiver as MapValue, args[0]!),
  },
  {
    name: 'remove',
    area: 'map',
    receiver: 'KEY-VALUE',
    form: 'method',
    params: [{ name: 'key', type: 'ANY' }],
    returns: 'ANY',
    mutates: true,
    summary: 'Removes a key and its value (nothing if absent) and returns the removed value or null.',
    docs: `${MAP_DOCS}/remove.html`,
    impl: (_ctx, receiver, args) => {
      const map = entries(receiver);
      const key = storedKey(map, args[0]!);
      const removed = map.get(key) ?? null;
      map.delete(key);
      return removed;
    },
  },
  {
    name: 'clear',
    area: 'map',
    receiver: 'KEY-VALUE',
    form: 'method',
    params: [],
    returns: 'VOID',
    mutates: true,
    summary: 'Removes every key-value pair.',
    docs: `${MAP_DOCS}/clear.html`,
    impl: (_ctx, receiver) => {
      entries(receiver).clear();
      return null;
    },
  },
  {
    name: 'size',
    area: 'map',
    receiver: 'KEY-VALUE',
    params: [],
    returns: 'NUMBER',
    summary: 'The number of key-value pairs.',
    docs: `${MAP_DOCS}/size.html`,
    impl: (_ctx, receiver) => BigInt((receiver as MapValue).size),
  },
  {
    name: 'isEmpty',
    area: 'map',
    receiver: 'KEY-VALUE',
    params: [],
    returns: 'BOOLEAN',
    summary: 'True when the map has no key-value pairs.',
    docs: 'https://www.zoho.com/deluge/help/functions/collection/isempty.html',
    impl: (_ctx, receiver) => (receiver as MapValue).size === 0,
  },
];
