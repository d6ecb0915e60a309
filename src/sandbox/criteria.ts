/**
 * Search criteria as Zoho's Search Records API takes them: `(Field:operator:value)`, groups joined by `and` /
 * `or` inside parentheses (`((Last_Name:equals:Burns)and(First_Name:starts_with:M))`), `\(`, `\)`, `\,` and
 * `\:` escaping those characters in values. Text compares case-insensitively, and `equals` finds the text within a
 * field (as Zoho's search does); a record whose field is empty never matches (as Zoho says); `in` and `between` take
 * comma-separated values. `and` binds tighter than `or`.
 */

export type Criteria =
  | { readonly kind: 'condition'; readonly field: string; readonly operator: Operator; readonly values: readonly string[] }
  | { readonly kind: 'and' | 'or'; readonly parts: readonly Criteria[] };

/** The Search Records page's operators (not `not_in`: Zoho's search does not take it). */
export const OPERATORS = ['equals', 'not_equal', 'starts_with', 'in', 'greater_than', 'greater_equal', 'less_than', 'less_equal', 'between'] as const;
export type Operator = (typeof OPERATORS)[number];

export class CriteriaError extends Error {}

/** Zoho: "You can search for a maximum of 10 criteria (with same or different columns)". */
export const MAX_CONDITIONS = 10;
const MAX_IN_VALUES = 100;

export function parseCriteria(text: string): Criteria {
  const trimmed = text.trim();
  const parser = new Parser(trimmed);
  // One condition may come without its parentheses, as the Search Records page's samples send it
  // (`criteria=Campaign_Name:equals:CRM`).
  const criteria = trimmed.startsWith('(') ? parser.expression() : parser.condition();
  if (!parser.atEnd()) throw new CriteriaError('unexpected text after the criteria');
  if (conditionCount(criteria) > MAX_CONDITIONS) throw new CriteriaError(`more than ${MAX_CONDITIONS} criteria (Zoho searches with at most ${MAX_CONDITIONS})`);
  return criteria;
}

function conditionCount(criteria: Criteria): number {
  return criteria.kind === 'condition' ? 1 : criteria.parts.reduce((n, part) => n + conditionCount(part), 0);
}

class Parser {
  private i = 0;
  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.i >= this.text.length;
  }

  /** group (("and" | "or") group)*, with `and` grouped before `or`. */
  expression(): Criteria {
    const ors: Criteria[] = [];
    let ands: Criteria[] = [this.group()];
    for (;;) {
      const joiner = /^\s*(and|or)\s*/i.exec(this.text.slice(this.i));
      if (!joiner) break;
      this.i += joiner[0].length;
      if (joiner[1]!.toLowerCase() === 'or') {
        ors.push(combine('and', ands));
        ands = [];
      }
      ands.push(this.group());
    }
    ors.push(combine('and', ands));
    return combine('or', ors);
  }

  /** "(" (expression | condition) ")" */
  private group(): Criteria {
    if (this.text[this.i] !== '(') throw new CriteriaError('expected "(" to open a condition');
    this.i++;
    // Spaces just inside a group's parentheses, as around `and` / `or`: `( (A:equals:x) or (B:equals:y) )`.
    this.skipSpaces();
    const inner = this.text[this.i] === '(' ? this.expression() : this.condition();
    this.skipSpaces();
    if (this.text[this.i] !== ')') throw new CriteriaError('expected ")" to close a condition');
    this.i++;
    return inner;
  }

  private skipSpaces(): void {
    while (this.i < this.text.length && /\s/.test(this.text[this.i]!)) this.i++;
  }

  /** `Field:operator:value` (inside a group, or the whole text when it is one condition without parentheses). */
  condition(): Criteria {
    const parts: string[] = [''];
    while (this.i < this.text.length && this.text[this.i] !== ')') {
      const c = this.text[this.i]!;
      if (c === '\\' && this.i + 1 < this.text.length) {
        // Escapes stay until the value is split, so `\,` survives the split of `in` lists.
        parts[parts.length - 1] += c + this.text[this.i + 1];
        this.i += 2;
        continue;
      }
      if (c === '(') throw new CriteriaError('unescaped "(" in a value (write \\()');
      if (c === ':' && parts.length < 3) parts.push('');
      else parts[parts.length - 1] += c;
      this.i++;
    }
    if (parts.length !== 3) throw new CriteriaError('a condition is (Field:operator:value)');
    const [field, operator, value] = parts as [string, string, string];
    const op = operator.trim().toLowerCase() as Operator;
    if (!OPERATORS.includes(op)) throw new CriteriaError(`invalid operator found: ${operator}`);
    const values = (op === 'in' || op === 'between' ? value.split(/(?<!\\),/) : [value]).map((v) => unescape(v).trim());
    // No value (`"(Email:equals:" + email + ")"` with an empty email): every text contains and starts with "", so the
    // condition matched every record, and a script that deletes what it finds deleted them all.
    if (values.some((v) => v === '')) throw new CriteriaError(`the condition on ${unescape(field).trim()} has no value`);
    if (op === 'between' && values.length !== 2) throw new CriteriaError('between takes two values: (Field:between:low,high)');
    // Zoho: "The "in" operator supports upto 100 values."
    if (op === 'in' && values.length > MAX_IN_VALUES) throw new CriteriaError(`in takes at most ${MAX_IN_VALUES} values`);
    return { kind: 'condition', field: unescape(field).trim(), operator: op, values };
  }
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

function combine(kind: 'and' | 'or', parts: Criteria[]): Criteria {
  return parts.length === 1 ? parts[0]! : { kind, parts };
}

/** Whether a record (as the API shows it) matches. Field paths may go into lookups: `Account_Name.id`. */
export function matches(criteria: Criteria, record: Readonly<Record<string, unknown>>): boolean {
  if (criteria.kind !== 'condition') {
    return criteria.kind === 'and' ? criteria.parts.every((p) => matches(p, record)) : criteria.parts.some((p) => matches(p, record));
  }
  const value = fieldValue(record, criteria.field);
  const candidates = comparableValues(value);
  if (candidates.length === 0) return false;
  return test(criteria.operator, candidates, criteria.values);
}

/** A record's field by its API name, in any case; `Owner.name` reads into a lookup. */
export function fieldValue(record: Readonly<Record<string, unknown>>, path: string): unknown {
  let value: unknown = record;
  for (const key of path.split('.')) {
    const key2 = Object.keys(value as object).find((k) => k.toLowerCase() === key.toLowerCase());
    value = key2 === undefined ? undefined : (value as Record<string, unknown>)[key2];
    if (value === null || typeof value !== 'object') return value;
  }
  return value;
}

/** The texts a value can match as: itself, a lookup's name and id, each element of a list (tags). */
function comparableValues(value: unknown): string[] {
  if (value === null || value === undefined || value === '') return [];
  if (Array.isArray(value)) return value.flatMap(comparableValues);
  if (typeof value === 'object') {
    const { name, id } = value as Record<string, unknown>;
    return [name, id].filter((v) => v !== undefined && v !== null).map(String);
  }
  return [String(value)];
}

function test(operator: Operator, candidates: readonly string[], values: readonly string[]): boolean {
  const eq = (a: string, b: string) => compare(a, b) === 0;
  switch (operator) {
    case 'equals':
      // Zoho: "When using the equals operator in the Search API, it behaves like contains": (Company:equals:ABC)
      // finds "ABC" and "ABC Inc" (https://www.zoho.com/crm/developer/docs/api/v8/search-records.html). Numbers
      // (ids, amounts) still compare as numbers.
      return candidates.some((c) => eq(c, values[0]!) || (!isNumeric(c) && c.toLowerCase().includes(values[0]!.toLowerCase())));
    case 'not_equal':
      return !candidates.some((c) => eq(c, values[0]!));
    case 'starts_with':
      return candidates.some((c) => c.toLowerCase().startsWith(values[0]!.toLowerCase()));
    case 'in':
      return candidates.some((c) => values.some((v) => eq(c, v)));
    case 'greater_than':
      return candidates.some((c) => compare(c, values[0]!) > 0);
    case 'greater_equal':
      return candidates.some((c) => compare(c, values[0]!) >= 0);
    case 'less_than':
      return candidates.some((c) => compare(c, values[0]!) < 0);
    case 'less_equal':
      return candidates.some((c) => compare(c, values[0]!) <= 0);
    case 'between':
      return candidates.some((c) => compare(c, values[0]!) >= 0 && compare(c, values[1]!) <= 0);
  }
}

function isNumeric(text: string): boolean {
  return text.trim() !== '' && Number.isFinite(Number(text));
}

/** An ISO date-time with its offset, as Zoho writes one (`2025-02-10T14:30:00+05:30`, or `Z`). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Numbers as numbers (integers exactly: ids); two date-times as the instants they name, whatever their offsets (the
 * sandbox keeps times in UTC, scripts search with their own zone's); everything else as case-insensitive text (ISO
 * dates sort as text).
 */
export function compare(a: string, b: string): number {
  if (DATE_TIME.test(a.trim()) && DATE_TIME.test(b.trim())) {
    const x = Date.parse(withColonOffset(a.trim()));
    const y = Date.parse(withColonOffset(b.trim()));
    if (Number.isFinite(x) && Number.isFinite(y)) return x - y;
  }
  if (/^-?\d+$/.test(a.trim()) && /^-?\d+$/.test(b.trim())) {
    const d = BigInt(a.trim()) - BigInt(b.trim());
    return d > 0n ? 1 : d < 0n ? -1 : 0;
  }
  const x = Number(a);
  const y = Number(b);
  if (a.trim() !== '' && b.trim() !== '' && Number.isFinite(x) && Number.isFinite(y)) return x - y;
  const p = a.toLowerCase();
  const q = b.toLowerCase();
  return p < q ? -1 : p > q ? 1 : 0;
}

/** `+0530` as `+05:30`, which every engine's date parser reads. */
function withColonOffset(text: string): string {
  return text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
}
