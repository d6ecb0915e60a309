/**
 * When a request is sent again, and after how long: the rule of `deluge run`'s transport (src/http/transport.ts) and
 * of emitted TypeScript programs' `send` alike (the prelude generator copies this file's declarations into programs:
 * it imports nothing). A request is sent again only when it surely did not reach a server (its connection failed
 * before anything was written) or the server refused it unprocessed (429), at most `maxAttempts` in all; anything a
 * server may have processed is never sent again.
 */

/** The numbers of the rule (docs/runtime/http.md; `deluge run --retries` changes the attempts). */
export const RETRY_RULE = {
  /** Attempts in all, the first included (`deluge run --retries N`: N + 1). */
  maxAttempts: 4,
  /** First backoff; doubled on each further retry (500, 1000, 2000 ms). */
  backoffMs: 500,
  /** A 429 asking to wait longer than this is the answer, not waited for. */
  maxRetryDelayMs: 60_000,
} as const;

/** 500 ms, 1 s, 2 s, … after the first, second, third attempt. */
export function backoffMs(attempt: number): number {
  return RETRY_RULE.backoffMs * 2 ** (attempt - 1);
}

/** Retry-After as delta-seconds or an HTTP-date (RFC 9110 §10.2.3), in ms from now; undefined when unreadable. */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * The wait before sending again a request answered 429 at attempt `attempt` (its Retry-After, else the backoff), or
 * undefined when it asks for longer than `maxRetryDelayMs`: the 429 is then the answer.
 */
export function tooManyRequestsWait(retryAfter: string | undefined, attempt: number, now: number, maxRetryDelayMs: number = RETRY_RULE.maxRetryDelayMs): number | undefined {
  const wait = retryAfterMs(retryAfter, now) ?? backoffMs(attempt);
  return wait <= maxRetryDelayMs ? wait : undefined;
}
