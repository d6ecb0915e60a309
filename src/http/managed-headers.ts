/**
 * Headers a script cannot set, for `deluge run` and emitted TypeScript programs alike (the prelude generator copies
 * this file's declarations into programs: it imports nothing).
 *
 * The HTTP client (undici, under Node's fetch too) manages the connection and frames the body itself, and refuses a
 * request that sets those headers before sending anything; that refusal surfaced as "the connection … broke (invalid
 * keep-alive header)", a network failure the script's `catch` took for one. Whether Zoho drops such a header or
 * fails is not documented, so the run stops instead, naming the header (docs/runtime/http.md, "Headers a script
 * cannot set").
 */

/**
 * Why the HTTP client would refuse a request's headers, if it would: a header it manages, or a `Content-Length` that
 * is not the body's (`bodyLength`, asked only then). A multipart body's Content-Type is the transport's own, so the
 * script's is not sent and not checked.
 */
export function unsendableHeaders(headers: readonly (readonly [string, string])[], multipart: boolean, bodyLength: () => number): string | undefined {
  let host: string | undefined;
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    // Map keys are case-sensitive, header names are not: `{"Host": …, "host": …}` is two Host lines, which a server
    // must refuse (RFC 9112 §3.2), and the HTTP client sent them and lost the connection.
    if (lower === 'host') {
      if (host !== undefined) return `the header Host is given twice (${host} and ${name}): a request has one Host; keep one of them`;
      host = name;
    }
    if (lower === 'content-type' && multipart) continue;
    const problem = lower === 'content-length' ? contentLengthProblem(value, bodyLength()) : unsendableHeader(name, value);
    if (problem) return problem;
  }
  return undefined;
}

/** Why a header the script gives cannot be sent, or undefined when it can. */
export function unsendableHeader(name: string, value: string): string | undefined {
  const lower = name.toLowerCase();
  const reason = MANAGED_HEADERS[lower];
  if (reason !== undefined) return `the header ${name} cannot be set by a script: ${reason}`;
  if (lower === 'connection' && !value.split(',').every((option) => /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(option.trim()))) {
    return `the header ${name} names connection options (header names, separated by commas), not ${JSON.stringify(value)}`;
  }
  // Line breaks are refused where the header map is read; other control characters and anything past Latin-1 have no
  // byte in a header line.
  const bad = /[^\t\x20-\x7e\x80-\xff]/.exec(value)?.[0];
  if (bad !== undefined) {
    const shown = bad.charCodeAt(0) < 0x20 || bad === '\x7f' ? `U+${bad.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : `'${bad}'`;
    return `the value of the header ${name} contains ${shown}, which a header cannot carry (only Latin-1 characters)`;
  }
  return undefined;
}

/** Why a `Content-Length` the script gives cannot be sent with a body of `bodyLength` bytes, or undefined. */
export function contentLengthProblem(value: string, bodyLength: number): string | undefined {
  // Digits only: the HTTP client refuses a value with spaces around it (" 5 ") as an invalid header.
  if (/^\d+$/.test(value) && Number(value) === bodyLength) return undefined;
  return `the header Content-Length says ${JSON.stringify(value)}, and the body is ${bodyLength} byte${bodyLength === 1 ? '' : 's'}; the HTTP client sends the body's own length, so leave the header out`;
}

const MANAGED_HEADERS: Readonly<Record<string, string>> = {
  'keep-alive': 'the HTTP client manages the connection',
  upgrade: 'the HTTP client manages the connection (it does not switch protocols)',
  'transfer-encoding': 'the HTTP client frames the body itself (with Content-Length)',
  expect: 'the HTTP client sends the body at once, without waiting for 100 Continue',
};
