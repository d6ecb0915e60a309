import { checkListSize, fail } from '../errors.js';
import { rangeProblem } from '../index-range.js';
import { compareValues, valuesEqual } from '../operators.js';
import { percentileOf, rankOf } from '../ranks.js';
import { textForm } from '../text-form.js';
import { coerceArgument } from '../types.js';
import {
  CollectionValue,
  DateTimeValue,
  ListValue,
  typeName,
  type ListElementType,
  type Value,
} from '../values.js';
import type { BuiltinContext, BuiltinSpec } from './registry.js';

/**
 * The list functions of https://www.zoho.com/deluge/help/functions/list.html, plus the numeric aggregates
 * (`average`, `largest`, `median`, `nthLargest`, …) that Zoho files under number functions but that apply to a
 * list (or a collection) of numbers. Lists are mutable: `add`, `remove`, `sort` … change the receiver in place.
 * The helpers exported here (`checkIndex`, `sortedItems`, `distinctItems`, `indexOfItem`, `membershipIn`,
 * `replaceItems`) are shared with the collection functions, which behave like these on a collection of elements.
 */

const LIST_DOCS = 'https://www.zoho.com/deluge/help/functions/list';
const NUMBER_DOCS = 'https://www.zoho.com/deluge/help/functions/number';

const items = (receiver: Value): Value[] => (receiver as ListValue).items;

/** A NUMBER argument as a JS index; null is an error (a Java `int` parameter cannot take it). */
export function indexArgument(fn: string, value: Value | undefined, what = 'index'): number {
  if (value === null || value === undefined) return fail('DLG4005', `${fn}: the ${what} is null`);
  return Number(value as bigint);
}

/** `index` checked against a list of `size` elements: negative or past the end is DLG4003. */
export function checkIndex(fn: string, value: Value | undefined, size: number): number {
  const index = indexArgument(fn, value);
  // Past the end, Zoho's own words (a script may compare `e.message`): the get page's "Given index 4 is greater than
  // the list size" (https://www.zoho.com/deluge/help/functions/collection/get.html).
  // Written from the value given: a long beyond 2^53 is not the number it was once a JS number.
  if (index >= size) fail('DLG4003', `Given index ${String(value)} is greater than the list size`);
  if (index < 0) fail('DLG4003', `${fn}: the index ${String(value)} is out of range for a list of size ${size}`);
  return index;
}

/** Position of the first (or last) element equal to `element` by Deluge's `==`, or -1. */
export function indexOfItem(list: readonly Value[], element: Value, last = false): number {
  if (last) {
    for (let i = list.length - 1; i >= 0; i--) if (valuesEqual(list[i]!, element)) return i;
    return -1;
  }
  return list.findIndex((item) => valuesEqual(item, element));
}

/**
 * A key under which equal scalars meet (`1` and `1.0` are equal in Deluge, `1` and `"1"` are not), so `distinct`
 * stays linear on long lists; undefined for lists, maps and date-times, which are compared one by one.
 */
function scalarKey(value: Value): string | undefined {
  switch (typeof value) {
    case 'string':
      return `t${value}`;
    case 'bigint':
      return `n${value}`;
    case 'number':
      // (Every whole double as its exact integer: 2^60 as a DECIMAL meets the NUMBER 1152921504606846976.)
      return Number.isInteger(value) ? `n${BigInt(value)}` : `n${value}`;
    case 'boolean':
      return `b${value}`;
    default:
      return value === null ? 'null' : undefined;
  }
}

/** The elements without repeats, each kept at its first occurrence. */
export function distinctItems(list: readonly Value[]): Value[] {
  const seenScalars = new Set<string>();
  const seenOthers: Value[] = [];
  const result: Value[] = [];
  for (const item of list) {
    const key = scalarKey(item);
    if (key !== undefined) {
      if (seenScalars.has(key)) continue;
      seenScalars.add(key);
    } else {
      if (seenOthers.some((other) => valuesEqual(other, item))) continue;
      seenOthers.push(item);
    }
    result.push(item);
  }
  return result;
}

/**
 * Puts `replacement` in place of the elements of `target`. (Not `target.splice(0, n, ...replacement)`: a spread passes
 * every element as an argument, and for a list of 150,000 that overflowed the stack, reported as nesting too deep.)
 */
export function replaceItems(target: Value[], replacement: readonly Value[]): void {
  target.length = replacement.length;
  for (let i = 0; i < replacement.length; i++) target[i] = replacement[i]!;
}

/**
 * Membership in `list` by Deluge's `==`, as a test: scalars are looked up by key, so `intersect` and `removeAll` of two
 * long lists take linear time (a `==` with every element of the other list made two lists of 50,000 take 20 s).
 */
export function membershipIn(list: readonly Value[]): (value: Value) => boolean {
  const scalars = new Set<string>();
  const others: Value[] = [];
  for (const item of list) {
    const key = scalarKey(item);
    if (key !== undefined) scalars.add(key);
    else others.push(item);
  }
  return (value) => {
    const key = scalarKey(value);
    return key !== undefined ? scalars.has(key) : others.some((other) => valuesEqual(other, value));
  };
}

/**
 * The elements in order (stable), or undefined when two of them cannot be ordered — Zoho's "if the list contains
 * elements of different data types, the function will return null". NUMBER and DECIMAL order together; text
 * orders by UTF-16 code unit, which is Zoho's documented `! " # … 0-9 … A-Z [ ] ^ _ \` a-z { | } ~` order.
 */
export function sortedItems<T>(list: readonly T[], ascending: boolean, valueOf: (item: T) => Value): T[] | undefined {
  if (list.length < 2) return [...list];
  const first = valueOf(list[0]!);
  if (list.some((item) => compareValues(first, valueOf(item)) === undefined)) return undefined;
  const direction = ascending ? 1 : -1;
  return [...list].sort((a, b) => direction * compareValues(valueOf(a), valueOf(b))!);
}

/** `sort(asc)`'s optional flag: absent or null means ascending. */
export function ascendingFlag(args: readonly Value[]): boolean {
  return args[0] !== false;
}

/**
 * A value as it enters a typed list (`List:Int()`, …): converted as Zoho documents at
 * https://www.zoho.com/deluge/help/create-list-datatype.html, or a DLG4001 error. Beyond the shared conversion
 * of declared types: a decimal list takes a date-time as its epoch milliseconds, a boolean list takes
 * `'True'`/`'False'` in any case.
 */
export function typedElement(fn: string, value: Value, type: ListElementType, ctx: BuiltinContext): Value {
  if (type === 'DECIMAL' && value instanceof DateTimeValue) return value.epochMs;
  if (type === 'BOOLEAN' && typeof value === 'string' && /^(true|false)$/i.test(value.trim())) {
    return value.trim().toLowerCase() === 'true';
  }
  return coerceArgument(value, type, fn, ctx.timeZone, ctx.now());
}

function addTo(fn: string, list: ListValue, values: readonly Value[], ctx: BuiltinContext): void {
  checkListSize(list.items.length + values.length, `${fn}: the list`);
  const type = list.elementType;
  for (const value of values) list.items.push(type ? typedElement(fn, value, type, ctx) : value);
}

function listArgument(fn: string, value: Value | undefined): Value[] {
  if (value === null || value === undefined) return fail('DLG4005', `${fn}: the list argument is null`);
  return (value as ListValue).items;
}

/** The elements an aggregate works on: a list's elements, a collection's elements or values. */
function aggregateItems(receiver: Value): readonly Value[] {
  if (receiver instanceof CollectionValue) return receiver.mode === 'map' ? [...receiver.map.values()] : receiver.list;
  return items(receiver);
}

/**
 * An element of a number list as a number: NUMBER and DECIMAL as they are, numeric text converted ("numerical
 * values can be specified in double quotes"), anything else a DLG4001 error.
 */
function numericElement(fn: string, value: Value): bigint | number {
  if (typeof value === 'bigint' || typeof value === 'number') return value;
  if (typeof value === 'string') {
    const text = value.trim();
    if (/^[-+]?\d+$/.test(text)) return BigInt(text);
    if (text !== '' && Number.isFinite(Number(text))) return Number(text);
  }
  if (value === null) return fail('DLG4005', `${fn}: the list holds a null element`);
  const shown = typeof value === 'string' ? ` "${value}"` : '';
  return fail('DLG4001', `${fn}: the element${shown} of type ${typeName(value)} is not a number`);
}

function numbersOf(fn: string, receiver: Value): (bigint | number)[] {
  return aggregateItems(receiver).map((item) => numericElement(fn, item));
}

const byNumber = (a: bigint | number, b: bigint | number): number => (a < b ? -1 : a > b ? 1 : 0);

/** The n-th (1-based) element of the numbers in `order`; n outside 1..size is DLG4003. */
function nthOf(fn: string, receiver: Value, nArg: Value | undefined, descending: boolean): Value {
  if (nArg === null || nArg === undefined) return fail('DLG4005', `${fn}: the position is null`);
  const n = Number(nArg);
  if (!Number.isInteger(n)) return fail('DLG4018', `${fn}: the position ${textForm(nArg)} is not a whole number`);
  const numbers = numbersOf(fn, receiver).sort(byNumber);
  if (n < 1 || n > numbers.length) {
    fail('DLG4003', `${fn}: the position ${n} is out of range for ${numbers.length} value${numbers.length === 1 ? '' : 's'} (positions start at 1)`);
  }
  return numbers[descending ? numbers.length - n : n - 1]!;
}

const sumAsDecimal = (numbers: readonly (bigint | number)[]): number => numbers.reduce<number>((sum, n) => sum + Number(n), 0);

export const LIST_BUILTINS: readonly BuiltinSpec[] = [
  {
    name: 'add',
    area: 'list',
    receiver: 'LIST',
    form: 'method',
    params: [{ name: 'element', type: 'ANY' }],
    returns: 'VOID',
    mutates: true,
    summary: 'Appends an element (a list is added as one element); a typed list converts it or fails.',
    docs: `${LIST_DOCS}/add.html`,
    impl: (ctx, receiver, args) => {
      addTo('add', receiver as ListValue, args, ctx);
      return null;
    },
  },
  {
    name: 'addAll',
    area: 'list',
    receiver: 'LIST',
    form: 'method',
    params: [{ name: 'list', type: 'LIST' }],
    returns: 'VOID',
    mutates: true,
    summary: 'Appends every element of another list.',
    docs: `${LIST_DOCS}/addall.html`,
    impl: (ctx, receiver, args) => {
      addTo('addAll', receiver as ListValue, [...listArgument('addAll', args[0])], ctx);
      return null;
    },
  },
  {
    name: 'clear',
    area: 'list',
    receiver: 'LIST',
    form: 'method',
    params: [],
    returns: 'VOID',
    mutates: true,
    summary: 'Removes every element.',
    docs: `${LIST_DOCS}/clear.html`,
    impl: (_ctx, receiver) => {
      items(receiver).length = 0;
      return null;
    },
  },
  {
    name: 'contains',
    area: 'list',
    receiver: 'LIST',
    params: [{ name: 'element', type: 'ANY' }],
    returns: 'BOOLEAN',
    summary: 'True when an element equals the value (`1` and `"1"` differ; text is case-sensitive).',
    docs: `${LIST_DOCS}/contains.html`,
    impl: (_ctx, receiver, args) => indexOfItem(items(receiver), args[0]!) >= 0,
  },
  {
    name: 'notContains',
    area: 'list',
    receiver: 'LIST',
    params: [{ name: 'element', type: 'ANY' }],
    returns: 'BOOLEAN',
    summary: 'True when no element equals the value.',
    docs: 'https://www.zoho.com/deluge/help/functions/string/notcontains.html',
    impl: (_ctx, receiver, args) => indexOfItem(items(receiver), args[0]!) < 0,
  },
  {
    name: 'distinct',
    area: 'list',
    receiver: 'LIST',
    params: [],
    returns: 'LIST',
    summary: 'A new list without repeated elements, each kept at its first occurrence.',
    docs: `${LIST_DOCS}/distinct.html`,
    impl: (_ctx, receiver) => new ListValue(distinctItems(items(receiver)), (receiver as ListValue).elementType),
  },
  {
    name: 'get',
    area: 'list',
    receiver: 'LIST',
    params: [{ name: 'index', type: 'NUMBER' }],
    returns: 'ANY',
    summary: 'The element at a 0-based index; a negative index or one past the end is an error.',
    docs: `${LIST_DOCS}/get.html`,
    impl: (_ctx, receiver, args) => {
      const list = items(receiver);
      return list[checkIndex('get', args[0], list.length)]!;
    },
  },
  {
    name: 'getAsString',
    area: 'list',
    receiver: ['LIST', 'COLLECTION'],
    params: [{ name: 'index', type: 'NUMBER' }],
    returns: 'TEXT',
    summary: 'The element at a 0-based index, as text.',
    docs: 'https://www.zoho.com/deluge/help/functions/collection/get-as-string.html',
    impl: (_ctx, receiver, args) => {
      const list = aggregateItems(receiver);
      const element = list[checkIndex('getAsString', args[0], list.length)]!;
      return element === null ? null : textForm(element);
    },
  },
  {
    name: 'indexOf',
    area: 'list',
    receiver: 'LIST',
    params: [{ name: 'element', type: 'ANY' }],
    returns: 'NUMBER',
    summary: 'The 0-based index of the first element equal to the value, or -1.',
    docs: `${LIST_DOCS}/indexof.html`,
    impl: (_ctx, receiver, args) => BigInt(indexOfItem(items(receiver), args[0]!)),
  },
  {
    name: 'lastIndexOf',
    area: 'list',
    receiver: 'LIST',
    params: [{ name: 'element', type: 'ANY' }],
    returns: 'NUMBER',
    summary: 'The 0-based index of the last element equal to the value, or -1.',
    docs: `${LIST_DOCS}/lastindexof.html`,
    impl: (_ctx, receiver, args) => BigInt(indexOfItem(items(receiver), args[0]!, true)),
  },
  {
    name: 'intersect',
    area: 'list',
    receiver: 'LIST',
    params: [{ name: 'list', type: 'LIST' }],
    returns: 'LIST',
    summary: 'A new list of the elements also present in the other list, in this list\'s order.',
    docs: `${LIST_DOCS}/intersect.html`,
    impl: (_ctx, receiver, args) => {
      const inOther = membershipIn(listArgument('intersect', args[0]));
      return new ListValue(items(receiver).filter(inOther));
    },
  },
  {
    name: 'isEmpty',
    area: 'list',
    receiver: 'LIST',
    params: [],
    returns: 'BOOLEAN',
    summary: 'True when the list has no elements.',
    docs: 'https://www.zoho.com/deluge/help/functions/collection/isempty.html',
    impl: (_ctx, receiver) => items(receiver).length === 0,
  },
  {
    name: 'remove',
    area: 'list',
    receiver: 'LIST',
    form: 'method',
    params: [{ name: 'index', type: 'NUMBER' }],
    returns: 'ANY',
    mutates: true,
    summary: 'Removes the element at a 0-based index and returns it; an index out of range is an error.',
    docs: `${LIST_DOCS}/remove.html`,
    impl: (_ctx, receiver, args) => {
      const list = items(receiver);
      return list.splice(checkIndex('remove', args[0], list.length), 1)[0]!;
    },
  },
  {
    name: 'removeAll',
    area: 'list',
    receiver: 'LIST',
    form: 'method',
    params: [{ name: 'list', type: 'LIST' }],
    returns: 'VOID',
    mutates: true,
    summary: 'Removes every occurrence of each element of another list.',
    docs: `${LIST_DOCS}/removeall.html`,
    impl: (_ctx, receiver, args) => {
      const removed = membershipIn(listArgument('removeAll', args[0]));
      const kept = items(receiver).filter((item) => !removed(item));
      replaceItems(items(receiver), kept);
      return null;
    },
  },
  {
    name: 'removeElement',
    area: 'list',
    receiver: 'LIST',
    form: 'method',
    params: [{ name: 'element', type: 'ANY' }],
    returns: 'VOID',
    mutates: true,
    summary: 'Removes the first element equal to the value (nothing if absent); a typed list rejects another type.',
    docs: `${LIST_DOCS}/removeelement.html`,
    impl: (_ctx, receiver, args) => {
      const list = receiver as ListValue;
      const element = args[0]!;
      if (list.elementType && element !== null && typeName(element) !== list.elementType) {
        fail('DLG4001', `removeElement: a value of type ${typeName(element)} cannot be removed from a list of ${list.elementType}`);
      }
      const index = indexOfItem(list.items, element);
      if (index >= 0) list.items.splice(index, 1);
      return null;
    },
  },
  {
    name: 'size',
    area: 'list',
    receiver: 'LIST',
    params: [],
    returns: 'NUMBER',
    summary: 'The number of elements.',
    docs: `${LIST_DOCS}/size.html`,
    impl: (_ctx, receiver) => BigInt(items(receiver).length),
  },
  {
    name: 'sort',
    area: 'list',
    receiver: 'LIST',
    params: [{ name: 'ascending', type: 'BOOLEAN', optional: true }],
    returns: 'LIST',
    mutates: true,
    summary: 'Sorts the list in place (ascending, or descending with `false`) and returns it; null when its elements cannot be ordered together.',
    docs: `${LIST_DOCS}/sort.html`,
    impl: (_ctx, receiver, args) => {
      const sorted = sortedItems(items(receiver), ascendingFlag(args), (item) => item);
      if (!sorted) return null;
      replaceItems(items(receiver), sorted);
      return receiver;
    },
  },
  {
    name: 'subList',
    area: 'list',
    receiver: 'LIST',
    params: [
      { name: 'start', type: 'NUMBER' },
      { name: 'end', type: 'NUMBER', optional: true },
    ],
    returns: 'LIST',
    summary: 'A new list of the elements from start (inclusive) to end (exclusive, default the end).',
    docs: `${LIST_DOCS}/sublist.html`,
    impl: (_ctx, receiver, args) => {
      const list = receiver as ListValue;
      const size = list.items.length;
      const start = indexArgument('subList', args[0], 'start index');
      const end = args.length > 1 ? indexArgument('subList', args[1], 'end index') : size;
      const problem = rangeProblem('subList', start, end, size, 'list');
      if (problem !== undefined) fail('DLG4003', problem);
      return new ListValue(list.items.slice(start, end), list.elementType);
    },
  },
  {
    // Zoho's toList page is about text; scripts also call it on lists (a response's `data`, a multi-select field)
    // and expect the list back. Decision: a new list of the same elements (the separator, if any, is not used).
    name: 'toList',
    area: 'list',
    receiver: 'LIST',
    params: [{ name: 'separator', type: 'TEXT', optional: true }],
    returns: 'LIST',
    summary: 'A new list of the same elements (toList called on a list rather than on text).',
    // The index that lists toList (as a text function); no page covers a list receiver.
    docs: 'https://www.zoho.com/deluge/help/functions/text.html',
    impl: (_ctx, receiver) => new ListValue([...items(receiver)], (receiver as ListValue).elementType),
  },
  {
    name: 'toListString',
    area: 'list',
    receiver: 'LIST',
    params: [],
    returns: 'LIST',
    summary: 'A new list with every element converted to text (null stays null).',
    docs: `${LIST_DOCS}/to-list-string.html`,
    impl: (_ctx, receiver) =>
      new ListValue(items(receiver).map((item) => (item === null ? null : textForm(item))), 'TEXT'),
  },
  {
    name: 'average',
    area: 'list',
    receiver: ['LIST', 'COLLECTION'],
    params: [],
    returns: 'DECIMAL',
    summary: 'The mean of a list of numbers (numeric text counts), as a DECIMAL; null for an empty list.',
    docs: `${NUMBER_DOCS}/average.html`,
    impl: (_ctx, receiver) => {
      const numbers = numbersOf('average', receiver);
      return numbers.length === 0 ? null : sumAsDecimal(numbers) / numbers.length;
    },
  },
  {
    name: 'largest',
    area: 'list',
    receiver: ['LIST', 'COLLECTION'],
    params: [],
    returns: 'NUMERIC',
    summary: 'The largest of a list of numbers (numeric text counts); null for an empty list.',
    docs: `${NUMBER_DOCS}/largest.html`,
    impl: (_ctx, receiver) => {
      const numbers = numbersOf('largest', receiver).sort(byNumber);
      return numbers.length === 0 ? null : numbers[numbers.length - 1]!;
    },
  },
  {
    name: 'smallest',
    area: 'list',
    receiver: ['LIST', 'COLLECTION'],
    params: [],
    returns: 'NUMERIC',
    summary: 'The smallest of a list of numbers (numeric text counts); null for an empty list.',
    docs: `${NUMBER_DOCS}/smallest.html`,
    impl: (_ctx, receiver) => {
      const numbers = numbersOf('smallest', receiver).sort(byNumber);
      return numbers.length === 0 ? null : numbers[0]!;
    },
  },
  {
    name: 'median',
    area: 'list',
    receiver: ['LIST', 'COLLECTION'],
    params: [],
    returns: 'DECIMAL',
    summary: 'The middle value of a list of numbers (the mean of the two middle ones for an even count), as a DECIMAL.',
    docs: `${NUMBER_DOCS}/median.html`,
    impl: (_ctx, receiver) => {
      const numbers = numbersOf('median', receiver).sort(byNumber);
      if (numbers.length === 0) return null;
      const middle = Math.floor(numbers.length / 2);
      return numbers.length % 2 === 1
        ? Number(numbers[middle]!)
        : (Number(numbers[middle - 1]!) + Number(numbers[middle]!)) / 2;
    },
  },
  {
    name: 'percentile',
    area: 'list',
    receiver: ['LIST', 'COLLECTION'],
    form: 'method',
    params: [{ name: 'n', type: 'NUMERIC' }],
    returns: 'NUMERIC',
    summary:
      'The n-th percentile by the nearest rank, as Zoho\'s page computes it: the value at position ceil(n × size / 100) of the numbers in ascending order (no interpolation); n must be above 0 and at most 100.',
    docs: `${NUMBER_DOCS}/percentile.html`,
    impl: (_ctx, receiver, args) => {
      const n = args[0];
      if (n === null || n === undefined) return fail('DLG4005', 'percentile: n is null');
      const found = percentileOf(n as bigint | number, textForm(n), () => numbersOf('percentile', receiver));
      return 'value' in found ? found.value : fail('DLG4018', found.problem);
    },
  },
  {
    name: 'rank',
    area: 'list',
    receiver: ['LIST', 'COLLECTION'],
    form: 'method',
    params: [
      { name: 'number', type: 'NUMERIC' },
      { name: 'order', type: 'TEXT', optional: true },
    ],
    returns: 'NUMBER',
    summary:
      'The position (from 1) of a number among the numbers sorted largest first, or smallest first with "asc"; repeats share the first position of their value. A number not among them is an error, as Zoho\'s page shows.',
    docs: `${NUMBER_DOCS}/rank.html`,
    impl: (_ctx, receiver, args) => {
      const wanted = args[0];
      if (wanted === null || wanted === undefined) return fail('DLG4005', 'rank: the number is null');
      const order = args[1] === undefined || args[1] === null ? undefined : textForm(args[1]);
      const found = rankOf(wanted as bigint | number, textForm(wanted), order, () => numbersOf('rank', receiver));
      return 'value' in found ? found.value : fail('DLG4018', found.problem);
    },
  },
  {
    name: 'nthLargest',
    area: 'list',
    receiver: ['LIST', 'COLLECTION'],
    params: [{ name: 'position', type: 'NUMERIC' }],
    returns: 'NUMERIC',
    summary: 'The n-th largest number (n from 1; repeats count); n outside 1..size is an error.',
    docs: `${NUMBER_DOCS}/nth-largest.html`,
    impl: (_ctx, receiver, args) => nthOf('nthLargest', receiver, args[0], true),
  },
  {
    name: 'nthSmallest',
    area: 'list',
    receiver: ['LIST', 'COLLECTION'],
    params: [{ name: 'position', type: 'NUMERIC' }],
    returns: 'NUMERIC',
    summary: 'The n-th smallest number (n from 1; repeats count); n outside 1..size is an error.',
    docs: `${NUMBER_DOCS}/nth-smallest.html`,
    impl: (_ctx, receiver, args) => nthOf('nthSmallest', receiver, args[0], false),
  },
];
