/**
 * The record ids a CRM DELETE names, read from its URL as the server reads them, and how they compare with the ids
 * of its answer: for `deluge run`'s account of deleted records (src/runner/records.ts) and emitted TypeScript
 * programs' alike (the prelude generator copies this file's declarations into programs: it imports nothing).
 */

/**
 * `/crm/v7/Leads` or `/crm/v2.1/Leads/{id}`: a module of the CRM records API, and a record of it. Not the APIs of the
 * same shape that are no module's (`/crm/v7/users/{id}`, `/crm/v7/actions/watch`), whose answers name their own list
 * (`{"users":[…]}`), not `data`. Also with a stray `/` (`//crm/v7/Leads`, `/crm//v7/Leads`, `/crm/v7//Leads`,
 * `/Leads//{id}`, `/Leads/{id}/`), or `crm` and the version in capitals (`/crm/V7/Leads`): a request that still asks
 * to delete those records (the sandbox refuses it as a whole: INVALID_URL_PATTERN).
 */
const CRM_RECORDS_PATH = /^\/+[cC][rR][mM]\/+[vV]\d+(?:\.\d+)?\/+(?!(?:settings|users|org|actions|coql|files|functions|__\w+)(?:[/?]|$))[^/]+(?:\/+(?!(?:deleted|upsert|search|actions)\/*$)([^/]+))?\/*$/;

/** A query value or path segment as the server reads it (`+` a space in a query); as written when it is not valid. */
function decodedUrlPart(text: string, query: boolean): string {
  if (!text.includes('%') && !(query && text.includes('+'))) return text;
  try {
    return decodeURIComponent(query ? text.replace(/\+/g, ' ') : text);
  } catch {
    return text;
  }
}

/**
 * An id as the server reads it from the ids it was given: without the spaces, tabs, line breaks and other control
 * characters around it, as Java's `String.trim()` takes them off (Zoho is a Java service), and nothing else — a
 * no-break space or a byte-order mark pasted from a page stays, and such an id is no number (UNABLE_TO_PARSE_DATA_TYPE).
 * The sandbox, the run's account of deleted records and lint read ids alike. (A decision: Zoho documents none of it.)
 */
export function trimmedId(id: string): string {
  return id.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
}

/**
 * The record ids a CRM DELETE names — the id of its path, then every `ids` of its query, split at commas — as the
 * server reads them (decoded, trimmed; repeats kept). Undefined for any other request. Read from the text of the URL:
 * a run reads this for every answer it accounts for, and most URLs need no decoding.
 */
export function deletedIdsNamed(method: string, url: string): string[] | undefined {
  if (method !== 'DELETE') return undefined;
  const hash = url.indexOf('#');
  const end = hash < 0 ? url.length : hash;
  const question = url.indexOf('?');
  const queryStart = question >= 0 && question < end ? question : end;
  const scheme = url.indexOf('//');
  const pathStart = scheme < 0 ? -1 : url.indexOf('/', scheme + 2);
  if (pathStart < 0 || pathStart > queryStart) return undefined;
  const path = CRM_RECORDS_PATH.exec(url.slice(pathStart, queryStart));
  if (!path) return undefined;
  const named: string[] = [];
  const add = (id: string) => {
    const trimmed = trimmedId(id);
    if (trimmed !== '') named.push(trimmed);
  };
  if (path[1] !== undefined) add(decodedUrlPart(path[1], false));
  // Also beside a path id: the single-record route deletes only that record, so the `ids` are ones a user asked for
  // and the answer may leave out.
  if (queryStart < end) {
    for (const parameter of url.slice(queryStart + 1, end).split('&')) {
      // (The name as the server reads it too: `%69ds=` is `ids=`.)
      const equals = parameter.indexOf('=');
      if (equals < 0) continue;
      const name = parameter.slice(0, equals);
      if (name === 'ids' || (name.includes('%') && decodedUrlPart(name, true) === 'ids')) for (const id of decodedUrlPart(parameter.slice(equals + 1), true).split(',')) add(id);
    }
  }
  return named;
}

/**
 * The records a CRM DELETE names, each once as the server reads them (`ids=A,A,0A,,B,` names two: an id repeated, or
 * written with leading zeros, is one record), as first written. Undefined for any other request.
 */
export function distinctIdsNamed(method: string, url: string): string[] | undefined {
  const named = deletedIdsNamed(method, url);
  if (named === undefined) return undefined;
  const seen = new Set<string>();
  return named.filter((id) => {
    const canonical = canonicalId(id);
    if (seen.has(canonical)) return false;
    seen.add(canonical);
    return true;
  });
}

/** The ids of an answer's per-record outcomes, in order (null for a record with none). */
export interface AnsweredIds {
  readonly length: number;
  idAt(i: number): string | null;
}

/** How a DELETE's named ids and its answer's ids differ: each list once per id, in its own order. */
export interface IdsOutOfStep {
  /**
   * Ids the request named that the answer does not mention — neither deleted nor failed, as far as the answer says (a
   * second `ids=` the server did not read, say). With no per-record outcomes (a 204, `{"data":null}`, a page of
   * HTML), every one.
   */
  readonly notInAnswer: readonly string[];
  /** Ids the per-record answer names that the request did not: the outcome of a record nobody asked about. */
  readonly notRequested: readonly string[];
}

/**
 * Compares the ids a DELETE named (`deletedIdsNamed`) with its answer's (`answered` undefined: an answer with no
 * per-record outcomes), in one pass over each. Ids compare as numbers do (`0410…` is `410…`).
 */
export function compareDeletedIds(named: readonly string[], answered: AnsweredIds | undefined): IdsOutOfStep {
  const requested = new Set(named.map(canonicalId));
  const seen = new Set<string>();
  const notRequested = new Set<string>();
  for (let i = 0; i < (answered?.length ?? 0); i++) {
    const id = answered!.idAt(i);
    if (id === null) continue;
    const canonical = canonicalId(id);
    seen.add(canonical);
    if (!requested.has(canonical)) notRequested.add(id);
  }
  const notInAnswer = new Set<string>();
  for (const id of named) if (!seen.has(canonicalId(id))) notInAnswer.add(id);
  return { notInAnswer: [...notInAnswer], notRequested: [...notRequested] };
}

/** An id as compared: a number's digits without leading zeros, any other text as it is. */
export function canonicalId(id: string): string {
  return /^\d+$/.test(id) ? id.replace(/^0+(?=\d)/, '') : id;
}
