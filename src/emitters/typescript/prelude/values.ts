/**
 * The prelude of emitted TypeScript programs: Deluge's values, as the interpreter models them
 * (src/runtime/values.ts), in plain TypeScript. Each top-level declaration of the files in this folder is one
 * helper; `npm run ts-prelude` turns them into src/emitters/typescript/prelude.generated.ts, from which the
 * emitter copies only the helpers a script uses (and what they use). A line ending with `// when: Name` is kept
 * only when the helper `Name` is part of the program (a date-time branch is left out of a script without dates).
 */
import { jsonText } from './text-form.js';

/**
 * A Deluge value: TEXT is a string, NUMBER a 64-bit integer as a bigint (record IDs keep every digit), DECIMAL a
 * number, BOOLEAN a boolean; a LIST is an array and a KEY-VALUE map a Map, which keeps its keys in insertion order.
 */
export type Value =
  | string
  | bigint
  | number
  | boolean
  | null
  | DateTime // when: DateTime
  | Collection // when: Collection
  | DelugeFile // when: DelugeFile
  | CaughtError // when: CaughtError
  | Value[]
  | DelugeMap;

/** A key of a map: text, NUMBER (bigint), DECIMAL, boolean or null; JavaScript's Map compares these by value. */
export type MapKey = string | bigint | number | boolean | null;

/** A KEY-VALUE map: case-sensitive keys in insertion order (a JS object would move integer-like keys first). */
export type DelugeMap = Map<MapKey, Value>;

// Classes declare their fields rather than use parameter properties: a program must also run under type stripping
// (`node --experimental-strip-types`, which only erases types).

/** A runtime error of the script, as `deluge run` reports it: a code, and whether `try/catch` can catch it. */
export class DelugeError extends Error {
  readonly code: string;
  readonly catchable: boolean;
  constructor(code: string, message: string, catchable = true) {
    super(message);
    this.name = 'DelugeError';
    this.code = code;
    this.catchable = catchable;
  }
}

/** Throws a catchable runtime error. */
export function fail(code: string, message: string): never {
  throw new DelugeError(code, message);
}

/** A date-time: an instant and the zone it is shown in; `dateOnly` values (`today`, `'01-Jan-2024'`) print without a time. */
export class DateTime {
  readonly epochMs: number;
  readonly zone: string;
  readonly dateOnly: boolean;
  constructor(epochMs: number, zone: string, dateOnly = false) {
    this.epochMs = epochMs;
    this.zone = zone;
    this.dateOnly = dateOnly;
  }
}

/** A collection: a list or a map, decided by its first insert (`insert(v)` or `insert(k : v)`). */
export class Collection {
  mode: 'empty' | 'list' | 'map' = 'empty';
  readonly list: Value[] = [];
  readonly map: DelugeMap = new Map();
}

/** A `key : value` argument (`Collection("k" : 1)`, `c.insert("k" : v)`): a one-entry map the collection functions recognise. */
export class KeyValuePair extends Map<MapKey, Value> {}

/** A file (a multipart upload, or `invokeurl` with `response-format: FILE`). */
export class DelugeFile {
  /** The multipart part name it is sent under in `invokeurl`'s `files` (default `file`). */
  paramName: string | undefined;
  /** Changed by `setFileName` and `setFileType`. */
  name: string;
  contentType: string;
  readonly bytes: Uint8Array;
  constructor(name: string, contentType: string, bytes: Uint8Array) {
    this.name = name;
    this.contentType = contentType;
    this.bytes = bytes;
  }
}

/** The value a `catch (e)` receives: the error's message and the Deluge line where it happened. */
export class CaughtError {
  readonly message: string;
  readonly lineNo: number;
  constructor(message: string, lineNo: number) {
    this.message = message;
    this.lineNo = lineNo;
  }
}

/** The element type of typed lists (`List:String()`), which convert what is added to them. */
export const LIST_TYPES = new WeakMap<Value[], ElementType>();

export type ElementType = 'TEXT' | 'NUMBER' | 'DECIMAL' | 'BOOLEAN' | 'DATE-TIME';

/** Deluge's name of a value's type, as its error messages spell it. */
export function typeName(value: Value): string {
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
      if (Array.isArray(value)) return 'LIST';
      if (value instanceof Map) return 'KEY-VALUE';
      if (value instanceof DateTime) return 'DATE-TIME'; // when: DateTime
      if (value instanceof Collection) return 'COLLECTION'; // when: Collection
      if (value instanceof DelugeFile) return 'FILE'; // when: DelugeFile
      return 'ERROR';
  }
}

/** The smallest and largest NUMBER: Deluge's NUMBER is a 64-bit signed integer. */
export const NUMBER_MIN = -(2n ** 63n);
export const NUMBER_MAX = 2n ** 63n - 1n;

/** A map literal or constructor: `mapOf(["id", id], ["code", 1n])` keeps the entries in the order given. */
export function mapOf(...entries: [MapKey, Value][]): DelugeMap {
  return new Map(entries);
}

/** A value used as a map key: scalars as they are; a date-time by its instant, a list or map by its JSON text. */
export function mapKey(value: Value): MapKey {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof DateTime) return `${value.epochMs}`; // when: DateTime
  return jsonText(value);
}
