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

/**
 * An insertion-ordered map with case-sensitive keys; putting an existing key keeps its position.
 *
 * A map read from JSON starts as its values in an array beside keys it shares with the other objects of that response
 * that have the same keys (a {@link MapShape}), the way a JS engine shares hidden classes. Measured: a delete answer of
 * 100 records takes 36 KB instead of 55, a page of 200 records of 50 fields 297 KB instead of 754, and a run that reads
 * thousands of answers collects garbage less often. `lookup` and `size` read either form; `entries` turns it into a
 * Map for good when first asked for (everything that changes or walks a map goes through it).
 */
export class MapValue {
  private map: Map<MapKey, Value> | undefined;
  private shape: MapShape | undefined;
  private values: Value[] | undefined;

  constructor(entries?: Map<MapKey, Value>) {
    this.map = entries ?? new Map();
    this.shape = undefined;
    this.values = undefined;
  }

  /** A map of `shape`'s keys with these values (one per key, in order; the map keeps the array). */
  static ofShape(shape: MapShape, values: Value[]): MapValue {
    const map = new MapValue(NO_ENTRIES);
    map.map = undefined;
    map.shape = shape;
    map.values = values;
    return map;
  }

  /** The entries as a Map, to read, walk or change. */
  get entries(): Map<MapKey, Value> {
    return this.map ?? this.toMap();
  }

  /** The value of a key (compared as a Map compares keys), without making the Map. */
  lookup(key: MapKey): Value | undefined {
    if (this.map !== undefined) return this.map.get(key);
    const at = this.shape!.indexOf(key);
    return at < 0 ? undefined : this.values![at];
  }

  /** Whether the map has the key, as its Map's `has` says (the placeholders `deluge emit` records with say yes to all). */
  has(key: MapKey): boolean {
    return this.map !== undefined ? this.map.has(key) : this.shape!.indexOf(key) >= 0;
  }

  get size(): number {
    return this.map !== undefined ? this.map.size : this.values!.length;
  }

  /**
   * The shape of a map read from JSON that has not been turned into a Map (undefined once it has): a reader of many
   * maps of one shape (a response's records) finds a key's position once and reads each map's value with `valueAt`.
   */
  get keyShape(): MapShape | undefined {
    return this.shape;
  }

  /** The value at a position of the map's `keyShape` (only for a map that has one). */
  valueAt(position: number): Value {
    return this.values![position]!;
  }

  private toMap(): Map<MapKey, Value> {
    const keys = this.shape!.keys;
    const values = this.values!;
    const map = new Map<MapKey, Value>();
    for (let i = 0; i < values.length; i++) map.set(keys[i]!, values[i]!);
    this.map = map;
    this.shape = undefined;
    this.values = undefined;
    return map;
  }
}

/** Never changed: only passed to the constructor by `ofShape`, which replaces it at once. */
const NO_ENTRIES = new Map<MapKey, Value>();

/** The keys of JSON objects that have the same keys in the same order, none twice. */
export class MapShape {
  private index: Map<MapKey, number> | undefined;

  constructor(readonly keys: readonly string[]) {}

  /** Where `key` is among the keys; -1 when it is not one. */
  indexOf(key: MapKey): number {
    const keys = this.keys;
    // A few keys are found sooner by comparing than by hashing; a record of fifty fields has its own index.
    if (keys.length <= MapShape.SCANNED) {
      for (let i = 0; i < keys.length; i++) if (keys[i] === key) return i;
      return -1;
    }
    if (this.index === undefined) {
      this.index = new Map();
      for (let i = 0; i < keys.length; i++) this.index.set(keys[i]!, i);
    }
    return this.index.get(key) ?? -1;
  }

  private static readonly SCANNED = 8;
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
  /** `name` and `contentType` change with `setFileName` and `setFileType`; the bytes never change. */
  constructor(
    public name: string,
    public contentType: string,
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
