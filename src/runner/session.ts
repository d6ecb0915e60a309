import { appendFileSync, closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { failureReason } from '../file-system.js';
import { loadConnections, sandboxConnections, type Connections } from '../http/connections.js';
import { isLoopback } from '../http/loopback.js';
import { ConnectionAuth } from '../http/oauth.js';
import { TokenStore } from '../http/token-store.js';
import { redactText } from '../http/redact.js';
import { decodeBody } from '../http/response.js';
import type { Header, HttpRequest, HttpResponse } from '../http/request.js';
import { createTransport, type NetworkTransport } from '../http/transport.js';
import { isZohoAccountsHost, isZohoApiHost } from '../http/zoho-hosts.js';
import type { TaskHost } from '../runtime/interpreter.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/index.js';
import { createHttpTaskHost, noAnswerEntry, printedEntry, type RequestEntry } from './http-host.js';
import { notAwaitedReason } from './stop-wording.js';
import type { Stub } from './stubs.js';

/**
 * Everything a run that makes requests needs, built once: the connections and their tokens, the undici
 * transport, the in-process sandbox under `--sandbox` (every Zoho accounts and API host of every data centre
 * routed to it), the task host, and the account of every request made.
 */
export interface RunSessionOptions {
  /** Start the CRM sandbox in this process and send every Zoho request to it (options as `startSandbox` takes them). */
  readonly sandbox?: Omit<SandboxOptions, 'port' | 'host'>;
  /** `--connections FILE`. */
  readonly connectionsFile?: string;
  /** The connections, already read (`deluge run` reads a file named for the run before the script runs). */
  readonly connections?: Connections;
  readonly dryRun?: boolean;
  readonly stubs?: readonly Stub[];
  /** How to ask before the first DELETE to a real host (`--yes` answers true). */
  readonly confirm?: (question: { method: string; host: string; ids: number }) => Promise<boolean>;
  /** `--log-requests FILE`: one NDJSON line per request, appended and flushed as it happens. */
  readonly logRequests?: string;
  readonly requestTimeoutMs?: number;
  /** Attempts per request, the first included (default 4); 1 never retries. */
  readonly maxAttempts?: number;
  /** The connection `zoho.crm.*` tasks and `invokeapi` blocks use when the script names none. */
  readonly defaultCrmConnection?: string;
  readonly signal?: AbortSignal;
  /** Aborted when the run's time limit passes: a request under way is abandoned and listed as unanswered (DLG4012). */
  readonly deadline?: AbortSignal;
  /** The run's time limit (`--timeout`), named in the diagnostic when the deadline stops the run. */
  readonly timeLimitMs?: number;
  readonly onRequest?: (entry: RequestEntry) => void;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Injected in tests: the clock and the waits between retries. */
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface RunSession {
  readonly host: TaskHost;
  /** Every request made so far, in order (`requests[]` of `run --json`). */
  readonly requests: readonly RequestEntry[];
  /** The sandbox's URL under `--sandbox`. */
  readonly sandboxUrl?: string;
  /** The connections file read; undefined when none was found (every connection named is then unknown). */
  readonly connectionsFile: string | undefined;
  /**
   * The requests sent and not answered yet, listed and written to the audit log as not awaited, for a quit that will
   * not wait for them (`quitBy`: a second Ctrl-C): whether the server processed them is unknown. Their sends never
   * settle then, so that an answer coming in as the run quits is not listed a second time.
   */
  abandon(quitBy?: string): readonly RequestEntry[];
  /**
   * For a quit that does not close the session (closing waits for the requests left in flight): the sandbox stops
   * answering and its data file (`--sandbox-data`) is written now, with what it holds (`Sandbox.stopAndSave`). Throws
   * SandboxDataError when the file cannot be written.
   */
  stopAndSaveSandbox(): void;
  /** Writes `--sandbox-data` now if the sandbox's records changed since it was written (`Sandbox.saveNow`). */
  saveSandbox(): void;
  close(): Promise<void>;
  /**
   * Why `--log-requests` could not write a line (a full disk, a quota), once it could not: the log then misses that
   * request and every one after it (the run goes on, and its report still lists them all).
   */
  readonly auditLogFailure: string | undefined;
}

/** 401 answers that a new token may fix (not OAUTH_SCOPE_MISMATCH: a new token has the same scopes). */
const REFRESHABLE = /INVALID_TOKEN|INVALID_OAUTHTOKEN|AUTHENTICATION_FAILURE|invalid oauth token/i;

/** The audit log keeps at most this many bytes (UTF-8) of each response body: "truncated to 64 KiB". */
const AUDIT_BODY_LIMIT = 64 * 1024;

export const DEFAULT_CRM_CONNECTION = 'zohocrm';

/** Zoho's API domain in the US data centre: where a connection without an `api_domain` of its own sends CRM tasks and invokeapi. */
const ZOHO_API = 'https://www.zohoapis.com';

export async function openRunSession(options: RunSessionOptions = {}): Promise<RunSession> {
  const base = options.connections ?? loadConnections({ file: options.connectionsFile, cwd: options.cwd, env: options.env });
  let sandbox: Sandbox | undefined;
  let connections: Connections = base;
  if (options.sandbox) {
    sandbox = await startSandbox({ ...options.sandbox, port: 0 });
    connections = sandboxConnections(base, sandbox);
  }
  const auth = new ConnectionAuth({
    connections,
    ...(sandbox ? { accountsUrl: sandbox.url, store: TokenStore.memory() } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    ...(options.deadline ? { deadline: options.deadline } : {}),
    // Token requests go through the proxy the run's requests go through.
    env: options.env,
  });
  const sandboxOrigin = sandbox ? new URL(sandbox.url) : undefined;
  // The credential each request was last sent with: a burst of 401s for the same token refreshes it once.
  const sentWith = new WeakMap<HttpRequest, string>();
  const refreshable = (connection: string): boolean => safely(() => connections.resolve(connection).type) === 'zoho-oauth';
  const unauthorized = new WeakMap<HttpRequest, HttpResponse>();
  const transport: NetworkTransport = createTransport({
    authorize: async (request) => {
      if (!request.connection) return undefined;
      const header = await auth.authorization(request.connection);
      // Only an OAuth connection's token is refreshed after a 401, and the refresh asks which token was refused.
      if (refreshable(request.connection)) sentWith.set(request, header.value);
      return header.name.toLowerCase() === 'authorization' ? header.value : ([header.name, header.value] as Header);
    },
    onUnauthorized: async (request, response) => {
      if (!request.connection || !REFRESHABLE.test(new TextDecoder().decode(response.body))) return false;
      unauthorized.set(request, response);
      return auth.onUnauthorized(request.connection, sentWith.get(request));
    },
    ...(sandboxOrigin ? { route: (url: URL) => routeToSandbox(url, sandboxOrigin) } : {}),
    ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const requests: RequestEntry[] = [];
  // The audit log's lines, until one cannot be written: a line missing in the middle would look like a request never made.
  let auditFailure: string | undefined;
  let auditLines = 0;
  const audit = (entry: RequestEntry, responseText: string | undefined): void => {
    if (!options.logRequests || auditFailure !== undefined) return;
    try {
      // A log whose last line was cut short (a full disk, a run killed mid-write) gets the rest of its line ended first:
      // glued to it, this run's first line would make neither one JSON.
      const lineBreak = auditLines++ === 0 && endsMidLine(options.logRequests) ? '\n' : '';
      appendAuditLine(options.logRequests, entry, responseText, options.now ?? Date.now, lineBreak);
    } catch (error) {
      auditFailure = `cannot write '${options.logRequests}': ${failureReason(error)}; the log misses request ${requests.length} and every one after it (the report lists them all)`;
    }
  };
  /** The requests under way, with when each was sent. */
  const inFlight = new Map<HttpRequest, number>();
  /** The requests the run quit without awaiting (`abandon`): listed as not awaited, their late outcome is not listed again. */
  const abandoned = new WeakSet<HttpRequest>();
  const host = createHttpTaskHost({
    send: async (request, sendOptions) => {
      inFlight.set(request, performance.now());
      let response: HttpResponse;
      try {
        response = await transport.send(request, sendOptions);
      } catch (error) {
        if (abandoned.has(request)) return never();
        throw error;
      } finally {
        inFlight.delete(request);
      }
      return abandoned.has(request) ? never() : response;
    },
    // Under --sandbox the tasks still name Zoho's host (as in the report of a real run); the route sends them to
    // the sandbox. A dry run shows the domain a real run would use (the connection's data centre, or the api_domain
    // of its cached token: nothing is fetched). A connection that cannot be resolved is reported when the request is
    // sent (DLG0005/DLG0006).
    apiDomain: (connection) => (sandbox ? ZOHO_API : (safely(() => auth.apiDomain(connection)) ?? ZOHO_API)),
    // An OAuth connection's first token names its api_domain. A connection that cannot be resolved is reported when
    // the request is sent, as any other; a failed token request is that request's failure (it is not made twice).
    ...(sandbox
      ? {}
      : {
          learnApiDomain: async (connection: string) => {
            if (refreshable(connection)) await auth.authorization(connection);
          },
          localAccounts: (connection: string) => {
            const c = safely(() => connections.resolve(connection));
            return c?.type === 'zoho-oauth' && URL.canParse(c.accountsUrl) && isLoopback(new URL(c.accountsUrl).hostname);
          },
        }),
    previewCredential: (connection) => credentialPreview(connections, connection),
    checkConnection: (connection) => void connections.resolve(connection),
    // (With no connections file at all, stubs stand in for every service: nothing to check.)
    checkConnectionName: (connection) => {
      if (connections.path !== undefined && !connections.names.includes(connection)) void connections.resolve(connection);
    },
    responseBeforeFailure: (request) => unauthorized.get(request),
    defaultCrmConnection: options.defaultCrmConnection ?? DEFAULT_CRM_CONNECTION,
    ...(options.dryRun ? { dryRun: true } : {}),
    ...(options.stubs ? { stubs: options.stubs } : {}),
    // Under --sandbox only what goes to the sandbox is safe: a DELETE to any other host (a third-party API, a Zoho
    // product's host the sandbox does not emulate) is as real as without it.
    needsConsent: (url) => !isLoopback(url.hostname) && !(sandboxOrigin && goesToSandbox(url)),
    ...(sandboxOrigin ? { sandboxed: true } : {}),
    ...(options.confirm ? { confirm: options.confirm } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.deadline ? { deadline: options.deadline } : {}),
    ...(options.timeLimitMs !== undefined ? { timeLimitMs: options.timeLimitMs } : {}),
    onRequest: (entry, response) => {
      requests.push(entry);
      if (options.logRequests) audit(entry, response ? safely(() => decodeBody(response, undefined)) : undefined);
      options.onRequest?.(entry);
    },
  });
  return {
    host,
    requests,
    ...(sandbox ? { sandboxUrl: sandbox.url } : {}),
    connectionsFile: base.path,
    abandon(quitBy = 'Ctrl-C twice') {
      const listed: RequestEntry[] = [];
      for (const [request, sentAt] of inFlight) {
        const entry = noAnswerEntry(
          request,
          Math.round(performance.now() - sentAt),
          1,
          notAwaitedReason(quitBy),
        );
        requests.push(entry);
        audit(entry, undefined);
        listed.push(entry);
        abandoned.add(request);
      }
      inFlight.clear();
      return listed;
    },
    stopAndSaveSandbox() {
      sandbox?.stopAndSave();
    },
    saveSandbox() {
      sandbox?.saveNow();
    },
    async close() {
      await transport.close();
      await sandbox?.close();
    },
    get auditLogFailure() {
      return auditFailure;
    },
  };
}

/** What an abandoned request's send gives the run: nothing, ever (the run is quitting, and has listed it). */
function never(): Promise<never> {
  return new Promise<never>(() => {});
}

function safely<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

/**
 * The header a connection adds, its value redacted: what `--dry-run` shows without fetching any token. With a
 * connections file, the connection is resolved as a real run resolves it, so an unknown name or an unset `${VAR}`
 * stops a dry run as it would stop the run (DLG0005, DLG0006) instead of showing a header that would never be sent.
 * Without one, a dry run still shows what a script would send (a Zoho OAuth header), to preview it before any setup.
 */
function credentialPreview(connections: Connections, name: string): Header {
  const connection = connections.path === undefined ? undefined : connections.resolve(name);
  switch (connection?.type) {
    case 'bearer':
      return ['Authorization', 'Bearer ****'];
    case 'basic':
      return ['Authorization', 'Basic ****'];
    case 'header':
      return [connection.header, '****'];
    default:
      return ['Authorization', 'Zoho-oauthtoken ****'];
  }
}

/** Whether `--sandbox` sends a URL to the sandbox: every data centre's accounts and API hosts. */
function goesToSandbox(url: URL): boolean {
  return isZohoApiHost(url.hostname) || isZohoAccountsHost(url.hostname);
}

/** Zoho's hosts (every data centre's accounts and API hosts) go to the sandbox; others are left alone. */
function routeToSandbox(url: URL, sandbox: URL): URL {
  if (!goesToSandbox(url)) return url;
  const routed = new URL(url.href);
  routed.protocol = sandbox.protocol;
  routed.host = sandbox.host;
  return routed;
}

/** One line of the audit log: the request as reported, when, and its response body (redacted, truncated). */
function appendAuditLine(path: string, entry: RequestEntry, responseText: string | undefined, now: () => number, before = ''): void {
  const body = responseText === undefined ? undefined : redactText(firstBytes(responseText, AUDIT_BODY_LIMIT));
  const line = { ...printedEntry(entry), at: new Date(now()).toISOString(), ...(body !== undefined ? { responseBody: body } : {}) };
  appendFileSync(path, `${before}${JSON.stringify(line)}\n`);
}

/** Whether the file exists and its last byte is not a line break. */
function endsMidLine(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The longest start of `text` whose UTF-8 takes at most `limit` bytes, cut between characters. */
export function firstBytes(text: string, limit: number): string {
  // (A text of fewer characters than a third of the limit fits whatever they are: most bodies are not read twice.)
  if (text.length * 3 <= limit) return text;
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= limit) return text;
  let end = limit;
  // A continuation byte (10xxxxxx) is inside a character: cut before the byte that starts it.
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}
