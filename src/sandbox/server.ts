/**
 * The sandbox server: node:http on loopback, routing `/oauth/v2/…` to the accounts server, `/crm/{version}/…` to
 * the records API and `/__sandbox/…` to the admin API. Every request but the admin ones is kept, and listed with its
 * credentials redacted by `GET /__sandbox/requests`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ALL_SCOPES, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, THROTTLED } from './accounts.js';
import { handleAdmin } from './admin.js';
import { DEFAULT_USER_ID, demoData } from './demo-data.js';
import type { Faults } from './faults.js';
import { type Reply, reply, type SandboxRequest, zohoError } from './http.js';
import { dataFileText, readDataFile, SandboxDataError, writeDataFile } from './persist.js';
import { handleRecords } from './records.js';
import { type ReceivedRequest, SandboxState } from './state.js';
import { isPlainObject, zohoTime } from './json.js';
import { InvalidDataError, type SandboxData, Store } from './store.js';
import { redactRequestText } from '../http/redact.js';

export interface SandboxOptions {
  /** Default 0: any free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Seeds the sandbox when the file exists; the data is written back to it (atomically) on close. */
  readonly dataFile?: string;
  /** The clock for token expiry, rate-limit windows and record times (default Date.now). */
  readonly now?: () => number;
  /** How latency is waited for (default: a timer). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** The random numbers behind `failRate` (default Math.random). */
  readonly random?: () => number;
  /** One line per request handled (method, path, status); never a credential. */
  readonly log?: (line: string) => void;
  /** Faults to start with (as `POST /__sandbox/faults` takes them). */
  readonly faults?: Partial<Faults>;
}

export interface Sandbox {
  /** `http://127.0.0.1:<port>`: the API domain and the accounts server at once. */
  readonly url: string;
  readonly port: number;
  /** Has every CRM scope and lasts an hour (not a secret: the sandbox minted it). */
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Stops the server and writes the data file, when there is one. */
  close(): Promise<void>;
  /**
   * For a process that ends without closing the sandbox (`deluge run` quit by a second Ctrl-C: closing would wait for
   * the request left in flight): the sandbox stops answering now, as on `close` — a request still waiting (for its
   * latency, for its body) is dropped and changes nothing —, and the data file, when there is one, is written now,
   * synchronously, with every change made: a request is handled whole between two turns of the event loop, so each
   * request was handled (its changes saved, whether or not its answer reached the client) or will never be. Throws
   * SandboxDataError when the file cannot be written.
   */
  stopAndSave(): void;
  /**
   * Writes the data file now, when there is one and the records changed since it was last written, the sandbox going
   * on: `deluge run` does so when a script starts a long stretch of computing, in which a Ctrl-C ends the process at
   * once (no handler runs while a script computes) and the changes its requests made would be lost. Throws
   * SandboxDataError when the file cannot be written.
   */
  saveNow(): void;
}

/** Starts a sandbox. Throws SandboxDataError for an unusable data file; listen errors (EADDRINUSE) as they come. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const clock = {
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
    // Unref'd: a request still in its latency when the sandbox closes is dropped, and its timer must not keep the
    // process alive after close (`deluge sandbox --latency 600000` lingered ten minutes after Ctrl-C).
    sleep: options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref())),
  };
  let url = '';
  const data = initialData(options.dataFile, clock.now);
  const state = new SandboxState(clock, data, () => url);
  if (options.faults) {
    try {
      state.faults.update(options.faults);
    } catch (error) {
      throw new SandboxDataError((error as Error).message, 'content');
    }
  }
  // Undefined when nothing is logged: a line is then not even made.
  const log = options.log;
  const stopping = new Stopping();
  // Requests that may have changed records (any but GET and HEAD), counted as they come and again as their answers end
  // (a request makes its changes between the two): a save with none since the last one serializes nothing.
  let writes = 0;
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      writes++;
      res.once('close', () => writes++);
    }
    serve(state, log, stopping, req, res).catch((error: unknown) => {
      // A client that went away while sending its request (an upload cut short) is no fault of the sandbox's.
      if (clientLeft(req, error)) {
        log?.(`${req.method ?? 'GET'} ${pathOf(req.url)} → not answered: the client closed the connection before its request was whole (nothing changed)`);
        res.destroy();
        return;
      }
      log?.(`internal error: ${(error as Error).message}`);
      if (!res.headersSent) send(res, zohoError(500, 'INTERNAL_ERROR', 'Internal Server Error'));
      else res.destroy();
    });
  });
  const port = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  // The data file is written now, once the sandbox could start (a port in use leaves no file behind): a place it cannot
  // be written — a new file's folder, or a file that exists but is not the writer's — is said at start, not after a
  // session's records were made (and lost) at exit.
  if (options.dataFile !== undefined) {
    try {
      writeDataFile(options.dataFile, data);
    } catch (error) {
      await stop(server);
      throw error;
    }
  }
  url = `http://${urlHost(options.host ?? '127.0.0.1')}:${port}`;
  const startup = state.accounts.issue(ALL_SCOPES, DEFAULT_USER_ID);
  state.keepAcrossReset(startup.access_token, startup.refresh_token);
  let closed: Promise<void> | undefined;
  /** Writes the data file (`dataFile`), when there is one, with the records as they stand. */
  let savedText: string | undefined;
  let writesSaved = 0;
  /** `whenWritten`: only if a request may have changed records since the last save (a quit saves whatever is handled). */
  const save = (whenWritten = false): void => {
    if (options.dataFile === undefined || (whenWritten && savedText !== undefined && writes === writesSaved)) return;
    const seen = writes;
    const text = dataFileText(state.store.toData());
    if (text !== savedText) writeDataFile(options.dataFile, text);
    savedText = text;
    writesSaved = seen;
  };
  return {
    url,
    port,
    accessToken: startup.access_token,
    refreshToken: startup.refresh_token,
    clientId: SANDBOX_CLIENT_ID,
    clientSecret: SANDBOX_CLIENT_SECRET,
    close: () => {
      // Requests still waiting (latency, a body being read) are dropped unanswered and change nothing: the data saved
      // is what the answers given said.
      stopping.begin();
      return (closed ??= stop(server).then(() => save()));
    },
    stopAndSave: () => {
      stopping.begin();
      save();
    },
    saveNow: () => save(true),
  };
}

/** The data file's content (checked by loading it once), or the demo data. A file without users gets the demo users. */
function initialData(dataFile: string | undefined, now: () => number): SandboxData {
  const json = dataFile === undefined ? undefined : readDataFile(dataFile);
  if (json === undefined) return demoData();
  const check = new Store(() => zohoTime(now()), DEFAULT_USER_ID);
  try {
    check.load(isPlainObject(json) && json['users'] === undefined ? { ...json, users: demoData().users } : json);
  } catch (error) {
    if (error instanceof InvalidDataError) throw new SandboxDataError(`'${dataFile}' is not sandbox data: ${error.message}`, 'content');
    throw error;
  }
  return check.toData();
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

/** The sandbox closing: a request that resumes after a wait then stops short, and a wait ends at once. */
class Stopping {
  private stopped = false;
  private release = (): void => {};
  /** Settles when `begin` is called. */
  readonly begun = new Promise<void>((resolve) => {
    this.release = resolve;
  });

  get now(): boolean {
    return this.stopped;
  }

  begin(): void {
    this.stopped = true;
    this.release();
  }
}

/** Whether `error` is the request's own stream ending early because its client disconnected. */
function clientLeft(req: IncomingMessage, error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ECONNRESET' || (req.destroyed && !req.complete);
}

/** The path of a request target, without its query (which may carry a token). */
function pathOf(target: string | undefined): string {
  const path = (target ?? '/').split('?')[0]!;
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

async function serve(state: SandboxState, log: ((line: string) => void) | undefined, stopping: Stopping, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = state.clock.now();
  const request = await readRequest(req);
  if (stopping.now) return dropped(res);
  if (request === undefined) {
    send(res, zohoError(413, 'LIMIT_EXCEEDED', `the request body is larger than the sandbox accepts (${MAX_BODY_BYTES / 1024 / 1024} MB)`));
    return;
  }
  const [area] = request.segments;
  if (area === '__sandbox') {
    const answer = isLoopback(req.socket.remoteAddress) ? handleAdmin(state, request) : reply(403, { error: 'the admin API answers loopback clients only' });
    send(res, answer);
    return;
  }
  const entry: ReceivedRequest = {
    at: state.time(),
    method: request.method,
    path: request.path,
    query: request.search,
    headers: Object.entries(req.headers).flatMap(([name, value]): [string, string][] => (value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value]])),
    body: request.body,
    status: null,
  };
  state.logRequest(entry);
  await Promise.race([state.faults.delay(), stopping.begun]);
  if (stopping.now) {
    log?.(`${request.method} ${request.path} → not answered: the sandbox stopped while it waited (nothing changed)`);
    return dropped(res);
  }
  const answer = area === 'oauth' ? await oauth(state, request) : handleRecords(state, request);
  entry.status = answer.status;
  send(res, answer);
  log?.(`${request.method} ${request.path}${entry.query ? `?${redactRequestText(entry.query)}` : ''} → ${answer.status} (${Math.round(state.clock.now() - started)} ms)`);
}

/** A request the stopping sandbox does not answer: its connection is closed, as `close` closes every other. */
function dropped(res: ServerResponse): void {
  res.destroy();
}

function invalidUrl(): Reply {
  return zohoError(404, 'INVALID_URL_PATTERN', 'Please check if the URL trying to access is a correct one');
}

/** The largest request body the sandbox reads (a 600 MB one made it fail with an internal error at 1.7 GB). */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** The request, or undefined when its body is larger than MAX_BODY_BYTES (read to its end, and dropped). */
async function readRequest(req: IncomingMessage): Promise<SandboxRequest | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
    else chunks.length = 0;
  }
  if (size > MAX_BODY_BYTES) return undefined;
  // A target that is no URL (`http://x:99999/crm/v7/Leads`, an absolute form with a bad host) is one path segment that
  // no route matches: INVALID_URL_PATTERN, logged as any request, not an internal error.
  const target = req.url ?? '/';
  const url = URL.parse(target, 'http://sandbox') ?? new URL(`http://sandbox/${encodeURIComponent(target)}`);
  // A segment that is not valid percent-encoding is kept as written: `/__sandbox/records/%ZZ` is still an admin path.
  const segments = url.pathname
    .split('/')
    .slice(1)
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    segments,
    path: url.pathname,
    query: url.searchParams,
    search: url.search.slice(1),
    headers: req.headers,
    body: Buffer.concat(chunks).toString('utf8'),
  };
}

/**
 * `POST /oauth/v2/token` and `POST /oauth/v2/token/revoke`; parameters from the query and a form body, URL-encoded or
 * multipart (`curl -F`: Zoho takes both).
 */
async function oauth(state: SandboxState, req: SandboxRequest): Promise<Reply> {
  const path = req.segments.join('/');
  if (path !== 'oauth/v2/token' && path !== 'oauth/v2/token/revoke') return invalidUrl();
  if (req.method !== 'POST') return reply(405, { error: 'invalid_request' }, { allow: 'POST' });
  const params = new URLSearchParams(req.query);
  for (const [key, value] of await formFields(req)) if (!params.has(key)) params.set(key, value);
  if (path.endsWith('/revoke')) return state.accounts.revoke(params.get('token'));
  if (state.faults.tokenThrottled()) return reply(200, THROTTLED);
  return state.accounts.token(params, req.headers.authorization);
}

/** A form body's fields: URL-encoded, or multipart read by the platform's own parser (its text fields; files aside). */
async function formFields(req: SandboxRequest): Promise<[string, string][]> {
  const type = String(req.headers['content-type'] ?? '');
  if (!/^multipart\/form-data\b/i.test(type)) return [...new URLSearchParams(req.body)];
  try {
    const form = await new Response(req.body, { headers: { 'content-type': type } }).formData();
    return [...form].flatMap(([key, value]): [string, string][] => (typeof value === 'string' ? [[key, value]] : []));
  } catch {
    return [];
  }
}

function send(res: ServerResponse, answer: Reply): void {
  const headers: Record<string, string> = { ...answer.headers };
  if (answer.body === undefined) {
    res.writeHead(answer.status, headers).end();
    return;
  }
  const text = JSON.stringify(answer.body);
  headers['content-type'] = 'application/json;charset=UTF-8';
  headers['content-length'] = String(Buffer.byteLength(text));
  res.writeHead(answer.status, headers).end(text);
}

function isLoopback(address: string | undefined): boolean {
  return address !== undefined && (address === '::1' || /^(::ffff:)?127\./.test(address));
}

