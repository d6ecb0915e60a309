/**
 * `invokeurl`, `getUrl` and `postUrl` as `deluge run` performs them (src/http/invokeurl.ts, response.ts,
 * transport.ts): the same request — method, URL and query, headers in the script's order, body and content type —
 * sent with the global `fetch`, and the answer given back as Deluge values.
 */
import { subscribe } from 'node:diagnostics_channel';
import { setTimeout as delay } from 'node:timers/promises';
import { charsetLabel, decodingProblem } from '../../../http/charsets.js';
import { compareDeletedIds, deletedIdsNamed, distinctIdsNamed } from '../../../http/crm-delete-ids.js';
import { isBinaryType } from '../../../http/content-type.js';
import { unsendableHeaders } from '../../../http/managed-headers.js';
import { multipartBody, newBoundary } from '../../../http/multipart.js';
import { redactRequestText, redactText, rememberRequestSecrets, rememberSecret } from '../../../http/redact.js';
import { MAX_REDIRECTS, REDIRECT_STATUSES, redirectedHeaders, redirectsToGet } from '../../../http/redirect-rule.js';
import { urlTextProblem } from '../../../http/url-text.js';
import { backoffMs, RETRY_RULE, tooManyRequestsWait } from '../../../http/retry-rule.js';
import { SEND_TIMED_OUT, sendFailureMessage, sendFailureOf, type SendFailure } from '../../../http/send-failures.js';
import { notAwaitedNotice, notAwaitedReason, notSentMessage, quitHow, quitMessage, STDOUT_CLOSED_NOTICE, STOP_EXIT_CODES, stoppedMessage, stoppingNotice, type StopSignal } from '../../../runner/stop-wording.js';
import { CONNECTION_AUTH, TOKEN_VARIABLES, ZOHO_API_BASE } from './config.js';
import { parseJson } from './json.js';
import { jsonText, keyText, textForm } from './text-form.js';
import { DelugeError, DelugeFile, fail, typeName, type DelugeMap, type Value } from './values.js';

/** The parameters of an `invokeurl [ … ]` block, by lower-case key; bare words (`type: GET`) arrive as text. */
export interface InvokeUrlParams {
  readonly url?: Value;
  readonly type?: Value;
  readonly headers?: Value;
  readonly 'content-type'?: Value;
  readonly parameters?: Value;
  readonly body?: Value;
  readonly files?: Value;
  readonly connection?: Value;
  readonly detailed?: Value;
  readonly 'response-format'?: Value;
  readonly 'response-decoding'?: Value;
}

export type Header = [name: string, value: string];

export type RequestBody =
  | { readonly kind: 'form'; readonly fields: Header[] }
  | { readonly kind: 'raw'; readonly text: string; readonly contentType: string }
  | { readonly kind: 'multipart'; readonly parts: ({ readonly name: string; readonly value: string } | { readonly name: string; readonly file: DelugeFile })[] };

export interface HttpRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Header[];
  readonly body?: RequestBody;
  readonly connection?: string;
  /** `detailed: true`, or `false` as the last argument of getUrl/postUrl: the answer as responseText/responseHeader/responseCode. */
  readonly detailed: boolean;
  readonly format?: string;
  readonly decoding?: string;
  /** `invokeurl`, `getUrl`, `zoho.crm.getRecordById`, … */
  readonly origin: string;
}

export interface HttpResponse {
  readonly status: number;
  /** Names in lower case, in the order received. */
  readonly headers: Header[];
  readonly body: Uint8Array;
  readonly url: string;
}

/** `invokeurl [ … ]`: sends the request and gives back the answer (a map or list for JSON, else text). */
export async function invokeUrl(params: InvokeUrlParams): Promise<Value> {
  const request = invokeUrlRequest(params);
  const response = await send(request);
  const value = responseValue(response, request);
  // A file's answer is read as JSON for the account (a 404's error code), as deluge run reads it.
  noteRecords(request.format === 'FILE' ? answerValue(response) : value, request, response.status);
  return value;
}

/**
 * What the program lists on stderr when it ends, as `deluge run`'s summary lists it: each record a per-record answer
 * (Delete Records' `data[]`) reported as failed; each id a DELETE named that its answer says nothing of, or that the
 * answer names unasked; and each request answered 400 or more without per-record outcomes (a DELETE's with the ids it
 * did not delete).
 */
const recordAccount = { failed: [] as string[], unaccounted: [] as string[], failedRequests: [] as string[], unanswered: [] as string[], notInAnswer: 0, notDeleted: 0, notRequested: 0, printed: false };

/**
 * The answer, its records accounted for as `deluge run` accounts for them (src/runner/http-host.ts), so that no failed
 * or undeleted record, and no failed request, goes unseen because the script did not look. `retryNotSent`: why the
 * request was not sent again after this answer (a 429), when its retry could not connect. Every answer the program
 * gets comes here once: when Ctrl-C or SIGTERM came while it was awaited, the program stops here (`stopping`).
 */
export function noteRecords(value: Value, request: HttpRequest, status: number, retryNotSent?: string): Value {
  const body = value instanceof Map && value.has('responseCode') && value.has('responseText') ? value.get('responseText') : value;
  const data = body instanceof Map ? body.get('data') : undefined;
  // Per-record outcomes: a `data` list whose every item has a text code and Zoho's status (records with fields named
  // `code` and `status` are data).
  const outcomes = Array.isArray(data) && data.every((item) => item instanceof Map && typeof item.get('code') === 'string' && (item.get('status') === 'success' || item.get('status') === 'error')) ? (data as DelugeMap[]) : undefined;
  const ids = (outcomes ?? []).map((item) => {
    const details = item.get('details');
    const id = details instanceof Map ? details.get('id') : undefined;
    return typeof id === 'string' ? id : typeof id === 'bigint' ? String(id) : null;
  });
  const account = recordAccount;
  const where = `${request.method} ${new URL(request.url).host}`;
  (outcomes ?? []).forEach((item, i) => {
    const message = item.get('message');
    // What a server says is printed masked, as deluge run prints it: it may echo the key it was sent.
    if (item.get('status') !== 'success') account.failed.push(`  failed: ${ids[i] ?? '(no id)'} ${textForm(item.get('code')!)} ${redactText(typeof message === 'string' ? message : '')} (${where})`);
  });
  const named = deletedIdsNamed(request.method, request.url);
  // A 4xx with no per-record outcomes refused the DELETE as a whole: none of its ids was deleted. Any other answer
  // without them (a 204, a 5xx, which may have been processed) says nothing of its ids.
  const refused = outcomes === undefined && status >= 400 && status < 500;
  if (named !== undefined && !refused) {
    const { notInAnswer, notRequested } = compareDeletedIds(named, { length: ids.length, idAt: (i) => ids[i]! });
    account.notInAnswer += notInAnswer.length;
    account.notRequested += notRequested.length;
    for (const id of notInAnswer) account.unaccounted.push(`  not in the answer: ${id} (${where}: the request named it, the answer says nothing of it)`);
    for (const id of notRequested) account.unaccounted.push(`  not requested: ${id} (${where}: the answer names it, the request did not)`);
  }
  if (outcomes === undefined && status >= 400) {
    // The request-level error of the answer (`{"code":"INVALID_MODULE","message":"…"}`), not a list of records.
    const error = body instanceof Map && !Array.isArray(data) ? body : undefined;
    const code = error?.get('code');
    const message = error?.get('message');
    const why = typeof code === 'string' ? ` ${code}${typeof message === 'string' && message !== '' ? ` ${redactText(message)}` : ''}` : '';
    const notDeleted = refused ? (distinctIdsNamed(request.method, request.url) ?? []) : [];
    account.notDeleted += notDeleted.length;
    const kept = notDeleted.length > 0 ? `; none of the ids it named was deleted: ${notDeleted.join(', ')}` : '';
    const url = new URL(redactRequestText(request.url));
    const retry = retryNotSent === undefined ? '' : `; its retry was not sent (${retryNotSent})`;
    account.failedRequests.push(`  failed request: ${request.method} ${url.host}${url.pathname} → ${status}${why}${retry}${kept}`);
  }
  printAccountAtExit();
  // Taken while this request was awaited: it has finished and is accounted for, and the script goes no further (it
  // might make no other request to stop at, and compute on to its end).
  if (stopping.by !== undefined) throw interruptedError();
  return value;
}

/** Has the account printed when the program ends, once there is something in it. */
function printAccountAtExit(): void {
  const account = recordAccount;
  if (account.printed || account.failed.length + account.unaccounted.length + account.failedRequests.length + account.unanswered.length === 0) return;
  account.printed = true;
  process.once('exit', printRecordAccount);
}

/**
 * The account's lines, in the order of `deluge run`'s summary (after its count of requests, which programs do not
 * keep), headed by its count of records when it has records to count.
 */
function printRecordAccount(): void {
  const { failed, unaccounted, failedRequests, unanswered, notInAnswer, notDeleted, notRequested } = recordAccount;
  const counts = `records: ${failed.length} failed${notInAnswer ? `, ${notInAnswer} not in the answer` : ''}${notDeleted ? `, ${notDeleted} not deleted (refused with their request)` : ''}`;
  const records = failed.length + notInAnswer + notDeleted + notRequested > 0;
  process.stderr.write(`${[...(records ? [counts] : []), ...failed, ...unaccounted, ...failedRequests, ...unanswered].join('\n')}\n`);
}

/**
 * A request that got no answer (no connection, a timeout, a connection broken off): the error the script can catch
 * (DLG4024), said as `deluge run` says it, and a line of the account, as run's summary has one: the request may have
 * been processed all the same, and a script that caught the error leaves no other trace of it. A DELETE's line names
 * its ids. One that failed to connect before any server had it (`written`: a server had it, a redirect's first
 * answer too) was not sent, and deleted none of them; after a 429 (`refusal`) it is accounted for by that answer, with
 * why its retry was not sent, as run accounts for it. The failing hop's host is named.
 */
export function unanswered(request: HttpRequest, failed: FailedAttempt, failure: SendFailure, attempts: number, refusal: HttpResponse | undefined): DelugeError {
  const reason = redactText(sendFailureMessage(failure, new URL(failed.url), attempts, 40_000));
  const unsent = failure.kind === 'connect' && !failed.written;
  if (unsent && refusal) noteRecords(answerValue(refusal), request, refusal.status, reason);
  else listUnanswered(request, reason, unsent);
  return new DelugeError('DLG4024', `${request.origin} ${request.method} ${new URL(request.url).host}: ${reason}`);
}

/**
 * A request without an answer on the account, with run's line: `reason` says why; a DELETE's line names its ids, as
 * not deleted when it was not sent (`unsent`), else as whether deleted or not, counted as not in the answer as run's
 * first line counts them.
 */
function listUnanswered(request: HttpRequest, reason: string, unsent: boolean): void {
  const printed = redactRequestText(request.url);
  const listed = new URL(printed);
  const ids = distinctIdsNamed(request.method, printed) ?? [];
  const named = ids.length === 0 ? '' : unsent ? `; none of the ids it named was deleted: ${ids.join(', ')}` : `; the ids it named, whether deleted or not: ${ids.join(', ')}`;
  if (!unsent) recordAccount.notInAnswer += ids.length;
  recordAccount.unanswered.push(`  ${unsent ? 'not sent' : 'no answer'}: ${request.method} ${listed.host}${listed.pathname} (${reason})${named}`);
  printAccountAtExit();
}

/**
 * Ctrl-C and SIGTERM, handled as `deluge run` handles them (src/cli/commands/run.ts): the first lets the request in
 * flight finish, accounts for it and stops the program before any further request (DLG4026, exit 130; 143 for
 * SIGTERM); a second quits at once, the request listed as not awaited (the server may have processed it), and the
 * program ends with its account. Without this, Ctrl-C during a bulk DELETE ended the program with no account of the
 * DELETEs sent. `by`: the signal that stopped it (SIGPIPE: stdout closed); `quitBy`: the second; `awaited`: the
 * request whose answer is awaited now, and how its wait ends at once; `waits`: aborted as the program stops (the first
 * signal), it ends a wait between attempts at once, so no second signal finds one (nothing is in flight then: the
 * first stops the program within its own turn).
 */
const stopping = {
  by: undefined as StopSignal | undefined,
  quitBy: undefined as StopSignal | undefined,
  awaited: undefined as { readonly request: HttpRequest; readonly quit: (error: DelugeError) => void } | undefined,
  waits: new AbortController(),
};

/**
 * The answer of a request (`answer`: its attempts), awaited with Ctrl-C and SIGTERM taken over. The handlers are
 * installed only while a request is awaited, as run installs them: while the script computes, the program could not
 * run a handler, and the signal ends it at once.
 */
async function awaitedAnswer(request: HttpRequest, answer: () => Promise<HttpResponse>): Promise<HttpResponse> {
  const quitting = new Promise<never>((_, reject) => (stopping.awaited = { request, quit: reject }));
  process.on('SIGINT', onStopSignal).on('SIGTERM', onStopSignal);
  try {
    return await Promise.race([answer(), quitting]);
  } catch (error) {
    // A request that failed after Ctrl-C (its line on the account) stops the program too, rather than going to a `catch`;
    // one the stop came before says so itself (DLG4026: not sent).
    const stopped = error instanceof DelugeError && error.code === 'DLG4026';
    throw stopping.by !== undefined && stopping.quitBy === undefined && !stopped ? interruptedError() : error;
  } finally {
    stopping.awaited = undefined;
    process.off('SIGINT', onStopSignal).off('SIGTERM', onStopSignal);
  }
}

/**
 * Ctrl-C or SIGTERM while a request is awaited: the first lets it finish (a wait before its next attempt ends at once),
 * a second quits without waiting for it.
 */
function onStopSignal(signal: NodeJS.Signals): void {
  const stop = signal === 'SIGTERM' ? 'SIGTERM' : 'SIGINT';
  if (stopping.by === undefined) {
    stopping.by = stop;
    stopping.waits.abort();
    process.stderr.write(stoppingNotice(stop));
    return;
  }
  const awaited = stopping.awaited;
  if (awaited === undefined || stopping.quitBy !== undefined) return;
  stopping.quitBy = stop;
  const how = quitHow(stop, stopping.by);
  const url = new URL(redactRequestText(awaited.request.url));
  process.stderr.write(notAwaitedNotice(`${awaited.request.method} ${url.host}${url.pathname}`));
  listUnanswered(awaited.request, notAwaitedReason(how), false);
  awaited.quit(new DelugeError('DLG4026', quitMessage(how), false));
}

/**
 * The reader of stdout went away (`… | head -1`): the program stops as on Ctrl-C, as `deluge run` stops (the request
 * in flight finishes and is accounted for, no further one is sent; DLG4026, exit 141), instead of going on with its
 * requests or dying of Node's EPIPE. A signal after it quits at once, as a second one does.
 */
export function stopForClosedStdout(): void {
  if (stopping.by !== undefined) return;
  stopping.by = 'SIGPIPE';
  stopping.waits.abort();
  process.stderr.write(STDOUT_CLOSED_NOTICE);
}

/** The program stopped once the request in flight finished (no further one is sent): DLG4026, worded as run words it. */
function interruptedError(): DelugeError {
  return new DelugeError('DLG4026', stoppedMessage(stopping.by), false);
}

/** The program was stopped before this request was sent (stdout closed while it computed): none was, nor any after it. */
function notSentError(): DelugeError {
  return new DelugeError('DLG4026', notSentMessage(stopping.by), false);
}

/**
 * The exit of a program that DLG4026 stopped: 130, 143 or 141, as `deluge run` exits; after a second signal at once,
 * without waiting for the request left in flight.
 */
export function exitIfStopped(error: unknown): void {
  if (!(error instanceof DelugeError && error.code === 'DLG4026')) return;
  process.exitCode = STOP_EXIT_CODES[stopping.quitBy ?? stopping.by ?? 'SIGINT'];
  if (stopping.quitBy !== undefined) process.exit();
}

/** What a failed attempt's error (fetch's, with its cause, or Node's) means for the request. */
export function attemptFailure(error: unknown): SendFailure {
  if (error instanceof Error && error.name === 'TimeoutError') return SEND_TIMED_OUT;
  return sendFailureOf(error instanceof Error && error.cause instanceof Error ? error.cause : error);
}

/**
 * The answer read as JSON, so that its failed records and its error are listed as `deluge run` lists them (a
 * connector's value keeps the answer as text, a single write's only its first record, getUrl's is text); null when it
 * is not JSON.
 */
export function answerValue(response: HttpResponse): Value {
  try {
    return parseJson(new TextDecoder().decode(response.body), 'the answer');
  } catch {
    return null;
  }
}

export function invokeUrlRequest(params: InvokeUrlParams, origin = 'invokeurl'): HttpRequest {
  const param = (key: keyof InvokeUrlParams): Value => params[key] ?? null;
  const method = requestMethod(param('type'));
  const headers = headerList(param('headers'), origin);
  const contentTypeParam = optionalText(param('content-type'), 'content-type');
  const effective = headerValue(headers, 'content-type') ?? contentTypeParam;
  const files = fileList(param('files'));
  const parameters = param('parameters');
  const body = param('body');
  let query: Header[] = [];
  let payload: RequestBody | undefined;
  if (files.length > 0 || (effective ?? '').trim().toLowerCase().startsWith('multipart/form-data') || hasFile(parameters)) {
    if (body !== null) fail('DLG4018', `${origin}: 'body' cannot be sent with files (a multipart request); put the fields in 'parameters'`);
    payload = { kind: 'multipart', parts: [...multipartFields(parameters), ...files.map((file) => ({ name: file.paramName ?? 'file', file }))] };
  } else if (body !== null) {
    if (parameters !== null && !(parameters instanceof Map)) fail('DLG4018', `${origin}: a TEXT 'parameters' is the request body, and 'body' is given too; send one of them`);
    query = parameters instanceof Map ? mapFields(parameters) : [];
    payload = encodeBody(body, contentTypeParam, effective, 'json', origin, 'body');
  } else if (parameters instanceof Map && method === 'GET') {
    query = mapFields(parameters);
  } else if (parameters !== null) {
    payload = encodeBody(parameters, contentTypeParam, effective, 'form', origin, 'parameters');
  }
  const connection = optionalText(param('connection'), 'connection');
  if (connection === '') fail('DLG4018', `${origin}: 'connection' is empty; give the connection's link name`);
  const detailed = param('detailed');
  if (detailed !== null && typeof detailed !== 'boolean') fail('DLG4001', `${origin}: 'detailed' must be true or false, not ${typeName(detailed)}`);
  const format = optionalText(param('response-format'), 'response-format');
  const decoding = optionalText(param('response-decoding'), 'response-decoding');
  const problem = decoding === undefined ? undefined : decodingProblem(decoding, origin, 'this program');
  if (problem) fail('DLG4018', problem);
  return {
    method,
    url: withQuery(absoluteUrl(param('url'), origin), query),
    headers,
    ...(payload && { body: payload }),
    ...(connection !== undefined && { connection }),
    detailed: detailed === true,
    ...(format && { format: format.toUpperCase() }),
    ...(decoding && { decoding }),
    origin,
  };
}

/** `getUrl(url[, headers][, simple])`: the body as text, or with `false` the map of responseCode, responseHeader, responseText. */
export async function getUrl(...args: Value[]): Promise<Value> {
  if (args.length < 1 || args.length > 3) fail('DLG4007', `getUrl takes a URL, an optional header map and an optional boolean; it was given ${args.length} arguments`);
  const { headers, simple } = legacyOptions(args.slice(1), 'getUrl');
  const request: HttpRequest = { method: 'GET', url: absoluteUrl(args[0] ?? null, 'getUrl'), headers, detailed: !simple, origin: 'getUrl' };
  const response = await send(request);
  noteRecords(answerValue(response), request, response.status);
  return responseValue(response, request);
}

/** `postUrl(url, body[, headers][, simple])`: a map body is sent as a form, a text as it is. */
export async function postUrl(...args: Value[]): Promise<Value> {
  if (args.length < 2 || args.length > 4) fail('DLG4007', `postUrl takes a URL, a body (map or text), an optional header map and an optional boolean; it was given ${args.length} arguments`);
  const { headers, simple } = legacyOptions(args.slice(2), 'postUrl');
  const data = args[1] ?? null;
  const body = data === null ? undefined : encodeBody(data, undefined, headerValue(headers, 'content-type'), 'form', 'postUrl', 'body');
  const request: HttpRequest = { method: 'POST', url: absoluteUrl(args[0] ?? null, 'postUrl'), headers, ...(body && { body }), detailed: !simple, origin: 'postUrl' };
  const response = await send(request);
  noteRecords(answerValue(response), request, response.status);
  return responseValue(response, request);
}

export function legacyOptions(rest: Value[], origin: string): { headers: Header[]; simple: boolean } {
  const first = rest[0] ?? null;
  const second = rest[1] ?? null;
  if (rest.length === 1 && typeof first === 'boolean') return { headers: [], simple: first };
  if (rest.length === 2 && typeof second !== 'boolean') fail('DLG4007', `${origin}: the last argument must be a boolean (true: the body as text; false: a map with responseCode), not ${typeName(second)}`);
  return { headers: headerList(first, origin), simple: typeof second === 'boolean' ? second : true };
}

/** A value as a request body: text as it is, a map as a form (or as JSON under another content type), a list as JSON. */
export function encodeBody(value: Value, contentTypeParam: string | undefined, effective: string | undefined, mapDefault: 'form' | 'json', origin: string, key: string): RequestBody {
  if (typeof value === 'string') return { kind: 'raw', text: value, contentType: contentTypeParam ?? 'text/plain' };
  if (value instanceof Map) {
    const asForm = effective === undefined ? mapDefault === 'form' : effective.trim().toLowerCase().startsWith('application/x-www-form-urlencoded');
    if (asForm) return { kind: 'form', fields: mapFields(value) };
    return { kind: 'raw', text: jsonText(value), contentType: contentTypeParam ?? 'application/json' };
  }
  if (Array.isArray(value)) return { kind: 'raw', text: jsonText(value), contentType: contentTypeParam ?? 'application/json' };
  return fail('DLG4001', `${origin}: '${key}' must be a map (KEY-VALUE) or a text, not ${typeName(value)}`);
}

export function mapFields(map: DelugeMap): Header[] {
  return [...map].map(([key, value]): Header => [keyText(key), textForm(value)]);
}

export function multipartFields(parameters: Value): ({ name: string; value: string } | { name: string; file: DelugeFile })[] {
  if (parameters === null) return [];
  if (parameters instanceof DelugeFile) return [{ name: parameters.paramName ?? 'file', file: parameters }];
  if (!(parameters instanceof Map)) return fail('DLG4018', `invokeurl: a multipart request takes its fields from a map 'parameters', not a ${typeName(parameters)}`);
  return [...parameters].map(([key, value]) => (value instanceof DelugeFile ? { name: keyText(key), file: value } : { name: keyText(key), value: textForm(value) }));
}

export function hasFile(parameters: Value): boolean {
  return parameters instanceof DelugeFile || (parameters instanceof Map && [...parameters.values()].some((v) => v instanceof DelugeFile));
}

export function fileList(value: Value): DelugeFile[] {
  if (value === null) return [];
  if (value instanceof DelugeFile) return [value];
  if (Array.isArray(value) && value.every((item) => item instanceof DelugeFile)) return value as DelugeFile[];
  return fail('DLG4001', `invokeurl: 'files' must be a file or a list of files, not ${typeName(value)}`);
}

export function requestMethod(value: Value): string {
  if (value === null) return 'GET';
  if (typeof value !== 'string') return fail('DLG4001', `invokeurl: 'type' must be GET, POST, PUT, PATCH or DELETE, not ${typeName(value)}`);
  const method = value.trim().toUpperCase();
  return ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method) ? method : fail('DLG4018', `invokeurl: unknown type '${value}'; use GET, POST, PUT, PATCH or DELETE`);
}

/** The script's headers in its order, names as written, values as text. */
export function headerList(value: Value, origin: string): Header[] {
  if (value === null) return [];
  if (!(value instanceof Map)) return fail('DLG4001', `${origin}: headers must be a map (KEY-VALUE), not ${typeName(value)}`);
  return [...value].map(([key, item]): Header => {
    const name = keyText(key);
    const headerText = textForm(item);
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) fail('DLG4018', `${origin}: '${name}' is not a valid header name`);
    if (/[\r\n\0]/.test(headerText)) fail('DLG4018', `${origin}: the value of header '${name}' contains a line break`);
    return [name, headerText];
  });
}

export function headerValue(headers: Header[], name: string): string | undefined {
  return headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
}

export function optionalText(value: Value, key: string): string | undefined {
  if (value === null) return undefined;
  if (typeof value !== 'string') return fail('DLG4001', `invokeurl: '${key}' must be a text, not ${typeName(value)}`);
  return value.trim();
}

export function absoluteUrl(value: Value, origin: string): string {
  if (value === null || value === '') return fail('DLG4018', `${origin}: the URL is missing`);
  if (typeof value !== 'string') return fail('DLG4001', `${origin}: the URL must be a text, not ${typeName(value)}`);
  const problem = urlTextProblem(value.trim());
  if (problem) fail('DLG4018', `${origin}: ${problem}`);
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return fail('DLG4018', `${origin}: ${JSON.stringify(value.split('?')[0])} is not an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') fail('DLG4018', `${origin}: only http and https URLs can be requested`);
  return url.href;
}

/** Fields appended to the URL's query, form-encoded (spaces as `+`), after any it already has. */
export function withQuery(href: string, fields: Header[]): string {
  if (fields.length === 0) return href;
  const url = new URL(href);
  const encoded = new URLSearchParams(fields).toString();
  url.search = url.search.length > 1 ? `${url.search}&${encoded}` : `?${encoded}`;
  return url.href;
}

/** Every Zoho API host of every data centre (`www.zohoapis.com`, `.eu`, `.in`, `.com.au`, `.jp`, `.com.cn`, `.ca`, `.sa`, `.uk`, and their subdomains). */
export function isZohoApiHost(host: string): boolean {
  return /(^|\.)zohoapis\.(com|eu|in|com\.au|jp|com\.cn|ca|sa|uk)\.?$/i.test(host);
}

/**
 * A Zoho API URL sent to `ZOHO_API_BASE` instead (`--base-url`), a path in the base kept before the URL's (as
 * `--to curl` sends it); other URLs are left alone.
 */
export function routed(href: string): string {
  const url = new URL(href);
  if (!isZohoApiHost(url.hostname)) return href;
  const base = new URL(ZOHO_API_BASE);
  return `${base.origin}${base.pathname.replace(/\/+$/, '')}${url.pathname}${url.search}`;
}

/**
 * The header a connection's requests carry, its credential read from the environment (never from this file):
 * `Authorization: Zoho-oauthtoken <token>`, or what a bearer, basic or header connection of the connections file sends.
 */
export function connectionHeader(connection: string): [string, string] {
  const auth = CONNECTION_AUTH[connection];
  if (!auth) return ['Authorization', authorization(connection)];
  const values = auth.variables.map((variable) => {
    const value = process.env[variable];
    if (!value) throw new DelugeError('DLG0006', `set ${variable} for the connection "${connection}" (a ${auth.kind} connection)`, false);
    rememberSecret(value);
    return value;
  });
  if (auth.kind === 'bearer') return [auth.header, `Bearer ${values[0]}`];
  if (auth.kind === 'basic') return [auth.header, `Basic ${Buffer.from(`${values[0]}:${values[1]}`).toString('base64')}`];
  return [auth.header, values[0]!];
}

/** `Zoho-oauthtoken <token>` for a connection, the token read from the environment (never from this file). */
export function authorization(connection: string): string {
  const variable = TOKEN_VARIABLES[connection] ?? `ZOHO_OAUTH_TOKEN_${connection.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
  const token = process.env[variable];
  if (!token) throw new DelugeError('DLG0006', `set ${variable} to an OAuth access token of the connection "${connection}"`, false);
  rememberSecret(token);
  return `Zoho-oauthtoken ${token}`;
}

/**
 * A credential the script wrote (a header's token, an API key), read from the environment: deluge emit never copies
 * one into a program. The header of the program lists each variable and what it stands for.
 */
export function credential(variable: string): string {
  const value = process.env[variable];
  if (!value) throw new DelugeError('DLG0006', `set ${variable} to the credential the script writes there (deluge emit does not copy credentials into programs; this program's header says which one)`, false);
  rememberSecret(value);
  return value;
}

/**
 * How many requests fetch has written to a server, which its error does not say (a "connection refused" comes before
 * any server had the request; a reset after). undici, Node's fetch, publishes it on a diagnostics channel
 * (https://github.com/nodejs/undici/blob/main/docs/docs/api/DiagnosticsChannel.md).
 */
const fetchWrites = { count: 0, watched: false };

/** Watches fetch's writes from the first request on; the count so far. */
function watchFetchWrites(): number {
  if (!fetchWrites.watched) {
    fetchWrites.watched = true;
    subscribe('undici:client:sendHeaders', () => void fetchWrites.count++);
  }
  return fetchWrites.count;
}

/** An attempt that got no answer: its error, the URL of the hop that failed, and whether a server had the request. */
export interface FailedAttempt {
  readonly error: unknown;
  readonly url: string;
  readonly written: boolean;
}

/**
 * Sends a request with `fetch` and reads the whole answer; no answer at all is a catchable error, as in Deluge. It is
 * sent again as `deluge run` sends it again (src/http/retry-rule.ts): after a 429 (its Retry-After, else the backoff)
 * and after a connection that failed before anything was written, at most `RETRY_RULE.maxAttempts` times in all;
 * never once a server may have had it.
 */
export async function send(request: HttpRequest): Promise<HttpResponse> {
  // Stopped before this request: stdout was closed while the script computed (a signal taken while an earlier request
  // was awaited stopped the program at that request's answer or failure already). No further request is sent.
  if (stopping.by !== undefined) throw notSentError();
  const body = requestBody(request.body);
  // A header fetch would refuse (one it manages, a Content-Length that is not the body's) stops the program, as it
  // stops deluge run: a `catch` took fetch's refusal for a network failure.
  const problem = unsendableHeaders(request.headers, request.body?.kind === 'multipart', () => (body === undefined ? 0 : Buffer.byteLength(body.bytes)));
  if (problem) throw new DelugeError('DLG4018', `${request.origin}: ${problem}; nothing was sent`, false);
  // A multipart body's own content type replaces the script's, which cannot name the boundary of the body being sent.
  const headers = request.headers.filter(([name]) => {
    const lower = name.toLowerCase();
    const replaced = request.connection !== undefined && lower === (CONNECTION_AUTH[request.connection]?.header ?? 'authorization').toLowerCase();
    return !replaced && !(request.body?.kind === 'multipart' && lower === 'content-type');
  });
  // A credential the script sends in a header, the URL or the body is masked wherever a server echoes it back, as
  // deluge run masks it.
  rememberRequestSecrets({ url: request.url, headers, body: request.body });
  if (body && body.contentType !== '' && !headerValue(headers, 'content-type')) headers.push(['Content-Type', body.contentType]);
  const credential = request.connection === undefined ? undefined : connectionHeader(request.connection);
  // A URL's user name and password are not sent, as deluge run sends none (fetch refuses such a URL outright).
  let url = withoutUserinfo(request.url);
  url = routed(url); // when: ZOHO_API_BASE
  let sendHop: HopSender = fetchHop;
  if (body !== undefined && (request.method === 'GET' || request.method === 'HEAD')) sendHop = sendWithNodeHttp; // when: sendWithNodeHttp
  return awaitedAnswer(request, async () => {
    /** The 429 last waited after: the answer that accounts for the request if no retry reaches a server. */
    let refusal: HttpResponse | undefined;
    for (let attempt = 1; ; attempt++) {
      const outcome = await attemptWithRedirects(sendHop, { method: request.method, url, headers, body: body?.bytes }, credential);
      if ('error' in outcome) {
        const failure = attemptFailure(outcome.error);
        if (failure.retry && !outcome.written && attempt < RETRY_RULE.maxAttempts) {
          if (await waitedBetweenAttempts(backoffMs(attempt))) continue;
          throw notSentAgain(request, url, attempt, refusal);
        }
        throw unanswered(request, outcome, failure, attempt, refusal);
      }
      const wait = outcome.status === 429 && attempt < RETRY_RULE.maxAttempts ? tooManyRequestsWait(headerValue(outcome.headers, 'retry-after'), attempt, Date.now()) : undefined;
      if (wait === undefined) return outcome;
      // Ctrl-C or SIGTERM ended the wait: the 429 is the answer (the server refused the request unprocessed), as in run.
      if (!(await waitedBetweenAttempts(wait))) return outcome;
      refusal = outcome;
    }
  });
}

/**
 * Waits `ms` before the next attempt: false when Ctrl-C or SIGTERM ended the wait, at once, or came before it (during
 * the attempt): no further attempt is sent, as `deluge run` sends none (src/http/transport.ts, `pause`).
 */
async function waitedBetweenAttempts(ms: number): Promise<boolean> {
  return delay(ms, undefined, { signal: stopping.waits.signal }).then(
    () => true,
    () => false,
  );
}

/**
 * A request whose wait before its next attempt Ctrl-C or SIGTERM ended, after `attempts` (`url`: where they went),
 * accounted for as `deluge run` accounts for it: by the 429 it got, with why its retry was not sent; else, every
 * attempt having failed to connect, as not sent, a DELETE's ids not deleted. The program stops there (DLG4026).
 */
function notSentAgain(request: HttpRequest, url: string, attempts: number, refusal: HttpResponse | undefined): DelugeError {
  const reason = `the request to ${new URL(url).host} was cancelled after ${attempts} attempt${attempts > 1 ? 's' : ''}`;
  if (refusal) {
    // (noteRecords, which every answer goes through, stops the program itself: the stop was taken before this.)
    noteRecords(answerValue(refusal), request, refusal.status, reason);
    return interruptedError();
  }
  // Every attempt failed to connect: nothing of the request reached a server, as run words it.
  listUnanswered(request, reason, true);
  return notSentError();
}

/** Whether the environment's proxy was looked at (once, before the first request). */
let proxyLookedAt = false;

/**
 * Node's `fetch` and http module go through HTTP_PROXY/HTTPS_PROXY only when NODE_USE_ENV_PROXY=1 (or
 * `--use-env-proxy`) turns that on, in a Node.js that has it (not Node 20); otherwise the requests go direct, which
 * behind a proxy ends in a connect timeout with no word of why. When the environment names a proxy and nothing turns
 * it on, stderr says so once. (The variable's name only: a proxy's URL may hold a password.)
 */
export function noteEnvironmentProxy(): void {
  if (proxyLookedAt) return;
  proxyLookedAt = true;
  const env = process.env;
  const named = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].find((name) => env[name]);
  if (named === undefined || env.NODE_USE_ENV_PROXY === '1' || process.execArgv.includes('--use-env-proxy')) return;
  process.stderr.write(`Note: ${named} is set, but Node.js sends through it only with NODE_USE_ENV_PROXY=1 (Node.js 22.21 or 24 and later): this program's requests go direct.\n`);
}

/** One hop with `fetch`, its redirect not followed (attemptWithRedirects follows it): the whole answer, or why there was none. */
export async function fetchHop(method: string, url: string, headers: Header[], body: HopBody): Promise<HttpResponse | FailedAttempt> {
  noteEnvironmentProxy();
  const writtenBefore = watchFetchWrites();
  try {
    // `cache`: Node's fetch has no cache; 'force-cache' only stops it adding Pragma and Cache-Control headers to a
    // conditional request (If-Modified-Since, …). Not every @types/node lists the option, hence the separate object.
    // Bytes as a Blob: Node 20's fetch cannot send a Uint8Array twice (its buffer is detached), as a 307 or 308 does.
    const init = {
      method,
      headers,
      body: typeof body === 'string' || body === undefined ? body : new Blob([body]),
      redirect: 'manual' as const,
      signal: AbortSignal.timeout(40_000),
      cache: 'force-cache' as const,
    };
    const response = await fetch(url, init);
    const received: Header[] = [];
    response.headers.forEach((value, name) => received.push([name.toLowerCase(), value]));
    // The body is part of the answer: a connection broken off while it comes is no answer either.
    return { status: response.status, headers: received, body: new Uint8Array(await response.arrayBuffer()), url };
  } catch (error) {
    return { error, url, written: fetchWrites.count > writtenBefore };
  }
}

/** `https://bob:…@host/x` → `https://host/x`; a URL without a user name or password as it is. */
export function withoutUserinfo(url: string): string {
  if (!url.includes('@') || !URL.canParse(url)) return url;
  const parsed = new URL(url);
  if (parsed.username === '' && parsed.password === '') return url;
  parsed.username = '';
  parsed.password = '';
  return parsed.href;
}

/** A request's body as a hop sends it. */
type HopBody = string | Uint8Array<ArrayBuffer> | undefined;

/** How one hop is sent: with fetch, or with Node's http module (a GET with a body). */
type HopSender = (method: string, url: string, headers: Header[], body: HopBody) => Promise<HttpResponse | FailedAttempt>;

/**
 * One attempt: the request, then the redirects it gets, followed as deluge run follows them (src/http/redirect-rule.ts).
 * The connection's credential goes to the request's origin only: fetch, left to follow them, sent a header
 * connection's API key on to whatever host a redirect named. A failure after a redirect comes after the first server
 * had the request: it was written.
 */
export async function attemptWithRedirects(
  sendHop: HopSender,
  request: { method: string; url: string; headers: Header[]; body: HopBody },
  credential: Header | undefined,
): Promise<HttpResponse | FailedAttempt> {
  let hop = request;
  let sameOrigin = true;
  for (let redirects = 0; ; redirects++) {
    const outcome = await sendHop(hop.method, hop.url, sameOrigin && credential ? [...hop.headers, credential] : hop.headers, hop.body);
    if ('error' in outcome) return redirects > 0 ? { ...outcome, written: true } : outcome;
    const location = headerValue(outcome.headers, 'location');
    if (!REDIRECT_STATUSES.has(outcome.status) || location === undefined || redirects >= MAX_REDIRECTS) return outcome;
    const next = new URL(location, hop.url).href;
    sameOrigin &&= new URL(next).origin === new URL(request.url).origin;
    const toGet = redirectsToGet(hop.method, outcome.status);
    hop = { method: toGet ? 'GET' : hop.method, url: next, headers: redirectedHeaders(hop.headers, toGet, sameOrigin), body: toGet ? undefined : hop.body };
  }
}

/** One hop with Node's http module, for a GET with a body, which `fetch` refuses to send: the whole answer, or why there was none. */
export async function sendWithNodeHttp(method: string, url: string, headers: Header[], body: HopBody): Promise<HttpResponse | FailedAttempt> {
  noteEnvironmentProxy();
  const target = new URL(url);
  const http = target.protocol === 'https:' ? await import('node:https') : await import('node:http');
  const bytes = body ?? '';
  return new Promise<HttpResponse | FailedAttempt>((resolve) => {
    // The request is written once its connection is made (a reused one already is).
    let written = false;
    const failed = (error: unknown) => resolve({ error, url, written });
    const outgoing = http.request(target, { method, headers: Object.fromEntries([...headers, ['Content-Length', String(Buffer.byteLength(bytes))]]), timeout: 40_000 }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', failed);
      incoming.on('end', () => {
        const received: Header[] = [];
        for (let i = 0; i + 1 < incoming.rawHeaders.length; i += 2) received.push([incoming.rawHeaders[i]!.toLowerCase(), incoming.rawHeaders[i + 1]!]);
        resolve({ status: incoming.statusCode ?? 0, headers: received, body: new Uint8Array(Buffer.concat(chunks)), url });
      });
    });
    outgoing.on('socket', (socket) => {
      if (!socket.connecting) written = true;
      else socket.once(target.protocol === 'https:' ? 'secureConnect' : 'connect', () => void (written = true));
    });
    outgoing.on('error', failed);
    outgoing.end(bytes);
  });
}

/**
 * The body as sent, and its content type unless the script names one. A multipart body is written as `deluge run`
 * writes it (a FormData would turn its fields' line breaks into CRLF), under a boundary of its own.
 */
export function requestBody(body: RequestBody | undefined): { readonly bytes: string | Uint8Array<ArrayBuffer>; readonly contentType: string } | undefined {
  if (!body) return undefined;
  if (body.kind === 'form') return { bytes: new URLSearchParams(body.fields).toString(), contentType: 'application/x-www-form-urlencoded' };
  // As bytes: for a text, fetch would add `text/plain;charset=UTF-8` where the script's `content-type: ""` asks for none.
  if (body.kind === 'raw') return { bytes: new TextEncoder().encode(body.text), contentType: body.contentType };
  const boundary = newBoundary();
  return { bytes: multipartBody(body.parts, boundary), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The answer as the script sees it: JSON as a map or list, other bodies as text, a file, or the `detailed` map. */
export function responseValue(response: HttpResponse, request: HttpRequest): Value {
  const content = bodyValue(response, request);
  if (!request.detailed) return content;
  const headers: DelugeMap = new Map();
  for (const [name, value] of response.headers) {
    const before = headers.get(name);
    headers.set(name, before === undefined ? value : `${textForm(before)}, ${value}`);
  }
  return new Map<string, Value>([['responseText', content], ['responseHeader', headers], ['responseCode', BigInt(response.status)]]);
}

export function bodyValue(response: HttpResponse, request: HttpRequest): Value {
  if (request.format === 'FILE') return responseFile(response, request);
  const legacy = request.origin === 'getUrl' || request.origin === 'postUrl';
  if (!legacy && isBinaryType(headerValue(response.headers, 'content-type'))) return responseFile(response, request);
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(headerValue(response.headers, 'content-type') ?? '')?.[1];
  // Java's charset names too (ISO8859_1), as deluge run reads them; an unknown served charset: UTF-8.
  const named = request.decoding ?? charset;
  const bodyText = new TextDecoder((named !== undefined && charsetLabel(named)) || 'utf-8').decode(response.body);
  if (request.origin === 'getUrl' || request.origin === 'postUrl') return bodyText;
  const start = bodyText.trimStart()[0];
  const contentType = headerValue(response.headers, 'content-type') ?? '';
  if (start !== '{' && start !== '[' && !/^(application|text)\/([\w.+-]*\+)?json\b/i.test(contentType)) return bodyText;
  try {
    const value = parseJson(bodyText, 'the response');
    return Array.isArray(value) || value instanceof Map ? value : bodyText;
  } catch {
    return bodyText;
  }
}

/** `response-format: FILE`: the bytes as they came, named by Content-Disposition or the URL's last segment. */
export function responseFile(response: HttpResponse, request: HttpRequest): DelugeFile {
  const disposition = headerValue(response.headers, 'content-disposition') ?? '';
  const named = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition)?.[1];
  const last = new URL(response.url || request.url).pathname.split('/').pop();
  const name = (named ?? (last ? decodeURIComponent(last) : '')).split(/[\\/]/).pop() || 'file';
  return new DelugeFile(name, headerValue(response.headers, 'content-type') ?? 'application/octet-stream', response.body);
}
