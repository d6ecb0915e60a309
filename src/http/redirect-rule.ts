/**
 * How a redirect is followed: the rule of `deluge run`'s transport (src/http/transport.ts) and of emitted TypeScript
 * programs' requests sent with node:http (a GET with a body, which fetch refuses) alike. The prelude generator copies
 * this file's declarations into programs: it imports nothing.
 */

/** The answers that are followed to their `Location`. */
export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** Redirects followed before the last answer is taken as it is. */
export const MAX_REDIRECTS = 5;

/** Headers that carry the script's credentials: dropped when a redirect leaves the origin. */
const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set(['authorization', 'proxy-authorization', 'cookie']);

/** Whether the request goes on as a GET without its body: after a 303 (not a HEAD), and a 301 or 302 of a POST, as browsers do. */
export function redirectsToGet(method: string, status: number): boolean {
  return status === 303 ? method !== 'HEAD' : (status === 301 || status === 302) && method === 'POST';
}

/** The headers sent on: without the body's (`Content-*`) when it goes on as a GET, without the credentials when it leaves the origin. */
export function redirectedHeaders<H extends readonly [string, string]>(headers: readonly H[], toGet: boolean, sameOrigin: boolean): H[] {
  return headers.filter(([name]) => {
    const lower = name.toLowerCase();
    return !(toGet && lower.startsWith('content-')) && !(!sameOrigin && CREDENTIAL_HEADERS.has(lower));
  });
}
