import { describe, expect, it } from 'vitest';
import { unsendableHeaders } from '../../src/http/managed-headers.js';

/**
 * `unsendableHeaders`: the one check of a request's headers before `deluge run` (and an emitted program) sends it;
 * test/cli/run-http.test.ts runs the managed headers end to end (DLG4018, nothing sent).
 */
const check = (headers: [string, string][], multipart = false, body = 'hello') => unsendableHeaders(headers, multipart, () => Buffer.byteLength(body));

describe('unsendableHeaders', () => {
  it('refuses Host given twice in cases a map keeps apart, which a server must refuse (it broke the connection)', () => {
    expect(check([['Host', 'example.com'], ['host', 'other.com']])).toBe('the header Host is given twice (Host and host): a request has one Host; keep one of them');
    expect(check([['X-A', '1'], ['HOST', 'a'], ['Host', 'a']])).toBe('the header Host is given twice (HOST and Host): a request has one Host; keep one of them');
  });

  it('lets one Host, headers repeated in other names, and a Content-Length that is the body\'s through', () => {
    expect(check([['Host', 'example.com']])).toBeUndefined();
    expect(check([['Accept', 'text/plain'], ['accept', 'application/json']])).toBeUndefined();
    expect(check([['Content-Length', '5']])).toBeUndefined();
  });

  it('names the first problem: a managed header, a Content-Length not the body\'s', () => {
    expect(check([['Keep-Alive', 'timeout=5'], ['Host', 'a'], ['host', 'b']])).toBe('the header Keep-Alive cannot be set by a script: the HTTP client manages the connection');
    expect(check([['Content-Length', '9']])).toMatch(/^the header Content-Length says "9", and the body is 5 bytes/);
    // A multipart body's Content-Type is the transport's own: the script's is not sent, so not checked.
    expect(check([['Content-Type', 'multipart/form-data; boundary=\u00ff\u0100']], true)).toBeUndefined();
  });
});
