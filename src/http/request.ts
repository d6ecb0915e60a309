/**
 * The request IR: the one model of an HTTP request that `invokeurl`, `getUrl`/`postUrl`, the `zoho.crm.*` tasks,
 * the transport, the curl and TypeScript emitters, the curl importer and the sandbox tests all meet at. Whatever
 * can be said about a request is said here once.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

/** Header name and value, in the order the script gave them; names as written. */
export type Header = readonly [name: string, value: string];

export interface FilePart {
  readonly name: string;
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

export type MultipartPart =
  | { readonly kind: 'field'; readonly name: string; readonly value: string }
  | { readonly kind: 'file'; readonly name: string; readonly file: FilePart };

export type HttpBody =
  /** `application/x-www-form-urlencoded` fields (a map as `parameters` on POST/PUT/PATCH/DELETE). */
  | { readonly kind: 'form'; readonly fields: readonly Header[] }
  /** A body sent as is (a text as `parameters` or `body`); `contentType` when the script gave none in `headers`. */
  | { readonly kind: 'raw'; readonly text: string; readonly contentType?: string }
  /** `multipart/form-data` (`files`, or `content-type: "multipart/form-data"`). */
  | { readonly kind: 'multipart'; readonly parts: readonly MultipartPart[] };

/** What the script asked for about the response. */
export interface ResponseOptions {
  /** `detailed: true`: a map of `responseCode`, `responseHeader`, `responseText` instead of the body alone. */
  readonly detailed: boolean;
  /** `response-format` (e.g. `FILE`), upper-cased; absent for the default (JSON → map/list, else text). */
  readonly format?: string;
  /** `response-decoding`: the charset of the body (default UTF-8). */
  readonly decoding?: string;
}

export interface HttpRequest {
  readonly method: HttpMethod;
  /** Absolute URL with its query string. */
  readonly url: string;
  /** The script's headers; authorization is added by the transport from `connection`, never stored here. */
  readonly headers: readonly Header[];
  readonly body?: HttpBody;
  /** The connection's link name (`connection: "crm_oauth_connection"`). */
  readonly connection?: string;
  readonly response: ResponseOptions;
  /** What made the request: `invokeurl`, `getUrl`, `zoho.crm.getRecordById`, … (for reports). */
  readonly origin: string;
}

/**
 * A request's URL as a URL object, to be read and never changed. The IR keeps its URL as text; `invokeurl` parses it
 * to check and normalise it, and the transport parses that text again to send it: the last URL parsed is kept for
 * that second time (a Delete Records URL of 100 ids is about 2 KB to parse, once per request of a bulk run).
 */
export function parsedUrl(href: string): URL {
  if (lastParsed === undefined || lastParsed.href !== href) lastParsed = new URL(href);
  return lastParsed;
}

/** Parses `text` as {@link parsedUrl} would, and keeps the result for `parsedUrl` of its `href`. */
export function parseUrl(text: string): URL {
  return (lastParsed = new URL(text));
}

let lastParsed: URL | undefined;

export interface HttpResponse {
  readonly status: number;
  /** Header names in lower case, in the order received. */
  readonly headers: readonly Header[];
  readonly body: Uint8Array;
  /** The URL finally requested (after routing, e.g. to the sandbox). */
  readonly url: string;
  readonly durationMs: number;
  /**
   * The attempts sent (that reached a server): 1 unless the transport retried. An attempt whose connection failed sent
   * nothing and is not counted.
   */
  readonly attempts: number;
}

/**
 * Why a request got no response: the script sees a catchable runtime error saying so (not for `aborted`, Ctrl-C, nor
 * `deadline`, the run's time limit: those stop the run).
 */
export class TransportError extends Error {
  constructor(
    readonly kind: 'connect' | 'timeout' | 'reset' | 'aborted' | 'deadline' | 'auth' | 'refused',
    message: string,
    /**
     * The attempts sent (that reached a server): 0 when none did (each failed to connect), whatever the message says
     * of the attempts tried (`could not connect … after 4 attempts`). A request never sent deleted nothing.
     */
    readonly attempts = 1,
    /** From the first attempt to the failure, retries and waits included (the run report's `durationMs`). */
    readonly durationMs = 0,
    /**
     * The server's last answer, when it refused the request unprocessed (a 429, a 401 before a token refresh) and no
     * attempt sent after it got further: the answer to account for, though the script gets this error.
     */
    readonly answered?: HttpResponse,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

/** Sends requests. The runner's is undici over the network; `--dry-run` and emitters record instead. */
export interface Transport {
  send(request: HttpRequest): Promise<HttpResponse>;
}

export function headerValue(headers: readonly Header[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find(([n]) => n.toLowerCase() === lower)?.[1];
}
