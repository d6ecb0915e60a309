import { canonicalId, distinctIdsNamed } from '../http/crm-delete-ids.js';
import { isZohoApiHost } from '../http/zoho-hosts.js';
import { notEmulated } from '../sandbox/not-emulated.js';
import { printedEntry, type RequestEntry } from './http-host.js';
import { outcomesOf, recordTally, type RecordOutcome } from './records.js';

/**
 * What `deluge run` says on stderr of the requests a run sent (none: no line): their count by status and of their
 * records, then each failed record, each id a DELETE's answer is out of step with, each request refused as a whole,
 * and each that got no answer. `sandbox`: Zoho's API hosts went to the sandbox (`--sandbox`). Emitted TypeScript
 * programs print the same lines after the first (test/emitters/typescript-execute.test.ts compares them).
 */
export function requestSummaryLines(requests: readonly RequestEntry[], sandbox: boolean): string[] {
  const sent = requests.filter((r) => !r.dryRun);
  if (sent.length === 0) return [];
  const lines: string[] = [];
  const statuses = new Map<string, number>();
  for (const r of sent) {
    const status = r.status !== null ? String(r.status) : r.attempts === 0 ? 'not sent' : 'no response';
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  }
  const { failed } = recordTally(sent);
  let succeeded = 0;
  const idless: string[] = [];
  for (const r of sent) {
    const confirmed = confirmedRecords(r);
    succeeded += confirmed.succeeded;
    for (const record of confirmed.idless) idless.push(`  no id: ${record.code} ${record.message} (${r.method} ${new URL(r.url).host}: the answer names no record, so it confirms none deleted)`);
  }
  const parts = [...statuses].map(([status, n]) => `${n} × ${status}`).join(', ');
  const unanswered = sent.reduce((n, r) => n + (r.notInAnswer?.length ?? 0), 0);
  const refused = sent.reduce((n, r) => n + (r.notDeleted?.length ?? 0), 0);
  const recordPart =
    succeeded || failed.length || idless.length || unanswered || refused
      ? `; records: ${succeeded} succeeded, ${failed.length} failed${unanswered ? `, ${unanswered} not in the answer` : ''}` +
        `${refused ? `, ${refused} not deleted (refused with their request)` : ''}`
      : '';
  lines.push(`${sent.length} request${sent.length === 1 ? '' : 's'} (${parts})${recordPart}`);
  for (const { request, record } of failed) {
    lines.push(`  failed: ${record.id ?? '(no id)'} ${record.code} ${record.message} (${request.method} ${new URL(request.url).host})`);
  }
  for (const request of sent) {
    // A request with no answer at all has its ids on its own line below.
    if (request.status === null) continue;
    for (const id of request.notInAnswer ?? []) {
      lines.push(`  not in the answer: ${id} (${request.method} ${new URL(request.url).host}: the request named it, the answer says nothing of it)`);
    }
    for (const id of request.notRequested ?? []) {
      lines.push(`  not requested: ${id} (${request.method} ${new URL(request.url).host}: the answer names it, the request did not)`);
    }
  }
  lines.push(...idless);
  // A request refused as a whole (101 ids: LIMIT_EXCEEDED) has no records to list: its own code says why, and a
  // DELETE's line names every id it did not delete.
  for (const request of sent) {
    if (request.status === null || request.status < 400 || request.records) continue;
    const printed = printedEntry(request);
    const url = new URL(printed.url);
    const why = printed.code ? ` ${printed.code}${printed.message ? ` ${printed.message}` : ''}` : '';
    // The sandbox answers an API it lacks as an unknown module or route: say which it was.
    const gap = sandbox && isZohoApiHost(url.host) ? notEmulated(url.pathname) : undefined;
    const note = gap ? ` (the sandbox ${gap}: give the script its answer with --stub)` : '';
    // A 429 (or a 401) whose retry then failed: the answer is not the last word on the request.
    const retry = request.error ? `; its retry was not sent (${request.error})` : '';
    const kept = request.notDeleted ? `; none of the ids it named was deleted: ${request.notDeleted.join(', ')}` : '';
    lines.push(`  failed request: ${request.method} ${url.host}${url.pathname} → ${request.status}${why}${note}${retry}${kept}`);
  }
  // A request that got no answer (a timeout, a closed connection) may have been processed all the same, and a script
  // that caught its error leaves no other trace of it: each gets a line, a DELETE's with the ids it named. One never
  // sent (no attempt reached a server: each failed to connect, or its token request failed) deleted none of them.
  for (const request of sent) {
    if (request.status !== null) continue;
    const printed = printedEntry(request);
    const url = new URL(printed.url);
    const ids = distinctIdsNamed(request.method, printed.url) ?? [];
    const unsent = request.attempts === 0;
    const named = ids.length === 0 ? '' : unsent ? `; none of the ids it named was deleted: ${ids.join(', ')}` : `; the ids it named, whether deleted or not: ${ids.join(', ')}`;
    lines.push(`  ${unsent ? 'not sent' : 'no answer'}: ${request.method} ${url.host}${url.pathname}${request.error ? ` (${request.error})` : ''}${named}`);
  }
  return lines;
}

/**
 * The records a request's answer confirms: for a DELETE that names its ids, each distinct id it named that the answer
 * says succeeded, and none that it also says failed — never an outcome without an id, nor one for an id the request
 * did not name (listed apart, `notRequested`), nor an id answered twice counted twice. For any other request, each
 * successful outcome. `idless`: the successful outcomes of a DELETE's answer that name no record.
 */
export function confirmedRecords(request: RequestEntry): { succeeded: number; idless: RecordOutcome[] } {
  // (Read column by column: a run of 100,000 deleted records makes no object per record for its summary.)
  const outcomes = outcomesOf(request);
  if (outcomes === undefined) return { succeeded: 0, idless: [] };
  const named = distinctIdsNamed(request.method, request.url);
  if (named === undefined || named.length === 0) return { succeeded: outcomes.length - outcomes.failed().length, idless: [] };
  const requested = new Set(named.map(canonicalId));
  const succeeded = new Set<string>();
  const failed = new Set<string>();
  const idless: RecordOutcome[] = [];
  for (let i = 0; i < outcomes.length; i++) {
    const written = outcomes.idAt(i);
    const success = outcomes.succeededAt(i);
    if (written === null || written === '') {
      if (success) idless.push(outcomes.outcomeAt(i));
      continue;
    }
    const id = canonicalId(written);
    if (!requested.has(id)) continue;
    (success ? succeeded : failed).add(id);
  }
  let count = 0;
  for (const id of succeeded) if (!failed.has(id)) count++;
  return { succeeded: count, idless };
}
