/**
 * The runner's transport: sends the request IR over the network with undici and brings back the whole response.
 *
 * Retries follow the `deluge run` contract (table in docs/runtime/http.md): a request is sent again only when it surely
 * did not reach the server (connection refused, DNS failure, connect timeout) or the server refused it unprocessed
 * (429), with exponential backoff honouring Retry-After, at most `maxAttempts` in all. Anything that may have been
 * processed (a 5xx, a timeout or a broken connection after sending) is never re-sent, whatever the method: the
 * script gets the response, or a TransportError it can catch. A 401 on an authorized request is retried once after
 * `onUnauthorized` (a token refresh) says so.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import type { Agent, Dispatcher } from 'undici';
import { formEncode } from './invokeurl.js';
import { loadUndici } from './load-undici.js';
import { isLoopback } from './loopback.js';
import { multipartBody, newBoundary } from './multipart.js';
import { redactText } from './redact.js';
import { MAX_REDIRECTS, REDIRECT_STATUSES, redirectedHeaders, redirectsToGet } from './redirect-rule.js';
import { backoffMs, RETRY_RULE, tooManyRequestsWait } from './retry-rule.js';
import { SEND_TIMED_OUT, sendFailureMessage, sendFailureOf, type SendFailure } from './send-failures.js';
import {
  headerValue,
  parsedUrl,
  TransportError,
  type Header,
  type HttpBody,
  type HttpRequest,
  type HttpResponse,
  type Transport,
} from './request.js';

export interface TransportOptions {
  /**
   * The credential of a request (`request.connection` says which): an `Authorization` value (`Zoho-oauthtoken …`),
   * or a whole header (`['X-Api-Key', '…']`); undefined for none. Called before every attempt, so a retry after a
   * refresh carries the new token. It replaces a header of the same name the script gave.
   */
  readonly authorize?: (request: HttpRequest) => Promise<string | Header | undefined>;
  /** A 401 came back for an authorized request: refresh its credential and answer true to send it once more. */
  readonly onUnauthorized?: (request: HttpRequest, response: HttpResponse) => Promise<boolean>;
  /** Where a URL is really sent (Zoho hosts to the sandbox); the response's `url` is the routed one. */
  readonly route?: (url: URL) => URL;
  /** From the start of an attempt to the last byte of its response (Zoho's "socket timeout" is 40 s). */
  readonly requestTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
  /** Attempts in all, the first included. */
  readonly maxAttempts?: number;
  /** Waits between attempts; tests pass one that records the delays and returns at once. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The clock Retry-After dates are measured against (ms since the epoch). */
  readonly now?: () => number;
  /** A 429 asking to wait longer than this is returned to the script instead of waited for. */
  readonly maxRetryDelayMs?: number;
  /** Redirects followed (3xx with Location); 0 returns the 3xx itself. */
  readonly maxRedirections?: number;
  /** The largest response body read (default {@link MAX_RESPONSE_BYTES}). */
  readonly maxResponseBytes?: number;
  readonly userAgent?: string;
  /** Sends through this dispatcher instead of the transport's own keep-alive agent (not closed by `close`). */
  readonly dispatcher?: Dispatcher;
  /** Where HTTP_PROXY, HTTPS_PROXY and NO_PROXY are read (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
}

export interface SendOptions {
  /**
   * Cancels what is not yet under way: no further attempt starts and a wait between attempts ends at once, with a
   * TransportError of kind `aborted`. An attempt already sent runs to its response or its timeout (Ctrl-C lets the
   * request in flight complete, so its outcome is known and logged).
   */
  readonly signal?: AbortSignal;
  /**
   * The run's time limit. Unlike `signal`, it ends an attempt under way too (the run stops now, not after up to the
   * request timeout), as well as a wait between attempts, with a TransportError of kind `deadline`; never retried.
   */
  readonly deadline?: AbortSignal;
  /**
   * Asked before a redirect is followed, with the request as it would go on (its URL the `Location`, before any
   * routing): false returns the redirect's answer itself, not followed. (`deluge run` asks its DELETE consent again:
   * a server on loopback may send a DELETE on to a real one.)
   */
  readonly followRedirect?: (next: HttpRequest) => Promise<boolean>;
}

export interface NetworkTransport extends Transport {
  send(request: HttpRequest, options?: SendOptions): Promise<HttpResponse>;
  /**
   * Closes the transport's own connections (after the requests in flight end; at once when the deadline ended a
   * request that was still connecting).
   */
  close(): Promise<void>;
}

export const DEFAULTS = {
  requestTimeoutMs: 40_000,
  connectTimeoutMs: 10_000,
  maxAttempts: RETRY_RULE.maxAttempts,
  maxRetryDelayMs: RETRY_RULE.maxRetryDelayMs,
  maxRedirections: MAX_REDIRECTS,
  userAgent: 'deluge-kit',
} as const;

export function createTransport(options: TransportOptions = {}): NetworkTransport {
  const settings = {
    requestTimeoutMs: options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs,
    maxAttempts: Math.max(1, options.maxAttempts ?? DEFAULTS.maxAttempts),
    maxRetryDelayMs: options.maxRetryDelayMs ?? DEFAULTS.maxRetryDelayMs,
    maxResponseBytes: options.maxResponseBytes ?? MAX_RESPONSE_BYTES,
    userAgent: options.userAgent ?? DEFAULTS.userAgent,
    sleep: options.sleep ?? ((ms: number, signal?: AbortSignal) => delay(ms, undefined, { signal })),
    now: options.now ?? Date.now,
  };
  // The transport's own keep-alive agent is made on the first request (undici is loaded then: `loadUndici`).
  let own: Promise<Dispatcher> | undefined;
  let dispatcher: Dispatcher | undefined = options.dispatcher;
  /** Where the proxy settings are read (a dispatcher given goes its own way: none). */
  const env = options.dispatcher ? {} : (options.env ?? process.env);
  const dispatcherReady = async (): Promise<Dispatcher> => (dispatcher ??= await (own ??= ownDispatcher(options, settings.requestTimeoutMs)));
  const route = options.route ?? ((url: URL) => url);
  const maxRedirections = options.maxRedirections ?? DEFAULTS.maxRedirections;
  /** A request the deadline ended while it was connecting: undici keeps it until the connection is made or fails. */
  let leftConnecting = false;

  /** Sends with the retry rule; a failure carries the time from the first attempt to it. */
  async function send(request: HttpRequest, sendOptions: SendOptions = {}): Promise<HttpResponse> {
    const started = performance.now();
    try {
      return await attempts(request, sendOptions, started);
    } catch (error) {
      if (!(error instanceof TransportError)) throw error;
      throw new TransportError(error.kind, error.message, error.attempts, Math.round(performance.now() - started), error.answered);
    }
  }

  async function attempts(request: HttpRequest, sendOptions: SendOptions, started: number): Promise<HttpResponse> {
    const { signal, deadline } = sendOptions;
    const url = route(parsedUrl(request.url));
    let reauthorized = false;
    /** The attempts that reached a server: one whose connection failed sent nothing (the messages count it as tried). */
    let sent = 0;
    /** The answer the loop last went past (a 429 or a 401: refused unprocessed), when nothing was sent after it. */
    let refusal: HttpResponse | undefined;
    /** No answer to give: `sentNow` when the attempt under way reached a server. */
    const failed = (kind: TransportError['kind'], message: string, sentNow = false): TransportError =>
      new TransportError(kind, message, sentNow ? sent + 1 : sent, 0, sentNow ? undefined : refusal);
    /** Ctrl-C or the time limit, taken before this attempt is sent, stops the request unsent. */
    const stopIfEnded = (attempt: number): void => {
      if (signal?.aborted) throw failed('aborted', abortedMessage(url, attempt - 1));
      if (deadline?.aborted) throw failed('deadline', pastDeadlineMessage(url, false));
    };
    for (let attempt = 1; ; attempt++) {
      stopIfEnded(attempt);
      const credential = await credentialOf(request);
      // Getting the credential may have taken a token request's time: no further request goes out after Ctrl-C.
      stopIfEnded(attempt);
      const secrets = credential ? [credential[1]] : [];
      let response: HttpResponse;
      let answeredByOrigin = true;
      try {
        const exchanged = await exchange(url, request, credential, deadline, sendOptions.followRedirect);
        sent++;
        answeredByOrigin = exchanged.sameOrigin;
        response = { status: exchanged.status, headers: exchanged.headers, body: exchanged.body, url: exchanged.url, durationMs: Math.round(performance.now() - started), attempts: sent };
      } catch (error) {
        if (!(error instanceof HopFailure)) throw error;
        if (error.cause instanceof PastDeadline) {
          leftConnecting ||= !error.cause.sent;
          // A redirect's hop not yet sent still leaves the first server having seen the request.
          const sentNow = error.cause.sent || error.redirected;
          throw failed('deadline', pastDeadlineMessage(error.url, sentNow), sentNow);
        }
        if (error.cause instanceof ResponseTooLarge) {
          // The server had the request and answered: not sent again, its outcome (its records') unknown.
          const { status, message } = error.cause;
          throw failed('reset', `the answer of ${error.url.host} (HTTP ${status}) is ${message}, more than a run reads: it was not read`, true);
        }
        const failure = classify(error.cause);
        // A connect failure sent nothing; after a redirect the first server has answered all the same: the request
        // reached it, so it is not sent again.
        const sentNow = failure.kind !== 'connect' || error.redirected;
        if (failure.retry && !sentNow && attempt < settings.maxAttempts) {
          const ended = await pause(backoffMs(attempt), sendOptions);
          if (ended === 'cancelled') throw failed('aborted', abortedMessage(url, attempt));
          if (ended === 'deadline') {
            const message = `${sendFailureMessage(failure, error.url, attempt, settings.requestTimeoutMs, proxyHostFor(error.url, env))}; the run's time limit passed before it was tried again`;
            throw failed('deadline', redactText(message, secrets));
          }
          continue;
        }
        throw failed(failure.kind, redactText(sendFailureMessage(failure, error.url, attempt, settings.requestTimeoutMs, proxyHostFor(error.url, env)), secrets), sentNow);
      }
      if (response.status === 429 && attempt < settings.maxAttempts) {
        const wait = tooManyRequestsWait(headerValue(response.headers, 'retry-after'), attempt, settings.now(), settings.maxRetryDelayMs);
        if (wait !== undefined) {
          // Ctrl-C or the time limit during the wait: the server's answer stands (it refused the request unprocessed),
          // not "no response".
          if ((await pause(wait, sendOptions)) !== 'waited') return response;
          refusal = response;
          continue;
        }
      }
      // A 401 of a server a redirect led to, of another origin, is no verdict on the credential: it never had it.
      if (!reauthorized && options.onUnauthorized && answeredByOrigin && isUnauthorized(response, request, credential)) {
        reauthorized = true;
        refusal = response;
        if (await options.onUnauthorized(request, response)) continue;
      }
      return response;
    }
  }

  /**
   * One attempt: the request, then the redirects it gets (301/302 of a POST and 303 become a GET without body, as
   * browsers do). The credential and the script's Authorization and Cookie headers are not sent to another origin.
   */
  async function exchange(
    url: URL,
    request: HttpRequest,
    credential: Header | undefined,
    deadline: AbortSignal | undefined,
    followRedirect: SendOptions['followRedirect'],
  ): Promise<Exchanged> {
    let hop: HttpRequest = request;
    let current = url;
    let sameOrigin = true;
    for (let redirects = 0; ; redirects++) {
      const body = hop.body && encodedBody(hop.body);
      const headers = headersFor(hop, body?.contentType, sameOrigin ? credential : undefined, settings.userAgent);
      const answer = await sendOnce(dispatcher ?? (await dispatcherReady()), current, hop, headers, body?.bytes, settings.requestTimeoutMs, deadline, settings.maxResponseBytes).catch((error: unknown) => {
        throw new HopFailure(error, current, redirects > 0);
      });
      const location = headerValue(answer.headers, 'location');
      const answered = { status: answer.status, headers: answer.headers, body: answer.body, url: current.href, sameOrigin };
      if (!REDIRECT_STATUSES.has(answer.status) || !location || redirects >= maxRedirections) return answered;
      const target = new URL(location, current);
      const next = route(target);
      const nextSameOrigin: boolean = sameOrigin && next.origin === url.origin;
      const nextHop = redirected(hop, answer.status, nextSameOrigin);
      if (followRedirect && !(await followRedirect({ ...nextHop, url: target.href }))) return answered;
      sameOrigin = nextSameOrigin;
      hop = nextHop;
      current = next;
    }
  }

  async function credentialOf(request: HttpRequest): Promise<Header | undefined> {
    const credential = await options.authorize?.(request);
    return typeof credential === 'string' ? ['Authorization', credential] : credential;
  }

  /**
   * Waits before the next attempt, and says what ended the wait: Ctrl-C and the time limit end it at once (an
   * injected sleep may not watch the signals).
   */
  async function pause(ms: number, { signal, deadline }: SendOptions): Promise<'waited' | 'cancelled' | 'deadline'> {
    const signals = [signal, deadline].filter((s): s is AbortSignal => s !== undefined);
    if (signals.length === 0) {
      await settings.sleep(ms);
      return 'waited';
    }
    // The sleep gets one signal, aborted by either (and once the wait is over, so a real timer does not outlive it).
    const wait = new AbortController();
    const ended = new Promise<void>((resolve) => wait.signal.addEventListener('abort', () => resolve(), { once: true }));
    const onAbort = (): void => wait.abort();
    for (const s of signals) s.addEventListener('abort', onAbort, { once: true });
    try {
      if (!signals.some((s) => s.aborted)) await Promise.race([settings.sleep(ms, wait.signal).catch(() => undefined), ended]);
    } finally {
      for (const s of signals) s.removeEventListener('abort', onAbort);
      wait.abort();
    }
    if (signal?.aborted) return 'cancelled';
    return deadline?.aborted ? 'deadline' : 'waited';
  }

  return {
    send,
    close: async () => {
      // Not waiting for a connection the run no longer wants (up to the connect timeout): nothing else is under way.
      const agent = await own;
      await (leftConnecting ? agent?.destroy() : agent?.close());
    },
  };
}

/** The transport's keep-alive agent, with its timeouts. */
function ownDispatcher(options: TransportOptions, requestTimeoutMs: number): Promise<Dispatcher> {
  const agentOptions: Agent.Options = {
    connect: { timeout: options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs },
    headersTimeout: requestTimeoutMs,
    bodyTimeout: requestTimeoutMs,
  };
  return environmentDispatcher(options.env ?? process.env, agentOptions);
}

/**
 * A keep-alive agent; through the proxy of HTTP_PROXY/HTTPS_PROXY (lower case first, minus NO_PROXY and this machine)
 * when `env` sets one. The transport's requests and the token requests (`oauth.ts`) go the same way.
 */
export async function environmentDispatcher(env: NodeJS.ProcessEnv, agentOptions: Agent.Options = {}): Promise<Dispatcher> {
  const { Dispatcher: Base, Agent, EnvHttpProxyAgent } = await loadUndici();
  const proxies = proxySettings(env);
  if (!proxies.httpProxy && !proxies.httpsProxy) return new Agent(agentOptions);
  const direct = new Agent(agentOptions);
  const proxied = new EnvHttpProxyAgent({ ...agentOptions, ...proxies });
  /**
   * This machine is never reached through the proxy (as Go's ProxyFromEnvironment decides): the sandbox `run
   * --sandbox` routes Zoho's hosts to, and a server on loopback, which a DELETE is sent to without asking for consent
   * because it stays on this machine, would otherwise be a request to whatever the proxy leads to.
   */
  class LoopbackDirect extends Base {
    override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
      const origin = options.origin === undefined ? undefined : new URL(String(options.origin));
      return (origin !== undefined && isLoopback(origin.hostname) ? direct : proxied).dispatch(options, handler);
    }
    override close(): Promise<void>;
    override close(callback: () => void): void;
    override close(callback?: () => void): Promise<void> | void {
      const closed = Promise.all([direct.close(), proxied.close()]).then(() => undefined);
      if (!callback) return closed;
      void closed.then(callback);
    }
    override destroy(): Promise<void>;
    override destroy(error: Error | null): Promise<void>;
    override destroy(callback: () => void): void;
    override destroy(error: Error | null, callback: () => void): void;
    override destroy(first?: Error | null | (() => void), second?: () => void): Promise<void> | void {
      const error = typeof first === 'function' ? null : (first ?? null);
      const callback = typeof first === 'function' ? first : second;
      const destroyed = Promise.all([direct.destroy(error), proxied.destroy(error)]).then(() => undefined);
      if (!callback) return destroyed;
      void destroyed.then(callback);
    }
  }
  return new LoopbackDirect();
}

/** HTTP_PROXY, HTTPS_PROXY and NO_PROXY as the environment sets them (lower case first); '' where unset. */
function proxySettings(env: NodeJS.ProcessEnv): { httpProxy: string; httpsProxy: string; noProxy: string } {
  return { httpProxy: env.http_proxy ?? env.HTTP_PROXY ?? '', httpsProxy: env.https_proxy ?? env.HTTPS_PROXY ?? '', noProxy: env.no_proxy ?? env.NO_PROXY ?? '' };
}

/**
 * The host of the proxy a request to `url` goes through (as environmentDispatcher's EnvHttpProxyAgent chooses it:
 * HTTPS_PROXY, else HTTP_PROXY, for https; HTTP_PROXY for http; none where NO_PROXY names the host, nor to this
 * machine), for messages: a failure to connect is the proxy's, not the target's. Its user name and password are never
 * part of it.
 */
export function proxyHostFor(url: URL, env: NodeJS.ProcessEnv): string | undefined {
  if (isLoopback(url.hostname)) return undefined;
  const settings = proxySettings(env);
  const proxy = url.protocol === 'https:' ? settings.httpsProxy || settings.httpProxy : settings.httpProxy;
  if (!proxy || !URL.canParse(proxy)) return undefined;
  const noProxy = settings.noProxy.trim();
  if (noProxy === '*') return undefined;
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const hostname = url.hostname.toLowerCase();
  for (const entry of noProxy.split(/[,\s]/).filter((e) => e !== '')) {
    const [, host = entry, entryPort] = /^(.+):(\d+)$/.exec(entry) ?? [];
    if (entryPort !== undefined && Number(entryPort) !== port) continue;
    const name = host.toLowerCase();
    if (/^[.*]/.test(name) ? hostname.endsWith(name.replace(/^\*/, '')) : hostname === name) return undefined;
  }
  return new URL(proxy).host;
}

interface Answer {
  readonly status: number;
  readonly headers: readonly Header[];
  readonly body: Uint8Array;
}

interface Exchanged extends Answer {
  readonly url: string;
  /** Whether the server that answered is of the request's origin: had the credential (another origin had none). */
  readonly sameOrigin: boolean;
}

class TimedOut extends Error {}

/**
 * The most of a response body a run reads: 50 MB, the largest answer Zoho documents (postUrl's; a CRM function's is
 * 10 MB). Past it the answer is not read (a run kept it whole in memory and then failed as a bug, with no account of
 * the DELETE the server had processed): the request fails, its outcome unknown.
 */
export const MAX_RESPONSE_BYTES = 50 * 1024 * 1024;

/** A response body, as sent or once decompressed, past the most a run reads. */
class ResponseTooLarge extends Error {
  constructor(
    readonly status: number,
    readonly limit: number,
  ) {
    super(`larger than ${limit >= 1024 * 1024 ? `${limit / (1024 * 1024)} MB` : `${limit} bytes`}`);
  }
}

/** The run's time limit ended an attempt; `sent` when the request was already on a connection (it may have arrived). */
class PastDeadline extends Error {
  constructor(readonly sent: boolean) {
    super('past the deadline');
  }
}

/**
 * A hop's failure after its request was handed to a connection to write (undici's `onConnect`): whatever its code
 * says, the server may have it.
 */
class FailedWritten extends Error {
  constructor(override readonly cause: unknown) {
    super('failed after the request was written');
  }
}

/** Why an attempt got no answer, and where: the first URL or a redirect's. */
class HopFailure extends Error {
  constructor(
    override readonly cause: unknown,
    readonly url: URL,
    readonly redirected: boolean,
  ) {
    super('request failed');
  }
}

/** The request to send after a redirect answered with `status`. */
function redirected(request: HttpRequest, status: number, sameOrigin: boolean): HttpRequest {
  const toGet = redirectsToGet(request.method, status);
  const headers = redirectedHeaders(request.headers, toGet, sameOrigin);
  const { body: _dropped, ...rest } = request;
  return toGet ? { ...rest, method: 'GET', headers } : { ...request, headers };
}

/**
 * One request and its whole body, within the request timeout and the run's deadline. It talks to undici's dispatcher
 * directly: the body is gathered from its chunks and the raw headers are read once, without the stream and the parsed
 * header object that `request()` builds for each response, and the timeout and the deadline abort through the
 * handler's own `abort`.
 */
function sendOnce(
  dispatcher: Dispatcher,
  url: URL,
  request: HttpRequest,
  headers: Header[],
  body: string | Uint8Array | undefined,
  timeoutMs: number,
  deadline?: AbortSignal,
  maxBytes: number = MAX_RESPONSE_BYTES,
): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    if (deadline?.aborted) return reject(new PastDeadline(false));
    let abort: ((reason?: Error) => void) | undefined;
    /** Why the attempt was ended before its answer: the timeout or the deadline, whichever came first. */
    let ended: TimedOut | PastDeadline | undefined;
    let settled = false;
    let status = 0;
    let received: Header[] = [];
    const chunks: Buffer[] = [];
    let size = 0;
    const end = (why: TimedOut | PastDeadline): void => {
      ended ??= why;
      // Before the request is on a connection there is nothing to abort yet: `onConnect` does it then.
      abort?.(ended);
    };
    const timeout = setTimeout(() => end(new TimedOut()), timeoutMs);
    const onDeadline = (): void => {
      end(new PastDeadline(abort !== undefined));
      // Still connecting: the run does not wait for the connection (up to the connect timeout) to abort the request.
      if (abort === undefined) fail(ended);
    };
    deadline?.addEventListener('abort', onDeadline, { once: true });
    const done = (): void => {
      settled = true;
      clearTimeout(timeout);
      deadline?.removeEventListener('abort', onDeadline);
    };
    const fail = (error: unknown): void => {
      if (settled) return;
      done();
      reject(ended ?? (error instanceof ResponseTooLarge ? error : abort !== undefined ? new FailedWritten(error) : error));
    };
    const handler: Dispatcher.DispatchHandler = {
      onConnect(abortRequest) {
        abort = abortRequest;
        if (ended) abortRequest(ended);
      },
      onHeaders(statusCode, rawHeaders) {
        // 1xx answers are interim: the final one follows.
        if (statusCode < 200) return true;
        status = statusCode;
        received = receivedHeaders(rawHeaders);
        return true;
      },
      onData(chunk) {
        size += chunk.byteLength;
        if (size > maxBytes) {
          chunks.length = 0;
          const tooLarge = new ResponseTooLarge(status, maxBytes);
          abort?.(tooLarge);
          fail(tooLarge);
          return false;
        }
        chunks.push(chunk);
        return true;
      },
      onComplete() {
        if (settled) return;
        done();
        // The chunks are views of the socket's reads, which are not reused: one is the body as it is.
        const body = chunks.length === 1 ? new Uint8Array(chunks[0]!.buffer, chunks[0]!.byteOffset, size) : concatenated(chunks, size);
        try {
          resolve({ status, headers: received, body: decoded(body, headerValue(received, 'content-encoding'), status, maxBytes) });
        } catch (error) {
          reject(error);
        }
      },
      onError: fail,
    };
    try {
      dispatcher.dispatch(
        {
          origin: url.origin,
          // An empty query's `?` is sent as written (`/p?`), as curl and fetch send it (`search` is '' for it).
          path: `${url.pathname}${url.search || (url.href.replace(/#.*$/s, '').endsWith('?') ? '?' : '')}`,
          method: request.method,
          headers: flatHeaders(headers),
          body,
        },
        handler,
      );
    } catch (error) {
      fail(error);
    }
  });
}

/** Headers as undici takes them: name, value, name, value… */
function flatHeaders(headers: readonly Header[]): string[] {
  const flat = new Array<string>(headers.length * 2);
  for (let i = 0; i < headers.length; i++) {
    flat[2 * i] = headers[i]![0];
    flat[2 * i + 1] = headers[i]![1];
  }
  return flat;
}

function concatenated(chunks: readonly Buffer[], size: number): Uint8Array {
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/**
 * The request's headers as sent: the script's, then the body's content type, user agent and credential where missing.
 * A multipart body's own content type replaces the script's, which cannot name the boundary of the body being sent.
 * `--dry-run` shows them without the user agent, which is the client's, not the request's.
 */
export function headersFor(request: HttpRequest, contentType: string | undefined, credential: Header | undefined, userAgent?: string): Header[] {
  const replaced = credential?.[0].toLowerCase();
  const multipart = request.body?.kind === 'multipart';
  const headers = request.headers.filter(([name]) => {
    const lower = name.toLowerCase();
    return lower !== replaced && !(multipart && lower === 'content-type');
  });
  if (contentType && !headerValue(headers, 'content-type')) headers.push(['Content-Type', contentType]);
  if (userAgent !== undefined && !headerValue(headers, 'user-agent')) headers.push(['User-Agent', userAgent]);
  if (credential) headers.push(credential);
  return headers;
}

/** A body as sent, and the content type it goes with unless the script named one. */
export interface EncodedBody {
  readonly bytes: string | Uint8Array;
  readonly contentType: string;
}

/**
 * The body as undici sends it. A multipart body is written here, under a boundary of its own each time (undici's
 * FormData would turn the line breaks of its fields into CRLF: src/http/multipart.ts).
 */
export function encodedBody(body: HttpBody, boundary = newBoundary()): EncodedBody {
  const contentType = bodyContentType(body, boundary);
  switch (body.kind) {
    case 'form':
      return { bytes: formEncode(body.fields), contentType };
    case 'raw':
      return { bytes: body.text, contentType };
    case 'multipart':
      return { bytes: multipartBody(body.parts, boundary), contentType };
  }
}

/** The content type a body goes with unless the script named one (a multipart body's always: see {@link headersFor}). */
export function bodyContentType(body: HttpBody, boundary: string): string {
  switch (body.kind) {
    case 'form':
      return 'application/x-www-form-urlencoded';
    case 'raw':
      return body.contentType ?? 'text/plain';
    case 'multipart':
      return `multipart/form-data; boundary=${boundary}`;
  }
}

/**
 * undici gives raw headers as a flat [name, value, …] list of buffers; names are lower-cased here, order and repeats
 * kept, values read as latin1 (as undici's own `request()` reads them).
 */
function receivedHeaders(raw: readonly (Buffer | string)[] | null): Header[] {
  const headers: Header[] = [];
  if (!raw) return headers;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    const value = raw[i + 1]!;
    headers.push([(typeof name === 'string' ? name : name.toString()).toLowerCase(), typeof value === 'string' ? value : value.toString('latin1')]);
  }
  return headers;
}

/** A compressed body decompressed (servers may compress unasked); left as is when it does not decompress. */
function decoded(bytes: Uint8Array, encoding: string | undefined, status: number, maxBytes: number): Uint8Array {
  const name = encoding?.trim().toLowerCase();
  if (!name || name === 'identity' || bytes.length === 0) return bytes;
  // A small body may inflate past the most a run reads.
  const limit = { maxOutputLength: maxBytes };
  try {
    if (name === 'gzip' || name === 'x-gzip') return new Uint8Array(gunzipSync(bytes, limit));
    if (name === 'br') return new Uint8Array(brotliDecompressSync(bytes, limit));
    if (name === 'deflate') return new Uint8Array(bytes[0] === 0x78 ? inflateSync(bytes, limit) : inflateRawSync(bytes, limit));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new ResponseTooLarge(status, maxBytes);
    return bytes;
  }
  return bytes;
}

/**
 * What a hop's failure means. A connect failure (`connect`: nothing was sent) is one before the request was written:
 * an error with a connection's code after it was (a TLS alert, a host unreachable during the answer) may follow its
 * processing, so it is a broken connection, not tried again.
 */
function classify(error: unknown): SendFailure {
  if (error instanceof TimedOut) return SEND_TIMED_OUT;
  if (!(error instanceof FailedWritten)) return sendFailureOf(error);
  const failure = sendFailureOf(error.cause);
  return failure.kind === 'connect' ? { kind: 'reset', retry: false, reason: failure.reason } : failure;
}

/** The run's time limit ended the request; `sent` when the attempt under way may have reached the server. */
function pastDeadlineMessage(url: URL, sent: boolean): string {
  return sent
    ? `no answer from ${url.host} before the run's time limit; the server may have processed it`
    : `the run's time limit passed before the request to ${url.host} was sent`;
}

/** `tried`: the attempts made, sent or not (0: none). */
function abortedMessage(url: URL, tried: number): string {
  const after = tried > 0 ? ` after ${tried} attempt${tried > 1 ? 's' : ''}` : ' before it was sent';
  return `the request to ${url.host} was cancelled${after}`;
}

/** Zoho answers an expired or revoked token with 401 and `INVALID_TOKEN`; any 401 to a credentialed request counts. */
function isUnauthorized(response: HttpResponse, request: HttpRequest, credential: Header | undefined): boolean {
  if (response.status !== 401) return false;
  if (request.connection !== undefined || credential !== undefined) return true;
  return Buffer.from(response.body).toString('latin1').includes('INVALID_TOKEN');
}
