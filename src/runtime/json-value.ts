import { textForm } from './text-form.js';
import { CollectionValue, ListValue, MapValue, type Value } from './values.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * A runtime value as plain JSON, for `deluge run --json`: maps become objects, lists arrays, a NUMBER a JSON
 * number when a double holds it exactly and a string otherwise (so record IDs stay exact), other values their
 * text form.
 */
export function toJsonValue(value: Value): JsonValue {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'bigint':
      return value >= -(2n ** 53n) + 1n && value <= 2n ** 53n - 1n ? Number(value) : value.toString();
    case 'number':
      return Number.isFinite(value) ? value : textForm(value);
    default:
      if (value === null) return null;
      if (value instanceof ListValue) return value.items.map(toJsonValue);
      if (value instanceof MapValue) return objectOf(value.entries);
      if (value instanceof CollectionValue) return value.mode === 'map' ? objectOf(value.map) : value.list.map(toJsonValue);
      return textForm(value);
  }
}

function objectOf(entries: Map<unknown, Value>): { [key: string]: JsonValue } {
  const out: { [key: string]: JsonValue } = {};
  for (const [k, v] of entries) out[k === null ? 'null' : textForm(k as Value)] = toJsonValue(v);
  return out;
}
