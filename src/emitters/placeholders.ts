/**
 * Placeholders: what a script sees instead of a response while its requests are recorded. Nothing is invented —
 * no status, no records. Every value read from a response is a placeholder named by its path: TEXT such as
 * `{{response1.data.0.id}}`, which flows through `+`, text functions and JSON like any text, or a placeholder MAP,
 * whose keys read as placeholders one level down (so `resp.get("data").get(0).get("id")` works). Which of the two a
 * path gives is a guess (maps for the whole response, `data`, `info`, `details` and list indices; text for the rest)
 * that the recorder corrects by running the script again when the script used it as the other kind (record.ts).
 * Used as text, a placeholder map shows as `{"{{response1.data}}":null}` (the JSON of its one entry, its token).
 * The emitter finds the tokens again in a request — raw, percent-encoded or JSON-escaped — and writes variables
 * (`"$RESPONSE_1_DATA_0_ID"`) with a comment saying where their values come from.
 */
import { keyText } from '../runtime/text-form.js';
import { FileValue, MapValue, type MapKey, type Value } from '../runtime/values.js';

/** What produced the values a placeholder stands for. */
export interface PlaceholderSource {
  /**
   * `response`: the answer to a recorded request; `task`: the result of a task that was not converted; `derived`: a
   * text function's result on placeholders (`email.getSuffix("@")`), which only the live values give.
   */
  readonly kind: 'response' | 'task' | 'derived';
  /** 1-based: the request's number (`# 1.`), the unconverted task's, or the derived value's. */
  readonly index: number;
  /** `invokeurl`, `zoho.crm.getRecordById`, `zoho.books.updateRecord`, …; for a derived value, the function. */
  readonly origin: string;
  /** The line of the main script that made it, when it is in the main script. */
  readonly line?: number;
}

export interface Placeholder {
  /** The text the script sees: `{{response1.Email}}`. */
  readonly token: string;
  /** The variable an emitted program reads instead: `RESPONSE_1_EMAIL`. */
  readonly variable: string;
  readonly source: PlaceholderSource;
  /** The keys the script read, in order (empty for a whole response). */
  readonly path: readonly string[];
  /** `the "Email" of the response to request 1 (zoho.crm.getRecordById at line 5)`. */
  readonly description: string;
  /**
   * A derived value's expression, over the variables of the placeholders it comes from (`bases`, never derived ones
   * themselves): `$RESPONSE_1_EMAIL.trim().toLowerCase()`.
   */
  readonly derivation?: { readonly expression: string; readonly bases: readonly Placeholder[] };
}

/** A placeholder map as text: `{"{{t}}":null}`, its punctuation possibly percent-encoded, its quotes JSON-escaped. */
const MAP_AS_TEXT =
  /(?:\{|%7B)(?:\\*"|%22)(?:\{|%7B)(?:\{|%7B)((?:response|task|derived)\d+(?:\.[A-Za-z0-9_]+)*)(?:\}|%7D)(?:\}|%7D)(?:\\*"|%22)(?::|%3A)null(?:\}|%7D)/gi;

/** A token as it appears in a text, raw or with its braces percent-encoded (in a URL or a form body). */
const TOKEN = /(?:\{\{|%7B%7B)((?:response|task|derived)\d+(?:\.[A-Za-z0-9_]+)*)(?:\}\}|%7D%7D)/gi;

/** Where a token was found in a text. */
export interface TokenMatch {
  readonly start: number;
  readonly end: number;
  readonly placeholder: Placeholder;
  /** True when its braces were percent-encoded: the value must be URL-encoded before it is put there. */
  readonly encoded: boolean;
}

/** What a placeholder is to the script. */
export type PlaceholderKind = 'map' | 'text';

/** Keys whose values are maps or lists in Zoho's answers: `{"data": [...], "info": {...}}`, `details`, … */
const CONTAINER_KEYS = new Set(['data', 'info', 'details', 'responseheader', 'users', 'modules', 'fields', 'tags', 'org', 'layouts', 'result']);

/** The kind a path is first given: a map for the whole response, container keys and list indices; text otherwise. */
export function guessedKind(path: readonly string[]): PlaceholderKind {
  const last = path[path.length - 1];
  return last === undefined || /^\d+$/.test(last) || CONTAINER_KEYS.has(last.toLowerCase()) ? 'map' : 'text';
}

/** `response1.data.0`: a path's key in the kinds table (stable across runs of the same script). */
export function pathKey(source: PlaceholderSource, path: readonly string[]): string {
  return [`${source.kind}${source.index}`, ...path].join('\u0000');
}

export class Placeholders {
  /** @param kinds corrections of {@link guessedKind}, by {@link pathKey}, from earlier runs of the script. */
  constructor(private readonly kinds: ReadonlyMap<string, PlaceholderKind> = new Map()) {}

  /** The value a path reads as: a placeholder map or a placeholder text. */
  value(source: PlaceholderSource, path: readonly string[], guess: PlaceholderKind = guessedKind(path)): Value {
    const kind = this.kinds.get(pathKey(source, path)) ?? guess;
    return kind === 'map' ? this.map(source, path) : this.text(source, path);
  }

  private readonly byToken = new Map<string, Placeholder>();
  private readonly variables = new Set<string>();
  private readonly ordered: Placeholder[] = [];
  /** The placeholder most recently handed to the script, and how many were. */
  lastRead: Placeholder | undefined;
  reads = 0;

  /** Every placeholder made, in the order the script first read them. */
  all(): readonly Placeholder[] {
    return this.ordered;
  }

  /**
   * The placeholder the script touched last: read, or received as a whole response. When the script stops on a
   * value it cannot use, this is what it was most likely working with.
   */
  lastTouched: Placeholder | undefined;

  /** The placeholder map of a response (or of a path in it): each key read gives the placeholder map one level down. */
  map(source: PlaceholderSource, path: readonly string[] = []): MapValue {
    const placeholder = this.placeholder(source, path);
    this.lastTouched = placeholder;
    if (path.length > 0) {
      this.read(placeholder);
      this.lastReadKind = 'map';
    }
    return new MapValue(
      new PlaceholderEntries(
        placeholder.token,
        (key) => this.value(source, [...path, keyText(key)]),
        () => this.changed.add(placeholder),
      ),
    );
  }

  /** A placeholder text, handed to the script. */
  text(source: PlaceholderSource, path: readonly string[] = []): string {
    const placeholder = this.placeholder(source, path);
    this.lastTouched = placeholder;
    this.read(placeholder);
    this.lastReadKind = 'text';
    return placeholder.token;
  }

  /** What the last placeholder read was to the script. */
  lastReadKind: PlaceholderKind | undefined;

  private read(placeholder: Placeholder): void {
    this.lastRead = placeholder;
    this.reads++;
    this.readPaths.push(placeholder);
  }

  /** The placeholders the script read, in order (with repeats). */
  readonly readPaths: Placeholder[] = [];

  /**
   * The placeholder maps the script changed (`rec.put("Status", "Done")`, `rec.remove("id")`): no variable can stand
   * for one any more, as it is no longer the live value.
   */
  readonly changed = new Set<Placeholder>();

  /** A file received in a response (`response-format: FILE`): its name is the placeholder, its content unknown. */
  file(source: PlaceholderSource): FileValue {
    return new FileValue(this.text(source, ['file']), 'application/octet-stream', new Uint8Array());
  }

  /**
   * A text with every placeholder map written as text (`{"{{t}}":null}`, raw or percent-encoded in any of the ways
   * a URL, `encodeUrl` or a form encodes it) turned back into its token: `{{t}}`, or `%7B%7Bt%7D%7D` when encoded.
   */
  canonical(text: string): string {
    if (!text.includes('null') || !/response|task|derived/i.test(text)) return text;
    return text.replace(MAP_AS_TEXT, (all: string, token: string) => (/%[0-9A-F]{2}/i.test(all) ? `%7B%7B${token}%7D%7D` : `{{${token}}}`));
  }

  /** The placeholders a text carries, in order of appearance. */
  find(text: string): TokenMatch[] {
    const found: TokenMatch[] = [];
    for (const match of text.matchAll(TOKEN)) {
      const placeholder = this.byToken.get(`{{${match[1]!.toLowerCase()}}}`);
      if (!placeholder) continue;
      found.push({ start: match.index, end: match.index + match[0].length, placeholder, encoded: match[0].startsWith('%') });
    }
    return found;
  }

  /** The placeholder whose token is `token` (any case), if this recording made it. */
  lookup(token: string): Placeholder | undefined {
    return this.byToken.get(token.toLowerCase());
  }

  private readonly derivedByExpression = new Map<string, Placeholder>();

  /**
   * The placeholder of a text function's result on texts that carry placeholders: the function ran on their tokens,
   * not on the live values, so what it gave (`null` for `"{{response1.Email}}".getSuffix("@")`, `{{` for `left(2)`)
   * is no answer at all. Its result stands for a value of its own, `expression` of the placeholders `from` (the same
   * expression is the same value; a derived one in `from` is described by what it comes from), read from a variable
   * named after the first of them and the function: `RESPONSE_1_EMAIL_GET_SUFFIX`.
   */
  derived(expression: string, from: readonly Placeholder[], fn: string): string {
    const known = this.derivedByExpression.get(expression);
    if (known) {
      this.lastTouched = known;
      return known.token;
    }
    const index = this.derivedByExpression.size + 1;
    const bases = [...new Set(from.flatMap((p) => p.derivation?.bases ?? [p]))];
    const placeholder: Placeholder = {
      token: `{{derived${index}}}`,
      variable: this.uniqueVariable(`${from[0]!.variable}_${snake(fn.slice(fn.lastIndexOf('.') + 1))}`),
      source: { kind: 'derived', index, origin: fn },
      path: [],
      description: `${expression}, where ${bases.map((p) => `$${p.variable} is ${p.description}`).join('; ')}`,
      derivation: { expression, bases },
    };
    this.derivedByExpression.set(expression, placeholder);
    this.byToken.set(placeholder.token, placeholder);
    this.ordered.push(placeholder);
    this.lastTouched = placeholder;
    return placeholder.token;
  }

  private placeholder(source: PlaceholderSource, path: readonly string[]): Placeholder {
    const head = `${source.kind}${source.index}`;
    let token = `{{${[head, ...path.map(tokenSegment)].join('.')}}}`;
    const existing = this.byToken.get(token.toLowerCase());
    if (existing && sameSource(existing, source, path)) return existing;
    // Keys that differ only in case or in characters a token cannot hold get their own token.
    for (let n = 2; this.byToken.has(token.toLowerCase()); n++) token = `{{${[head, ...path.map(tokenSegment)].join('.')}_${n}}}`;
    const placeholder: Placeholder = {
      token,
      variable: this.variable(source, path),
      source,
      path: [...path],
      description: describe(source, path),
    };
    this.byToken.set(token.toLowerCase(), placeholder);
    this.ordered.push(placeholder);
    return placeholder;
  }

  private variable(source: PlaceholderSource, path: readonly string[]): string {
    return this.uniqueVariable([`${source.kind.toUpperCase()}_${source.index}`, ...path.map(snake)].filter((p) => p !== '').join('_'));
  }

  private uniqueVariable(base: string): string {
    let name = base;
    for (let n = 2; this.variables.has(name); n++) name = `${base}_${n}`;
    this.variables.add(name);
    return name;
  }
}

function sameSource(p: Placeholder, source: PlaceholderSource, path: readonly string[]): boolean {
  return p.source.kind === source.kind && p.source.index === source.index && p.path.length === path.length && p.path.every((k, i) => k === path[i]);
}

/** A key as a token segment: letters, digits and `_` only, so that URL encoding leaves it alone. */
function tokenSegment(key: string): string {
  return key.replace(/[^A-Za-z0-9_]+/g, '_') || '_';
}

/** `responseCode` → `RESPONSE_CODE`, `Last Name` → `LAST_NAME`. */
function snake(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
}

function describe(source: PlaceholderSource, path: readonly string[]): string {
  const where = `${source.origin}${source.line !== undefined ? ` at line ${source.line}` : ''}`;
  const whole = source.kind === 'response' ? `the response to request ${source.index} (${where})` : `the result of ${where} (not converted)`;
  return path.length === 0 ? whole : `${pathText(path)} of ${whole}`;
}

/** `data[0].details.id`: keys as the script read them, indices in brackets. */
export function pathText(path: readonly string[]): string {
  return path.map((k, i) => (/^\d+$/.test(k) ? `[${k}]` : /^[A-Za-z_$][\w$]*$/.test(k) ? `${i === 0 ? '' : '.'}${k}` : `[${JSON.stringify(k)}]`)).join('');
}

/**
 * The entries of a placeholder map. A key the script never put reads as the placeholder one level down (and is
 * present, so `containKey` says true). Walked — by `info`, `+`, `toString()`, JSON — the map shows one entry, its
 * token, so that its text names it; `size()` counts that entry, so a check such as `isEmpty()` goes on as it would
 * with data (the warnings say that decisions taken on placeholders may differ from a live run's).
 */
class PlaceholderEntries extends Map<MapKey, Value> {
  constructor(
    private readonly token: string,
    private readonly readKey: (key: MapKey) => Value,
    private readonly onChange: () => void,
  ) {
    super();
  }

  override set(key: MapKey, value: Value): this {
    this.onChange();
    return super.set(key, value);
  }

  override delete(key: MapKey): boolean {
    this.onChange();
    return super.delete(key);
  }

  override clear(): void {
    this.onChange();
    super.clear();
  }

  override get(key: MapKey): Value | undefined {
    return super.has(key) ? super.get(key) : this.readKey(key);
  }

  override has(_key: MapKey): boolean {
    return true;
  }

  override get size(): number {
    return super.size + 1;
  }

  override *entries(): MapIterator<[MapKey, Value]> {
    yield [this.token, null];
    yield* super.entries();
  }

  override [Symbol.iterator](): MapIterator<[MapKey, Value]> {
    return this.entries();
  }

  override *keys(): MapIterator<MapKey> {
    for (const [key] of this.entries()) yield key;
  }

  override *values(): MapIterator<Value> {
    for (const [, value] of this.entries()) yield value;
  }

  override forEach(callback: (value: Value, key: MapKey, map: Map<MapKey, Value>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }
}
