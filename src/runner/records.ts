import { compareDeletedIds, deletedIdsNamed, type IdsOutOfStep } from '../http/crm-delete-ids.js';
import { redactText } from '../http/redact.js';
import { parseJson } from '../runtime/json.js';
import { ListValue, MapValue, type MapShape, type Value } from '../runtime/values.js';

/**
 * Per-record outcomes in a Zoho response: the `data` array that bulk operations answer with
 * (`{"data":[{"code":"SUCCESS","details":{"id":"…"},"message":"record deleted","status":"success"}, …]}`).
 * The runner lists every one of them in its report, so no deleted or failed record goes unreported.
 */
export interface RecordOutcome {
  readonly id: string | null;
  readonly code: string;
  readonly status: string;
  readonly message: string;
}

/**
 * The outcomes of one response's records, kept column by column. A run keeps every record's outcome to its end, and a
 * bulk answer says the same code, status and message for most of its records: a column that does is kept as that one
 * text, and the ids as one text of their own joined with commas. So deleted records leave one string per answer
 * rather than an object each, and no answer keeps the response text its ids were read from (100,000 deleted records:
 * 2.3 MB kept, against 15.0 MB with an array of ids, most of it those texts). The outcome objects are made when the
 * list is asked for (the report, `--json`, the audit log); the summary's counts and its list of failed records need
 * none of them.
 */
export class RecordOutcomes {
  private list: readonly RecordOutcome[] | undefined;
  /** The ids one by one: given when some id is missing or has a comma, else split from `joined` when first asked for. */
  private ids: readonly (string | null)[] | undefined;
  private readonly joined: string;
  readonly length: number;

  /** `commaFree`: every id is a text without a comma, so that the joined text can be split into them again. */
  constructor(
    ids: readonly (string | null)[],
    private readonly codes: Column,
    private readonly statuses: Column,
    private readonly messages: Column,
    commaFree = false,
  ) {
    this.length = ids.length;
    this.joined = ids.join(',');
    this.ids = commaFree ? undefined : ids;
  }

  /** Every record's outcome, in order (made once, when first asked). */
  all(): readonly RecordOutcome[] {
    if (this.list === undefined) {
      const list = new Array<RecordOutcome>(this.length);
      for (let i = 0; i < list.length; i++) list[i] = this.outcomeAt(i);
      this.list = list;
    }
    return this.list;
  }

  /** The ids of the records joined with commas (an id-less record adds an empty item). */
  joinedIds(): string {
    return this.joined;
  }

  /** The id of the i-th record (null when it has none). */
  idAt(i: number): string | null {
    this.ids ??= this.joined.split(',');
    return this.ids[i]!;
  }

  /** Whether the i-th record's status is `success`. */
  succeededAt(i: number): boolean {
    return cell(this.statuses, i) === 'success';
  }

  /** The records whose status is not `success`, in order. */
  failed(): RecordOutcome[] {
    const statuses = this.statuses;
    if (typeof statuses === 'string') return statuses === 'success' ? [] : [...this.all()];
    const failed: RecordOutcome[] = [];
    for (let i = 0; i < statuses.length; i++) if (statuses[i] !== 'success') failed.push(this.outcomeAt(i));
    return failed;
  }

  /** The i-th record's outcome. */
  outcomeAt(i: number): RecordOutcome {
    return { id: this.idAt(i), code: cell(this.codes, i), status: cell(this.statuses, i), message: cell(this.messages, i) };
  }
}

/** One text for every record of the response, or one per record. */
type Column = string | readonly string[];

function cell(column: Column, i: number): string {
  return typeof column === 'string' ? column : column[i]!;
}

/** A column as the records are read: one text while they all say the same, one per record from the first that differs. */
class ColumnBuilder {
  private readonly texts = new LastShared();
  private first = '';
  private cells: string[] | undefined;
  private count = 0;

  add(text: string): void {
    // The text kept for it: the same string as for the record before when it says the same, so the comparison below
    // compares two references (comparing the text read with the copy kept compared their characters, each record).
    const kept = this.texts.of(text);
    if (this.cells !== undefined) this.cells.push(kept);
    else if (this.count === 0) this.first = kept;
    else if (kept !== this.first) {
      this.cells = new Array<string>(this.count).fill(this.first);
      this.cells.push(kept);
    }
    this.count++;
  }

  column(): Column {
    return this.cells ?? this.first;
  }
}

/**
 * The outcomes in a response the script already has as a value (the map `invokeurl` returns, or the `detailed`
 * map around it): no second parse of the body. Undefined when the value is not a per-record answer.
 */
export function recordOutcomesOf(value: Value): RecordOutcomes | undefined {
  const body = answerBody(value);
  if (!(body instanceof MapValue)) return undefined;
  const data = body.lookup('data');
  if (!(data instanceof ListValue)) return undefined;
  const ids: (string | null)[] = [];
  const codes = new ColumnBuilder();
  const statuses = new ColumnBuilder();
  const messages = new ColumnBuilder();
  let commaFree = true;
  // A message is kept as it is printed (the summary, --json, the audit log): a server that echoes the key it was sent
  // (`refused for sk_live_…`) has it masked. Consecutive records mostly say the same: each text is masked once.
  let lastMessage: string | undefined;
  let lastPrinted = '';
  const codeOf = new KeyReader('code');
  const statusOf = new KeyReader('status');
  const detailsOf = new KeyReader('details');
  const idOf = new KeyReader('id');
  const messageOf = new KeyReader('message');
  for (const item of data.items) {
    if (!(item instanceof MapValue)) return undefined;
    const code = codeOf.read(item);
    const status = statusOf.read(item);
    // Zoho's outcome statuses: records of a module whose fields are named `code` and `status` ("Active") are data.
    if (typeof code !== 'string' || (status !== 'success' && status !== 'error')) return undefined;
    const details = detailsOf.read(item);
    const id = details instanceof MapValue ? idOf.read(details) : undefined;
    const message = messageOf.read(item);
    const text = typeof id === 'string' ? id : typeof id === 'bigint' ? String(id) : null;
    if (text === null || text.includes(',')) commaFree = false;
    ids.push(text);
    codes.add(code);
    statuses.add(status);
    const said = typeof message === 'string' ? message : '';
    if (said !== lastMessage) {
      lastMessage = said;
      lastPrinted = redactText(said);
    }
    messages.add(lastPrinted);
  }
  return new RecordOutcomes(ids, codes.column(), statuses.column(), messages.column(), commaFree);
}

/**
 * One key of maps that mostly have the same shape (a response's records, read from JSON): its position is found once
 * per shape rather than searched for in every map.
 */
class KeyReader {
  private shape: MapShape | undefined;
  private position = -1;

  constructor(private readonly key: string) {}

  read(map: MapValue): Value | undefined {
    const shape = map.keyShape;
    if (shape === undefined) return map.lookup(this.key);
    if (shape !== this.shape) {
      this.shape = shape;
      this.position = shape.indexOf(this.key);
    }
    return this.position < 0 ? undefined : map.valueAt(this.position);
  }
}

const NONE: readonly string[] = [];

export const NOTHING_OUT_OF_STEP: IdsOutOfStep = { notInAnswer: NONE, notRequested: NONE };

/**
 * Compares a DELETE's ids with its answer's (`outcomes` undefined: an answer with no per-record outcomes), in one pass
 * over each; nothing for other requests. Ids compare as numbers do (`0410…` is `410…`).
 */
export function idsOutOfStep(method: string, url: string, outcomes: RecordOutcomes | undefined): IdsOutOfStep {
  if (outcomes !== undefined && answersIdsAsWritten(method, url, outcomes)) return NOTHING_OUT_OF_STEP;
  const named = deletedIdsNamed(method, url);
  return named === undefined ? NOTHING_OUT_OF_STEP : compareDeletedIds(named, outcomes);
}

export function idsNotInAnswer(method: string, url: string, outcomes: RecordOutcomes | undefined): readonly string[] {
  return idsOutOfStep(method, url, outcomes).notInAnswer;
}

export function idsNotRequested(method: string, url: string, outcomes: RecordOutcomes): readonly string[] {
  return idsOutOfStep(method, url, outcomes).notRequested;
}

/** The usual answer: the one `ids=` of the URL, as written, is the answer's ids in their order. */
function answersIdsAsWritten(method: string, url: string, outcomes: RecordOutcomes): boolean {
  const start = url.indexOf('?ids=');
  // (Another `ids=` after it, even percent-encoded — `%69ds=` is `ids=` —: the slow path reads which one counts.)
  if (method !== 'DELETE' || start < 0 || url.includes('ids=', start + 5) || url.includes('%', start + 5)) return false;
  const ampersand = url.indexOf('&', start);
  const hash = url.indexOf('#', start);
  const end = ampersand >= 0 && (hash < 0 || ampersand < hash) ? ampersand : hash >= 0 ? hash : url.length;
  return url.slice(start + 5, end) === outcomes.joinedIds();
}

/** A request-level error in a Zoho-style answer (`{"code":"LIMIT_EXCEEDED","message":"…","status":"error"}`). */
export interface RequestError {
  readonly code: string;
  readonly message: string;
}

/**
 * The request-level error of an answer the script has as a value (or the `detailed` map around it): a map with a
 * text `code` and no per-record `data`. Undefined for anything else.
 */
export function requestErrorOf(value: Value): RequestError | undefined {
  const body = answerBody(value);
  if (!(body instanceof MapValue) || body.lookup('data') instanceof ListValue) return undefined;
  const code = body.lookup('code');
  if (typeof code !== 'string') return undefined;
  const message = body.lookup('message');
  return { code, message: typeof message === 'string' ? message : '' };
}

/** The answer's body: the value itself, or the `responseText` of the `detailed: true` map around it. */
function answerBody(value: Value): Value {
  if (value instanceof MapValue && value.has('responseCode') && value.has('responseText')) return value.lookup('responseText') ?? null;
  return value;
}

/** A response body read as JSON, or undefined when it is not JSON. */
export function readAnswer(body: string): Value | undefined {
  try {
    return parseJson(body);
  } catch {
    return undefined;
  }
}

/** Where a listed request keeps its outcomes (not enumerable: reports and JSON see `records`). */
const OUTCOMES = Symbol('record outcomes');

/** `records`: an enumerable property made from the outcomes when read, one getter for every listed request. */
const RECORDS: PropertyDescriptor = {
  enumerable: true,
  get(this: { [OUTCOMES]: RecordOutcomes }): readonly RecordOutcome[] {
    return this[OUTCOMES].all();
  },
};

/** Gives a listed request its `records` (read as an array, made when first read) and keeps the outcomes with it. */
export function withRecords<T extends object>(entry: T, outcomes: RecordOutcomes): T {
  Object.defineProperty(entry, OUTCOMES, { value: outcomes });
  return Object.defineProperty(entry, 'records', RECORDS);
}

/** The record outcomes of a listed request, if its answer had any. */
export function outcomesOf(entry: object): RecordOutcomes | undefined {
  return (entry as { [OUTCOMES]?: RecordOutcomes })[OUTCOMES];
}

/**
 * How many records the requests' answers have, and each that did not succeed with its request (the summary's "failed"
 * lines; the benchmarks count with `total`).
 */
export function recordTally<T extends object>(requests: readonly T[]): { total: number; failed: { request: T; record: RecordOutcome }[] } {
  let total = 0;
  const failed: { request: T; record: RecordOutcome }[] = [];
  for (const request of requests) {
    const outcomes = outcomesOf(request);
    if (!outcomes) continue;
    total += outcomes.length;
    for (const record of outcomes.failed()) failed.push({ request, record });
  }
  return { total, failed };
}

/**
 * A run keeps every record's outcome to its end, and most outcomes say the same few things ("SUCCESS", "success",
 * "record deleted"): each such text is kept once, as a copy of its own, rather than once per record as a view into
 * that record's response text (an object per record for the collector to move).
 */
const SHARED_TEXTS = new Map<string, string>();
const SHARED_TEXTS_LIMIT = 512;
/** Longer texts (an error's own explanation) are seldom repeated: kept as read. */
const SHARED_TEXT_MAX_LENGTH = 100;

function shared(text: string): string {
  const known = SHARED_TEXTS.get(text);
  if (known !== undefined) return known;
  if (text.length > SHARED_TEXT_MAX_LENGTH) return text;
  if (SHARED_TEXTS.size >= SHARED_TEXTS_LIMIT) SHARED_TEXTS.clear();
  // A copy of its own: the text read may be a view into a response.
  const own = [...text].join('');
  SHARED_TEXTS.set(own, own);
  return own;
}

/**
 * `shared` for one field of consecutive records, which mostly repeat the text before: compared with that first,
 * which costs less than a look-up in the table (the JSON reader gives short texts as the same string each time; a
 * longer one, such as "record deleted", is a new view into the response at each record, hashed anew).
 */
class LastShared {
  private read: string | undefined;
  private kept = '';

  of(text: string): string {
    if (text !== this.read) {
      this.read = text;
      this.kept = shared(text);
    }
    return this.kept;
  }
}

/** The outcomes in a response body, or undefined when it is not JSON or not a per-record answer. */
export function recordOutcomes(body: string): RecordOutcomes | undefined {
  const value = readAnswer(body);
  return value === undefined ? undefined : recordOutcomesOf(value);
}
