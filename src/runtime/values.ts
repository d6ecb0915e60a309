import { jsonText } from './text-form.js';

/**
 * Deluge runtime values. The JavaScript type says the Deluge type, so dispatch is a `typeof` away:
 *
 * | Deluge      | JavaScript                                   |
 * |-------------|----------------------------------------------|
 * | TEXT        | `string`                                     |
 * | NUMBER      | `bigint` (64-bit; record IDs never lose a digit) |
 * | DECIMAL     | `number` (an IEEE double, like Java's; see README "Semantics") |
 * | BOOLEAN     | `boolean`                                    |
 * | null        | `null`                                       |
 * | DATE-TIME   | {@link DateTimeValue}                        |
 * | LIST        | {@link ListValue}                            |
 * | KEY-VALUE   | {@link MapValue}                             |
 * | COLLECTION  | {@link CollectionValue}                      |
 * | FILE        | {@link FileValue}                            |
 * | error       | {@link ErrorValue} (the variable of a `catch`) |
 */
export type Value =
  | string
  | bigint
  | number
  | boolean
  | null
  | DateTimeValue
  | ListValue
  | MapValue
  | CollectionValue
  | FileValue
  | ErrorValue;

/** Deluge's names for its types, as its error messages spell them. */
export type TypeName =
  | 'TEXT'
  | 'NUMBER'
  | 'DECIMAL'
  | 'BOOLEAN'
  | 'NULL'
  | 'DATE-TIME'
  | 'LIST'
  | 'KEY-VALUE'
  | 'COLLECTION'
  | 'FILE'
  | 'ERROR';

/**
 * A point in time with the zone it is shown in. `dateOnly` values (`today`, `'01-Jan-2020'`) print without a
 * time; arithmetic on them keeps them date-only.
 */
export class DateTimeValue {
  constructor(
    /** Milliseconds since 1970-01-01T00:00:00Z. */
    readonly epochMs: number,
    /** IANA zone name, e.g. `America/Los_Angeles`. */
    readonly zone: string,
    readonly dateOnly: boolean = false,
  ) {}
}

/** An ordered list; `elementType` is set for typed lists (`List:String()`), which convert or reject elements. */
export class ListValue {
  constructor(
    readonly items: Value[] = [],
    readonly elementType?: ListElementType,
  ) {}
}

export type ListElementType = 'TEXT' | 'NUMBER' | 'DECIMAL' | 'BOOLEAN' | 'DATE-TIME';

/** Keys of a map: Deluge allows any type; we key by text, NUMBER or other scalars (JS Map compares these by value). */
export type MapKey = string | bigint | number | boolean | null;

/** An insertion-ordered map with case-sensitive keys; putting an existing key keeps its position. */
export class MapValue {
  constructor(readonly entries: Map<MapKey, Value> = new Map()) {}
}

/**
 * A collection is a list or a map decided by its first insert (`insert(v)` vs `insert(k : v)`); mixing the two is a
 * runtime error.
 */
export class CollectionValue {
  mode: 'empty' | 'list' | 'map' = 'empty';
  readonly list: Value[] = [];
  readonly map: Map<MapKey, Value> = new Map();
}

/** A file, as `invokeurl` returns with `response-format: FILE` and as multipart uploads take it. */
export class FileValue {
  /** The multipart part name `invokeurl`'s `files` sends it under (`file.setParamName("photo")`; default `file`). */
  paramName: string | undefined;
  constructor(
    readonly name: string,
    readonly contentType: string,
    readonly bytes: Uint8Array,
  ) {}
}

/** The value a `catch (e)` receives: the message and the line where the error happened. */
export class ErrorValue {
  constructor(
    readonly message: string,
    /** 1-based line of the statement that failed. */
    readonly lineNo: number,
  ) {}
}

/**
 * One object of each shape that values read from responses take, kept for the life of the process. V8 drops the
 * optimized code built for an object shape when the last object of that shape is collected: between two runs in one
 * process (tests, a server, the benches) every map and list of the first run may be gone, and the JSON reader, the
 * builtins and the accounting would be compiled again after each full collection.
 */
export const SHAPES_KEPT_ALIVE: readonly object[] = [new MapValue(), new ListValue()];

export function typeName(value: Value): TypeName {
  switch (typeof value) {
    case 'string':
      return 'TEXT';
    case 'bigint':
      return 'NUMBER';
    case 'number':
      return 'DECIMAL';
    case 'boolean':
      return 'BOOLEAN';
    default:
      if (value === null) return 'NULL';
      if (value instanceof ListValue) return 'LIST';
      if (value instanceof MapValue) return 'KEY-VALUE';
      if (value instanceof DateTimeValue) return 'DATE-TIME';
      if (value instanceof CollectionValue) return 'COLLECTION';
      if (value instanceof FileValue) return 'FILE';
      return 'ERROR';
  }
}

/** The smallest and largest NUMBER: Deluge's NUMBER is a 64-bit signed integer. */
export const NUMBER_MIN = -(2n ** 63n);
export const NUMBER_MAX = 2n ** 63n - 1n;

export function isNumeric(value: Value): value is bigint | number {
  return typeof value === 'bigint' || typeof value === 'number';
}

export function list(items: Value[] = []): ListValue {
  return new ListValue(items);
}

export function map(entries: Iterable<readonly [MapKey, Value]> = []): MapValue {
  return new MapValue(new Map(entries));
}

/** Map keys: a value usable as a JS Map key with Deluge's equality (text, NUMBER, DECIMAL, boolean by value). */
export function toMapKey(value: Value): MapKey {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof DateTimeValue) return `${value.epochMs}`;
  // Lists and maps as keys are rare; they are keyed by their JSON text (`{{"Creator","CRM"} : "Products"}`).
  return jsonText(value);
}
