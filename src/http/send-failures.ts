/**
 * What a request's failed exchange means (not sent, timed out, broken off) and how a message says it: for `deluge
 * run`'s transport (src/http/transport.ts) and emitted TypeScript programs' `send` alike (the prelude generator copies
 * this file's declarations into programs: it imports nothing).
 */

/** Connection failures before anything was sent: the server never saw the request, so it can be sent again. */
const NOT_SENT: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  UND_ERR_CONNECT_TIMEOUT: 'connect timeout',
  ENETUNREACH: 'network unreachable',
  EHOSTUNREACH: 'host unreachable',
  ENETDOWN: 'network down',
  EHOSTDOWN: 'host down',
};

/** Failures after the request may have been written. */
const TIMED_OUT = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** What a failed attempt means for the request. */
export interface SendFailure {
  readonly kind: 'connect' | 'timeout' | 'reset';
  /** True only when the request surely did not reach the server and trying again may help. */
  readonly retry: boolean;
  readonly reason: string;
  /** Refused by the client itself before any connection (a header it cannot send): not a failure to connect. */
  readonly unsent?: boolean;
  /** Said by the proxy (it refused the tunnel): the proxy was reached. */
  readonly fromProxy?: boolean;
}

/** A failure that says it was a timeout (the client's own timer ended the wait). */
export const SEND_TIMED_OUT: SendFailure = { kind: 'timeout', retry: false, reason: 'timed out' };

/** A failed exchange's error (Node's or undici's) read by its code. */
export function sendFailureOf(error: unknown): SendFailure {
  const code = errorCode(error);
  const notSent = code === undefined ? undefined : NOT_SENT[code];
  if (notSent) return { kind: 'connect', retry: true, reason: notSent };
  if (code !== undefined && TIMED_OUT.has(code)) return SEND_TIMED_OUT;
  const message = error instanceof Error ? error.message : String(error);
  // TLS failures happen before the request is written, but trying again will not fix a certificate.
  if (code !== undefined && /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED)/.test(code)) {
    return { kind: 'connect', retry: false, reason: `TLS: ${message}` };
  }
  // A proxy that refused the tunnel (`Proxy response (407) !== 200 when HTTP Tunneling`): the server never had the
  // request, and the same answer would come again.
  const proxyStatus = code === 'UND_ERR_ABORTED' ? /^Proxy response \((\d+)\) !== 200/.exec(message)?.[1] : undefined;
  if (proxyStatus !== undefined) return { kind: 'connect', retry: false, reason: `the proxy answered ${proxyStatus} to its tunnel request`, fromProxy: true };
  // undici refused the request before sending it (a header value it cannot carry: a token with a line break).
  if (code === 'UND_ERR_INVALID_ARG') return { kind: 'connect', retry: false, reason: message, unsent: true };
  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE') {
    return { kind: 'reset', retry: false, reason: 'the connection was closed' };
  }
  return { kind: 'reset', retry: false, reason: message };
}

/** The error's code, also from the first error of an AggregateError (Happy Eyeballs tries several addresses). */
function errorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; errors?: readonly { code?: unknown }[]; cause?: { code?: unknown } } | null;
  const code = e?.code ?? e?.errors?.[0]?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Names the host only: paths and queries may carry ids or keys. `proxy`: the host of the proxy the request went
 * through, which a failure to connect is about (the target's host was not tried).
 */
export function sendFailureMessage(failure: SendFailure, url: URL, attempts: number, timeoutMs: number, proxy?: string): string {
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  switch (failure.kind) {
    case 'connect':
      if (failure.unsent) return `the request to ${url.host} could not be sent (${failure.reason})${tries}`;
      if (proxy !== undefined && !failure.fromProxy) return `could not connect to the proxy ${proxy} on the way to ${url.host} (${failure.reason})${tries}`;
      return `could not connect to ${url.host} (${failure.reason})${tries}`;
    case 'timeout':
      return `socket timeout: no complete response from ${url.host} within ${formatSeconds(timeoutMs)}${tries}`;
    default:
      return `the connection to ${url.host} broke before the response was complete (${failure.reason})${tries}`;
  }
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}
