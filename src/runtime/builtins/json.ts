import { fail } from '../errors.js';
import { parseJson } from '../json.js';
import { textForm } from '../text-form.js';
import { ListValue, MapValue, toMapKey, type Value } from '../values.js';
import type { BuiltinSpec } from './registry.js';

/**
 * The JSON functions: `toMap`, `getJSON`, `toJSONList`. JSON text is read with {@link parseJson} in its lenient
 * mode, because Zoho's own examples feed these functions unquoted keys and values (`"{company:Zoho}".toMap()`) and
 * single-quoted strings (`"{Name:'Lia Shelton'}"`). Nested objects and arrays come back as maps and lists, so
 * `getJSON` chains (`.getJSON("response").getJSON("employee")`) and `for each` over an array work directly.
 */

function readJson(text: string, source: string): Value {
  return parseJson(text, { lenient: true, source });
}

function jsonObject(text: string, fn: string): MapValue {
  const value = readJson(text, fn);
  if (!(value instanceof MapValue)) fail('DLG4016', `${fn}: the text is not a JSON object (it must start with '{')`);
  return value;
}

export const JSON_BUILTINS: readonly BuiltinSpec[] = [
  {
    name: 'toMap',
    area: 'json',
    receiver: ['TEXT', 'KEY-VALUE'],
    form: 'method',
    params: [],
    returns: 'KEY-VALUE',
    summary:
      'Reads a JSON object text into a map, keys in the order written (`"{company:Zoho, product:Creator}".toMap()`); text that is not a JSON object is an error. A map is returned as it is.',
    docs: 'https://www.zoho.com/deluge/help/functions/string/tomap.html',
    impl: (_ctx, receiver) => (receiver instanceof MapValue ? receiver : jsonObject(receiver as string, 'toMap')),
  },
  {
    name: 'getJSON',
    area: 'json',
    receiver: ['TEXT', 'KEY-VALUE'],
    form: 'method',
    params: [{ name: 'key', type: 'ANY' }],
    returns: 'ANY',
    summary:
      'The value of a key in a JSON object text or a map, null when the key is missing; a nested object or array comes back as a map or list. Text that is not a JSON object is an error.',
    docs: 'https://www.zoho.com/deluge/help/functions/common/getjson.html',
    impl: (_ctx, receiver, args) => {
      const map = receiver instanceof MapValue ? receiver : jsonObject(receiver as string, 'getJSON');
      const key = args[0] ?? null;
      const found = map.lookup(toMapKey(key));
      if (found !== undefined) return found;
      // JSON keys are text: getJSON(1) finds "1".
      return key === null ? null : (map.lookup(textForm(key)) ?? null);
    },
  },
  {
    name: 'toJSONList',
    area: 'json',
    receiver: ['TEXT', 'LIST'],
    form: 'method',
    params: [],
    returns: 'LIST',
    summary:
      'Reads a JSON array text into a list (`"[343,443,577]"` → 343,443,577); objects inside become maps. Text that is not a JSON array is an error; a list is returned as it is.',
    docs: 'https://www.zoho.com/deluge/help/functions/common/tojsonlist.html',
    impl: (_ctx, receiver) => {
      if (receiver instanceof ListValue) return receiver;
      const value = readJson(receiver as string, 'toJSONList');
      if (!(value instanceof ListValue)) fail('DLG4016', "toJSONList: the text is not a JSON array (it must start with '[')");
      return value;
    },
  },
];
