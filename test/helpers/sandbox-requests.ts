import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RequestEntry } from '../../src/runner/http-host.js';
import { openRunSession } from '../../src/runner/session.js';
import type { Stub } from '../../src/runner/stubs.js';
import { runScriptAsync, type RunDiagnostic } from '../../src/runtime/run.js';
import type { Value } from '../../src/runtime/values.js';

/**
 * What the sandbox received, made comparable between clients: `deluge run --sandbox` (undici), the emitted curl
 * commands and the emitted TypeScript programs must send the same requests, but each client adds headers of its
 * own, frames bodies its own way (a multipart boundary, `+` or `%20` for a space) and the run authorises through a
 * token exchange that an emitted program does not make. `normalizeRequests` keeps what the script decided.
 */

/** One entry of `GET /__sandbox/requests` (src/sandbox/state.ts). */
export interface SandboxLogEntry {
  readonly at: string;
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly status: number | null;
}

export type NormalizedBody =
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'form'; readonly fields: [string, string][] }
  | { readonly kind: 'multipart'; readonly parts: MultipartEntry[] }
  | { readonly kind: 'text'; readonly text: string };

export interface MultipartEntry {
  readonly name: string;
  /** Present for file parts. */
  readonly filename?: string;
  readonly contentType?: string;
  readonly content: string;
}

export interface NormalizedRequest {
  readonly method: string;
  readonly path: string;
  /** Decoded pairs, in order. */
  readonly query: [string, string][];
  /** Lower-case names, sorted (clients order their own headers differently); see {@link IGNORED_HEADERS}. */
  readonly headers: Record<string, string>;
  readonly body: NormalizedBody | null;
}

/**
 * Headers that legitimately differ between clients: set by the client itself (host, user agent, accept,
 * compression, keep-alive, protocol upgrades), framing (length, chunking, curl's `Expect: 100-continue` before a
 * large body), and browsers' fetch metadata.
 */
export const IGNORED_HEADERS: ReadonlySet<string> = new Set([
  'host',
  'user-agent',
  'accept',
  'accept-encoding',
  'accept-language',
  'connection',
  'keep-alive',
  'upgrade',
  'content-length',
  'transfer-encoding',
  'expect',
]);

/** `GET /__sandbox/requests`: every request the sandbox received (admin requests excepted), in order. */
export async function sandboxRequests(url: string): Promise<SandboxLogEntry[]> {
  const response = await fetch(new URL('/__sandbox/requests', url));
  if (!response.ok) throw new Error(`GET /__sandbox/requests answered ${response.status}`);
  return (await response.json()) as SandboxLogEntry[];
}

/** `DELETE /__sandbox/requests`: empties the log. */
export async function clearSandboxRequests(url: string): Promise<void> {
  const response = await fetch(new URL('/__sandbox/requests', url), { method: 'DELETE' });
  if (!response.ok) throw new Error(`DELETE /__sandbox/requests answered ${response.status}`);
}

/**
 * The log as comparable entries. The OAuth exchanges (`/oauth/…`) are left out: `deluge run` gets its token from
 * the sandbox's accounts server, an emitted program reads it from the environment.
 */
export function normalizeRequests(log: readonly SandboxLogEntry[]): NormalizedRequest[] {
  return log.filter((entry) => !entry.path.startsWith('/oauth/')).map(normalizeRequest);
}

export function normalizeRequest(entry: SandboxLogEntry): NormalizedRequest {
  const headers: Record<string, string> = {};
  for (const name of Object.keys(entry.headers).map((n) => n.toLowerCase()).sort()) {
    if (IGNORED_HEADERS.has(name) || name.startsWith('sec-fetch-')) continue;
    const value = headerOf(entry.headers, name) ?? '';
    headers[name] = name === 'authorization' || name === 'proxy-authorization' ? scheme(value) : name === 'content-type' ? withoutBoundary(value) : value;
  }
  return {
    method: entry.method.toUpperCase(),
    path: entry.path,
    query: [...new URLSearchParams(entry.query)],
    headers,
    body: normalizeBody(entry.body, headerOf(entry.headers, 'content-type')),
  };
}

function headerOf(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/** `Zoho-oauthtoken ****` → `Zoho-oauthtoken`: how a request was authorised, never with what. */
function scheme(value: string): string {
  return value.trim().split(/\s+/)[0] ?? '';
}

function withoutBoundary(contentType: string): string {
  return contentType
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '' && !/^boundary=/i.test(p))
    .join('; ');
}

function normalizeBody(body: string, contentType: string | undefined): NormalizedBody | null {
  if (body === '') return null;
  const type = (contentType ?? '').toLowerCase();
  if (type.startsWith('multipart/')) {
    const boundary = /boundary=("?)([^";]+)\1/i.exec(contentType ?? '')?.[2];
    if (boundary) return { kind: 'multipart', parts: multipartParts(body, boundary) };
  }
  if (type.startsWith('application/x-www-form-urlencoded')) return { kind: 'form', fields: [...new URLSearchParams(body)] };
  if (type.includes('json')) {
    try {
      return { kind: 'json', value: JSON.parse(body) as unknown };
    } catch {
      // Not JSON after all: compared as text below.
    }
  }
  return { kind: 'text', text: body };
}

/** The parts of a multipart body (RFC 7578): name, file name, content type and content, without the boundary. */
function multipartParts(body: string, boundary: string): MultipartEntry[] {
  const parts: MultipartEntry[] = [];
  for (const chunk of body.split(`--${boundary}`).slice(1)) {
    if (chunk.startsWith('--')) break;
    const part = chunk.replace(/^\r\n/, '').replace(/\r\n$/, '');
    const split = part.indexOf('\r\n\r\n');
    const head = split < 0 ? part : part.slice(0, split);
    const content = split < 0 ? '' : part.slice(split + 4);
    const disposition = /^content-disposition:(.*)$/im.exec(head)?.[1] ?? '';
    const name = dispositionParam(disposition, 'name') ?? '';
    const filename = dispositionParam(disposition, 'filename');
    const type = /^content-type:\s*(.*)$/im.exec(head)?.[1]?.trim();
    parts.push({ name, ...(filename !== undefined && { filename }), ...(type !== undefined && { contentType: type }), content });
  }
  return parts;
}

function dispositionParam(disposition: string, param: string): string | undefined {
  const match = new RegExp(`(?:^|;)\\s*${param}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(disposition) ?? new RegExp(`(?:^|;)\\s*${param}=([^;]*)`, 'i').exec(disposition);
  return match?.[1]?.replace(/\\(.)/g, '$1').replace(/%22/g, '"');
}

/** The instant and zone the comparisons run at, so a script reading the clock sends the same text each time. */
export const RUN_NOW = Date.parse('2020-12-09T17:25:24-08:00');
export const RUN_TIME_ZONE = 'America/Los_Angeles';

export interface SandboxRunOptions {
  readonly args?: Readonly<Record<string, Value>>;
  readonly fileName?: string;
  readonly docs?: boolean | 'auto';
  /** Default {@link RUN_NOW}. */
  readonly now?: number;
  /** Default {@link RUN_TIME_ZONE}. */
  readonly timeZone?: string;
  /** Canned answers (as `--stub` gives them); stubbed requests never reach the sandbox. */
  readonly stubs?: readonly Stub[];
  readonly functions?: readonly { readonly path: string; readonly text: string }[];
  readonly entry?: string;
  /** Attempts per request (`--retries N` gives N + 1); default 4. */
  readonly maxAttempts?: number;
  /** The waits between attempts (default: real time). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** What `deluge run` aborts on Ctrl-C or SIGTERM (its reason the signal's name). */
  readonly signal?: AbortSignal;
}

export interface SandboxRun {
  readonly info: readonly string[];
  /** What the sandbox received, normalised (OAuth exchanges left out). */
  readonly requests: NormalizedRequest[];
  readonly diagnostics: readonly RunDiagnostic[];
  /** The sandbox's log as received. */
  readonly log: SandboxLogEntry[];
  /** The requests as the run lists them (its summary's, `run --json`'s `requests[]`). */
  readonly entries: readonly RequestEntry[];
}

/**
 * Runs a script in this process exactly as `deluge run --sandbox` does: a run session with its own sandbox
 * (every Zoho host routed to it, connections authorised by its accounts server), then `runScriptAsync` with the
 * session's task host. Requests to hosts that are not Zoho's are NOT routed to the sandbox: they would go to the
 * network, so scripts compared this way use Zoho hosts (or stubs for the others).
 */
export async function runLikeDelugeRunSandbox(text: string, options: SandboxRunOptions = {}): Promise<SandboxRun> {
  // An empty folder and environment: no deluge.connections.json or DELUGE_CONNECTIONS of the machine is read.
  const cwd = mkdtempSync(join(tmpdir(), 'deluge-run-'));
  const now = options.now ?? RUN_NOW;
  const session = await openRunSession({ sandbox: {}, env: {}, cwd, now: () => now, ...(options.stubs && { stubs: options.stubs }), ...(options.maxAttempts !== undefined && { maxAttempts: options.maxAttempts }), ...(options.sleep && { sleep: options.sleep }), ...(options.signal && { signal: options.signal }) });
  try {
    const run = await runScriptAsync(text, {
      ...(options.fileName !== undefined && { fileName: options.fileName }),
      args: options.args ?? {},
      docs: options.docs ?? 'auto',
      now,
      clock: () => 0,
      timeZone: options.timeZone ?? RUN_TIME_ZONE,
      ...(options.functions && { functions: options.functions }),
      ...(options.entry !== undefined && { entry: options.entry }),
      tasks: session.host,
    });
    const log = await sandboxRequests(session.sandboxUrl!);
    return { info: run.info, requests: normalizeRequests(log), diagnostics: run.diagnostics, log, entries: [...session.requests] };
  } finally {
    await session.close();
  }
}
