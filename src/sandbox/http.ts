/** The request and reply shapes the sandbox's handlers share, and Zoho's error envelope. */
import type { IncomingHttpHeaders } from 'node:http';

export interface SandboxRequest {
  readonly method: string;
  /** The path without the query, percent-decoded per segment. */
  readonly segments: readonly string[];
  readonly path: string;
  readonly query: URLSearchParams;
  /** The query string as received, without `?`. */
  readonly search: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface Reply {
  readonly status: number;
  /** A JSON body; none for 204. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export function reply(status: number, body?: unknown, headers?: Record<string, string>): Reply {
  return { status, ...(body !== undefined ? { body } : {}), ...(headers ? { headers } : {}) };
}

/** Zoho's whole-request error object, keys in Zoho's order. */
export function zohoError(status: number, code: string, message: string, details: Record<string, unknown> = {}, headers?: Record<string, string>): Reply {
  return reply(status, { code, details, message, status: 'error' }, headers);
}

/** A per-record outcome inside `{"data": [...]}`. */
export interface Outcome {
  readonly code: string;
  readonly details: Record<string, unknown>;
  readonly message: string;
  readonly status: 'success' | 'error';
}

export function outcome(code: string, message: string, details: Record<string, unknown>): Outcome {
  return { code, details, message, status: code === 'SUCCESS' ? 'success' : 'error' };
}

/**
 * Per-record outcomes with the HTTP status of sandbox.md: `allSucceeded` (200, or 201 for inserts) when every
 * record succeeds, 207 when some do, 400 when none does.
 */
export function outcomes(list: readonly Pick<Outcome, 'status'>[], allSucceeded = 200): Reply {
  const succeeded = list.filter((o) => o.status === 'success').length;
  const status = succeeded === list.length ? allSucceeded : succeeded === 0 ? 400 : 207;
  return reply(status, { data: list });
}
