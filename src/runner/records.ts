import { parseJson } from '../runtime/json.js';
import { ListValue, MapValue, type Value } from '../runtime/values.js';

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
 * The outcomes in a response the script already has as a value (the map `invokeurl` returns, or the `detailed`
 * map around it): no second parse of the body. Undefined when the value is not a per-record answer.
 */
export function recordOutcomesOf(value: Value): RecordOutcome[] | undefined {
  let body = value;
  if (body instanceof MapValue && body.entries.has('responseCode') && body.entries.has('responseText')) body = body.entries.get('responseText') ?? null;
  if (!(body instanceof MapValue)) return undefined;
  const data = body.entries.get('data');
  if (!(data instanceof ListValue)) return undefined;
  const outcomes: RecordOutcome[] = [];
  const codes = new LastShared();
  const statuses = new LastShared();
  const messages = new LastShared();
  for (const item of data.items) {
    if (!(item instanceof MapValue)) return undefined;
    const code = item.entries.get('code');
    const status = item.entries.get('status');
    if (typeof code !== 'string' || typeof status !== 'string') return undefined;
    const details = item.entries.get('details');
    const id = details instanceof MapValue ? details.entries.get('id') : undefined;
    const message = item.entries.get('message');
    outcomes.push({
      id: typeof id === 'string' || typeof id === 'bigint' ? String(id) : null,
      code: codes.of(code),
      status: statuses.of(status),
      message: typeof message === 'string' ? messages.of(message) : '',
    });
  }
  return outcomes;
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
export function recordOutcomes(body: string): RecordOutcome[] | undefined {
  try {
    return recordOutcomesOf(parseJson(body));
  } catch {
    return undefined;
  }
}
