import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { MockAgent, type Dispatcher } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { TransportError, type HttpRequest } from '../../src/http/request.js';
import { redactHeaders, redactText, rememberSecret } from '../../src/http/redact.js';
import { retryAfterMs } from '../../src/http/retry-rule.js';
import { createTransport, MAX_RESPONSE_BYTES, proxyHostFor, type NetworkTransport, type TransportOptions } from '../../src/http/transport.js';
import { startConnectProxy, type ConnectProxy } from '../helpers/servers.js';

interface Hit {
  readonly method: string;
  readonly url: string;
  readonly authorization: string | undefined;
  readonly body: string;
}

interface TestServer {
  readonly base: string;
  readonly host: string;
  readonly port: number;
  readonly hits: Hit[];
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((close) => close()));
});

/** A server on 127.0.0.1, port 0, answering the n-th request with the n-th responder (the last one repeats). */
async function serve(...responders: ((res: ServerResponse, req: IncomingMessage) => void)[]): Promise<TestServer> {
  const hits: Hit[] = [];
  const sockets = new Set<Socket>();
  const listener: RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hits.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body: Buffer.concat(chunks).toString() });
      const respond = responders[Math.min(hits.length, responders.length) - 1]!;
      respond(res, req);
    });
  };
  const server = createServer(listener);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  cleanups.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return { base: `http://127.0.0.1:${port}`, host: `127.0.0.1:${port}`, port, hits };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => (res: ServerResponse) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
};

/** A transport whose waits are recorded and take no time. */
function transport(options: TransportOptions = {}): { transport: NetworkTransport; delays: number[] } {
  const delays: number[] = [];
  const t = createTransport({ env: {}, sleep: async (ms) => void delays.push(ms), ...options });
  cleanups.push(() => t.close());
  return { transport: t, delays };
}

function request(method: HttpRequest['method'], url: string, extra: Partial<HttpRequest> = {}): HttpRequest {
  return { method, url, headers: [], response: { detailed: false }, origin: 'invokeurl', ...extra };
}

async function rejection(promise: Promise<unknown>): Promise<TransportError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TransportError);
  return error as TransportError;
}

/** A port nothing listens on: bound once, then released. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('retries: only what surely did not reach the server, or was refused unprocessed', () => {
  it('connection refused: retried with exponential backoff, 4 attempts in all, then a connect error naming the host; none was sent', async () => {
    const port = await deadPort();
    const { transport: t, delays } = transport();
    const error = await rejection(t.send(request('DELETE', `http://127.0.0.1:${port}/crm/v7/Leads?ids=1`)));
    expect(error.kind).toBe('connect');
    expect(delays).toEqual([500, 1000, 2000]);
    // Tried 4 times (the message), sent 0 (`attempts`: the server never saw the DELETE, which deleted nothing).
    expect(error.message).toBe(`could not connect to 127.0.0.1:${port} (connection refused) after 4 attempts`);
    expect(error.attempts).toBe(0);
    expect(error.answered).toBeUndefined();
  });

  it('maxAttempts bounds the attempts', async () => {
    const port = await deadPort();
    const { transport: t, delays } = transport({ maxAttempts: 1 });
    const error = await rejection(t.send(request('GET', `http://127.0.0.1:${port}/`)));
    expect(error.message).toBe(`could not connect to 127.0.0.1:${port} (connection refused)`);
    expect(error.attempts).toBe(0);
    expect(delays).toEqual([]);
  });

  it('a refused connection, then an answer: `attempts` counts the one attempt sent', async () => {
    const port = await deadPort();
    const server = createServer((_req, res) => json(200, { data: [] })(res));
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    // The server starts on the closed port while the transport waits to try again.
    const { transport: t, delays } = transport({ sleep: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)) });
    const response = await t.send(request('DELETE', `http://127.0.0.1:${port}/crm/v7/Leads?ids=1`));
    expect(response).toMatchObject({ status: 200, attempts: 1 });
    expect(delays).toEqual([]);
  });

  it('a 429, then a refused connection: one attempt sent, and the 429 it got is the answer to account for (refused unprocessed)', async () => {
    const sockets = new Set<Socket>();
    const server = createServer((_req, res) => json(429, { code: 'TOO_MANY_REQUESTS' }, { 'retry-after': '1' })(res));
    server.on('connection', (socket) => sockets.add(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    // The server goes away during the wait the 429 asked for: the next attempts find the port closed.
    const stop = () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
    const { transport: t } = transport({ sleep: async () => (server.listening ? stop() : undefined) });
    const error = await rejection(t.send(request('DELETE', `http://${host}/crm/v7/Leads?ids=1`)));
    expect(error.kind).toBe('connect');
    expect(error.message).toBe(`could not connect to ${host} (connection refused) after 4 attempts`);
    expect(error.attempts).toBe(1);
    expect(error.answered).toMatchObject({ status: 429, attempts: 1 });
  });

  it('a TLS failure (a server that does not speak TLS): not tried again, and not sent', async () => {
    const sockets = new Set<Socket>();
    const tcp = createTcpServer((socket) => {
      sockets.add(socket);
      socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    });
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    cleanups.push(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => tcp.close(resolve));
    });
    const host = `127.0.0.1:${(tcp.address() as AddressInfo).port}`;
    const { transport: t, delays } = transport();
    const error = await rejection(t.send(request('DELETE', `https://${host}/crm/v7/Leads?ids=1`)));
    expect(error.kind).toBe('connect');
    expect(error.message).toMatch(new RegExp(`^could not connect to ${host.replace(/\./g, '\\.')} \\(TLS: `));
    expect(error.attempts).toBe(0);
    expect(delays).toEqual([]);
  });

  it('a redirect to a closed port: the first server saw the request, so it counts as sent and is not tried again', async () => {
    const port = await deadPort();
    const server = await serve((res) => res.writeHead(307, { location: `http://127.0.0.1:${port}/crm/v7/Leads?ids=1` }).end());
    const { transport: t, delays } = transport();
    const error = await rejection(t.send(request('DELETE', `${server.base}/crm/v7/Leads?ids=1`)));
    expect(error.kind).toBe('connect');
    expect(error.message).toBe(`could not connect to 127.0.0.1:${port} (connection refused)`);
    expect(error.attempts).toBe(1);
    expect(error.answered).toBeUndefined();
    expect(server.hits).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('429: waits the Retry-After seconds, then sends again (a POST too: it was not processed)', async () => {
    const server = await serve(json(429, { code: 'TOO_MANY_REQUESTS' }, { 'retry-after': '7' }), json(201, { ok: true }));
    const { transport: t, delays } = transport();
    const response = await t.send(request('POST', `${server.base}/x`, { body: { kind: 'raw', text: 'payload' } }));
    expect(response.status).toBe(201);
    expect(response.attempts).toBe(2);
    expect(delays).toEqual([7000]);
    expect(server.hits.map((h) => h.body)).toEqual(['payload', 'payload']);
  });

  it('429 with an HTTP-date Retry-After waits until that date, by the injected clock', async () => {
    const server = await serve(json(429, {}, { 'retry-after': 'Mon, 01 Jan 2024 00:00:03 GMT' }), json(200, {}));
    const { transport: t, delays } = transport({ now: () => Date.parse('2024-01-01T00:00:00Z') });
    expect((await t.send(request('GET', server.base))).status).toBe(200);
    expect(delays).toEqual([3000]);
  });

  it('429 without Retry-After backs off; after the last attempt the 429 itself is returned', async () => {
    const server = await serve(json(429, { code: 'TOO_MANY_REQUESTS' }));
    const { transport: t, delays } = transport({ maxAttempts: 3 });
    const response = await t.send(request('GET', server.base));
    expect(response.status).toBe(429);
    expect(response.attempts).toBe(3);
    expect(delays).toEqual([500, 1000]);
    expect(server.hits).toHaveLength(3);
  });

  it('a 429 asking for a wait longer than maxRetryDelayMs is returned at once', async () => {
    const server = await serve(json(429, {}, { 'retry-after': '3600' }));
    const { transport: t, delays } = transport();
    expect((await t.send(request('GET', server.base))).attempts).toBe(1);
    expect(delays).toEqual([]);
  });

  it.each(['DELETE', 'POST', 'PATCH', 'PUT', 'GET'] as const)('a %s answered 500 is sent exactly once and its response returned', async (method) => {
    const server = await serve(json(500, { code: 'INTERNAL_ERROR' }));
    const { transport: t, delays } = transport();
    const response = await t.send(request(method, `${server.base}/crm/v7/Leads?ids=4876876000000624001`));
    expect(response.status).toBe(500);
    expect(response.attempts).toBe(1);
    expect(server.hits).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('no response within requestTimeoutMs: a timeout error, not retried', async () => {
    const server = await serve(() => undefined);
    const { transport: t } = transport({ requestTimeoutMs: 100 });
    const error = await rejection(t.send(request('GET', `${server.base}/slow`)));
    expect(error.kind).toBe('timeout');
    expect(error.attempts).toBe(1);
    expect(error.message).toBe(`socket timeout: no complete response from ${server.host} within 100 ms`);
    expect(server.hits).toHaveLength(1);
    // The report's durationMs of a failed request is the time it took (it said 0).
    expect(error.durationMs).toBeGreaterThanOrEqual(90);
  });

  it('a connection reset after sending: a reset error, the DELETE not sent again', async () => {
    const server = await serve((_res, req) => req.socket.destroy());
    const { transport: t } = transport();
    const error = await rejection(t.send(request('DELETE', `${server.base}/crm/v7/Leads?ids=1`)));
    expect(error.kind).toBe('reset');
    expect(error.message).toContain(server.host);
    expect(server.hits).toHaveLength(1);
  });
});

describe('retries on failures a local server cannot produce (MockAgent)', () => {
  function mocked(error: Error & { code: string }): { transport: NetworkTransport; delays: number[]; agent: MockAgent } {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent.get('https://www.zohoapis.com').intercept({ path: '/crm/v7/Leads', method: 'DELETE' }).replyWithError(error).persist();
    cleanups.push(() => agent.close());
    return { ...transport({ dispatcher: agent }), agent };
  }
  const error = (code: string) => Object.assign(new Error(code), { code });

  it.each([
    ['ENOTFOUND', 'host not found'],
    ['UND_ERR_CONNECT_TIMEOUT', 'connect timeout'],
  ])('%s is retried (the request never left)', async (code, reason) => {
    const { transport: t, delays } = mocked(error(code));
    const failure = await rejection(t.send(request('DELETE', 'https://www.zohoapis.com/crm/v7/Leads')));
    // Never sent: `attempts` 0; the message says how often it was tried.
    expect(failure).toMatchObject({ kind: 'connect', attempts: 0 });
    expect(failure.message).toBe(`could not connect to www.zohoapis.com (${reason}) after 4 attempts`);
    expect(delays).toEqual([500, 1000, 2000]);
  });

  it('a connection error after the request was written (a host unreachable during the answer): the DELETE may have been processed, not sent again', async () => {
    // A dispatcher that hands the request to a connection (onConnect: undici writes it next), then fails with a code
    // that before the write would mean "never sent".
    let dispatched = 0;
    const dispatcher = {
      dispatch(_options: unknown, handler: { onConnect?: (abort: () => void) => void; onError?: (error: Error) => void }) {
        dispatched++;
        handler.onConnect?.(() => undefined);
        handler.onError?.(error('EHOSTUNREACH'));
        return true;
      },
    } as unknown as Dispatcher;
    const { transport: t, delays } = transport({ dispatcher });
    const failure = await rejection(t.send(request('DELETE', 'https://www.zohoapis.com/crm/v7/Leads?ids=1')));
    expect(failure).toMatchObject({ kind: 'reset', attempts: 1 });
    expect(failure.message).toBe('the connection to www.zohoapis.com broke before the response was complete (host unreachable)');
    expect([dispatched, delays]).toEqual([1, []]);
  });

  it('an error message never carries the credential, even when the failure quotes it', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent.get('https://api.example.com').intercept({ path: '/', method: 'GET' }).replyWithError(new Error('rejected header Zoho-oauthtoken tok-123456789 for k-secret-42'));
    cleanups.push(() => agent.close());
    const { transport: t } = transport({ dispatcher: agent, authorize: async () => ['X-Api-Key', 'k-secret-42'] });
    const failure = await rejection(t.send(request('GET', 'https://api.example.com/')));
    expect(failure.message).toBe('the connection to api.example.com broke before the response was complete (rejected header Zoho-oauthtoken **** for ****)');
  });

  it.each([
    ['UND_ERR_HEADERS_TIMEOUT', 'timeout'],
    ['UND_ERR_SOCKET', 'reset'],
    ['ECONNRESET', 'reset'],
  ])('%s is not retried (the DELETE may have been processed)', async (code, kind) => {
    const { transport: t, delays } = mocked(error(code));
    const failure = await rejection(t.send(request('DELETE', 'https://www.zohoapis.com/crm/v7/Leads')));
    expect(failure).toMatchObject({ kind, attempts: 1 });
    expect(delays).toEqual([]);
  });
});

describe('credentials', () => {
  it('authorize adds the Authorization value, replacing one the script gave', async () => {
    const server = await serve(json(200, {}));
    const { transport: t } = transport({ authorize: async (r) => (r.connection === 'crm' ? 'Zoho-oauthtoken 1000.aaa' : undefined) });
    await t.send(request('GET', server.base, { connection: 'crm', headers: [['authorization', 'Bearer script']] }));
    await t.send(request('GET', server.base));
    expect(server.hits.map((h) => h.authorization)).toEqual(['Zoho-oauthtoken 1000.aaa', undefined]);
  });

  it('authorize may give a whole header (an API-key connection)', async () => {
    const server = await serve((res, req) => res.end(String(req.headers['x-api-key'])));
    const { transport: t } = transport({ authorize: async () => ['X-Api-Key', 'k-123'] });
    expect(new TextDecoder().decode((await t.send(request('GET', server.base, { connection: 'key' }))).body)).toBe('k-123');
  });

  it('401 INVALID_TOKEN: onUnauthorized refreshes, the request is sent once more with the new token', async () => {
    const server = await serve((res, req) =>
      req.headers.authorization === 'Zoho-oauthtoken new' ? json(200, { data: [] })(res) : json(401, { code: 'INVALID_TOKEN' })(res),
    );
    let token = 'old';
    const refreshed: number[] = [];
    const { transport: t, delays } = transport({
      authorize: async () => `Zoho-oauthtoken ${token}`,
      onUnauthorized: async (_request, response) => {
        refreshed.push(response.status);
        token = 'new';
        return true;
      },
    });
    const response = await t.send(request('DELETE', `${server.base}/crm/v7/Leads?ids=1`, { connection: 'crm' }));
    expect(response.status).toBe(200);
    expect(response.attempts).toBe(2);
    expect(refreshed).toEqual([401]);
    expect(server.hits.map((h) => h.authorization)).toEqual(['Zoho-oauthtoken old', 'Zoho-oauthtoken new']);
    expect(delays).toEqual([]);
  });

  it('only one retry after a refresh; a refusal to refresh returns the 401', async () => {
    const server = await serve(json(401, { code: 'INVALID_TOKEN' }));
    let calls = 0;
    const { transport: t } = transport({ authorize: async () => 'Bearer x', onUnauthorized: async () => (++calls, true) });
    const response = await t.send(request('GET', server.base, { connection: 'c' }));
    expect([response.status, response.attempts, calls]).toEqual([401, 2, 1]);
    const { transport: refusing } = transport({ onUnauthorized: async () => false });
    expect((await refusing.send(request('GET', server.base))).attempts).toBe(1);
  });

  it('a 401 of another origin a redirect led to is no verdict on the credential (it never had it): no refresh', async () => {
    const other = await serve(json(401, { code: 'INVALID_TOKEN' }));
    const server = await serve((res) => res.writeHead(302, { location: `${other.base}/elsewhere` }).end());
    let calls = 0;
    const { transport: t } = transport({ authorize: async () => 'Zoho-oauthtoken tok', onUnauthorized: async () => (++calls, true) });
    const response = await t.send(request('GET', `${server.base}/start`, { connection: 'crm' }));
    expect([response.status, response.attempts, calls]).toEqual([401, 1, 0]);
    expect(other.hits.map((h) => h.authorization)).toEqual([undefined]);
  });

  it('a 401 to a request without credentials or INVALID_TOKEN is the script’s business', async () => {
    const server = await serve(json(401, { code: 'AUTHENTICATION_FAILURE' }));
    let calls = 0;
    const { transport: t } = transport({ onUnauthorized: async () => (++calls, true) });
    expect((await t.send(request('GET', server.base))).status).toBe(401);
    expect(calls).toBe(0);
  });
});

describe('sending', () => {
  it('routes the URL (Zoho hosts to a sandbox); the response carries the routed URL and a duration', async () => {
    const server = await serve(json(200, { data: [] }));
    const { transport: t } = transport({ route: (url) => new URL(`${url.pathname}${url.search}`, server.base) });
    const response = await t.send(request('GET', 'https://www.zohoapis.com/crm/v7/Leads?ids=4876876000000624001'));
    expect(server.hits[0]!.url).toBe('/crm/v7/Leads?ids=4876876000000624001');
    expect(response.url).toBe(`${server.base}/crm/v7/Leads?ids=4876876000000624001`);
    expect(response.durationMs).toBeGreaterThanOrEqual(0);
    expect(response.attempts).toBe(1);
  });

  it('follows redirects and reports the final URL; response header names are lower case, repeats kept', async () => {
    const server = await serve(
      (res) => res.writeHead(302, { location: '/final' }).end(),
      (res) => {
        res.setHeader('Set-Cookie', ['a=1', 'b=2']);
        res.writeHead(200, { 'X-Trace': 'T' }).end('done');
      },
    );
    const { transport: t } = transport();
    const response = await t.send(request('GET', `${server.base}/start`));
    expect(response.url).toBe(`${server.base}/final`);
    expect(response.headers.filter(([n]) => n === 'set-cookie' || n === 'x-trace')).toEqual([
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
      ['x-trace', 'T'],
    ]);
  });

  it('a 307 keeps method, body and credential; a 303 to another origin becomes a GET without them', async () => {
    const other = await serve(json(200, { done: true }));
    const server = await serve(
      (res) => res.writeHead(307, { location: '/again' }).end(),
      (res) => res.writeHead(303, { location: `${other.base}/result` }).end(),
    );
    const { transport: t } = transport({ authorize: async () => 'Zoho-oauthtoken tok' });
    const response = await t.send(
      request('POST', `${server.base}/start`, { connection: 'c', headers: [['Cookie', 'a=1']], body: { kind: 'raw', text: 'payload' } }),
    );
    expect(response.status).toBe(200);
    expect(response.url).toBe(`${other.base}/result`);
    expect(server.hits).toEqual([
      { method: 'POST', url: '/start', authorization: 'Zoho-oauthtoken tok', body: 'payload' },
      { method: 'POST', url: '/again', authorization: 'Zoho-oauthtoken tok', body: 'payload' },
    ]);
    expect(other.hits).toEqual([{ method: 'GET', url: '/result', authorization: undefined, body: '' }]);
  });

  it("sends an empty query's '?' as written, as curl and fetch do", async () => {
    const server = await serve(json(200, {}), json(200, {}), json(200, {}));
    const { transport: t } = transport();
    for (const url of [`${server.base}/p?`, `${server.base}?`, `${server.base}/p?#top`]) await t.send(request('GET', url));
    expect(server.hits.map((h) => h.url)).toEqual(['/p?', '/?', '/p?']);
  });

  it('decompresses a gzip body', async () => {
    const server = await serve((res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync('{"a":1}')));
    const { transport: t } = transport();
    expect(new TextDecoder().decode((await t.send(request('GET', server.base))).body)).toBe('{"a":1}');
  });

  it('an answer larger than a run reads (as sent, or once inflated) is not read: the request fails, sent once, its outcome unknown', async () => {
    const big = 'x'.repeat(5000);
    const server = await serve(
      (res) => res.writeHead(200, { 'content-type': 'application/json' }).end(`{"data":"${big}"}`),
      (res) => res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(gzipSync(`{"data":"${big}"}`)),
      (res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":"small"}'),
    );
    const { transport: t } = transport({ maxResponseBytes: 4096 });
    for (let i = 0; i < 2; i++) {
      const error = await rejection(t.send(request('DELETE', `${server.base}/crm/v7/Leads?ids=1`)));
      expect(error).toMatchObject({ kind: 'reset', attempts: 1 });
      expect(error.message).toBe(`the answer of ${server.host} (HTTP 200) is larger than 4096 bytes, more than a run reads: it was not read`);
    }
    expect((await t.send(request('GET', server.base))).status).toBe(200);
    expect(server.hits).toHaveLength(3);
    expect(MAX_RESPONSE_BYTES).toBe(50 * 1024 * 1024);
  });

  it('an aborted signal stops before sending, and ends a wait between attempts', async () => {
    const server = await serve(json(429, {}));
    const before = new AbortController();
    before.abort();
    const { transport: t } = transport();
    expect(await rejection(t.send(request('GET', server.base), { signal: before.signal }))).toMatchObject({ kind: 'aborted', attempts: 0 });
    expect(server.hits).toHaveLength(0);

    // A wait after a failure that never reached a server ends as cancelled.
    const port = await deadPort();
    const during = new AbortController();
    const { transport: waiting } = transport({ sleep: () => new Promise(() => during.abort()) });
    const error = await rejection(waiting.send(request('GET', `http://127.0.0.1:${port}/`), { signal: during.signal }));
    expect(error).toMatchObject({ kind: 'aborted', attempts: 0 });
    expect(error.message).toBe(`the request to 127.0.0.1:${port} was cancelled after 1 attempt`);
  });

  it('an abort during the wait a 429 asks for gives that 429: the request was answered, refused unprocessed', async () => {
    const server = await serve(json(429, { code: 'TOO_MANY_REQUESTS' }, { 'retry-after': '7' }));
    const during = new AbortController();
    const { transport: waiting } = transport({ sleep: () => new Promise(() => during.abort()) });
    const answer = await waiting.send(request('DELETE', `${server.base}/crm/v7/Leads?ids=1`), { signal: during.signal });
    expect(answer).toMatchObject({ status: 429, attempts: 1 });
    expect(server.hits).toHaveLength(1);
  });

  it('an abort or the time limit while the credential is being got (a token request) stops the request before it is sent', async () => {
    const server = await serve(json(200, {}));
    for (const which of ['signal', 'deadline'] as const) {
      const controller = new AbortController();
      // The token comes after Ctrl-C (or the time limit) was taken.
      const { transport: t } = transport({ authorize: async () => (controller.abort(), 'Zoho-oauthtoken 1000.x') });
      const error = await rejection(t.send(request('DELETE', `${server.base}/crm/v7/Leads?ids=1`), { [which]: controller.signal }));
      expect(error).toMatchObject({ kind: which === 'signal' ? 'aborted' : 'deadline', attempts: 0 });
    }
    expect(server.hits).toHaveLength(0);
  });

  it('a request already sent completes although the signal is aborted meanwhile', async () => {
    const controller = new AbortController();
    const server = await serve((res) => {
      controller.abort();
      setImmediate(() => json(200, { done: true })(res));
    });
    const { transport: t } = transport();
    expect((await t.send(request('DELETE', server.base), { signal: controller.signal })).status).toBe(200);
  });
});

describe("the run's deadline (its time limit)", () => {
  // Each of these would wait for a request timeout or a Retry-After without the deadline: 5 s is a failure.
  it('ends an attempt the server received and does not answer, at once: kind deadline, not sent again', async () => {
    const deadline = new AbortController();
    // The server has the whole request when it calls this responder, which never answers.
    const server = await serve(() => deadline.abort());
    const { transport: t } = transport({ requestTimeoutMs: 20_000 });
    const error = await rejection(t.send(request('DELETE', `${server.base}/crm/v7/Leads?ids=1`), { deadline: deadline.signal }));
    expect(error).toMatchObject({ kind: 'deadline', attempts: 1 });
    expect(error.message).toBe(`no answer from ${server.host} before the run's time limit; the server may have processed it`);
    expect(error.durationMs).toBeLessThan(2_000);
    expect(server.hits).toHaveLength(1);
  }, 5_000);

  it('ends an attempt still connecting, at once: it was not sent', async () => {
    // A TCP server that never speaks TLS: the https request stays connecting (for the 10 s connect timeout).
    const deadline = new AbortController();
    const sockets = new Set<Socket>();
    const tcp = createTcpServer((socket) => {
      sockets.add(socket);
      deadline.abort();
    });
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    cleanups.push(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => tcp.close(resolve));
    });
    const host = `127.0.0.1:${(tcp.address() as AddressInfo).port}`;
    const t = createTransport({ env: {}, connectTimeoutMs: 10_000 });
    const error = await rejection(t.send(request('DELETE', `https://${host}/crm/v7/Leads?ids=1`), { deadline: deadline.signal }));
    expect(error).toMatchObject({ kind: 'deadline', attempts: 0 });
    expect(error.message).toBe(`the run's time limit passed before the request to ${host} was sent`);
    expect(error.durationMs).toBeLessThan(2_000);
    // Closing does not wait for that connection either (its connect timeout, 10 s, is past this test's 5 s).
    await t.close();
  }, 5_000);

  it('passed before sending: nothing is sent; a deadline not reached changes nothing', async () => {
    const server = await serve(json(200, {}));
    const { transport: t } = transport();
    expect(await rejection(t.send(request('DELETE', server.base), { deadline: AbortSignal.abort() }))).toMatchObject({ kind: 'deadline', attempts: 0 });
    expect(server.hits).toHaveLength(0);
    expect((await t.send(request('GET', server.base), { deadline: new AbortController().signal })).status).toBe(200);
  });

  it('ends the wait a 429 asked for, with that 429 as the answer (the server refused the request unprocessed)', async () => {
    const server = await serve(json(429, { code: 'TOO_MANY_REQUESTS' }, { 'retry-after': '7' }));
    const deadline = new AbortController();
    const { transport: t } = transport({ sleep: () => new Promise(() => deadline.abort()) });
    const answer = await t.send(request('DELETE', `${server.base}/crm/v7/Leads?ids=1`), { deadline: deadline.signal });
    expect(answer).toMatchObject({ status: 429, attempts: 1 });
    expect(server.hits).toHaveLength(1);
  }, 5_000);

  it('ends the backoff after a refused connection: kind deadline, no further attempt', async () => {
    const port = await deadPort();
    const deadline = new AbortController();
    let waits = 0;
    const { transport: t } = transport({ sleep: () => new Promise(() => (waits++, deadline.abort())) });
    const error = await rejection(t.send(request('DELETE', `http://127.0.0.1:${port}/`), { deadline: deadline.signal }));
    expect(error).toMatchObject({ kind: 'deadline', attempts: 0 });
    expect(error.message).toBe(`could not connect to 127.0.0.1:${port} (connection refused); the run's time limit passed before it was tried again`);
    expect(waits).toBe(1);
  }, 5_000);
});

describe('proxies from the environment', () => {
  async function proxy(): Promise<ConnectProxy> {
    const started = await startConnectProxy();
    cleanups.push(() => started.close());
    return started;
  }

  /** The test server under a name of another machine (the proxy takes every tunnel to this one). */
  const elsewhere = (server: { port: number }) => `http://api.proxied.test:${server.port}`;

  it('HTTP_PROXY is used, and NO_PROXY bypasses it', async () => {
    const server = await serve(json(200, {}));
    const { url, tunnels } = await proxy();
    const { transport: through } = transport({ env: { HTTP_PROXY: url } });
    expect((await through.send(request('GET', `${elsewhere(server)}/a`))).status).toBe(200);
    expect(tunnels).toEqual([`api.proxied.test:${server.port}`]);
    // 0.0.0.0 is not taken for this machine's name (a DELETE to it asks for consent), but Linux connects it here.
    const { transport: direct } = transport({ env: { HTTP_PROXY: url, NO_PROXY: '0.0.0.0' } });
    expect((await direct.send(request('GET', `http://0.0.0.0:${server.port}/b`))).status).toBe(200);
    expect(tunnels).toHaveLength(1);
  });

  it('never takes a request to this machine (localhost, 127.x, ::1) through the proxy: it stays here, as a DELETE to it is sent without consent', async () => {
    const server = await serve(json(200, {}));
    const { url, tunnels } = await proxy();
    const { transport: t } = transport({ env: { HTTP_PROXY: url, HTTPS_PROXY: url } });
    for (const base of [server.base, `http://localhost:${server.port}`]) expect((await t.send(request('DELETE', `${base}/crm/v7/Leads?ids=1`))).status).toBe(200);
    expect(tunnels).toEqual([]);
    expect(server.hits).toHaveLength(2);
    expect(proxyHostFor(new URL(`${server.base}/`), { HTTP_PROXY: url })).toBeUndefined();
    expect(proxyHostFor(new URL('http://[::1]:8080/'), { HTTP_PROXY: url })).toBeUndefined();
  });

  it('a proxy that refuses the tunnel (407): the request was never sent, not tried again, and the message says so', async () => {
    const refusing = createTcpServer((socket) => socket.once('data', () => socket.end('HTTP/1.1 407 Proxy Authentication Required\r\ncontent-length: 0\r\n\r\n')));
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => refusing.close(resolve)));
    const server = await serve(json(200, {}));
    const { transport: t, delays } = transport({ env: { HTTP_PROXY: `http://127.0.0.1:${(refusing.address() as AddressInfo).port}` } });
    const failure = await rejection(t.send(request('DELETE', `${elsewhere(server)}/crm/v7/Leads?ids=1`)));
    expect(failure).toMatchObject({ kind: 'connect', attempts: 0 });
    expect(failure.message).toBe(`could not connect to api.proxied.test:${server.port} (the proxy answered 407 to its tunnel request)`);
    expect([server.hits, delays]).toEqual([[], []]);
  });

  it('a proxy that cannot be reached is named in the message, not the host it would have led to', async () => {
    const closed = createTcpServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const server = await serve(json(200, {}));
    const { transport: t } = transport({ env: { HTTP_PROXY: `http://bob:secret@127.0.0.1:${port}` } });
    const failure = await rejection(t.send(request('GET', `${elsewhere(server)}/a`)));
    expect(failure.message).toBe(`could not connect to the proxy 127.0.0.1:${port} on the way to api.proxied.test:${server.port} (connection refused) after 4 attempts`);
    expect(failure.message).not.toContain('secret');
  });

  it('proxyHostFor: the proxy EnvHttpProxyAgent takes for a URL, none where NO_PROXY names its host', () => {
    const env = { HTTPS_PROXY: 'http://p.example:3128', HTTP_PROXY: 'http://q.example:8080', NO_PROXY: '.internal.example, 10.0.0.1:8443' };
    expect(proxyHostFor(new URL('https://www.zohoapis.com/crm'), env)).toBe('p.example:3128');
    expect(proxyHostFor(new URL('http://api.example.com/'), env)).toBe('q.example:8080');
    expect(proxyHostFor(new URL('https://crm.internal.example/'), env)).toBeUndefined();
    expect(proxyHostFor(new URL('https://10.0.0.1:8443/'), env)).toBeUndefined();
    expect(proxyHostFor(new URL('https://10.0.0.1/'), env)).toBe('p.example:3128');
    expect(proxyHostFor(new URL('https://x.example/'), { ...env, NO_PROXY: '*' })).toBeUndefined();
    expect(proxyHostFor(new URL('https://x.example/'), { HTTP_PROXY: 'http://q.example:8080' })).toBe('q.example:8080');
    expect(proxyHostFor(new URL('https://x.example/'), {})).toBeUndefined();
  });

  it('a header value undici cannot send: the request was never sent', async () => {
    const server = await serve(json(200, {}));
    const { transport: t } = transport({ authorize: async () => 'Zoho-oauthtoken 1000.abc\u2713' });
    const failure = await rejection(t.send(request('DELETE', `${server.base}/crm/v7/Leads?ids=1`, { connection: 'crm' })));
    expect(failure).toMatchObject({ kind: 'connect', attempts: 0 });
    expect(failure.message).toMatch(new RegExp(`^the request to ${server.host} could not be sent \\(invalid Authorization header\\)$`));
    expect(server.hits).toEqual([]);
  });
});

describe('retryAfterMs', () => {
  it('reads delta-seconds and HTTP-dates; unreadable values give undefined', () => {
    const now = Date.parse('2024-01-01T00:00:00Z');
    expect(retryAfterMs('0', now)).toBe(0);
    expect(retryAfterMs(' 12 ', now)).toBe(12_000);
    expect(retryAfterMs('Sun, 31 Dec 2023 23:59:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });
});

describe('redaction', () => {
  it('authorization values keep their scheme; other secret headers become ****', () => {
    expect(
      redactHeaders([
        ['Authorization', 'Zoho-oauthtoken 1000.8cb99dxxxxxxxxxxxxx9be93.9b8xxxxxxxxxxxxxxxf'],
        ['authorization', 'Bearer eyJhbGciOi.x.y'],
        ['Authorization', 'Basic dXNlcjpwYXNz'],
        ['Authorization', 'opaque-token'],
        ['Proxy-Authorization', 'Basic abc'],
        ['X-Api-Key', 'k-1'],
        ['Cookie', 'session=1'],
        ['X-Auth-Token', 't'],
        ['Content-Type', 'application/json'],
        ['X-Request-Source', 'deluge-cleanup'],
      ]),
    ).toEqual([
      ['Authorization', 'Zoho-oauthtoken ****'],
      ['authorization', 'Bearer ****'],
      ['Authorization', 'Basic ****'],
      ['Authorization', '****'],
      ['Proxy-Authorization', 'Basic ****'],
      ['X-Api-Key', '****'],
      ['Cookie', '****'],
      ['X-Auth-Token', '****'],
      ['Content-Type', 'application/json'],
      ['X-Request-Source', 'deluge-cleanup'],
    ]);
    expect(redactHeaders([['X-Tenant', 'abc']], ['x-tenant'])).toEqual([['X-Tenant', '****']]);
  });

  it('texts lose known secrets and anything shaped like a credential, and keep prose', () => {
    const token = '1000.0123456789abcdef0123456789abcdef.fedcba9876543210fedcba9876543210';
    expect(redactText(`sent Authorization: Zoho-oauthtoken ${token}`)).toBe('sent Authorization: Zoho-oauthtoken ****');
    expect(redactText(`{"access_token":"${token}","refresh_token":"r-1","api_domain":"https://www.zohoapis.com"}`)).toBe(
      '{"access_token":"****","refresh_token":"****","api_domain":"https://www.zohoapis.com"}',
    );
    expect(redactText('grant_type=refresh_token&client_secret=s3cr3t&client_id=1000.ABC')).toBe('grant_type=refresh_token&client_secret=****&client_id=1000.ABC');
    expect(redactText(`bare ${token} here`)).toBe('bare **** here');
    expect(redactText('key=abcd1234 and abcd1234 again', ['abcd1234'])).toBe('key=**** and **** again');
    expect(redactText('Basic information about the Bearer bond', ['ab'])).toBe('Basic information about the Bearer bond');
  });

  it('a known secret is masked in the forms a server may echo it: URL- and form-encoded, JSON-escaped', () => {
    const secret = 'Sec ret+/Val=ue&"x';
    const echoed = `got ${encodeURIComponent(secret)} / ${new URLSearchParams({ s: secret }).toString().slice(2)} / ${JSON.stringify(secret)}`;
    expect(redactText(echoed, [secret])).toBe('got **** / **** / "****"');
  });

  it('a secret remembered once (a connection resolved, a token received) is masked in every later text', () => {
    const key = `key-${Math.random().toString(36).slice(2)}`;
    expect(redactText(`Invalid API key provided: ${key}`)).toBe(`Invalid API key provided: ${key}`);
    rememberSecret(key);
    expect(redactText(`Invalid API key provided: ${key}`)).toBe('Invalid API key provided: ****');
    expect(redactText(`{"v":"${encodeURIComponent(key)}"}`)).toBe('{"v":"****"}');
  });
});
