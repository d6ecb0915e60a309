import { checkedDateTime, parseDateTimeText } from './datetime.js';
import { fail } from './errors.js';
import { checkedNumber } from './operators.js';
import { SEMANTICS } from './semantics.js';
import { textForm } from './text-form.js';
import { DateTimeValue, typeName, type ListElementType, type Value } from './values.js';

/**
 * Declared types as scripts write them (`Int`, `String`, `List:Decimal`, `date`) and the conversions Zoho applies
 * when a value meets one: function parameters (text from `--arg` becomes a NUMBER) and typed lists ("text lists
 * convert numbers, dates and booleans to text; number lists reject non-integers; date-time lists accept NUMBERs
 * as epoch milliseconds": https://www.zoho.com/deluge/help/create-list-datatype.html).
 */
const TYPE_NAMES: Readonly<Record<string, ListElementType>> = {
  string: 'TEXT',
  text: 'TEXT',
  int: 'NUMBER',
  integer: 'NUMBER',
  long: 'NUMBER',
  bigint: 'NUMBER',
  number: 'NUMBER',
  decimal: 'DECIMAL',
  float: 'DECIMAL',
  double: 'DECIMAL',
  bool: 'BOOLEAN',
  boolean: 'BOOLEAN',
  date: 'DATE-TIME',
  datetime: 'DATE-TIME',
  timestamp: 'DATE-TIME',
  time: 'DATE-TIME',
};

/** The scalar type a declared type name means, or undefined (`Map`, `List`, `void`, a CRM record …). */
export function listElementType(name: string): ListElementType | undefined {
  return TYPE_NAMES[name.toLowerCase()];
}

/** `value` converted to `type`, or a DLG4001 error naming `where`. Null stays null. */
export function coerceArgument(
  value: Value,
  type: ListElementType,
  where: string,
  zone: string = SEMANTICS.defaultTimeZone,
  now?: number,
): Value {
  if (value === null) return null;
  switch (type) {
    case 'TEXT':
      return typeof value === 'string' ? value : textForm(value);
    case 'NUMBER':
      if (typeof value === 'bigint') return value;
      // A NUMBER is 64 bits: a larger whole DECIMAL or text is refused, as toNumber refuses it.
      if (typeof value === 'number' && Number.isInteger(value)) return checkedNumber(BigInt(value));
      if (typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value)) return checkedNumber(BigInt(value.trim()));
      break;
    case 'DECIMAL':
      if (typeof value === 'number') return value;
      if (typeof value === 'bigint') return Number(value);
      if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
      break;
    case 'BOOLEAN':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      break;
    case 'DATE-TIME': {
      if (value instanceof DateTimeValue) return value;
      if (typeof value === 'bigint') return checkedDateTime(Number(value), zone, false);
      if (typeof value === 'string') {
        const parsed = parseDateTimeText(value, zone, now);
        if (parsed) return parsed;
      }
      break;
    }
  }
  const shown = typeof value === 'string' ? ` "${value}"` : '';
  return fail('DLG4001', `${where}: a value of type ${typeName(value)}${shown} cannot be used where ${type} is expected`);
}
