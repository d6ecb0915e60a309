import { formEncode, getUrlRequest, isRequestTaskName, postUrlRequest, taskBlockRequest } from '../http/invokeurl.js';
import { AuthorizationError } from '../http/oauth.js';
import { DelugeConfigError } from '../http/connections.js';
import { isSecretField, MASK, redactHeaders, redactRequestText, redactText, rememberRequestSecrets } from '../http/redact.js';
import { TransportError, type Header, type HttpRequest, type HttpResponse } from '../http/request.js';
import { decodeBody, responseValue } from '../http/response.js';
import { partContentType } from '../http/multipart.js';
import { unsendableHeaders } from '../http/managed-headers.js';
import { bodyContentType, encodedBody, headersFor, type SendOptions } from '../http/transport.js';
import { crmTask, crmTaskAdvice } from '../http/zoho-crm.js';
import { isZohoApiHost } from '../http/zoho-hosts.js';
import { deletedIdsNamed, distinctIdsNamed } from '../http/crm-delete-ids.js';
import { DelugeError } from '../runtime/errors.js';
import type { TaskHost } from '../runtime/interpreter.js';
import type { Value } from '../runtime/values.js';
import { idsOutOfStep, NOTHING_OUT_OF_STEP, readAnswer, recordOutcomesOf, requestErrorOf, withRecords, type RecordOutcome } from './records.js';
import { notSentMessage, quitMessage, stoppedMessage } from './stop-wording.js';
import { requestStub, taskStub, type Stub } from './stubs.js';

/**
 * The task host of `deluge run`: turns `invokeurl`, `invokeapi`, `getUrl`/`postUrl` and `zoho.crm.*` into requests of
 * the request IR, sends them (or, with `--dry-run`, shows them), and accounts for each one — status, attempts and,
 * for per-record answers such as Delete Records, every record's outcome.
 */

/** One request as the run report lists it (`requests[]` of `run --json`). */
export interface RequestEntry {
  readonly method: string;
  readonly url: string;
  /** Null when no response came (a network failure, or `--dry-run`). */
  readonly status: number | null;
  readonly durationMs: number;
  /** The attempts sent, that reached a server (0: none did; `error` says how often it was tried). */
  readonly attempts: number;
  readonly connection?: string;
  /** Every record of a per-record answer (`data[]`), in order (kept by column, this list made when first read). */
  readonly records?: readonly RecordOutcome[];
  /**
   * Ids a DELETE named that its answer does not mention (a per-record answer that leaves them out, or an answer with
   * no per-record outcomes below 400 or of 500 or more, which may have been processed): nothing says whether they were
   * deleted.
   */
  readonly notInAnswer?: readonly string[];
  /**
   * Ids a DELETE named, once each, when it was refused as a whole (a 4xx with no per-record results: more than 100
   * ids, an unknown module, a token without the scope, …): none of them was deleted.
   */
  readonly notDeleted?: readonly string[];
  /** Ids a DELETE's per-record answer names that the request did not: records nobody asked about. */
  readonly notRequested?: readonly string[];
  /** An answer of status 400 or more with no per-record results: the request-level error it names (`LIMIT_EXCEEDED`). */
  readonly code?: string;
  readonly message?: string;
  /** What made the request: `invokeurl`, `getUrl`, `zoho.crm.getRecordById`, … */
  readonly origin: string;
  /**
   * With `--dry-run`: the headers (authorization redacted) and body that would be sent: a form or raw body as its
   * text, a multipart body as its parts.
   */
  readonly headers?: readonly Header[];
  readonly body?: string;
  readonly parts?: readonly ListedPart[];
  readonly dryRun?: true;
  /**
   * Why no response came; beside a status (a 429 or a 401, which refused the request unprocessed), why it was not sent
   * again (its retry could not connect, its token refresh was refused): the answer alone read as the last word.
   */
  readonly error?: string;
}

/** A part of a multipart body as `--dry-run` lists it: a field and its text, or a file by name, type and size. */
export type ListedPart =
  | { readonly name: string; readonly value: string }
  | { readonly name: string; readonly file: string; readonly contentType: string; readonly bytes: number };

/**
 * The boundary `--dry-run` shows in a multipart Content-Type: the transport picks a random one each time it sends,
 * so the one a dry run could print would not be the one sent.
 */
export const DRY_RUN_BOUNDARY = '<random>';

/**
 * A listed request as printed (`--dry-run`, `--json`, the audit log, the summary): a credential the script wrote into
 * its URL or body (`zapikey=…`, `client_secret=…`, `token=…`, `"code": "…"`), or that a server echoed in its error
 * message, masked. The list
 * keeps the request as made; masking happens only here.
 */
export function printedEntry(entry: RequestEntry): RequestEntry {
  return {
    ...entry,
    url: redactRequestText(entry.url),
    ...(entry.body !== undefined ? { body: redactRequestText(entry.body) } : {}),
    ...(entry.parts !== undefined ? { parts: entry.parts.map(printedPart) } : {}),
    ...(entry.message !== undefined ? { message: redactText(entry.message) } : {}),
  };
}

/** A field named as a credential (`client_secret`, `password`, `api_key`, `token`) masked whole, as in a form body; others as texts are. */
function printedPart(part: ListedPart): ListedPart {
  if (!('value' in part)) return part;
  return { name: part.name, value: isSecretField(part.name) ? MASK : redactText(part.value) };
}

export interface HttpHostOptions {
  /** Sends a request (the undici transport, routed to the sandbox under `--sandbox`). */
  readonly send: (request: HttpRequest, options: SendOptions) => Promise<HttpResponse>;
  /** The Zoho API domain a connection's `zoho.crm.*` tasks and `invokeapi` blocks go to (the token's `api_domain`). */
  readonly apiDomain: (connection: string) => string;
  /**
   * Makes a connection's `api_domain` known before a request is built on it: an OAuth connection learns it from its
   * first token, so that token is fetched first (a request built before would go to the data centre's default host).
   * Rejects with that token request's failure, which becomes the request's own (reported where sending it would
   * have failed): the request does not ask for the token a second time (Zoho allows 10 token requests in 10 minutes).
   */
  readonly learnApiDomain?: (connection: string) => Promise<void>;
  /**
   * Whether the connection's tokens come from an accounts server on this machine (a standalone sandbox, a test's): the
   * API domain its first token names may be on this machine too, so a DELETE's consent waits for that token. Any
   * other connection's API domain is one of Zoho's real hosts: its DELETE's consent is asked before the token request.
   */
  readonly localAccounts?: (connection: string) => boolean;
  /** The connection `zoho.crm.*` tasks and `invokeapi` blocks use when the script names none. */
  readonly defaultCrmConnection: string;
  readonly dryRun?: boolean;
  readonly stubs?: readonly Stub[];
  /** Whether a DELETE to this URL needs the user's consent (a real host: not the sandbox, not loopback). */
  readonly needsConsent?: (url: URL) => boolean;
  /** The run has `--sandbox`: a DELETE that needs consent goes to a host the sandbox does not stand for. */
  readonly sandboxed?: boolean;
  /** Asks once per run; `--yes` answers true, a non-terminal without `--yes` false. */
  readonly confirm?: (question: { method: string; host: string; ids: number }) => Promise<boolean>;
  /** Each request as listed, and its response when one came (for the audit log, which decodes, redacts and truncates its body). */
  readonly onRequest?: (entry: RequestEntry, response?: HttpResponse) => void;
  /** Aborted on Ctrl-C: no new request starts. */
  readonly signal?: AbortSignal;
  /** Aborted when the run's time limit passes: the request under way is abandoned, and the run stops (DLG4012). */
  readonly deadline?: AbortSignal;
  /** The run's time limit (`--timeout`), named when the deadline stops the run. */
  readonly timeLimitMs?: number;
  /** How `--dry-run` shows a connection's credential (redacted): `Authorization: Zoho-oauthtoken ****`, `X-Api-Key: ****`. */
  readonly previewCredential?: (connection: string) => Header;
  /** Throws the connection's configuration error (DLG0005, DLG0006), if it has one; checked before consent is asked. */
  readonly checkConnection?: (connection: string) => void;
  /**
   * For a request a stub answers: throws DLG0005 when the connections file does not define the name (a real run stops
   * there); its `${VAR}`s need not be set, nothing being sent.
   */
  readonly checkConnectionName?: (connection: string) => void;
  /** The response a request got before sending failed afterwards (a 401 whose token refresh was refused). */
  readonly responseBeforeFailure?: (request: HttpRequest) => HttpResponse | undefined;
}

/** A listed request that got no response: a dry run's, a failed one, one not awaited. */
export function unansweredEntry(request: HttpRequest, durationMs: number, attempts: number): RequestEntry {
  return {
    method: request.method,
    url: request.url,
    status: null,
    durationMs,
    attempts,
    ...(request.connection ? { connection: request.connection } : {}),
    origin: request.origin,
  };
}

/**
 * A listed request that got no answer: once sent (`attempts` > 0), a DELETE's ids are each `notInAnswer`, as a 500's
 * are, so that `--json` and the audit log account for every one (it may have been processed all the same). One never
 * sent (its token request failed, or every attempt failed to connect: `error` says how often it was tried) deleted
 * nothing, as its `attempts: 0` says.
 */
export function noAnswerEntry(request: HttpRequest, durationMs: number, attempts: number, error: string): RequestEntry {
  const named = attempts > 0 ? (distinctIdsNamed(request.method, request.url) ?? []) : [];
  const { origin, ...entry } = unansweredEntry(request, durationMs, attempts);
  return { ...entry, ...(named.length > 0 ? { notInAnswer: named } : {}), origin, error };
}

/**
 * The run's time limit passed while a request was made (`stopped` says where): not catchable, as the interpreter's
 * own check between statements.
 */
function timeLimitError(options: HttpHostOptions, stopped: string): DelugeError {
  const limit = options.timeLimitMs === undefined ? 'its time limit' : `${options.timeLimitMs / 1000} s`;
  return new DelugeError('DLG4012', `The script ran longer than ${limit}; ${stopped}`, undefined, false);
}

/**
 * Ctrl-C (or SIGTERM, or stdout closed by its reader: `signal`'s reason names it, SIGPIPE for the last) stopped the run
 * once the request in flight finished: not catchable, and `deluge run` exits 130 (143, 141).
 */
export function interruptedError(signal?: AbortSignal): DelugeError {
  return new DelugeError('DLG4026', stoppedMessage(signal?.reason), undefined, false);
}

/**
 * The run was stopped (as for {@link interruptedError}) before this request was sent: it reached no server, and no
 * request after it will.
 */
export function notSentError(signal?: AbortSignal): DelugeError {
  return new DelugeError('DLG4026', notSentMessage(signal?.reason), undefined, false);
}

/**
 * A second Ctrl-C (or SIGTERM after the first, `quitBy` says which) quit the run without waiting for the request in
 * flight: not catchable, and the request is listed as not awaited (whether the server processed it is unknown).
 */
export function quitError(quitBy: string): DelugeError {
  return new DelugeError('DLG4026', quitMessage(quitBy), undefined, false);
}

/**
 * How many records a DELETE's question says it deletes: the distinct ids of its first `ids=` (the one the server reads)
 * as the server reads them (an id repeated, or written with leading zeros, is one record), else the one of its path.
 * A CRM `/{module}/{record_id}` deletes the record of its path only, whatever `ids=` it has beside.
 */
function recordsNamed(url: URL): number {
  if ((deletedIdsNamed('DELETE', `${url.origin}${url.pathname}`) ?? []).length > 0) return 1;
  const ids = url.searchParams.get('ids');
  if (!ids) return 1;
  const distinct = new Set(ids.split(',').map((id) => id.trim().replace(/^0+(?=\d)/, '')).filter((id) => id !== ''));
  return Math.max(1, distinct.size);
}

export function createHttpTaskHost(options: HttpHostOptions): TaskHost {
  let consent: Promise<boolean> | undefined;
  const notNeedingConsent = new Set<string>();
  const stubs = options.stubs ?? [];

  async function ensureConsent(request: HttpRequest): Promise<void> {
    if (request.method !== 'DELETE' || !options.needsConsent || options.dryRun) return;
    // A run deletes at one host again and again: whether it needs consent is known after the first time.
    const origin = originOf(request.url);
    if (origin !== undefined && notNeedingConsent.has(origin)) return;
    const url = new URL(request.url);
    if (!options.needsConsent(url)) {
      if (origin !== undefined && origin === url.origin) notNeedingConsent.add(origin);
      return;
    }
    consent ??= options.confirm ? options.confirm({ method: request.method, host: url.host, ids: recordsNamed(url) }) : Promise.resolve(false);
    const given = await consent;
    // Ctrl-C at the question: the run stops, this DELETE unsent (not refused for want of --yes).
    if (options.signal?.aborted) throw notSentError(options.signal);
    if (!given) {
      throw new DelugeError(
        'DLG4025',
        `Not sent: DELETE ${url.host}${url.pathname} ${isZohoApiHost(url.hostname) ? 'deletes records in a real Zoho account' : 'goes to a real server'}; run with --yes to allow it ` +
          (options.sandboxed
            ? `(--sandbox stands in for Zoho's API hosts only, such as www.zohoapis.com: not for ${url.hostname})`
            : '(or --sandbox / --dry-run to try it safely)'),
        undefined,
        false,
      );
    }
  }

  /** Throws the request's error for a connection the file does not define (or whose `${VAR}` is unset). */
  function checkConnectionOf(request: HttpRequest, connection: string): void {
    if (!options.checkConnection) return;
    try {
      options.checkConnection(connection);
    } catch (error) {
      throw translate(error, request, options);
    }
  }

  /** `tokenFailure`: the token request made to learn the API domain failed; the request fails with it, unsent. */
  async function perform(request: HttpRequest, decode: (response: HttpResponse) => Value, tokenFailure?: { readonly error: unknown }): Promise<Value> {
    if (options.signal?.aborted) throw notSentError(options.signal);
    const unsendable = unsendableProblem(request);
    if (unsendable) throw new DelugeError('DLG4018', `${request.origin}: ${unsendable}; nothing was sent`, undefined, false);
    const stubbed = requestStub(stubs, request);
    if (stubbed) {
      if (request.connection !== undefined && options.checkConnectionName) {
        try {
          options.checkConnectionName(request.connection);
        } catch (error) {
          throw translate(error, request, options);
        }
      }
      return reportAndDecode(request, stubbed, decode);
    }
    if (options.dryRun) {
      let shown: Header[];
      try {
        shown = dryRunHeaders(request, options.previewCredential);
      } catch (error) {
        throw translate(error, request, options);
      }
      options.onRequest?.({
        ...unansweredEntry(request, 0, 0),
        headers: shown,
        ...shownBody(request),
        dryRun: true,
      });
      return decode(emptySuccess(request));
    }
    // A connection the file does not define (or whose `${VAR}` is unset) is said before any consent is asked for:
    // a DELETE to a real host would otherwise be refused for want of --yes, and only then for the connection.
    if (request.connection !== undefined) checkConnectionOf(request, request.connection);
    await ensureConsent(request);
    // A credential the script writes into a header, its URL or its body itself (`headers: {"X-Api-Key": key}`,
    // `"client_secret": …`) is masked wherever a server echoes it back, as a connection's is.
    rememberRequestSecrets(request);
    // Past the time limit (the script computed up to it) nothing more is sent.
    if (options.deadline?.aborted) throw timeLimitError(options, `stopped before ${requestPlace(request)} was sent`);
    let response: HttpResponse;
    /** A DELETE redirected to a host that needs the consent not given: the redirect's answer stands, and the run stops. */
    let redirectRefused: DelugeError | undefined;
    const followRedirect = async (next: HttpRequest): Promise<boolean> => {
      try {
        await ensureConsent(next);
        return true;
      } catch (error) {
        if (!(error instanceof DelugeError && error.code === 'DLG4025')) throw error;
        const from = new URL(request.url);
        redirectRefused = new DelugeError('DLG4025', `${from.host} redirected this DELETE: ${error.message.replace(/^Not sent: /, 'not followed: ')}`, undefined, false);
        return false;
      }
    };
    try {
      if (tokenFailure) throw tokenFailure.error;
      response = await options.send(request, { signal: options.signal, deadline: options.deadline, ...(request.method === 'DELETE' ? { followRedirect } : {}) });
    } catch (error) {
      // A request that was answered (a 401, a 429: refused unprocessed) before its retry failed unsent is accounted for
      // by that answer: its DELETE deleted nothing.
      const answered = error instanceof TransportError ? error.answered : options.responseBeforeFailure?.(request);
      if (answered) report(request, answered, undefined, error instanceof Error ? error.message : String(error));
      throw translate(error, request, options, answered !== undefined);
    }
    const value = reportAndDecode(request, response, decode);
    if (redirectRefused) throw redirectRefused;
    // The time limit passed while the answer came (it cut short the wait a 429 asked for): listed, then the run stops.
    if (options.deadline?.aborted) throw timeLimitError(options, `stopped after ${requestPlace(request)} was answered`);
    return value;
  }

  /** The script's value for a response, and the response accounted for (its records read from that value when it can). */
  function reportAndDecode(request: HttpRequest, response: HttpResponse, decode: (response: HttpResponse) => Value): Value {
    let value: Value;
    try {
      value = decode(response);
    } catch (error) {
      report(request, response, undefined);
      throw error;
    }
    // What `invokeurl` and `invokeapi` give the script is the body read as JSON where it is JSON (or the `detailed` map
    // around it), so its records are read from that value; a file, or a task's own answer, is not that reading.
    report(request, response, isRequestTaskName(request.origin) && request.response.format !== 'FILE' ? value : undefined);
    return value;
  }

  /**
   * `bodyValue`: the script's value when it is the body as read (the records are in it, or nowhere). `notSentAgain`:
   * why a request that got this answer (a 429, a 401) was not sent again, when its retry failed.
   */
  function report(request: HttpRequest, response: HttpResponse, bodyValue: Value | undefined, notSentAgain?: string): void {
    // The body is read once, for its records or, when it has none, the request-level error it names.
    const answer = bodyValue !== undefined ? bodyValue : readAnswer(decodeBody(response, request.response.decoding));
    const outcomes = answer === undefined ? undefined : recordOutcomesOf(answer);
    const failure = answer !== undefined && outcomes === undefined && response.status >= 400 ? requestErrorOf(answer) : undefined;
    const listed: Omit<RequestEntry, 'records' | 'origin'> = {
      method: request.method,
      url: request.url,
      status: response.status,
      durationMs: response.durationMs,
      attempts: response.attempts,
      ...(request.connection ? { connection: request.connection } : {}),
      ...(failure ? { code: failure.code, message: failure.message } : {}),
    };
    // Every id a DELETE named is accounted for: one its answer leaves out is listed, not passed over. An answer below
    // 400 with no per-record outcomes (a 204, `{"data":null}`, a page of HTML) leaves out every one, and so does a 5xx
    // (the request may have been processed: it is not sent again for that reason). A 4xx with none refused the request
    // as a whole: every id it named was not deleted. And a record the answer names that was not asked about is listed.
    const refused = outcomes === undefined && response.status >= 400 && response.status < 500;
    const { notInAnswer, notRequested } = refused ? NOTHING_OUT_OF_STEP : idsOutOfStep(request.method, request.url, outcomes);
    const notDeleted = refused ? (distinctIdsNamed(request.method, request.url) ?? []) : [];
    // `records` (when there are any) comes before `origin`, where the report has always had it.
    const entry: RequestEntry = Object.assign(outcomes ? withRecords(listed, outcomes) : listed, {
      ...(notInAnswer.length > 0 ? { notInAnswer } : {}),
      ...(notDeleted.length > 0 ? { notDeleted } : {}),
      ...(notRequested.length > 0 ? { notRequested } : {}),
      origin: request.origin,
      ...(notSentAgain !== undefined ? { error: notSentAgain } : {}),
    });
    options.onRequest?.(entry, response);
  }

  /**
   * A request built once the connection's API domain is known: when it may still learn it from a token not fetched
   * yet, after fetching that token. Not in a dry run, which fetches nothing.
   */
  async function builtOnApiDomain<T>(
    connection: string | undefined,
    build: () => T,
    requestOf: (built: T) => HttpRequest,
  ): Promise<{ readonly built: T; readonly tokenFailure?: { readonly error: unknown } }> {
    if (connection === undefined || !options.learnApiDomain || options.dryRun) return { built: build() };
    // A DELETE's consent is asked before the token request that names its domain (one of Zoho's real hosts whichever
    // it is): a run refused consent sends nothing, not even a token request with the client's secret.
    const provisional = requestOf(build());
    if (provisional.method === 'DELETE' && !requestStub(stubs, provisional) && !options.localAccounts?.(connection)) {
      checkConnectionOf(provisional, connection);
      await ensureConsent(provisional);
    }
    try {
      await options.learnApiDomain(connection);
    } catch (error) {
      return { built: build(), tokenFailure: { error } };
    }
    return { built: build() };
  }

  return {
    asynchronous: true,
    task(name, params) {
      const blockOptions = { apiDomain: options.apiDomain, defaultConnection: options.defaultCrmConnection };
      const request = taskBlockRequest(name, params, blockOptions);
      if (request?.origin === 'invokeapi' && options.learnApiDomain) {
        // Built first to learn its connection; built again on the domain that connection's token names.
        return builtOnApiDomain(request.connection, () => taskBlockRequest(name, params, blockOptions)!, (built) => built).then(({ built, tokenFailure }) =>
          perform(built, (response) => responseValue(response, built), tokenFailure),
        );
      }
      return request && perform(request, (response) => responseValue(response, request));
    },
    call(name, args) {
      const stubbed = taskStub(stubs, name);
      if (stubbed !== undefined) return stubbed;
      const lower = name.toLowerCase();
      if (lower === 'geturl' || lower === 'posturl') {
        const { request, simple } = lower === 'geturl' ? getUrlRequest(args) : postUrlRequest(args);
        const detailed: HttpRequest = { ...request, response: { ...request.response, detailed: !simple } };
        return perform(detailed, (response) => responseValue(response, detailed));
      }
      if (lower.startsWith('zoho.crm.')) {
        const connection = connectionArgument(args) ?? options.defaultCrmConnection;
        const build = () => crmTask(name, args, { apiDomain: options.apiDomain(connection), defaultConnection: options.defaultCrmConnection });
        if (build()) return builtOnApiDomain(connection, () => build()!, (task) => task.request).then(({ built: task, tokenFailure }) => perform(task.request, (response) => task.decode(response), tokenFailure));
      }
      return undefined;
    },
    advice: crmTaskAdvice,
  };
}

/** `https://host:port` of an absolute URL as the request IR holds it (normalized), without parsing all of it. */
function originOf(url: string): string | undefined {
  const scheme = url.indexOf('://');
  if (scheme < 0) return undefined;
  const end = url.indexOf('/', scheme + 3);
  return end < 0 ? undefined : url.slice(0, end);
}

/** A CRM task's connection: its last argument when that is a text naming one (Zoho's optional trailing argument). */
function connectionArgument(args: readonly Value[]): string | undefined {
  const last = args[args.length - 1];
  return typeof last === 'string' && /^[A-Za-z][\w]*$/.test(last) && args.length > 1 ? last : undefined;
}

/**
 * What `--dry-run` gives the script: an empty success, so it runs on to show its next request. `invokeurl` gets `{}`;
 * a `zoho.crm.*` task gets Zoho's answer when nothing matched (204, no body), which is an empty list for the tasks
 * that return lists (getRecords, searchRecords, bulkCreate), so the docs' `for each r in zoho.crm.getRecords(…)` runs.
 */
function emptySuccess(request: HttpRequest): HttpResponse {
  if (request.origin.toLowerCase().startsWith('zoho.crm.')) return { status: 204, headers: [], body: new Uint8Array(), url: request.url, durationMs: 0, attempts: 0 };
  return { status: 200, headers: [['content-type', 'application/json']], body: new TextEncoder().encode('{}'), url: request.url, durationMs: 0, attempts: 0 };
}

/**
 * What makes the HTTP client refuse a request before sending it, if anything: a header it manages, or a
 * `Content-Length` that is not the body's. Checked before a stub answers and in a dry run too: the request could not
 * be sent in a real run. Not catchable: no condition of the run changes it, and a `catch` took the client's refusal
 * for a network failure.
 */
function unsendableProblem(request: HttpRequest): string | undefined {
  // A body's length is the same under any boundary of the transport's: the one drawn here stands for the one it sends.
  return unsendableHeaders(request.headers, request.body?.kind === 'multipart', () => (request.body ? Buffer.byteLength(encodedBody(request.body).bytes) : 0));
}

/**
 * The headers a dry run shows: those the transport would send (the script's, the body's content type, the
 * connection's credential in place of a header of its name), the credential redacted, without the user agent.
 */
function dryRunHeaders(request: HttpRequest, preview: HttpHostOptions['previewCredential']): Header[] {
  const credential = request.connection ? (preview?.(request.connection) ?? ['Authorization', 'Zoho-oauthtoken ****']) : undefined;
  const contentType = request.body && bodyContentType(request.body, DRY_RUN_BOUNDARY);
  return redactHeaders(headersFor(request, contentType, credential));
}

/** The body a dry run shows: a form as it is encoded, a raw body as it is, a multipart body's parts. */
function shownBody(request: HttpRequest): Pick<RequestEntry, 'body' | 'parts'> {
  const body = request.body;
  if (!body) return {};
  switch (body.kind) {
    case 'raw':
      return { body: body.text };
    case 'form':
      return { body: formEncode(body.fields) };
    case 'multipart':
      return {
        parts: body.parts.map((p): ListedPart =>
          p.kind === 'field' ? { name: p.name, value: p.value } : { name: p.name, file: p.file.name, contentType: partContentType(p.file.contentType), bytes: p.file.bytes.byteLength },
        ),
      };
  }
}

/**
 * A failed send as the script sees it: network failures are catchable; configuration problems stop the run. A token
 * request that got no answer (the accounts server unreachable, a timeout) is a network failure of the request that
 * needed it (DLG4024); a token refused is configuration (DLG0007). `answered`: the request was answered (a 401, a
 * 429) and accounted for by that answer before its next attempt failed unsent.
 */
function translate(error: unknown, request: HttpRequest, options: HttpHostOptions, answered = false): Error {
  const host = safeHost(request.url);
  if (error instanceof TransportError) {
    if (!answered) options.onRequest?.(noAnswerEntry(request, error.durationMs, error.attempts, error.message));
    // Cancelled before any attempt reached a server (before the first, or in the wait after refused connections).
    if (error.kind === 'aborted') return error.attempts === 0 && !answered ? notSentError(options.signal) : interruptedError(options.signal);
    if (error.kind === 'deadline') return timeLimitError(options, `stopped while waiting for ${requestPlace(request)}: ${error.message}`);
    return new DelugeError('DLG4024', `${request.origin} ${request.method} ${host}: ${error.message}`);
  }
  if (error instanceof DelugeConfigError) return new DelugeError(error.code === 'DLG0001' ? 'DLG0006' : error.code, error.message, undefined, false);
  if (error instanceof AuthorizationError) {
    // Never sent for want of a token, refused or unreachable: listed all the same (attempts 0), its ids not deleted.
    if (!answered) options.onRequest?.(noAnswerEntry(request, 0, 0, error.message));
    if (error.reason === 'unreachable') return new DelugeError('DLG4024', `${request.origin} ${request.method} ${host}: ${error.message}`);
    return new DelugeError('DLG0007', error.message, undefined, false);
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** `DELETE www.zohoapis.com/crm/v7/Leads`: the request a message names, without its query (it may hold ids or keys). */
function requestPlace(request: HttpRequest): string {
  try {
    const url = new URL(redactText(request.url));
    return `${request.method} ${url.host}${url.pathname}`;
  } catch {
    return `${request.method} ${safeHost(request.url)}`;
  }
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
