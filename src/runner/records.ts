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

/** The outcomes in a response body, or undefined when it is not a per-record answer. */
export function recordOutcomes(body: string): RecordOutcome[] | undefined {
  let parsed: unknown;
  try {
    // Record IDs are 18–19 digits: read them as text so none is rounded through a double.
    parsed = JSON.parse(body.replace(/("id"\s*:\s*)(-?\d{16,})/g, '$1"$2"'));
  } catch {
    return undefined;
  }
  if (!isObject(parsed) || !Array.isArray(parsed['data'])) return undefined;
  const outcomes: RecordOutcome[] = [];
  for (const item of parsed['data']) {
    if (!isObject(item) || typeof item['status'] !== 'string' || typeof item['code'] !== 'string') return undefined;
    const details = isObject(item['details']) ? item['details'] : {};
    const id = details['id'];
    outcomes.push({
      id: typeof id === 'string' || typeof id === 'number' ? String(id) : null,
      code: item['code'],
      status: item['status'],
      message: typeof item['message'] === 'string' ? item['message'] : '',
    });
  }
  return outcomes;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
