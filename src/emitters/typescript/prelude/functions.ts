/**
 * Deluge's builtin functions (src/runtime/builtins/): one helper per function name, taking the value it applies to
 * first — `list.get(0)` is `get(list, 0n)` — and doing what the function does for that value's type. `@builtin`
 * names the Deluge functions (and aliases) a helper implements.
 */
import { APPLIES_TO, PARAMETERS } from './config.js';
import { convertTo } from './conversions.js';
import { escapeJavaLiteral, expandJavaReplacement, PatternError, translateJavaRegex } from '../../../runtime/java-regex.js';
import { dateOf, formatDate, toDateTimeString } from './datetime-functions.js';
import { formDecode, formEncode } from '../../../runtime/form-encoding.js';
import { fold, indexOfIgnoreCase } from '../../../runtime/text-fold.js';
import { cutDecimal, cutWhole, fractionOf } from '../../../runtime/decimal-digits.js';
import { numberText } from '../../../runtime/number-format.js';
import { compilePattern } from '../../../runtime/date-patterns.js';
import { formatPattern, parseDateTimeText } from './datetime.js';
import { TIME_ZONE } from './config.js';
import { rangeProblem } from '../../../runtime/index-range.js';
import { base32Decoded, base32Text, base64Decoded, base64Text, type Charset, charsetNamed, decodeBytes, encodeText, utf8Bytes, utf8Text } from '../../../runtime/byte-codecs.js';
import { blankNameProblem, fileTypeOfName, fileTypeSet, mimeTypeOf } from '../../../runtime/file-types.js';
import { htmlDecoded, htmlEncoded, xmlDecoded, xmlEncoded } from '../../../runtime/html-entities.js';
import { percentileOf, rankOf } from '../../../runtime/ranks.js';
import { toWordsOf } from '../../../runtime/spellout.js';
import { toDegrees, toRadians } from '../../../runtime/angles.js';
import { parseJson } from './json.js';
import { checkedNumber, isEqual, isNumeric, sortOrder } from './operators.js';
import { textForm } from './text-form.js';
import { Collection, DateTime, DelugeError, DelugeFile, type ElementType, fail, KeyValuePair, LIST_TYPES, mapKey, typeName, type DelugeMap, type MapKey, type Value } from './values.js';

/** A function applied to a value it does not apply to (null: "Value is empty …"). */
export function cannotApply(name: string, receiver: Value): never {
  if (receiver === null) return fail('DLG4005', `Value is empty and '${name}' function cannot be applied`);
  const types = APPLIES_TO[name.toLowerCase()];
  return fail('DLG4006', `'${name}' cannot be applied to a value of type ${typeName(receiver)}${types ? ` (it applies to ${types})` : ''}`);
}

/**
 * The arguments of a builtin called in function form that takes fewer types so than as a method (`sort(list)`; a
 * collection is sorted only by `c.sort()`), checked after all are read: a value of another type is refused with the
 * types the function form takes, as deluge run refuses it. Null is the helper's to refuse.
 */
export function inFunctionForm<A extends Value[]>(name: string, types: string, ...args: A): A {
  const receiver = args[0];
  if (receiver === null || receiver === undefined) return args;
  const type = typeName(receiver);
  const taken = types.split(', ').some((t) => t === type || (t === 'NUMERIC' && (type === 'NUMBER' || type === 'DECIMAL')));
  return taken ? args : fail('DLG4006', `'${name}' cannot be applied to a value of type ${type} (it applies to ${types})`);
}

/** The value a function is applied to, which may not be null: Deluge's error names the function as written. */
export function present(receiver: Value, name: string): Value {
  return receiver === null ? fail('DLG4005', `Value is empty and '${name}' function cannot be applied`) : receiver;
}

/**
 * A builtin called in a form Deluge does not take it in (`x.ifnull(y)` for the function `ifnull(x, y)`, or
 * `add(list, x)` for the method `list.add(x)`): Deluge's own error, after the arguments are evaluated.
 */
export function notApplicable(name: string, message: string, receiver: Value, ...args: Value[]): never {
  void args;
  if (receiver === null) return fail('DLG4005', `Value is empty and '${name}' function cannot be applied`);
  return fail('DLG4006', message);
}

/**
 * A builtin's parameters as deluge run declares them: its name, and for each declaration (in deluge run's order) the
 * types of value it applies to (`on`; none for a function of no such value) and its parameters, [name, ...types] each.
 */
export interface BuiltinParameters {
  readonly name: string;
  readonly overloads: readonly { readonly on?: readonly string[]; readonly params: readonly (readonly string[])[] }[];
}

/**
 * A builtin's arguments, refused as deluge run refuses them before the function runs: each of a type its parameter
 * takes, with deluge run's error; null passes, for the function to decide. Each builtin's helper calls it first, with
 * its entry of PARAMETERS, the value the function applies to (when it has one) and the arguments: five values at
 * most, named rather than gathered in an array, as this runs at every call.
 */
export function checkArguments(builtin: BuiltinParameters | undefined, a: Value, b?: Value, c?: Value, d?: Value, e?: Value): void {
  if (builtin === undefined) return;
  for (let k = 0; k < builtin.overloads.length; k++) {
    const { on, params } = builtin.overloads[k]!;
    // The declaration for the value the function applies to; none for null or another type: the helper refuses it.
    if (on !== undefined && (a === null || !takes(on, 0, a))) continue;
    const first = on === undefined ? 0 : 1;
    for (let i = first; i < 5 && params.length > 0; i++) {
      const value = i === 0 ? a : i === 1 ? b : i === 2 ? c : i === 3 ? d : e;
      if (value === undefined) break;
      const param = params[Math.min(i - first, params.length - 1)]!;
      // `{}` is an empty list too where a list is taken, as scripts write it (`addBusinessDay(1, {"Sunday"}, {})`).
      if (value !== null && !takes(param, 1, value) && !(value instanceof Map && value.size === 0 && param.includes('LIST'))) {
        fail('DLG4007', `Argument type mismatch - Found '${typeName(value)}' but Expected '${param.slice(1).join(' or ')}' for the argument '${param[0]}' of '${builtin.name}'`);
      }
    }
    return;
  }
}

/** Whether a value is of one of `types` (from index `from`): NUMERIC is NUMBER or DECIMAL, ANY anything. */
function takes(types: readonly string[], from: number, value: Value): boolean {
  const type = typeName(value);
  for (let i = from; i < types.length; i++) {
    const t = types[i];
    if (t === type || t === 'ANY' || (t === 'NUMERIC' && (type === 'NUMBER' || type === 'DECIMAL'))) return true;
  }
  return false;
}

/**
 * A builtin called by another name than its helper's (an alias: `"x".find(…)`, `d.day()`, `subText`; its own name in
 * other letters: `"x".CONTAINS(1)`): the helper words errors after the function's own name (`indexOf: …`, `… of
 * 'indexOf'`), and deluge run's name the function as the script wrote it: a refused argument always, the function's
 * own errors when the name is another one (not only in other letters).
 */
export function asCalled<A extends Value[]>(calledAs: string, name: string, helper: (...args: A) => Value, ...args: A): Value {
  try {
    return helper(...args);
  } catch (error) {
    if (error instanceof DelugeError) {
      const argument = ` of '${name}'`;
      const refused = new RegExp(`^'${name}' cannot be applied to a value of type ([A-Z-]+)`).exec(error.message);
      const types = APPLIES_TO[calledAs.toLowerCase()];
      if (error.code === 'DLG4007' && error.message.endsWith(argument)) error.message = `${error.message.slice(0, -argument.length)} of '${calledAs}'`;
      // A value of a type the helper does not take: deluge run names the alias, and the types the alias applies to
      // (`containsKey` takes a collection, `containKey` does not; `find` takes text, `indexOf` a list too).
      else if (error.code === 'DLG4006' && refused) error.message = `'${calledAs}' cannot be applied to a value of type ${refused[1]}${types ? ` (it applies to ${types})` : ''}`;
      else if (error.code === 'DLG4005' && error.message === `Value is empty and '${name}' function cannot be applied`) error.message = `Value is empty and '${calledAs}' function cannot be applied`;
      else if (error.message.startsWith(`${name}:`) && calledAs.toLowerCase() !== name.toLowerCase()) error.message = calledAs + error.message.slice(name.length);
    }
    throw error;
  }
}

/**
 * A list argument: `{}` is an empty map, but scripts also write it for an empty list (`l.addAll({})`), and deluge
 * run takes an empty map as an empty list where a parameter takes a list and not a map; null and other values as they are.
 */
export function listArgument(value: Value): Value {
  return value instanceof Map && value.size === 0 ? [] : value;
}

/** A NUMBER argument as an index, checked against a size. */
export function checkedIndex(fn: string, index: Value, size: number): number {
  if (index === null) return fail('DLG4005', `${fn}: the index is null`);
  if (typeof index !== 'bigint') return fail('DLG4007', `Argument type mismatch - Found '${typeName(index)}' but Expected 'NUMBER' for the argument 'index' of '${fn}'`);
  if (index >= BigInt(size)) fail('DLG4003', `Given index ${index} is greater than the list size`);
  if (index < 0n) fail('DLG4003', `${fn}: the index ${index} is out of range for a list of size ${size}`);
  return Number(index);
}

/** The index of a collection of elements: a NUMBER (null is refused as null). */
export function collectionIndex(fn: string, collection: Collection, key: Value): number {
  if (key !== null && typeof key !== 'bigint') return fail('DLG4001', `${fn}: a collection of elements is indexed by a NUMBER, not by a value of type ${typeName(key)}`);
  return checkedIndex(fn, key, collection.list.length);
}

/** The stored key equal to `key` (NUMBER 1 and DECIMAL 1.0 meet), or the key itself. */
export function storedKey(map: DelugeMap, key: Value): MapKey {
  const direct = mapKey(key);
  if (map.has(direct) || !isNumeric(key)) return direct;
  for (const existing of map.keys()) if (isEqual(existing, key)) return existing;
  return direct;
}

/** A TEXT argument, refused as deluge run refuses it: null (named by `what`) or a value of another type. */
export function textArgument(fn: string, value: Value, param = 'searchText', what = 'search text'): string {
  if (typeof value === 'string') return value;
  if (value === null) return fail('DLG4005', `${fn}: the ${what} is null`);
  return fail('DLG4007', `Argument type mismatch - Found '${typeName(value)}' but Expected 'TEXT' for the argument '${param}' of '${fn}'`);
}

/** A NUMBER argument as a JS number, refused as deluge run refuses it: null (named by `what`) or a value of another type. */
export function intArgument(fn: string, value: Value, param: string, what: string): number {
  if (typeof value === 'bigint') return Number(value);
  if (value === null) return fail('DLG4005', `${fn}: the ${what} is null`);
  return fail('DLG4007', `Argument type mismatch - Found '${typeName(value)}' but Expected 'NUMBER' for the argument '${param}' of '${fn}'`);
}

// ── Lists, maps and collections ───────────────────────────────────────────────────────────────────────────

/** @builtin get — a list's element at an index, a map's value for a key (null when absent), a collection's either. */
export function get(receiver: Value, key: Value): Value {
  checkArguments(PARAMETERS.get, receiver, key);
  if (Array.isArray(receiver)) return receiver[checkedIndex('get', key, receiver.length)] ?? null;
  if (receiver instanceof Map) return receiver.get(storedKey(receiver, key)) ?? null;
  if (receiver instanceof Collection) return receiver.mode === 'list' || (receiver.mode === 'empty' && typeof key === 'bigint') ? (receiver.list[collectionIndex('get', receiver, key)] ?? null) : (receiver.map.get(storedKey(receiver.map, key)) ?? null); // when: Collection
  return cannotApply('get', receiver);
}

/** @builtin getAsString — a list's (or a collection's, or a comma-separated text's) element at an index, as text; null stays null. */
export function getAsString(receiver: Value, index: Value): Value {
  checkArguments(PARAMETERS.getasstring, receiver, index);
  let list: Value[];
  if (Array.isArray(receiver)) list = receiver;
  else if (typeof receiver === 'string') list = receiver.split(',');
  else if (receiver instanceof Collection) list = receiver.mode === 'map' ? [...receiver.map.values()] : receiver.list; // when: Collection
  else return cannotApply('getAsString', receiver);
  const element = list[checkedIndex('getAsString', index, list.length)]!;
  return element === null ? null : textForm(element);
}

/** @builtin put — adds a key and value to a map (an existing key keeps its position). */
export function put(receiver: Value, key: Value, value: Value): null {
  if (!(receiver instanceof Map)) return cannotApply('put', receiver);
  receiver.set(storedKey(receiver, key), value);
  return null;
}

/** @builtin putAll — adds every key and value of another map. */
export function putAll(receiver: Value, other: Value): null {
  checkArguments(PARAMETERS.putall, receiver, other);
  if (!(receiver instanceof Map)) return cannotApply('putAll', receiver);
  if (!(other instanceof Map)) return fail('DLG4005', 'putAll: the map argument is null');
  for (const [key, value] of [...other]) receiver.set(storedKey(receiver, key), value);
  return null;
}

/** @builtin keys — a new list of a map's keys in insertion order. */
export function keys(receiver: Value): Value {
  if (receiver instanceof Map) return [...receiver.keys()];
  if (receiver instanceof Collection) return receiver.mode === 'map' ? [...receiver.map.keys()] : [...receiver.list]; // when: Collection
  return cannotApply('keys', receiver);
}

/** @builtin values — a new list of a map's values. */
export function values(receiver: Value): Value {
  if (receiver instanceof Map) return [...receiver.values()];
  if (receiver instanceof Collection) return receiver.mode === 'map' ? [...receiver.map.values()] : [...receiver.list]; // when: Collection
  return cannotApply('values', receiver);
}

/** @builtin containKey containsKey — whether a map has a key. */
export function containKey(receiver: Value, key: Value): Value {
  if (receiver instanceof Map) return receiver.has(storedKey(receiver, key));
  if (receiver instanceof Collection) return receiver.mode === 'map' ? receiver.map.has(storedKey(receiver.map, key)) : typeof key === 'bigint' && key >= 0n && key < BigInt(receiver.list.length); // when: Collection
  return cannotApply('containKey', receiver);
}

/** @builtin containValue containsValue — whether some key of a map has the value. */
export function containValue(receiver: Value, value: Value): Value {
  if (receiver instanceof Map) return [...receiver.values()].some((item) => isEqual(item, value));
  if (receiver instanceof Collection) return (receiver.mode === 'map' ? [...receiver.map.values()] : receiver.list).some((item) => isEqual(item, value)); // when: Collection
  return cannotApply('containValue', receiver);
}

/** @builtin size — the number of elements of a list, of keys of a map. */
export function size(receiver: Value): Value {
  if (Array.isArray(receiver)) return BigInt(receiver.length);
  if (receiver instanceof Map) return BigInt(receiver.size);
  if (receiver instanceof Collection) return BigInt(receiver.mode === 'map' ? receiver.map.size : receiver.list.length); // when: Collection
  return cannotApply('size', receiver);
}

/** @builtin isValidObject — false for null and empty values (`""`, an empty list, map or collection), else true. */
export function isValidObject(receiver: Value): Value {
  return !isEmpty(receiver);
}

/** @builtin isEmpty — whether a list, map or text has nothing in it (null is empty too). */
export function isEmpty(receiver: Value): Value {
  if (receiver === null) return true;
  if (typeof receiver === 'string') return receiver === '';
  if (Array.isArray(receiver)) return receiver.length === 0;
  if (receiver instanceof Map) return receiver.size === 0;
  if (receiver instanceof Collection) return receiver.list.length === 0 && receiver.map.size === 0; // when: Collection
  return false;
}

/** @builtin add — appends an element to a list (a typed list converts it). */
export function add(receiver: Value, element: Value): null {
  if (!Array.isArray(receiver)) return cannotApply('add', receiver);
  return append(receiver, element, 'add');
}

/** Appends an element to a list, converted when the list is typed: an error names `fn` (`add`, `addAll`). */
export function append(list: Value[], element: Value, fn: string): null {
  const type = LIST_TYPES.get(list); // when: LIST_TYPES
  if (type !== undefined) element = typedElement(element, type, fn); // when: LIST_TYPES
  list.push(element);
  return null;
}

/** @builtin addAll — appends every element of another list. */
export function addAll(receiver: Value, other: Value): null {
  checkArguments(PARAMETERS.addall, receiver, other);
  if (!Array.isArray(receiver)) return cannotApply('addAll', receiver);
  other = listArgument(other);
  if (!Array.isArray(other)) return fail('DLG4005', 'addAll: the list argument is null');
  for (const element of [...other]) append(receiver, element, 'addAll');
  return null;
}

/** @builtin contains — a list holding an element, a text holding a text. */
export function contains(receiver: Value, element: Value): Value {
  checkArguments(PARAMETERS.contains, receiver, element);
  if (typeof receiver === 'string') return receiver.includes(textArgument('contains', element));
  if (Array.isArray(receiver)) return receiver.some((item) => isEqual(item, element));
  return cannotApply('contains', receiver);
}

/** @builtin notContains — a text or list without the value, a map without the key, a collection without the value. */
export function notContains(receiver: Value, element: Value): Value {
  if (receiver instanceof Map) return !receiver.has(storedKey(receiver, element));
  if (receiver instanceof Collection) return receiver.mode === 'map' ? !receiver.map.has(storedKey(receiver.map, element)) : !receiver.list.some((item) => isEqual(item, element)); // when: Collection
  if (typeof receiver === 'string') {
    // Zoho documents "Any datatype" for the search value: another value is searched for in its text form.
    if (element === null) return fail('DLG4005', 'notContains: the search value is null');
    return !receiver.includes(textForm(element));
  }
  return !contains(receiver, element);
}

/** @builtin indexOf find — the index of an element in a list, or of a text in a text; -1 when absent. */
export function indexOf(receiver: Value, element: Value): Value {
  checkArguments(PARAMETERS.indexof, receiver, element);
  if (typeof receiver === 'string') return BigInt(receiver.indexOf(textArgument('indexOf', element)));
  if (Array.isArray(receiver)) return BigInt(receiver.findIndex((item) => isEqual(item, element)));
  return cannotApply('indexOf', receiver);
}

/** @builtin lastIndexOf — the index of the last occurrence; -1 when absent. */
export function lastIndexOf(receiver: Value, element: Value): Value {
  checkArguments(PARAMETERS.lastindexof, receiver, element);
  if (typeof receiver === 'string') return BigInt(receiver.lastIndexOf(textArgument('lastIndexOf', element)));
  if (Array.isArray(receiver)) {
    for (let i = receiver.length - 1; i >= 0; i--) if (isEqual(receiver[i] ?? null, element)) return BigInt(i);
    return -1n;
  }
  return cannotApply('lastIndexOf', receiver);
}

/** @builtin remove — a list's element at an index (returned), a map's key (its value returned), every occurrence in a text. */
export function remove(receiver: Value, key: Value): Value {
  checkArguments(PARAMETERS.remove, receiver, key);
  if (Array.isArray(receiver)) return receiver.splice(checkedIndex('remove', key, receiver.length), 1)[0] ?? null;
  if (receiver instanceof Map) {
    const stored = storedKey(receiver, key);
    const removed = receiver.get(stored) ?? null;
    receiver.delete(stored);
    return removed;
  }
  if (typeof receiver === 'string') {
    const search = textArgument('remove', key);
    return search === '' ? receiver : receiver.split(search).join('');
  }
  return cannotApply('remove', receiver);
}

/** @builtin removeElement — removes the first element equal to the value. */
export function removeElement(receiver: Value, element: Value): null {
  if (!Array.isArray(receiver)) return cannotApply('removeElement', receiver);
  // A typed list refuses a value of another type (https://www.zoho.com/deluge/help/functions/list/removeelement.html).
  const type = LIST_TYPES.get(receiver); // when: LIST_TYPES
  if (type !== undefined && element !== null && typeName(element) !== type) fail('DLG4001', `removeElement: a value of type ${typeName(element)} cannot be removed from a list of ${type}`); // when: LIST_TYPES
  const index = receiver.findIndex((item) => isEqual(item, element));
  if (index >= 0) receiver.splice(index, 1);
  return null;
}

/** @builtin clear — removes everything from a list, map or collection (a collection keeps its kind). */
export function clear(receiver: Value): null {
  if (Array.isArray(receiver)) receiver.length = 0;
  else if (receiver instanceof Map) receiver.clear();
  else if (receiver instanceof Collection) clearCollection(receiver); // when: Collection
  else cannotApply('clear', receiver);
  return null;
}

/** Empties a collection; it keeps its kind. */
export function clearCollection(c: Collection): void {
  c.list.length = 0;
  c.map.clear();
}

/** The elements without repeats (`1` and `1.0` are the same element), each at its first occurrence. */
export function distinctItems(items: Value[]): Value[] {
  const result: Value[] = [];
  for (const item of items) if (!result.some((kept) => isEqual(kept, item))) result.push(item);
  return result;
}

/** @builtin distinct — a new list without repeated elements (of a collection: its elements or values). */
export function distinct(receiver: Value): Value {
  if (receiver instanceof Collection) return distinctItems(elementsOrValues(receiver)); // when: Collection
  if (!Array.isArray(receiver)) return cannotApply('distinct', receiver);
  return distinctItems(receiver);
}

/** @builtin sort — sorts a list in place (descending with `false`) and returns it, null when its elements cannot be ordered; sorts a collection's elements, or its pairs by value. */
export function sort(receiver: Value, ascending: Value = true): Value {
  checkArguments(PARAMETERS.sort, receiver, ascending);
  if (receiver instanceof Collection) return sortCollection(receiver, ascending !== false, false); // when: Collection
  if (!Array.isArray(receiver)) return cannotApply('sort', receiver);
  const sorted = sortedItems(receiver, ascending !== false, (item) => item);
  if (sorted === undefined) return null;
  replaceItems(receiver, sorted);
  return receiver;
}

/**
 * The items in order (stable), or undefined when two of them cannot be ordered — Zoho's "if the list contains
 * elements of different data types, the function will return null". NUMBER and DECIMAL order together.
 */
export function sortedItems<T>(items: readonly T[], ascending: boolean, valueOf: (item: T) => Value): T[] | undefined {
  if (items.length < 2) return [...items];
  const first = valueOf(items[0]!);
  if (items.some((item) => sortOrder(first, valueOf(item)) === undefined)) return undefined;
  const direction = ascending ? 1 : -1;
  return [...items].sort((a, b) => direction * sortOrder(valueOf(a), valueOf(b))!);
}

/** Puts `replacement` in place of the elements of `target` (a loop: spreading a long list as arguments overflows the stack). */
export function replaceItems(target: Value[], replacement: readonly Value[]): void {
  target.length = replacement.length;
  for (let i = 0; i < replacement.length; i++) target[i] = replacement[i]!;
}

/** @builtin subList — a new list of the elements from start (inclusive) to end (exclusive). */
export function subList(receiver: Value, start: Value, end?: Value): Value {
  checkArguments(PARAMETERS.sublist, receiver, start, end);
  if (!Array.isArray(receiver)) return cannotApply('subList', receiver);
  const from = intArgument('subList', start, 'start', 'start index');
  // Only an end left out means the end of the list: an end given as null is refused, as deluge run refuses it.
  const to = end === undefined ? receiver.length : intArgument('subList', end, 'end', 'end index');
  const problem = rangeProblem('subList', from, to, receiver.length, 'list');
  if (problem !== undefined) fail('DLG4003', problem);
  return receiver.slice(from, to);
}

/** The numbers of a list (numeric text counts) for the aggregates. */
export function numbersOf(fn: string, receiver: Value): (bigint | number)[] {
  const items = Array.isArray(receiver) ? receiver : receiver instanceof Collection ? (receiver.mode === 'map' ? [...receiver.map.values()] : receiver.list) : cannotApply(fn, receiver);
  return items.map((item) => {
    if (isNumeric(item)) return item;
    if (typeof item === 'string' && /^[-+]?\d+$/.test(item.trim())) return BigInt(item.trim());
    if (typeof item === 'string' && item.trim() !== '' && Number.isFinite(Number(item))) return Number(item);
    if (item === null) return fail('DLG4005', `${fn}: the list holds a null element`);
    return fail('DLG4001', `${fn}: the element${typeof item === 'string' ? ` "${item}"` : ''} of type ${typeName(item)} is not a number`);
  });
}

/** @builtin largest — the largest of a list of numbers; null for an empty list. */
export function largest(receiver: Value): Value {
  const numbers = numbersOf('largest', receiver);
  return numbers.reduce<bigint | number | null>((max, n) => (max === null || n > max ? n : max), null);
}

/** @builtin smallest — the smallest of a list of numbers; null for an empty list. */
export function smallest(receiver: Value): Value {
  const numbers = numbersOf('smallest', receiver);
  return numbers.reduce<bigint | number | null>((min, n) => (min === null || n < min ? n : min), null);
}

/** @builtin average — the mean of a list of numbers, as a DECIMAL; null for an empty list. */
export function average(receiver: Value): Value {
  const numbers = numbersOf('average', receiver);
  return numbers.length === 0 ? null : numbers.reduce<number>((sum, n) => sum + Number(n), 0) / numbers.length;
}

/** @builtin insert — adds elements (`insert(v)`) or key-value pairs (`insert(k : v)`) to a collection. */
export function insert(receiver: Value, ...items: Value[]): null {
  if (!(receiver instanceof Collection)) return cannotApply('insert', receiver);
  insertItems('insert', receiver, items);
  return null;
}

/** Adds elements, or the pairs of `k : v` arguments, to a collection: the other kind than it holds is DLG4020. */
export function insertItems(fn: string, c: Collection, items: readonly Value[]): void {
  for (const item of items) {
    if (item instanceof KeyValuePair) insertPairs(fn, c, item);
    else {
      requireMode(fn, c, 'list');
      c.list.push(item);
    }
  }
}

/** Adds key-value pairs to a collection (an existing key keeps its position). */
export function insertPairs(fn: string, c: Collection, pairs: Iterable<readonly [MapKey, Value]>): void {
  for (const [key, value] of [...pairs]) {
    requireMode(fn, c, 'map');
    c.map.set(storedKey(c.map, key), value);
  }
}

/** Fixes the kind of an empty collection, or fails when the collection already holds the other kind. */
export function requireMode(fn: string, c: Collection, mode: 'list' | 'map'): void {
  if (c.mode === 'empty') c.mode = mode;
  else if (c.mode !== mode) fail('DLG4020', mode === 'map' ? `${fn}: this collection holds elements, so a key-value pair cannot be added to it` : `${fn}: this collection holds key-value pairs, so an element cannot be added to it`);
}

/** The elements of a collection of elements, or the values of a collection of pairs. */
export function elementsOrValues(c: Collection): Value[] {
  return c.mode === 'map' ? [...c.map.values()] : c.list;
}

/** Whether a collection works by index for this key: it holds elements, or it is empty and the key is a NUMBER. */
export function byIndex(c: Collection, key: Value): boolean {
  return c.mode === 'list' || (c.mode === 'empty' && typeof key === 'bigint');
}

/** The receiver of a collection-only function. */
export function collectionOf(fn: string, receiver: Value): Collection {
  return receiver instanceof Collection ? receiver : cannotApply(fn, receiver);
}

/** @builtin insertAll — adds every element of a list, or every pair of a map (or of another collection). */
export function insertAll(receiver: Value, values: Value): null {
  checkArguments(PARAMETERS.insertall, receiver, values);
  const c = collectionOf('insertAll', receiver);
  if (values === null) return fail('DLG4005', 'insertAll: the argument is null');
  if (values instanceof Map) insertPairs('insertAll', c, values);
  else if (values instanceof Collection) {
    if (values.mode === 'map') insertPairs('insertAll', c, values.map);
    else insertItems('insertAll', c, [...values.list]);
  } else insertItems('insertAll', c, [...(values as Value[])]);
  return null;
}

/** @builtin update — replaces the element at an index (which must exist), or sets the value of a key (added if new). */
export function update(receiver: Value, key: Value, value: Value): null {
  const c = collectionOf('update', receiver);
  if (byIndex(c, key)) c.list[collectionIndex('update', c, key)] = value;
  else insertPairs('update', c, [[storedKey(c.map, key), value]]);
  return null;
}

/** Key (pairs) or index (elements) of the first or last value equal to `value`; null / -1 when absent. */
export function keyOfValue(c: Collection, value: Value, last: boolean): Value {
  if (c.mode !== 'map') {
    let found = -1;
    for (let i = 0; i < c.list.length && (last || found < 0); i++) if (isEqual(c.list[i]!, value)) found = i;
    return BigInt(found);
  }
  let found: MapKey | undefined;
  for (const [key, item] of c.map) {
    if (!isEqual(item, value)) continue;
    found = key;
    if (!last) break;
  }
  return found === undefined ? null : found;
}

/** @builtin delete — deletes the first element equal to the value, or the first pair holding the value. */
export function delete_(receiver: Value, value: Value): null {
  const c = collectionOf('delete', receiver);
  const key = keyOfValue(c, value, false);
  if (c.mode === 'map') {
    if (key !== null) c.map.delete(key as MapKey);
  } else if (key !== -1n) c.list.splice(Number(key), 1);
  return null;
}

/** @builtin deleteAll — deletes every element, or every pair, whose value is in the list. */
export function deleteAll(receiver: Value, values: Value): null {
  checkArguments(PARAMETERS.deleteall, receiver, values);
  const c = collectionOf('deleteAll', receiver);
  values = listArgument(values);
  if (!Array.isArray(values)) return fail('DLG4005', 'deleteAll: the list argument is null');
  const removed = (item: Value): boolean => values.some((v) => isEqual(v, item));
  if (c.mode === 'map') {
    for (const [key, value] of [...c.map]) if (removed(value)) c.map.delete(key);
  } else replaceItems(c.list, c.list.filter((item) => !removed(item)));
  return null;
}

/** @builtin deleteKey — deletes a key and its value (nothing if absent), or the element at an index (which must exist). */
export function deleteKey(receiver: Value, key: Value): null {
  const c = collectionOf('deleteKey', receiver);
  if (byIndex(c, key)) c.list.splice(collectionIndex('deleteKey', c, key), 1);
  else c.map.delete(storedKey(c.map, key));
  return null;
}

/** @builtin deleteKeys — deletes several keys with their values, or the elements at several indexes (of the collection as it was). */
export function deleteKeys(receiver: Value, keys: Value): null {
  checkArguments(PARAMETERS.deletekeys, receiver, keys);
  const c = collectionOf('deleteKeys', receiver);
  keys = listArgument(keys);
  if (!Array.isArray(keys)) return fail('DLG4005', 'deleteKeys: the list argument is null');
  if (c.mode === 'map') {
    for (const key of keys) c.map.delete(storedKey(c.map, key));
    return null;
  }
  // Indexes refer to the collection before any deletion: delete from the back.
  const indexes = [...new Set(keys.map((key) => collectionIndex('deleteKeys', c, key)))].sort((a, b) => b - a);
  for (const index of indexes) c.list.splice(index, 1);
  return null;
}

/** @builtin duplicate — a list of a collection's elements from start (inclusive, default 0) to end (exclusive, default the end). */
export function duplicate(receiver: Value, start?: Value, end?: Value): Value {
  checkArguments(PARAMETERS.duplicate, receiver, start, end);
  const c = collectionOf('duplicate', receiver);
  if (c.mode === 'map') fail('DLG4020', 'duplicate: this collection holds key-value pairs; duplicate copies a collection of elements');
  const size = c.list.length;
  const from = start === undefined ? 0 : intArgument('duplicate', start, 'start', 'start index');
  const to = end === undefined ? size : intArgument('duplicate', end, 'end', 'end index');
  const problem = rangeProblem('duplicate', from, to, size, 'collection');
  if (problem !== undefined) fail('DLG4003', problem);
  return c.list.slice(from, to);
}

/** @builtin getKey — the key of the first pair holding the value (null if none), or the index of the first equal element (-1 if none). */
export function getKey(receiver: Value, value: Value): Value {
  return keyOfValue(collectionOf('getKey', receiver), value, false);
}

/** @builtin getLastKey — the key of the last pair holding the value (null if none), or the index of the last equal element (-1 if none). */
export function getLastKey(receiver: Value, value: Value): Value {
  return keyOfValue(collectionOf('getLastKey', receiver), value, true);
}

/** `intersect` of a collection: its elements (or values) also in the other collection or list. */
export function collectionIntersect(c: Collection, other: Value): Value {
  if (other === null) return fail('DLG4005', 'intersect: the argument is null');
  other = listArgument(other);
  const otherItems = other instanceof Collection ? elementsOrValues(other) : Array.isArray(other) ? other : cannotApply('intersect', other);
  return elementsOrValues(c).filter((item) => otherItems.some((o) => isEqual(o, item)));
}

/** `sort` and `sortKey` of a collection: elements, or pairs by value or key, in place; unchanged when they cannot be ordered together. */
export function sortCollection(c: Collection, ascending: boolean, byKey: boolean): null {
  if (c.mode === 'map') {
    const sorted = sortedItems([...c.map], ascending, ([key, value]) => (byKey ? key : value));
    if (sorted === undefined) return null;
    c.map.clear();
    for (const [key, value] of sorted) c.map.set(key, value);
  } else {
    const sorted = sortedItems(c.list, ascending, (item) => item);
    if (sorted !== undefined) replaceItems(c.list, sorted);
  }
  return null;
}

/** @builtin sortKey — sorts a collection's pairs by key in place (descending with `false`). */
export function sortKey(receiver: Value, ascending: Value = true): null {
  checkArguments(PARAMETERS.sortkey, receiver, ascending);
  const c = collectionOf('sortKey', receiver);
  if (c.mode === 'list') fail('DLG4020', 'sortKey: this collection holds elements, not key-value pairs; use sort()');
  return sortCollection(c, ascending !== false, true);
}

/** The text of toCollection: JSON read leniently, else braces around plain values as the list of them. */
function collectionText(text: string): Value {
  try {
    return parseJson(text, 'toCollection', true);
  } catch (error) {
    const braced = /^\s*\{([\s\S]*)\}\s*$/.exec(text);
    if (braced === null) throw error;
    try {
      return parseJson(`[${braced[1]!}]`, 'toCollection', true);
    } catch {
      throw error;
    }
  }
}

/**
 * @builtin toCollection — a new collection of a list's elements or a map's pairs (a copy of a collection); a text is read
 * as JSON first, braces around plain values (`"{company, Zoho}"`) as a list of them (the page: "behaves like a list").
 */
export function toCollection(receiver: Value): Value {
  const value = typeof receiver === 'string' ? collectionText(receiver) : receiver;
  if (!(value instanceof Collection || value instanceof Map || Array.isArray(value))) {
    if (typeof receiver === 'string') return fail('DLG4004', 'toCollection: the text is not a map or a list ({…} or […])');
    return cannotApply('toCollection', receiver);
  }
  const c = new Collection();
  if (value instanceof Collection) {
    c.mode = value.mode;
    replaceItems(c.list, value.list);
    for (const [key, item] of value.map) c.map.set(key, item);
  } else if (value instanceof Map) {
    c.mode = 'map';
    for (const [key, item] of value) c.map.set(key, item);
  } else {
    c.mode = 'list';
    replaceItems(c.list, value);
  }
  return c;
}

/** `Collection(…)`: plain arguments make a collection of elements, `k : v` arguments one of pairs. */
export function newCollection(...items: Value[]): Collection {
  const collection = new Collection();
  insert(collection, ...items);
  return collection;
}

/** `k : v` in `Collection(…)` and `insert(…)`. */
export function keyValue(key: Value, value: Value): KeyValuePair {
  return new KeyValuePair([[mapKey(key), value]]);
}

/**
 * A value as it enters a typed list (`List:Int()`, …): converted as a declared type is, but a DECIMAL list takes a
 * date-time as its epoch milliseconds and a BOOLEAN list takes `'True'`/`'False'` in any case, as deluge run does.
 */
export function typedElement(value: Value, type: ElementType, where: string): Value {
  if (type === 'DECIMAL' && value instanceof DateTime) return value.epochMs; // when: DateTime
  if (type === 'BOOLEAN' && typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  return convertTo(value, type, where);
}

/** `List()`, `List(list)`, `List("a,b")`, `List:String()`: a new list (a typed one converts its elements). */
export function newList(type: 'TEXT' | 'NUMBER' | 'DECIMAL' | 'BOOLEAN' | 'DATE-TIME' | null, ...args: Value[]): Value[] {
  const list: Value[] = [];
  if (type !== null) LIST_TYPES.set(list, type); // when: LIST_TYPES
  for (const arg of args) {
    const items = Array.isArray(arg) ? arg : typeof arg === 'string' ? arg.split(',') : [arg];
    for (const item of items) list.push(type === null ? item : typedElement(item, type, 'List'));
  }
  return list;
}

/** `Map()` or `Map(map)`: a new map (a copy of the given one). */
export function newMap(initial: Value = null): DelugeMap {
  return new Map(initial instanceof Map ? initial : []);
}

// ── Text ──────────────────────────────────────────────────────────────────────────────────────────────────

/** The receiver of a text function. */
export function textOf(fn: string, receiver: Value): string {
  return typeof receiver === 'string' ? receiver : cannotApply(fn, receiver);
}

/** @builtin trim — the text without leading and trailing spaces (and control characters, as Java's trim). */
export function trim(receiver: Value): Value {
  return textOf('trim', receiver).replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
}

/** @builtin htmlEncode — HTML 4's named references for what HTML 4 names; an apostrophe stays. */
export function htmlEncode(receiver: Value): Value {
  return htmlEncoded(textOf('htmlEncode', receiver));
}

/** @builtin htmlDecode — HTML 4 named and numeric references read. */
export function htmlDecode(receiver: Value): Value {
  return htmlDecoded(textOf('htmlDecode', receiver));
}

/** @builtin xmlEncode — `& < > " '` as XML's five named references. */
export function xmlEncode(receiver: Value): Value {
  return xmlEncoded(textOf('xmlEncode', receiver));
}

/** @builtin xmlDecode — XML's five named references and numeric ones read. */
export function xmlDecode(receiver: Value): Value {
  return xmlDecoded(textOf('xmlDecode', receiver));
}

/** @builtin toLowerCase lower — the text in lower case. */
export function toLowerCase(receiver: Value): Value {
  return textOf('toLowerCase', receiver).toLowerCase();
}

/** @builtin toUpperCase upper — the text in upper case. */
export function toUpperCase(receiver: Value): Value {
  return textOf('toUpperCase', receiver).toUpperCase();
}

/** @builtin length len — the number of characters (UTF-16 code units, as in Java). */
export function length(receiver: Value): Value {
  return BigInt(textOf('length', receiver).length);
}

/** @builtin subString subText mid — the characters from start (inclusive) to end (exclusive, or the end). */
export function subString(receiver: Value, start: Value, end?: Value): Value {
  checkArguments(PARAMETERS.substring, receiver, start, end);
  const s = textOf('subString', receiver);
  const from = intArgument('subString', start, 'startIndex', 'start index');
  // Only an end left out (or negative) means the end of the text: an end given as null is refused, as deluge run refuses it.
  const to = end === undefined ? -1 : intArgument('subString', end, 'endIndex', 'end index');
  if (from < 0) fail('DLG4003', `subString: the start index ${from} is negative`);
  if (from > s.length) fail('DLG4003', `subString: the start index ${from} is past the end of the text (length ${s.length})`);
  if (to < 0) return s.slice(from);
  if (to > s.length) fail('DLG4003', `subString: the end index ${to} is past the end of the text (length ${s.length})`);
  if (to < from) fail('DLG4003', `subString: the end index ${to} is before the start index ${from}`);
  return s.slice(from, to);
}

/** @builtin getPrefix — the text before the first occurrence of the search text, or null. */
export function getPrefix(receiver: Value, search: Value): Value {
  checkArguments(PARAMETERS.getprefix, receiver, search);
  const s = textOf('getPrefix', receiver);
  const at = s.indexOf(textArgument('getPrefix', search));
  return at < 0 ? null : s.slice(0, at);
}

/** @builtin getSuffix — the text after the first occurrence of the search text, or null. */
export function getSuffix(receiver: Value, search: Value): Value {
  checkArguments(PARAMETERS.getsuffix, receiver, search);
  const s = textOf('getSuffix', receiver);
  const found = textArgument('getSuffix', search);
  const at = s.indexOf(found);
  return at < 0 ? null : s.slice(at + found.length);
}

/** @builtin getPrefixIgnoreCase — the text before the first occurrence of the search text, ignoring case, or null. */
export function getPrefixIgnoreCase(receiver: Value, search: Value): Value {
  checkArguments(PARAMETERS.getprefixignorecase, receiver, search);
  const s = textOf('getPrefixIgnoreCase', receiver);
  const at = indexOfIgnoreCase(s, textArgument('getPrefixIgnoreCase', search));
  return at < 0 ? null : s.slice(0, at);
}

/** @builtin getSuffixIgnoreCase — the text after the first occurrence of the search text, ignoring case, or null. */
export function getSuffixIgnoreCase(receiver: Value, search: Value): Value {
  checkArguments(PARAMETERS.getsuffixignorecase, receiver, search);
  const s = textOf('getSuffixIgnoreCase', receiver);
  const found = textArgument('getSuffixIgnoreCase', search);
  const at = indexOfIgnoreCase(s, found);
  return at < 0 ? null : s.slice(at + found.length);
}

/** @builtin startsWith — whether the text starts with the search text. */
export function startsWith(receiver: Value, search: Value): Value {
  checkArguments(PARAMETERS.startswith, receiver, search);
  return textOf('startsWith', receiver).startsWith(textArgument('startsWith', search));
}

/** @builtin endsWith — whether the text ends with the search text. */
export function endsWith(receiver: Value, search: Value): Value {
  checkArguments(PARAMETERS.endswith, receiver, search);
  return textOf('endsWith', receiver).endsWith(textArgument('endsWith', search));
}

/** @builtin equalsIgnoreCase — whether two texts are equal, ignoring case. */
export function equalsIgnoreCase(receiver: Value, other: Value): Value {
  checkArguments(PARAMETERS.equalsignorecase, receiver, other);
  const s = textOf('equalsIgnoreCase', receiver);
  return typeof other === 'string' && other.length === s.length && fold(other) === fold(s);
}

/** @builtin containsIgnoreCase — whether the text contains the search text, ignoring case. */
export function containsIgnoreCase(receiver: Value, search: Value): Value {
  checkArguments(PARAMETERS.containsignorecase, receiver, search);
  return indexOfIgnoreCase(textOf('containsIgnoreCase', receiver), textArgument('containsIgnoreCase', search)) >= 0;
}

/** @builtin toList — splits the text at each occurrence of the separator; of a list, a new list of its elements (as deluge run decides). */
export function toList(receiver: Value, separator: Value = null): Value {
  checkArguments(PARAMETERS.tolist, receiver, separator);
  if (Array.isArray(receiver)) return [...receiver];
  const s = textOf('toList', receiver);
  if (typeof separator !== 'string' || separator === '') return [s];
  return s.split(separator);
}

/** @builtin toListString — comma-separated text as a list of texts; of a list, a new list of its elements as text (null stays null). */
export function toListString(receiver: Value): Value {
  let list: Value[];
  if (Array.isArray(receiver)) list = receiver.map((item) => (item === null ? null : textForm(item)));
  else {
    const s = textOf('toListString', receiver);
    list = s === '' ? [] : s.split(',');
  }
  LIST_TYPES.set(list, 'TEXT');
  return list;
}

/** @builtin proper — the first letter of each word in upper case, the others in lower case. */
export function proper(receiver: Value): Value {
  return textOf('proper', receiver).replace(/\S+/g, (word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase());
}

/** @builtin leftpad — the text padded on the left with spaces to a length. */
export function leftpad(receiver: Value, n: Value): Value {
  checkArguments(PARAMETERS.leftpad, receiver, n);
  return textOf('leftpad', receiver).padStart(Math.max(intArgument('leftpad', n, 'length', 'length'), 0), ' ');
}

/** @builtin rightpad — the text padded on the right with spaces to a length. */
export function rightpad(receiver: Value, n: Value): Value {
  checkArguments(PARAMETERS.rightpad, receiver, n);
  return textOf('rightpad', receiver).padEnd(Math.max(intArgument('rightpad', n, 'length', 'length'), 0), ' ');
}

/** @builtin concat — the text followed by another. */
export function concat(receiver: Value, other: Value): Value {
  checkArguments(PARAMETERS.concat, receiver, other);
  return textOf('concat', receiver) + (typeof other === 'string' ? other : '');
}

/** @builtin left — the first n characters. */
export function left(receiver: Value, n: Value): Value {
  checkArguments(PARAMETERS.left, receiver, n);
  const s = textOf('left', receiver);
  const count = intArgument('left', n, 'count', 'count');
  if (count > s.length) fail('DLG4003', `left: ${count} characters were asked for, but the text has ${s.length}`);
  return count < 0 ? s : s.slice(0, count);
}

/** @builtin right — the last n characters. */
export function right(receiver: Value, n: Value): Value {
  checkArguments(PARAMETERS.right, receiver, n);
  const s = textOf('right', receiver);
  const count = intArgument('right', n, 'count', 'count');
  if (count < 0) fail('DLG4003', `right: the count ${count} is negative`);
  if (count > s.length) fail('DLG4003', `right: ${count} characters were asked for, but the text has ${s.length}`);
  return s.slice(s.length - count);
}

/** A Java regular expression as a JavaScript one, translated as deluge run does; what Java would refuse is DLG4021. */
export function javaRegex(fn: string, pattern: string, flags: string, whole = false): RegExp {
  try {
    const translated = translateJavaRegex(pattern);
    const source = whole ? `(?<![\\s\\S])(?:${translated.source})(?![\\s\\S])` : translated.source;
    // `(?i)` in the pattern and an IgnoreCase function both ask for `i`: a flag given twice is a SyntaxError.
    return new RegExp(source, [...new Set(translated.flags + flags)].join(''));
  } catch (e) {
    const why = e instanceof PatternError ? e.message : 'it is not a valid regular expression';
    return fail('DLG4021', `${fn}: the pattern "${pattern}" cannot be used: ${why}`);
  }
}

/** Java's replacement text for one match: `$n`, `${name}`, a backslash taking the next character literally. */
export function replacement(fn: string, text: string, match: RegExpExecArray): string {
  try {
    return expandJavaReplacement(text, match);
  } catch (e) {
    return e instanceof PatternError ? fail('DLG4021', `${fn}: ${e.message}`) : fail('DLG4021', `${fn}: ${String(e)}`);
  }
}

/** @builtin replaceAll — replaces every match of a (Java) regular expression; literal text when the last argument is true. */
export function replaceAll(receiver: Value, search: Value, replaceWith: Value, literal: Value = false): Value {
  checkArguments(PARAMETERS.replaceall, receiver, search, replaceWith, literal);
  return replaceMatches('replaceAll', receiver, search, replaceWith, literal, true);
}

/** @builtin replaceFirst — replaces the first match of a (Java) regular expression. */
export function replaceFirst(receiver: Value, search: Value, replaceWith: Value, literal: Value = false): Value {
  checkArguments(PARAMETERS.replacefirst, receiver, search, replaceWith, literal);
  return replaceMatches('replaceFirst', receiver, search, replaceWith, literal, false);
}

/** @builtin replaceAllIgnoreCase — replaces every match of a (Java) regular expression, ignoring case. */
export function replaceAllIgnoreCase(receiver: Value, search: Value, replaceWith: Value, literal: Value = false): Value {
  checkArguments(PARAMETERS.replaceallignorecase, receiver, search, replaceWith, literal);
  return replaceMatches('replaceAllIgnoreCase', receiver, search, replaceWith, literal, true, true);
}

/** @builtin replaceFirstIgnoreCase — replaces the first match of a (Java) regular expression, ignoring case. */
export function replaceFirstIgnoreCase(receiver: Value, search: Value, replaceWith: Value, literal: Value = false): Value {
  checkArguments(PARAMETERS.replacefirstignorecase, receiver, search, replaceWith, literal);
  return replaceMatches('replaceFirstIgnoreCase', receiver, search, replaceWith, literal, false, true);
}

export function replaceMatches(fn: string, receiver: Value, search: Value, replaceWith: Value, literal: Value, all: boolean, ignoreCase = false): Value {
  const s = textOf(fn, receiver);
  // In deluge run's order: the search text, the replacement, the flag, then the pattern.
  const pattern = textArgument(fn, search);
  const replaceText = textArgument(fn, replaceWith, 'replacementText', 'replacement text');
  if (typeof literal === 'string' && !/^(true|false)$/i.test(literal)) fail('DLG4018', `${fn}: the last argument must be true or false, not "${literal}"`);
  const isLiteral = literal === true || (typeof literal === 'string' && literal.toLowerCase() === 'true');
  const regex = javaRegex(fn, isLiteral ? escapeJavaLiteral(pattern) : pattern, ignoreCase ? 'gi' : 'g');
  let out = '';
  let last = 0;
  for (const match of s.matchAll(regex)) {
    out += s.slice(last, match.index) + (isLiteral ? replaceText : replacement(fn, replaceText, match));
    last = match.index + match[0].length;
    if (!all) break;
  }
  return out + s.slice(last);
}

/** @builtin matches — whether the whole text matches a (Java) regular expression. */
export function matches(receiver: Value, pattern: Value): Value {
  checkArguments(PARAMETERS.matches, receiver, pattern);
  return javaRegex('matches', textArgument('matches', pattern, 'regex', 'regular expression'), '', true).test(textOf('matches', receiver));
}

/** @builtin reverse — the text backwards; any other value is reversed as its text. */
export function reverse(receiver: Value): Value {
  if (receiver === null) return textOf('reverse', receiver);
  return [...textForm(receiver)].reverse().join('');
}

/** @builtin repeat — the text repeated n times. */
export function repeat(receiver: Value, n: Value): Value {
  checkArguments(PARAMETERS.repeat, receiver, n);
  return textOf('repeat', receiver).repeat(Math.max(intArgument('repeat', n, 'repeatCount', 'repeat count'), 0));
}

// ── Common functions, numbers, JSON ───────────────────────────────────────────────────────────────────────

/** @builtin toString toText — the value as text (a date-time, epoch milliseconds or date-time text with an optional pattern and zone). */
export function toString(receiver: Value, pattern: Value = null, zone: Value = null): Value {
  checkArguments(PARAMETERS.tostring, receiver, pattern, zone);
  if (receiver === null) return fail('DLG4005', "Value is empty and 'toString' function cannot be applied");
  if (receiver instanceof DateTime) return formatDate(receiver, pattern, zone); // when: DateTime
  const formatted = pattern !== null || zone !== null;
  if (formatted && (typeof receiver === 'bigint' || typeof receiver === 'string')) return toDateTimeString(typeof receiver === 'string' ? dateOf(receiver, 'toString') : receiver, pattern, zone); // when: toDateTimeString
  // Only date-times, epoch milliseconds and date-time text take a pattern, as deluge run says.
  if (formatted) fail('DLG4007', `'toString' takes 0 arguments but was given ${zone !== null ? 2 : 1}`);
  return textForm(receiver);
}

/**
 * @builtin text — a number (or text that is one) with a DecimalFormat pattern, a date-time (or text that is one) with a
 * date pattern, as deluge run formats them (src/runtime/number-format.ts).
 */
export function formatAsText(receiver: Value, format: Value): Value {
  checkArguments(PARAMETERS.text, receiver, format);
  if (receiver === null) return fail('DLG4005', "Value is empty and 'text' function cannot be applied");
  if (!(typeof receiver === 'bigint' || typeof receiver === 'number' || typeof receiver === 'string' || receiver instanceof DateTime)) return cannotApply('text', receiver);
  const pattern = textForm(format);
  const asNumber = numberText(receiver, pattern);
  if (asNumber !== undefined) return 'text' in asNumber ? asNumber.text : fail(asNumber.code, asNumber.message);
  const date = receiver instanceof DateTime ? receiver : typeof receiver === 'string' ? parseDateTimeText(receiver, TIME_ZONE) : undefined;
  if (!(date instanceof DateTime)) return fail('DLG4015', `text: ${typeof receiver === 'string' ? `"${receiver}" is not a valid date-time` : `a ${typeName(receiver)} cannot be formatted with "${pattern}"`}`);
  const tokens = compilePattern(pattern);
  if (typeof tokens === 'string') return fail('DLG4018', `text: the format "${pattern}" cannot be used: ${tokens}`);
  return formatPattern(date, pattern);
}

/** @builtin isNull — true for null and the empty text. */
export function isNull(receiver: Value): Value {
  return receiver === null || receiver === '';
}

/** @builtin isBlank — true for null, blank text and empty lists and maps. */
export function isBlank(receiver: Value): Value {
  return typeof receiver === 'string' ? receiver.trim() === '' : isEmpty(receiver);
}

/** @builtin ifnull — the value, or the fallback when the value is null. */
export function ifnull(value: Value, fallback: Value): Value {
  return value === null ? fallback : value;
}

/** @builtin isNumber — true for numbers and numeric text. */
export function isNumber(receiver: Value): Value {
  if (isNumeric(receiver)) return true;
  if (typeof receiver === 'string') return /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(receiver.trim());
  return Array.isArray(receiver) || receiver instanceof Map ? null : false;
}

/** @builtin isText — true for text that is not a number. */
export function isText(receiver: Value): Value {
  if (typeof receiver === 'string') return receiver.trim() === '' || isNumber(receiver) === false;
  return typeof receiver === 'boolean' || Array.isArray(receiver) || receiver instanceof Map ? null : false;
}

/** @builtin equals — Deluge's `==` as a function, for values of the same type (`1.equals(1.0)` is false). */
export function equals(receiver: Value, other: Value): Value {
  if (receiver === null) return cannotApply('equals', receiver);
  return typeName(receiver) === typeName(other) && isEqual(receiver, other);
}

/** The decimal places of round and truncate: a NUMBER (a DECIMAL is truncated); none given, or null, is 0. */
export function placesOf(fn: string, places: Value): number {
  if (places === null) return 0;
  const n = Math.trunc(Number(numericArgument(fn, places, 'decimalPlaces')));
  if (!Number.isFinite(n) || Math.abs(n) > 400) fail('DLG4018', `${fn}: ${String(places)} decimal places is out of range`);
  return n;
}

/** @builtin round — rounds half away from zero to decimal places (default 0), on the decimal the value prints as. */
export function round(receiver: Value, places: Value = null): Value {
  checkArguments(PARAMETERS.round, receiver, places);
  if (!isNumeric(receiver)) return cannotApply('round', receiver);
  const digits = placesOf('round', places);
  return typeof receiver === 'bigint' ? checkedNumber(cutWhole(receiver, digits, true)) : cutDecimal(receiver, digits, true);
}

/** @builtin truncate — cuts off the digits after decimal places (negative: tens, hundreds …) without rounding. */
export function truncate(receiver: Value, places: Value): Value {
  checkArguments(PARAMETERS.truncate, receiver, places);
  if (!isNumeric(receiver)) return cannotApply('truncate', receiver);
  const digits = placesOf('truncate', places);
  return typeof receiver === 'bigint' ? checkedNumber(cutWhole(receiver, digits, false)) : cutDecimal(receiver, digits, false);
}

/** @builtin frac — the fractional part as the value prints, with its sign (0 for a NUMBER). */
export function frac(receiver: Value): Value {
  if (typeof receiver === 'bigint') return 0;
  return fractionOf(numberOf('frac', receiver));
}

/** @builtin abs — the absolute value. */
export function abs(receiver: Value): Value {
  if (typeof receiver === 'bigint') return checkedNumber(receiver < 0n ? -receiver : receiver);
  if (typeof receiver === 'number') return Math.abs(receiver);
  return cannotApply('abs', receiver);
}

/** @builtin ceil — the smallest whole number not below the value, as a NUMBER. */
export function ceil(receiver: Value): Value {
  if (typeof receiver === 'bigint') return receiver;
  if (typeof receiver === 'number') return checkedNumber(BigInt(Math.ceil(receiver)));
  return cannotApply('ceil', receiver);
}

/** @builtin floor — the largest whole number not above the value, as a NUMBER. */
export function floor(receiver: Value): Value {
  if (typeof receiver === 'bigint') return receiver;
  if (typeof receiver === 'number') return checkedNumber(BigInt(Math.floor(receiver)));
  return cannotApply('floor', receiver);
}

/** @builtin isEven — whether a NUMBER is even. */
export function isEven(receiver: Value): Value {
  return typeof receiver === 'bigint' ? receiver % 2n === 0n : cannotApply('isEven', receiver);
}

/** @builtin isOdd — whether a NUMBER is odd. */
export function isOdd(receiver: Value): Value {
  return typeof receiver === 'bigint' ? receiver % 2n !== 0n : cannotApply('isOdd', receiver);
}

/** @builtin toMap — a JSON object text as a map, keys in the order written (a map is returned as it is). */
export function toMap(receiver: Value): Value {
  if (receiver instanceof Map) return receiver;
  const value = parseJson(textOf('toMap', receiver), 'toMap', true);
  return value instanceof Map ? value : fail('DLG4016', "toMap: the text is not a JSON object (it must start with '{')");
}

/** @builtin getJSON — the value of a key in a JSON object text or a map (null when missing). */
export function getJSON(receiver: Value, key: Value): Value {
  if (receiver === null) return fail('DLG4005', "Value is empty and 'getJSON' function cannot be applied");
  const map = receiver instanceof Map ? receiver : parseJson(textOf('getJSON', receiver), 'getJSON', true);
  if (!(map instanceof Map)) return fail('DLG4016', "getJSON: the text is not a JSON object (it must start with '{')");
  return map.get(key === null || typeof key !== 'object' ? key : textForm(key)) ?? (key === null ? null : (map.get(textForm(key)) ?? null));
}

/** @builtin toJSONList — a JSON array text as a list. */
export function toJSONList(receiver: Value): Value {
  if (Array.isArray(receiver)) return receiver;
  const value = parseJson(textOf('toJSONList', receiver), 'toJSONList', true);
  return Array.isArray(value) ? value : fail('DLG4016', "toJSONList: the text is not a JSON array (it must start with '[')");
}

// ── Encoding ──────────────────────────────────────────────────────────────────────────────────────────────

/** @builtin encodeUrl — the text form-encoded (a space is `+`), as Java's URLEncoder does. */
export function encodeUrl(receiver: Value): Value {
  return formEncode(textOf('encodeUrl', receiver));
}

/** @builtin zoho.encryption.urlEncode urlEncode — like encodeUrl, but a space is `%20`; a value that is not text gives null. */
export function urlEncode(text: Value): Value {
  return typeof text === 'string' ? formEncode(text).replace(/\+/g, '%20') : null;
}

/**
 * @builtin zoho.encryption.urlDecode urlDecode — percent-encoded text decoded as Java's URLDecoder does (`+` is a space,
 * bytes that are not UTF-8 become U+FFFD); a broken escape is an error; a value that is not text gives null.
 */
export function urlDecode(text: Value): Value {
  if (typeof text !== 'string') return null;
  const decoded = formDecode(text);
  if (typeof decoded === 'string') return decoded;
  return fail('DLG4018', `zoho.encryption.urlDecode: "${text.slice(decoded.brokenEscapeAt, decoded.brokenEscapeAt + 3)}" is not a valid %-escape`);
}

/** The bytes a function works on: a file's content, or a value's text in a charset (UTF-8 unless one is given). */
export function bytesOf(value: Value, charset: Charset = 'utf8'): Uint8Array {
  if (value instanceof DelugeFile) return value.bytes; // when: DelugeFile
  return encodeText(textForm(value), charset);
}

/** A charset argument of zoho.encryption (null: UTF-8). */
export function charsetOf(value: Value, fn: string): Charset {
  if (value === null) return 'utf8';
  return charsetNamed(textForm(value)) ?? fail('DLG4018', `${fn}: the charset "${textForm(value)}" is not supported (use UTF-8, UTF-16LE, UTF-16BE or ISO-8859-1)`);
}

/** Java's Base64 decoder: the standard alphabet, padding optional; anything else is an error. */
export function base64Bytes(text: string, fn: string): Uint8Array {
  return base64Decoded(text) ?? fail('DLG4018', `${fn}: the text is not valid Base64`);
}

/** @builtin zoho.encryption.base64Encode base64Encode — Base64 of a text's bytes (UTF-8 unless a charset is given) or of a file's content (null for null). */
export function base64Encode(value: Value, charset: Value = null): Value {
  checkArguments(PARAMETERS['zoho.encryption.base64encode'], value, charset);
  if (value === null) return null;
  return base64Text(bytesOf(value, charsetOf(charset, 'zoho.encryption.base64Encode')));
}

/** @builtin zoho.encryption.base64Decode base64Decode — Base64 decoded to text (read as UTF-8 unless a charset is given; null for null). */
export function base64Decode(text: Value, charset: Value = null): Value {
  checkArguments(PARAMETERS['zoho.encryption.base64decode'], text, charset);
  if (text === null) return null;
  const fn = 'zoho.encryption.base64Decode';
  return decodeBytes(base64Bytes(textForm(text), fn), charsetOf(charset, fn));
}

/** @builtin zoho.encryption.base32Encode — Base32 (RFC 4648, padded with `=`) of a text's UTF-8 bytes or of a file's content (null for null). */
export function base32Encode(value: Value): Value {
  return value === null ? null : base32Text(bytesOf(value));
}

/** @builtin zoho.encryption.base32Decode — Base32 decoded to UTF-8 text (null for null). */
export function base32Decode(text: Value): Value {
  if (text === null) return null;
  return utf8Text(base32Decoded(textForm(text)) ?? fail('DLG4018', 'zoho.encryption.base32Decode: the text is not valid Base32'));
}

/** @builtin zoho.encryption.base64DecodeToFile — Base64 decoded into a file with the given name (null for null). */
export function base64DecodeToFile(text: Value, fileName: Value = null): Value {
  checkArguments(PARAMETERS['zoho.encryption.base64decodetofile'], text, fileName);
  if (text === null) return null;
  const bytes = base64Bytes(textForm(text), 'zoho.encryption.base64DecodeToFile');
  return new DelugeFile(fileName === null ? 'file' : textForm(fileName), 'application/octet-stream', bytes);
}

/** @builtin setParamName — the multipart part name the file is sent under in `files` (default `file`). */
export function setParamName(file: Value, name: Value): Value {
  checkArguments(PARAMETERS.setparamname, file, name);
  if (!(file instanceof DelugeFile)) return fail('DLG4001', `setParamName applies to a file, not ${typeName(file)}`);
  file.paramName = textForm(name);
  return null;
}

/** @builtin isFile — true for a file. */
export function isFile(value: Value): Value {
  return value instanceof DelugeFile;
}

/** @builtin getFileName — the file's name, extension included. */
export function getFileName(file: Value): Value {
  return file instanceof DelugeFile ? file.name : cannotApply('getFileName', file);
}

/** @builtin getFileSize — the file's size in bytes, as TEXT (the type Zoho's page gives). */
export function getFileSize(file: Value): Value {
  return file instanceof DelugeFile ? String(file.bytes.length) : cannotApply('getFileSize', file);
}

/** @builtin getFileType — the file's MIME type, lower case and without parameters. */
export function getFileType(file: Value): Value {
  return file instanceof DelugeFile ? mimeTypeOf(file.contentType) : cannotApply('getFileType', file);
}

/** @builtin getFileContent — the file's content read as UTF-8. */
export function getFileContent(file: Value): Value {
  return file instanceof DelugeFile ? utf8Text(file.bytes) : cannotApply('getFileContent', file);
}

/** @builtin setFileName — renames the file. */
export function setFileName(file: Value, name: Value): Value {
  checkArguments(PARAMETERS.setfilename, file, name);
  if (!(file instanceof DelugeFile)) return cannotApply('setFileName', file);
  const given = name === null ? '' : textForm(name);
  const problem = blankNameProblem('setFileName', given);
  if (problem !== undefined) fail('DLG4001', problem);
  file.name = given;
  return null;
}

/** @builtin setFileType — the type the file is sent as: a MIME type, or an extension standing for one. */
export function setFileType(file: Value, type: Value): Value {
  checkArguments(PARAMETERS.setfiletype, file, type);
  if (!(file instanceof DelugeFile)) return cannotApply('setFileType', file);
  const set = fileTypeSet(type === null ? '' : textForm(type));
  file.contentType = 'type' in set ? set.type : fail('DLG4001', set.problem);
  return null;
}

/** @builtin toFile — a file holding the value's text in UTF-8, its type from the name's extension. */
export function toFile(value: Value, fileName: Value): Value {
  checkArguments(PARAMETERS.tofile, value, fileName);
  let applies = typeof value === 'string' || Array.isArray(value) || value instanceof Map;
  if (value instanceof Collection) applies = true; // when: Collection
  if (!applies) return cannotApply('toFile', value);
  const name = fileName === null ? '' : textForm(fileName);
  const problem = blankNameProblem('toFile', name);
  if (problem !== undefined) fail('DLG4001', problem);
  return new DelugeFile(name, fileTypeOfName(name), utf8Bytes(textForm(value)));
}

/** @builtin getOccurenceCount getOccurrenceCount — how many times the search text occurs (non-overlapping). */
export function getOccurenceCount(receiver: Value, search: Value): Value {
  checkArguments(PARAMETERS.getoccurencecount, receiver, search);
  const s = textOf('getOccurenceCount', receiver);
  const found = textArgument('getOccurenceCount', search);
  if (found === '') return 0n;
  return BigInt(s.split(found).length - 1);
}

// ── Less common text, list and number functions ───────────────────────────────────────────────────────────

/** @builtin startsWithIgnoreCase — whether the text starts with the search text, ignoring case. */
export function startsWithIgnoreCase(receiver: Value, search: Value): Value {
  checkArguments(PARAMETERS.startswithignorecase, receiver, search);
  const s = textOf('startsWithIgnoreCase', receiver);
  const found = textArgument('startsWithIgnoreCase', search);
  return found.length <= s.length && fold(s.slice(0, found.length)) === fold(found);
}

/** @builtin endsWithIgnoreCase — whether the text ends with the search text, ignoring case. */
export function endsWithIgnoreCase(receiver: Value, search: Value): Value {
  checkArguments(PARAMETERS.endswithignorecase, receiver, search);
  const s = textOf('endsWithIgnoreCase', receiver);
  const found = textArgument('endsWithIgnoreCase', search);
  return found.length <= s.length && fold(s.slice(s.length - found.length)) === fold(found);
}

/** @builtin ltrim — the text without leading spaces. */
export function ltrim(receiver: Value): Value {
  return textOf('ltrim', receiver).replace(/^[\u0000-\u0020]+/, '');
}

/** @builtin rtrim — the text without trailing spaces. */
export function rtrim(receiver: Value): Value {
  return textOf('rtrim', receiver).replace(/[\u0000-\u0020]+$/, '');
}

/** @builtin isAscii — whether every character is ASCII. */
export function isAscii(receiver: Value): Value {
  return /^[\x00-\x7F]*$/.test(textOf('isAscii', receiver));
}

/** @builtin removeFirstOccurence removeFirstOccurrence — the text without the first occurrence of the search text. */
export function removeFirstOccurence(receiver: Value, search: Value): Value {
  checkArguments(PARAMETERS.removefirstoccurence, receiver, search);
  const s = textOf('removeFirstOccurence', receiver);
  const found = textArgument('removeFirstOccurence', search);
  const at = s.indexOf(found);
  return at < 0 || found === '' ? s : s.slice(0, at) + s.slice(at + found.length);
}

/** @builtin removeLastOccurence removeLastOccurrence — the text without the last occurrence of the search text. */
export function removeLastOccurence(receiver: Value, search: Value): Value {
  checkArguments(PARAMETERS.removelastoccurence, receiver, search);
  const s = textOf('removeLastOccurence', receiver);
  const found = textArgument('removeLastOccurence', search);
  const at = s.lastIndexOf(found);
  return at < 0 || found === '' ? s : s.slice(0, at) + s.slice(at + found.length);
}

/** @builtin getAlpha — only the letters of the text. */
export function getAlpha(receiver: Value): Value {
  return textOf('getAlpha', receiver).replace(/[^\p{L}]/gu, '');
}

/** @builtin getAlphaNumeric — only the letters and digits of the text. */
export function getAlphaNumeric(receiver: Value): Value {
  return textOf('getAlphaNumeric', receiver).replace(/[^\p{L}\p{Nd}]/gu, '');
}

/** @builtin removeAllAlpha — the text without its letters. */
export function removeAllAlpha(receiver: Value): Value {
  return textOf('removeAllAlpha', receiver).replace(/\p{L}/gu, '');
}

/** @builtin removeAllAlphaNumeric — the text without its letters and digits. */
export function removeAllAlphaNumeric(receiver: Value): Value {
  return textOf('removeAllAlphaNumeric', receiver).replace(/[\p{L}\p{Nd}]/gu, '');
}

/** @builtin textToHex — the UTF-8 bytes of the text as lower-case hexadecimal. */
export function textToHex(receiver: Value): Value {
  return [...new TextEncoder().encode(textOf('textToHex', receiver))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** @builtin hexToText — hexadecimal (UTF-8 bytes) decoded to text. */
export function hexToText(receiver: Value): Value {
  const hex = textOf('hexToText', receiver);
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) fail('DLG4004', `hexToText: "${hex.length > 40 ? `${hex.slice(0, 40)}…` : hex}" is not hexadecimal text`);
  return new TextDecoder().decode(Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16)));
}

/** @builtin intersect — a new list of the elements also in the other list. */
export function intersect(receiver: Value, other: Value): Value {
  checkArguments(PARAMETERS.intersect, receiver, other);
  if (receiver instanceof Collection) return collectionIntersect(receiver, other); // when: Collection
  if (!Array.isArray(receiver)) return cannotApply('intersect', receiver);
  other = listArgument(other);
  if (!Array.isArray(other)) return fail('DLG4005', 'intersect: the list argument is null');
  return receiver.filter((item) => other.some((o) => isEqual(o, item)));
}

/** @builtin removeAll — removes every occurrence of each element of the other list. */
export function removeAll(receiver: Value, other: Value): null {
  checkArguments(PARAMETERS.removeall, receiver, other);
  if (!Array.isArray(receiver)) return cannotApply('removeAll', receiver);
  other = listArgument(other);
  if (!Array.isArray(other)) return fail('DLG4005', 'removeAll: the list argument is null');
  replaceItems(receiver, receiver.filter((item) => !other.some((o) => isEqual(o, item))));
  return null;
}

/** @builtin median — the middle value of a list of numbers, as a DECIMAL. */
export function median(receiver: Value): Value {
  const numbers = numbersOf('median', receiver).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (numbers.length === 0) return null;
  const middle = Math.floor(numbers.length / 2);
  return numbers.length % 2 === 1 ? Number(numbers[middle]!) : (Number(numbers[middle - 1]!) + Number(numbers[middle]!)) / 2;
}

/** The n-th (from 1) of the sorted numbers. */
export function nth(fn: string, receiver: Value, position: Value, largestFirst: boolean): Value {
  if (!Array.isArray(receiver) && !(receiver instanceof Collection)) return cannotApply(fn, receiver);
  if (position === null) return fail('DLG4005', `${fn}: the position is null`);
  const n = Number(position);
  if (!Number.isInteger(n)) return fail('DLG4018', `${fn}: the position ${textForm(position)} is not a whole number`);
  const numbers = numbersOf(fn, receiver).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (n < 1 || n > numbers.length) fail('DLG4003', `${fn}: the position ${n} is out of range for ${numbers.length} value${numbers.length === 1 ? '' : 's'} (positions start at 1)`);
  return numbers[largestFirst ? numbers.length - n : n - 1] ?? null;
}

/** @builtin nthLargest — the n-th largest number. */
export function nthLargest(receiver: Value, position: Value): Value {
  checkArguments(PARAMETERS.nthlargest, receiver, position);
  return nth('nthLargest', receiver, position, true);
}

/** @builtin percentile — the n-th percentile by the nearest rank (no interpolation). */
export function percentile(receiver: Value, n: Value): Value {
  checkArguments(PARAMETERS.percentile, receiver, n);
  if (n === null) return fail('DLG4005', 'percentile: n is null');
  const found = percentileOf(n as bigint | number, textForm(n), () => numbersOf('percentile', receiver));
  return 'value' in found ? found.value : fail('DLG4018', found.problem);
}

/** @builtin rank — a number's position (from 1) among the numbers, largest first (smallest first with "asc"). */
export function rank(receiver: Value, wanted: Value, order: Value = null): Value {
  checkArguments(PARAMETERS.rank, receiver, wanted, order);
  if (wanted === null) return fail('DLG4005', 'rank: the number is null');
  const found = rankOf(wanted as bigint | number, textForm(wanted), order === null ? undefined : textForm(order), () => numbersOf('rank', receiver));
  return 'value' in found ? found.value : fail('DLG4018', found.problem);
}

/** @builtin nthSmallest — the n-th smallest number. */
export function nthSmallest(receiver: Value, position: Value): Value {
  checkArguments(PARAMETERS.nthsmallest, receiver, position);
  return nth('nthSmallest', receiver, position, false);
}

/** A NUMERIC argument of a math function, refused as deluge run refuses it (null, or a value of another type). */
export function numericArgument(fn: string, value: Value, param: string, what: string = param): number | bigint {
  if (value === null) return fail('DLG4005', `Value is empty and '${fn}' function cannot be applied: the ${what} is null`);
  if (!isNumeric(value)) return fail('DLG4007', `Argument type mismatch - Found '${typeName(value)}' but Expected 'NUMERIC' for the argument '${param}' of '${fn}'`);
  return value;
}

/** The number a math function applies to. */
export function numberOf(fn: string, receiver: Value): number {
  return isNumeric(receiver) ? Number(receiver) : cannotApply(fn, receiver);
}

/** @builtin sqrt — the square root, a DECIMAL; null for a negative value ('Values below 0 will return null'). */
export function sqrt(receiver: Value): Value {
  const x = numberOf('sqrt', receiver);
  return x < 0 ? null : Math.sqrt(x);
}

/** @builtin power — the value raised to a power, a DECIMAL. */
export function power(receiver: Value, exponent: Value): Value {
  checkArguments(PARAMETERS.power, receiver, exponent);
  return Math.pow(numberOf('power', receiver), Number(numericArgument('power', exponent, 'powerNumber', 'power')));
}

/** @builtin toWords — the number in English words (en-us, en-gb; en-in with lakhs and crores). */
export function toWords(receiver: Value, language: Value = null): Value {
  checkArguments(PARAMETERS.towords, receiver, language);
  if (!isNumeric(receiver)) return cannotApply('toWords', receiver);
  const spelled = toWordsOf(textForm(receiver), language === null ? undefined : textForm(language));
  return 'words' in spelled ? spelled.words : fail(spelled.code, spelled.message);
}

/** @builtin degrees — an angle in radians in degrees (Java's Math.toDegrees). */
export function degrees(receiver: Value): Value {
  return toDegrees(numberOf('degrees', receiver));
}

/** @builtin radians — an angle in degrees in radians (Java's Math.toRadians). */
export function radians(receiver: Value): Value {
  return toRadians(numberOf('radians', receiver));
}

/** @builtin exp — e raised to the value. */
export function exp(receiver: Value): Value {
  return Math.exp(numberOf('exp', receiver));
}

/** @builtin log — the natural logarithm; null for 0 or a negative value, as the log page says. */
export function log(receiver: Value): Value {
  const x = numberOf('log', receiver);
  return x <= 0 ? null : Math.log(x);
}

/** @builtin log10 — the base-10 logarithm. */
export function log10(receiver: Value): Value {
  return Math.log10(numberOf('log10', receiver));
}

/** @builtin sin — the sine of an angle in radians, a DECIMAL. */
export function sin(receiver: Value): Value {
  return Math.sin(numberOf('sin', receiver));
}

/** @builtin cos — the cosine of an angle in radians, a DECIMAL. */
export function cos(receiver: Value): Value {
  return Math.cos(numberOf('cos', receiver));
}

/** @builtin tan — the tangent of an angle in radians, a DECIMAL. */
export function tan(receiver: Value): Value {
  return Math.tan(numberOf('tan', receiver));
}

/** @builtin asin — the arc sine, in radians, a DECIMAL. */
export function asin(receiver: Value): Value {
  return Math.asin(numberOf('asin', receiver));
}

/** @builtin acos — the arc cosine, in radians, a DECIMAL. */
export function acos(receiver: Value): Value {
  return Math.acos(numberOf('acos', receiver));
}

/** @builtin atan — the arc tangent, in radians, a DECIMAL. */
export function atan(receiver: Value): Value {
  return Math.atan(numberOf('atan', receiver));
}

/** @builtin sinh — the hyperbolic sine, a DECIMAL. */
export function sinh(receiver: Value): Value {
  return Math.sinh(numberOf('sinh', receiver));
}

/** @builtin cosh — the hyperbolic cosine, a DECIMAL. */
export function cosh(receiver: Value): Value {
  return Math.cosh(numberOf('cosh', receiver));
}

/** @builtin tanh — the hyperbolic tangent, a DECIMAL. */
export function tanh(receiver: Value): Value {
  return Math.tanh(numberOf('tanh', receiver));
}

/** @builtin asinh — the inverse hyperbolic sine, a DECIMAL. */
export function asinh(receiver: Value): Value {
  return Math.asinh(numberOf('asinh', receiver));
}

/** @builtin acosh — the inverse hyperbolic cosine, a DECIMAL. */
export function acosh(receiver: Value): Value {
  return Math.acosh(numberOf('acosh', receiver));
}

/** @builtin atanh — the inverse hyperbolic tangent, a DECIMAL. */
export function atanh(receiver: Value): Value {
  return Math.atanh(numberOf('atanh', receiver));
}

/** @builtin atan2 — `y.atan2(x)`: the angle of the point (x, y) in radians, as Java's Math.atan2(y, x). */
export function atan2(receiver: Value, x: Value): Value {
  checkArguments(PARAMETERS.atan2, receiver, x);
  return Math.atan2(numberOf('atan2', receiver), Number(numericArgument('atan2', x, 'x')));
}

/**
 * @builtin randomNumber — a random number from the start limit (included) up to the end limit (excluded); a NUMBER
 * when both limits are NUMBERs, else a DECIMAL.
 */
export function randomNumber(start: Value, end: Value): Value {
  checkArguments(PARAMETERS.randomnumber, start, end);
  const low = numericArgument('randomNumber', start, 'startLimit', 'start limit');
  const high = numericArgument('randomNumber', end, 'endLimit', 'end limit');
  if (!(high > low)) fail('DLG4018', `randomNumber: the end limit ${String(high)} must be greater than the start limit ${String(low)}`);
  if (typeof low === 'bigint' && typeof high === 'bigint') {
    // Two 32-bit halves and a modulo: the bias is negligible for any range a script uses.
    const random = (BigInt(Math.floor(Math.random() * 2 ** 32)) << 32n) | BigInt(Math.floor(Math.random() * 2 ** 32));
    return low + (random % (high - low));
  }
  const result = Number(low) + Math.random() * (Number(high) - Number(low));
  return result < Number(high) ? result : Number(low); // rounding can reach the end limit; it is excluded
}

/** @builtin signum — -1, 0 or 1, a DECIMAL. */
export function signum(receiver: Value): Value {
  if (typeof receiver === 'bigint') return receiver > 0n ? 1 : receiver < 0n ? -1 : 0;
  return Math.sign(numberOf('signum', receiver)) || 0;
}

/** @builtin min — the smaller of two numbers, a DECIMAL (the return type of Zoho's min page). */
export function min(receiver: Value, other: Value): Value {
  checkArguments(PARAMETERS.min, receiver, other);
  if (!isNumeric(receiver)) return cannotApply('min', receiver);
  const number = numericArgument('min', other, 'number');
  const smaller = number < receiver ? number : receiver;
  return Number(smaller);
}

/** @builtin max — the larger of two numbers, a DECIMAL (the return type of Zoho's max page). */
export function max(receiver: Value, other: Value): Value {
  checkArguments(PARAMETERS.max, receiver, other);
  if (!isNumeric(receiver)) return cannotApply('max', receiver);
  const number = numericArgument('max', other, 'number');
  const larger = number > receiver ? number : receiver;
  return Number(larger);
}

/** @builtin toHex — a NUMBER in hexadecimal (a negative one as its 64-bit two's complement). */
export function toHex(receiver: Value): Value {
  if (typeof receiver !== 'bigint') return cannotApply('toHex', receiver);
  return (receiver < 0n ? receiver + 2n ** 64n : receiver).toString(16);
}
